import AuthShiftCore
import Foundation

/// Reads every export under the given paths (files, or folders searched recursively).
///
/// Every file is read even after one fails, so one run names every bad file; the caller
/// decides whether partial results may be used (`--keep-going`). Hidden files and
/// folders are listed as skipped rather than silently ignored.
public enum ExportFolderReader {
    public struct Result: Sendable {
        public var snapshot: TenantSnapshot
        public var files: [InspectedFile]
        public var errors: [IngestError] { files.compactMap(\.error) }
    }

    /// Files to read, sorted, each with the path shown to the user.
    public static func listFiles(_ paths: [String]) throws -> [(path: String, display: String)] {
        var found: [(String, String)] = []
        let fm = FileManager.default
        for root in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw IngestError(.missingInput, file: root, "no such file or folder")
            }
            if !isDirectory.boolValue {
                found.append((root, root))
                continue
            }
            guard let walker = fm.enumerator(atPath: root) else {
                throw IngestError(.missingInput, file: root, "folder cannot be read")
            }
            var inFolder: [(String, String)] = []
            while let relative = walker.nextObject() as? String {
                let full = (root as NSString).appendingPathComponent(relative)
                var dir: ObjCBool = false
                _ = fm.fileExists(atPath: full, isDirectory: &dir)
                if dir.boolValue { continue }
                inFolder.append((full, full))
            }
            found += inFolder.sorted { $0.0 < $1.0 }
        }
        return found
    }

    /// `dateOrder` (`--date-order`) settles day/month order where a file's own dates do not.
    /// `signInDetail`: an assessment folds modern sign-ins (`SignInDetail.legacyDetail`).
    public static func read(
        _ paths: [String], progress: ProgressSink? = nil, dateOrder: DayMonthOrder? = nil,
        signInDetail: SignInDetail = .everyGroup
    ) throws -> Result {
        var snapshot = TenantSnapshot()
        var files: [InspectedFile] = []
        for (path, display) in try listFiles(paths) {
            let name = (path as NSString).lastPathComponent
            if isHidden(path) {
                var skipped = InspectedFile(path: display, format: "")
                skipped.unrecognizedReason = "hidden file, skipped"
                files.append(skipped)
                continue
            }
            if let reason = skipReason(name) {
                var skipped = InspectedFile(path: display, format: "")
                skipped.unrecognizedReason = reason
                files.append(skipped)
                continue
            }
            var tuning = ExportFileReader.Tuning.default
            tuning.signInDetail = signInDetail
            let result = ExportFileReader.read(path: path, displayPath: display, progress: progress, tuning: tuning, dateOrder: dateOrder)
            if let s = result.snapshot { snapshot.merge(s) }
            files.append(result.file)
        }
        return Result(snapshot: snapshot, files: files)
    }

    public static func isHidden(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix(".") && $0 != "." && $0 != ".." }
    }

    /// Files that belong in an exports folder but are not exports: documentation, and
    /// what authshift itself writes there for the admins to fill in.
    public static func skipReason(_ name: String) -> String? {
        if name.lowercased().hasPrefix("readme") { return "documentation, skipped" }
        if name == "inventory-todo.csv" { return "written by authshift assess for the admins to fill in, skipped" }
        return nil
    }
}
