import Dispatch
import Foundation
import Ingest

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

    /// (absolute path, path shown relative to its scan root) for every scannable file.
    public static func files(under roots: [String]) throws -> [(path: String, display: String)] {
        var found: [(String, String)] = []
        let fm = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw IngestError(.missingInput, file: root, "no such file or folder")
            }
            if !isDirectory.boolValue {
                if SourceLanguage.of(fileName: (root as NSString).lastPathComponent) != nil { found.append((root, (root as NSString).lastPathComponent)) }
                continue
            }
            let rootURL = URL(fileURLWithPath: root)
            guard let walker = fm.enumerator(at: rootURL, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: []) else { continue }
            var inRoot: [(String, String)] = []
            while let url = walker.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                if values?.isDirectory == true {
                    if skippedFolders.contains(url.lastPathComponent) || values?.isSymbolicLink == true { walker.skipDescendants() }
                    continue
                }
                if values?.isSymbolicLink == true {
                    var dir: ObjCBool = false
                    if fm.fileExists(atPath: url.path, isDirectory: &dir), dir.boolValue { continue }
                }
                guard SourceLanguage.of(fileName: url.lastPathComponent) != nil else { continue }
                let relative = String(url.path.dropFirst(rootURL.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                inRoot.append((url.path, relative))
            }
            found += inRoot.sorted { $0.1 < $1.1 }
        }
        return found
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
        guard let source = try? UTF8ChunkSource(path: path) else { return (0, [], "\(display): cannot be read") }
        if source.totalBytes > Int64(maximumFileBytes) { return (0, [], "\(display): larger than \(maximumFileBytes >> 20) MiB, skipped") }
        guard let bytes = try? source.readAll() else { return (0, [], "\(display): cannot be read") }
        if source.encoding == .utf8 && bytes.prefix(8192).contains(0) { return (0, [], nil) } // binary
        if language == .powershell {
            return (1, PowerShellScanner.scan(bytes: bytes, file: display), nil)
        }
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
