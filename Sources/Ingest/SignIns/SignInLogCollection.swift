import AuthShiftCore
import Foundation

/// Reads the sign-in logs among the paths `signins summarize` is given, in constant memory. A
/// folder is a mix of downloads: its sign-in logs are summarised and every other file is listed
/// as skipped (with why). A file named directly must be a sign-in log: anything else is an
/// error, as is a sign-in log that cannot be read. The caller decides what the errors mean
/// (`--keep-going`) and prints the warnings and skipped files.
public struct SignInLogCollection: Sendable {
    public struct Skipped: Sendable, Equatable {
        public var file: String
        public var why: String
    }

    public var summary = SignInSummary()
    /// How many sign-in logs were read.
    public var signInLogs = 0
    public var skipped: [Skipped] = []
    public var errors: [IngestError] = []
    /// `path: warning` for each warning of a sign-in log that was read.
    public var warnings: [String] = []

    /// Throws only when a path cannot be listed (it does not exist or cannot be opened).
    public static func read(_ paths: [String], progress: ProgressSink? = nil, dateOrder: DayMonthOrder? = nil) throws(IngestError)
        -> SignInLogCollection
    {
        var collection = SignInLogCollection()
        for root in paths {
            var isDirectory: ObjCBool = false
            let inFolder = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
            let (files, passedOver) = try ExportFolderReader.listing([root])
            for (display, entry) in passedOver {
                let file = ExportFolderReader.inspected(passedOver: entry, display: display)
                if let error = file.error { collection.errors.append(error) }
                if let why = file.unrecognizedReason { collection.skipped.append(Skipped(file: display, why: why)) }
            }
            for (path, display) in files {
                collection.add(path: path, display: display, root: root, inFolder: inFolder, progress: progress, dateOrder: dateOrder)
            }
        }
        return collection
    }

    private static let onlySignInLogs: @Sendable (ExportKind) -> Bool = { $0.isSignInLog }

    private mutating func add(
        path: String, display: String, root: String, inFolder: Bool, progress: ProgressSink?, dateOrder: DayMonthOrder?
    ) {
        if inFolder {
            if ExportFolderReader.isHidden(String(path.dropFirst(root.count))) {
                skipped.append(Skipped(file: display, why: "hidden file"))
                return
            }
            if let reason = ExportFolderReader.skipReason((path as NSString).lastPathComponent) {
                skipped.append(Skipped(file: display, why: reason.replacingOccurrences(of: ", skipped", with: "")))
                return
            }
        }
        // Other exports in a folder are recognised, not read.
        let result = ExportFileReader.read(
            path: path, displayPath: display, progress: progress, dateOrder: dateOrder, wanted: inFolder ? Self.onlySignInLogs : nil)
        let kind = result.file.kind
        if let error = result.file.error {
            // A bad file that is (or may be) a sign-in log is an error; a bad export of another
            // kind in a folder is only skipped.
            if inFolder, let kind, !kind.isSignInLog {
                skipped.append(Skipped(file: display, why: "\(kind.title) export, not read: \(error.message)"))
            } else {
                errors.append(error)
            }
            return
        }
        guard let kind, kind.isSignInLog, let snapshot = result.snapshot else {
            let what = kind.map { "\($0.title) export" } ?? (result.file.unrecognizedReason ?? "not recognised")
            if inFolder {
                skipped.append(Skipped(file: display, why: what))
            } else {
                errors.append(IngestError(.unrecognized, file: display, "not a sign-in log (\(what))"))
            }
            return
        }
        warnings += result.file.warnings.map { "\(display): \($0)" }
        summary.merge(snapshot.signIns)
        signInLogs += 1
    }
}
