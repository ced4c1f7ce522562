import Dispatch
import Foundation
import Ingest
#if canImport(Glibc)
import Glibc
#endif

/// Scans files and folders: every PowerShell, application-code and configuration file,
/// in parallel, skipping binary files, `.git` and build folders, and never following a
/// symbolic link to a folder (so link loops cannot trap it).
public enum TreeScanner {
    public struct Result: Sendable {
        public var filesScanned: Int
        public var findings: [Finding]
        /// Files that could not be read, with the reason.
        public var skipped: [String]
    }

    /// Folder names never entered.
    public static let skippedFolders: Set<String> = [".git", ".svn", ".hg", ".build", "build", "node_modules", "bin", "obj", "dist", "target", "out", ".venv", "__pycache__"]
    /// Larger files are skipped (generated or data, not scripts).
    public static let maximumFileBytes = 16 << 20

    /// (path, path shown relative to its scan root) for every scannable file, sorted per root.
    public static func files(under roots: [String]) throws -> [(path: String, display: String)] {
        var found: [(String, String)] = []
        for root in roots {
            var info = stat()
            guard stat(root, &info) == 0 else { throw IngestError(.missingInput, file: root, "no such file or folder") }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                let name = (root as NSString).lastPathComponent
                if SourceLanguage.of(fileName: name) != nil { found.append((root, name)) }
                continue
            }
            var inRoot: [(String, String)] = []
            walk(root.hasSuffix("/") ? String(root.dropLast()) : root, relative: "", into: &inRoot)
            found += inRoot.sorted { $0.1 < $1.1 }
        }
        return found
    }

    /// Reads folders with readdir(3) and its d_type, which is many times faster than
    /// FileManager's enumerator on Linux. Links to folders are never entered.
    static func walk(_ dir: String, relative: String, into found: inout [(String, String)]) {
        guard let handle = opendir(dir) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name == "." || name == ".." { continue }
            let path = dir + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let mode = info.st_mode & S_IFMT
                type = mode == S_IFDIR ? UInt8(DT_DIR) : (mode == S_IFLNK ? UInt8(DT_LNK) : UInt8(DT_REG))
            }
            if type == UInt8(DT_DIR) {
                if !skippedFolders.contains(name) { walk(path, relative: rel, into: &found) }
            } else if type == UInt8(DT_REG) || type == UInt8(DT_LNK) {
                if type == UInt8(DT_LNK) {
                    var info = stat()
                    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                }
                if SourceLanguage.of(fileName: name) != nil { found.append((path, rel)) }
            }
        }
    }

    public static func scan(_ roots: [String], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Result {
        let list = try files(under: roots)
        let results = UnsafeMutableBufferPointer<(Int, [Finding], String?)>.allocate(capacity: list.count)
        results.initialize(repeating: (0, [], nil))
        defer { results.deallocate() }
        let box = ResultsBox(results)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, list.count))) { worker in
            var i = worker
            while i < list.count {
                box.results[i] = scanFile(path: list[i].path, display: list[i].display)
                i += max(1, min(threads, list.count))
            }
        }
        var findings: [Finding] = []
        var scanned = 0
        var skipped: [String] = []
        for (n, f, skip) in results {
            scanned += n
            findings += f
            if let skip { skipped.append(skip) }
        }
        return Result(filesScanned: scanned, findings: findings, skipped: skipped)
    }

    /// (1 if scanned else 0, findings, reason skipped).
    static func scanFile(path: String, display: String) -> (Int, [Finding], String?) {
        guard let language = SourceLanguage.of(fileName: (path as NSString).lastPathComponent) else { return (0, [], nil) }
        let bytes: [UInt8]
        switch FileBytes.read(path: path, limit: maximumFileBytes) {
        case .text(let b): bytes = b
        case .binary: return (0, [], nil)
        case .tooLarge: return (0, [], "\(display): larger than \(maximumFileBytes >> 20) MiB, skipped")
        case .unreadable: return (0, [], "\(display): cannot be read")
        }
        if language == .powershell {
            guard Prefilter.mayMatch(bytes, words: Prefilter.powershellWords) else { return (1, [], nil) }
            return (1, PowerShellScanner.scan(bytes: bytes, file: display), nil)
        }
        guard Prefilter.mayMatch(bytes, words: language == .xmlConfig ? Prefilter.xmlConfigWords : Prefilter.hostWords) else { return (1, [], nil) }
        var findings: [Finding] = []
        for rule in BuiltInScanRules.fileRules {
            for (line, hit) in rule.check(bytes: bytes, language: language) {
                findings.append(Finding(rule: rule.id, file: display, line: line, column: 1, endLine: line, severity: hit.severity,
                                        message: hit.message, replacement: hit.replacement))
            }
        }
        return (1, findings, nil)
    }
}

/// Each worker writes only its own indexes; read after all finish.
private final class ResultsBox: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<(Int, [Finding], String?)>
    init(_ results: UnsafeMutableBufferPointer<(Int, [Finding], String?)>) { self.results = results }
}
