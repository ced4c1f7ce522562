import AuthShiftCore
import NIOPosix
import Workspace

/// The dashboard's way into the workspace: every store call runs on NIO's blocking thread pool
/// (SQLite reads block), and the latest register of each tenant is kept in memory by run id,
/// because the exceptions, rings, automation and scripts pages read from it and a register
/// with 100,000 mailboxes takes a moment to decode.
public final class WorkspaceReader: Sendable {
    public let store: any WorkspaceStore
    private let cache = RegisterCache()

    public init(store: any WorkspaceStore) {
        self.store = store
    }

    /// Runs `body` with the store off the event loop.
    func run<T: Sendable>(_ body: @escaping @Sendable (any WorkspaceStore) throws -> T) async throws -> T {
        let store = self.store
        return try await NIOThreadPool.singleton.runIfActive { try body(store) }
    }

    /// The latest run's register of each tenant (or of `tenant`), by tenant name.
    func latestRegisters(tenant: String?) async throws -> [(tenant: String, run: Int64, register: Register)] {
        let runs = try await run { try $0.runs(tenant: tenant) }
        var latest: [String: RunSummary] = [:]
        for r in runs where latest[r.tenant].map({ ($0.asOf, $0.id) < (r.asOf, r.id) }) ?? true { latest[r.tenant] = r }
        var out: [(String, Int64, Register)] = []
        for name in latest.keys.sorted() {
            let id = latest[name]!.id
            if let cached = await cache.get(id) {
                out.append((name, id, cached))
            } else {
                let register = try await run { try $0.register(run: id) }
                await cache.put(id, register)
                out.append((name, id, register))
            }
        }
        return out
    }
}

/// Registers by run id; a stored run never changes, so entries never go stale. Holds the few
/// most recently used.
actor RegisterCache {
    private var entries: [(Int64, Register)] = []
    private let capacity = 8

    func get(_ id: Int64) -> Register? { entries.first { $0.0 == id }?.1 }

    func put(_ id: Int64, _ register: Register) {
        entries.removeAll { $0.0 == id }
        entries.insert((id, register), at: 0)
        if entries.count > capacity { entries.removeLast() }
    }
}
