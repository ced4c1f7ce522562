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

    /// How an exports folder is walked: hidden files are listed so `read` can name them as
    /// skipped, and linked folders are not followed (they are named as passed over instead).
    static let walker = FolderWalker(hidden: .include, linkedFolders: .skip)

    /// Files to read, sorted, each with the path shown to the user.
    public static func listFiles(_ paths: [String]) throws(IngestError) -> [(path: String, display: String)] {
        try listing(paths).files
    }

    /// Files to read, sorted per folder, each with the path shown to the user, and what the walk
    /// passed over (folders that cannot be read, links to nothing, linked folders). A folder
    /// given that does not exist or cannot be opened is an error.
    public static func listing(_ paths: [String]) throws(IngestError) -> (
        files: [(path: String, display: String)], passedOver: [(display: String, entry: FolderWalker.PassedOver)]
    ) {
        var found: [(String, String)] = []
        var passedOver: [(String, FolderWalker.PassedOver)] = []
        for root in paths {
            guard let isFolder = FolderWalker.isFolder(root) else { throw IngestError(.missingInput, file: root, "no such file or folder") }
            if !isFolder {
                found.append((root, root))
                continue
            }
            let listing = walker.list(root)
            let base = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
            for entry in listing.passedOver {
                if entry.relative.isEmpty, case .unreadableFolder(let why) = entry.reason {
                    throw IngestError(.missingInput, file: root, "folder cannot be read (\(why))")
                }
                passedOver.append((base + "/" + entry.relative, entry))
            }
            found += listing.files.map { (base + "/" + $0.relative, base + "/" + $0.relative) }
        }
        return (found, passedOver)
    }

    /// `dateOrder` (`--date-order`) settles day/month order where a file's own dates do not.
    /// `signInDetail`: an assessment folds modern sign-ins (`SignInDetail.legacyDetail`).
    public static func read(
        _ paths: [String], progress: ProgressSink? = nil, dateOrder: DayMonthOrder? = nil,
        signInDetail: SignInDetail = .everyGroup
    ) throws -> Result {
        var snapshot = TenantSnapshot()
        var files: [InspectedFile] = []
        let (listed, passedOver) = try listing(paths)
        for (display, entry) in passedOver { files.append(inspected(passedOver: entry, display: display)) }
        for (path, display) in listed {
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

    /// A folder that cannot be read is an error (its exports are missing from the assessment);
    /// a link to nothing or a linked folder is named as skipped.
    static func inspected(passedOver entry: FolderWalker.PassedOver, display: String) -> InspectedFile {
        var file = InspectedFile(path: display, format: "")
        if case .unreadableFolder = entry.reason {
            file.error = IngestError(.missingInput, file: display, entry.explanation)
        } else {
            file.unrecognizedReason = entry.explanation
        }
        return file
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
