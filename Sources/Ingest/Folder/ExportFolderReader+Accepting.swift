import AuthShiftCore
import Foundation

extension ExportFolderReader {
    /// What a selective read found besides the files it used.
    public struct Selection: Sendable {
        /// Files in a folder that were not used, with why (hidden, documentation, another export).
        public var skipped: [(file: String, why: String)] = []
        /// Files that could not be read, or a file named on the command line that is not accepted.
        public var errors: [IngestError] = []
        /// How many accepted files were read.
        public var used = 0
    }

    /// Reads only the exports of the kinds `accepting` takes, handing each one read to `use`
    /// (one at a time, so a large set of sign-in logs is never held at once). A folder is a mix
    /// of downloads: its accepted exports are used, the rest are listed as skipped (other
    /// exports are recognised, not read). A file named on its own must be accepted, or it is an
    /// error naming what it is instead.
    ///
    /// - Parameters:
    ///   - noun: what an accepted file is, for that error (`a sign-in log`).
    /// - Throws: `IngestError` (missing input) when a path does not exist or cannot be listed.
    public static func read(_ paths: [String], accepting: @escaping @Sendable (ExportKind) -> Bool, noun: String,
                            progress: ProgressSink? = nil, dateOrder: DayMonthOrder? = nil,
                            use: (InspectedFile, TenantSnapshot) throws -> Void) throws -> Selection {
        var selection = Selection()
        for root in paths {
            var isDirectory: ObjCBool = false
            let inFolder = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
            for (path, display) in try listFiles([root]) {
                if inFolder {
                    if isHidden(String(path.dropFirst(root.count))) {
                        selection.skipped.append((display, "hidden file"))
                        continue
                    }
                    if let reason = skipReason((path as NSString).lastPathComponent) {
                        selection.skipped.append((display, reason.replacingOccurrences(of: ", skipped", with: "")))
                        continue
                    }
                }
                let result = ExportFileReader.read(path: path, displayPath: display, progress: progress, dateOrder: dateOrder,
                                                   wanted: inFolder ? accepting : nil)
                let kind = result.file.kind
                if let error = result.file.error {
                    // A bad file that is (or may be) accepted is an error; a bad export of another
                    // kind in a folder is only skipped.
                    if inFolder, let kind, !accepting(kind) {
                        selection.skipped.append((display, "\(kind.title) export, not read: \(error.message)"))
                    } else {
                        selection.errors.append(error)
                    }
                    continue
                }
                guard let kind, accepting(kind), let snapshot = result.snapshot else {
                    let what = kind.map { "\($0.title) export" } ?? (result.file.unrecognizedReason ?? "not recognised")
                    if inFolder {
                        selection.skipped.append((display, what))
                    } else {
                        selection.errors.append(IngestError(.unrecognized, file: display, "not \(noun) (\(what))"))
                    }
                    continue
                }
                try use(result.file, snapshot)
                selection.used += 1
            }
        }
        return selection
    }
}
