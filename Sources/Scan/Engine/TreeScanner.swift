import AuthShiftCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scans files and folders: every PowerShell, application-code and configuration file,
/// in parallel, skipping binary files, `.git` and build folders, and never following a
/// symbolic link to a folder (so link loops cannot trap it; `walker`). Both cores stay busy: workers
/// take the next file from a shared counter, so a few large files do not leave one idle, and
/// each worker reuses one read buffer.
public enum TreeScanner {
    public struct Result: Sendable {
        public var filesScanned: Int
        public var findings: [Finding]
        /// Files that could not be read, with the reason.
        public var skipped: [String]
    }

    /// Folder names never entered.
    public static let skippedFolders: Set<String> = [
        ".git", ".svn", ".hg", ".build", "build", "node_modules", "bin", "obj", "dist", "target", "out", ".venv", "__pycache__",
    ]
    /// Larger files are skipped (generated or data, not scripts).
    public static let maximumFileBytes = 16 << 20

    /// How a tree is walked (`FolderWalker`): hidden files are scanned (`.profile.ps1` is a
    /// script too), the folders above are not entered, and links to folders are not followed
    /// (a share's links lead anywhere, loops included); linked folders and folders that cannot
    /// be read are reported.
    static let walker = FolderWalker(hidden: .include, linkedFolders: .skip, skippedFolderNames: skippedFolders)

    /// (path, path shown relative to its scan root) for every scannable file, sorted per root.
    public static func files(under roots: [String]) throws -> [(path: String, display: String)] {
        try listing(under: roots).files
    }

    /// The scannable files, and a line for each entry the walk passed over.
    static func listing(under roots: [String]) throws -> (files: [(path: String, display: String)], passedOver: [String]) {
        var found: [(String, String)] = []
        var passedOver: [String] = []
        for root in roots {
            guard let isFolder = FolderWalker.isFolder(root) else { throw ScanError(.missingInput, path: root, "no such file or folder") }
            if !isFolder {
                let name = (root as NSString).lastPathComponent
                if SourceLanguage.of(fileName: name) != nil { found.append((root, name)) }
                continue
            }
            let listing = walker.list(root)
            passedOver += listing.passedOver.map { $0.message(display: $0.relative.isEmpty ? root : $0.relative) }
            for file in listing.files where SourceLanguage.of(fileName: fileName(file.relative)) != nil {
                found.append((file.path, file.relative))
            }
        }
        return (found, passedOver)
    }

    public static func scan(_ roots: [String], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Result {
        let (list, passedOver) = try listing(under: roots)
        let results = UnsafeMutableBufferPointer<(Int, [Finding], String?)>.allocate(capacity: list.count)
        results.initialize(repeating: (0, [], nil))
        defer { results.deallocate() }
        let box = ResultsBox(results)
        let workers = max(1, min(threads, list.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var buffer: [UInt8] = []
            while let range = box.nextBatch(of: list.count) {
                for i in range { box.results[i] = scanFile(path: list[i].path, display: list[i].display, buffer: &buffer) }
            }
        }
        var findings: [Finding] = []
        var scanned = 0
        var skipped = passedOver
        for (n, f, skip) in results {
            scanned += n
            findings += f
            if let skip { skipped.append(skip) }
        }
        return Result(filesScanned: scanned, findings: findings, skipped: skipped)
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[path.utf8.index(after: $0)...]) } ?? path
    }

    /// (1 if scanned else 0, findings, reason skipped).
    static func scanFile(path: String, display: String, buffer: inout [UInt8]) -> (Int, [Finding], String?) {
        guard let language = SourceLanguage.of(fileName: fileName(path)) else { return (0, [], nil) }
        switch FileBytes.read(path: path, limit: maximumFileBytes, into: &buffer) {
        case .text: break
        case .binary: return (0, [], nil)
        case .tooLarge: return (0, [], "\(display): larger than \(maximumFileBytes >> 20) MiB, skipped")
        case .unreadable: return (0, [], "\(display): cannot be read")
        }
        if language == .powershell {
            guard Prefilter.powershell.matchesAny(buffer) else { return (1, [], nil) }
            return (1, PowerShellScanner.scan(bytes: buffer, file: display), nil)
        }
        guard (language == .xmlConfig ? Prefilter.xmlConfig : Prefilter.host).matchesAny(buffer) else { return (1, [], nil) }
        var findings: [Finding] = []
        for rule in BuiltInScanRules.fileRules {
            for (line, hit) in rule.check(bytes: buffer, language: language) {
                findings.append(
                    Finding(
                        rule: rule.id, file: display, line: line, column: 1, endLine: line, severity: hit.severity,
                        message: hit.message, replacement: hit.replacement))
            }
        }
        return (1, findings, nil)
    }
}

/// Hands out batches of file indexes under a lock; each worker writes only the indexes it was
/// given, and the results are read after all finish.
private final class ResultsBox: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<(Int, [Finding], String?)>
    private let lock = NSLock()
    private var next = 0
    /// Small enough that the last batches even out, large enough that the lock costs nothing.
    private let batch = 16

    init(_ results: UnsafeMutableBufferPointer<(Int, [Finding], String?)>) { self.results = results }

    func nextBatch(of count: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let start = next
        next = min(count, next + batch)
        return start..<next
    }
}
