/// Why a collection stopped, in words an admin can act on. Never carries a token or secret.
public enum CollectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No token: the identity platform refused or could not be reached (the OAuth module's words).
    case token(String)
    /// Graph answered 403: the app lacks an application permission (named) or admin consent.
    case permissionMissing(dataset: String, permission: String, detail: String)
    /// Graph answered 401 even with a fresh token.
    case unauthorized(dataset: String, detail: String)
    /// An answer that is neither data nor a retryable error.
    case httpStatus(dataset: String, page: Int, status: Int, detail: String)
    /// A page that is not a Graph JSON page; nothing of it was written.
    case malformedPage(dataset: String, page: Int, url: String, reason: String)
    /// `@odata.nextLink` pointed back at a page already read.
    case pagingLoop(dataset: String, page: Int, url: String)
    /// Throttling or outages outlasted the retry budget.
    case retriesExhausted(dataset: String, page: Int, attempts: Int, waitedSeconds: Double, lastStatus: Int)
    /// The connection failed (DNS, TCP, TLS, proxy, timeout).
    case unreachable(dataset: String, url: String, reason: String)
    /// The output folder or the checkpoint could not be written or read.
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case .token(let text): return text
        case .permissionMissing(let dataset, let permission, let detail):
            return "\(dataset): Graph refused (403): the app needs the application permission \(permission) with admin consent"
                + (detail.isEmpty ? "" : " (\(detail))")
        case .unauthorized(let dataset, let detail): return "\(dataset): Graph refused the token (401) even after renewing it: \(detail)"
        case .httpStatus(let dataset, let page, let status, let detail):
            return "\(dataset) page \(page): HTTP \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        case .malformedPage(let dataset, let page, let url, let reason):
            return "\(dataset) page \(page) (\(url)): not a Graph JSON page (\(reason)); nothing of it was written"
        case .pagingLoop(let dataset, let page, let url):
            return "\(dataset) page \(page): @odata.nextLink \(url) was already read in this collection (a paging loop); stopped"
        case .retriesExhausted(let dataset, let page, let attempts, let waited, let status):
            return
                "\(dataset) page \(page): still HTTP \(status) after \(attempts) attempts and \(Int(waited)) s of waiting; run the same command again later to resume"
        case .unreachable(let dataset, let url, let reason): return "\(dataset): could not reach \(url): \(reason)"
        case .output(let path, let reason): return "\(path): \(reason)"
        }
    }
}
