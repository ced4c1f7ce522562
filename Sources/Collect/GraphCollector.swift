import AuthShiftCore
import Foundation

/// `collect graph`: reads each dataset page by page and writes the pages into the output folder
/// as Graph returned them (the Graph JSON page format `assess` reads), resumable from the
/// checkpoint beside them.
public struct GraphCollector: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var dataset: String
        public var pages: Int
        public var items: Int
        /// Continued from an earlier run's checkpoint.
        public var resumed: Bool
        /// Finished by an earlier run; nothing fetched this time.
        public var alreadyDone: Bool

        public init(dataset: String, pages: Int, items: Int, resumed: Bool, alreadyDone: Bool) {
            self.dataset = dataset
            self.pages = pages
            self.items = items
            self.resumed = resumed
            self.alreadyDone = alreadyDone
        }
    }

    public var client: GraphClient
    /// `https://graph.microsoft.com` (or a national cloud, or a loopback stand-in in tests).
    public var baseURL: String
    public var folder: String

    public init(client: GraphClient, baseURL: String = "https://graph.microsoft.com", folder: String) {
        self.client = client
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.folder = folder
    }

    /// The start of the sign-in window: the checkpoint's when resuming, else `days` before `now`.
    public func since(days: Int, now: Date = Date()) throws(CollectError) -> Date {
        if let checkpoint = try CollectionCheckpoint.load(from: folder), let date = Self.parse(checkpoint.since) { return date }
        return now.addingTimeInterval(-Double(days) * 86_400)
    }

    public func run(since: Date, datasets: [GraphDataset], progress: CollectProgress? = nil) async throws(CollectError) -> [Outcome] {
        try prepareFolder(datasets)
        var checkpoint = try CollectionCheckpoint.load(from: folder) ?? CollectionCheckpoint(since: Self.format(since))
        try checkpoint.save(in: folder)
        var outcomes: [Outcome] = []
        for dataset in datasets {
            let before = checkpoint.datasets[dataset.name] ?? .init()
            if before.done {
                outcomes.append(
                    Outcome(dataset: dataset.name, pages: before.pagesWritten, items: before.items, resumed: true, alreadyDone: true))
                continue
            }
            let resumed = before.pagesWritten > 0
            let after = try await collect(dataset, from: before, checkpoint: &checkpoint, progress: progress)
            progress?.finished(dataset: dataset.name, pages: after.pagesWritten, items: after.items, resumed: resumed)
            outcomes.append(
                Outcome(dataset: dataset.name, pages: after.pagesWritten, items: after.items, resumed: resumed, alreadyDone: false))
        }
        return outcomes
    }

    /// The file a page is written to: NAME-page001.json (the PowerShell collector's names), or
    /// NAME.json for a single object.
    public static func fileName(_ dataset: GraphDataset, page: Int) -> String {
        dataset.paged ? "\(dataset.name)-page\(page.zeroPadded(3)).json" : "\(dataset.name).json"
    }

    private func collect(
        _ dataset: GraphDataset, from start: CollectionCheckpoint.Progress,
        checkpoint: inout CollectionCheckpoint, progress: CollectProgress?
    ) async throws(CollectError) -> CollectionCheckpoint.Progress {
        var state = start
        var url = state.next ?? baseURL + "/" + dataset.path
        while true {
            let number = state.pagesWritten + 1
            let answer = try await client.get(url, dataset: dataset.name, page: number, permission: dataset.permission) { status, seconds in
                progress?.waiting(dataset: dataset.name, status: status, seconds: seconds)
            }
            let page: GraphPage
            do { page = try GraphPage(answer.body, paged: dataset.paged, requestURL: url) } catch {
                throw .malformedPage(dataset: dataset.name, page: number, url: url, reason: error.reason)
            }
            let fingerprint = CollectionCheckpoint.fingerprint(url)
            if let next = page.nextLink {
                let nextPrint = CollectionCheckpoint.fingerprint(next)
                if nextPrint == fingerprint || state.seen.contains(nextPrint) {
                    throw .pagingLoop(dataset: dataset.name, page: number + 1, url: next)
                }
            }
            try AtomicFile.write(answer.body, to: (folder as NSString).appendingPathComponent(Self.fileName(dataset, page: number)))
            state.pagesWritten = number
            state.items += page.items
            state.seen.append(fingerprint)
            state.next = page.nextLink
            state.done = page.nextLink == nil
            checkpoint.datasets[dataset.name] = state
            try checkpoint.save(in: folder)
            progress?.pageWritten(dataset: dataset.name, page: number, items: state.items)
            guard let next = page.nextLink else { return state }
            url = next
        }
    }

    /// Creates the folder; refuses one holding pages of these datasets without a checkpoint
    /// (an earlier collection whose pages a new one would mix with).
    private func prepareFolder(_ datasets: [GraphDataset]) throws(CollectError) {
        let manager = FileManager.default
        do { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .output(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        guard !manager.fileExists(atPath: CollectionCheckpoint.path(in: folder)) else { return }
        let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        if let stray = names.sorted().first(where: { name in
            datasets.contains { name.hasPrefix($0.name + "-page") || name == $0.name + ".json" }
        }) {
            throw .output(
                path: (folder as NSString).appendingPathComponent(stray),
                reason: "the folder holds pages of an earlier collection but no checkpoint; collect into a new folder")
        }
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
