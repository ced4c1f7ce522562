import AuthShiftCore
import Crypto
import Foundation

/// What a collection has written so far, kept in the output folder so a rerun resumes.
///
/// A page is written (atomically) before the checkpoint moves past it, so a run killed between
/// the two fetches that page again and writes it under the same name: a page is never
/// duplicated and never half written. The file starts with a dot, which `assess` skips.
public struct CollectionCheckpoint: Codable, Sendable, Equatable {
    public struct Progress: Codable, Sendable, Equatable {
        /// Pages written and confirmed.
        public var pagesWritten: Int = 0
        /// Items in those pages.
        public var items: Int = 0
        /// The next page to fetch; nil before the first page and once done.
        public var next: String?
        public var done = false
        /// SHA-256 of every page URL fetched, to recognise a `@odata.nextLink` loop.
        public var seen: [String] = []

        public init() {}
    }

    public static let fileName = ".authshift-collect-checkpoint.json"
    public static let currentVersion = 1

    public var version = currentVersion
    /// The start of the sign-in window, fixed at the first run (ISO 8601).
    public var since: String
    public var datasets: [String: Progress] = [:]

    public init(since: String) { self.since = since }

    public static func path(in folder: String) -> String { (folder as NSString).appendingPathComponent(fileName) }

    /// The checkpoint in `folder`, or nil when there is none.
    public static func load(from folder: String) throws(CollectError) -> CollectionCheckpoint? {
        let path = path(in: folder)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let checkpoint = try JSONDecoder().decode(CollectionCheckpoint.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            guard checkpoint.version == currentVersion else {
                throw CollectError.output(
                    path: path,
                    reason:
                        "a checkpoint of version \(checkpoint.version); this authshift writes version \(currentVersion): collect into a new folder"
                )
            }
            return checkpoint
        } catch let error as CollectError {
            throw error
        } catch {
            throw .output(path: path, reason: "the checkpoint cannot be read (\(error)); collect into a new folder")
        }
    }

    public func save(in folder: String) throws(CollectError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw .output(path: Self.path(in: folder), reason: "\(error)") }
        try AtomicFile.write([UInt8](data), to: Self.path(in: folder))
    }

    static func fingerprint(_ url: String) -> String {
        SHA256.hash(data: Array(url.utf8)).map { $0.zeroPadded(2, radix: 16, uppercase: false) }.joined()
    }
}
