import Foundation
import OAuth
import Transport

/// GETs one Graph (or Log Analytics) resource with the app-only token: retries throttling and
/// transient outages per `RetryPolicy`, renews the token once when it is refused (401), and turns
/// 403 into the name of the missing application permission.
public struct GraphClient: Sendable {
    /// One successful answer.
    public struct Page: Sendable {
        public var body: [UInt8]
        /// Attempts it took (1 when nothing was retried).
        public var attempts: Int
    }

    /// What the client reports while it waits, for a progress line.
    public typealias WaitObserver = @Sendable (_ status: Int, _ seconds: Double) -> Void

    /// Largest answer kept in memory: Graph pages of sign-ins run to a few megabytes, a Log
    /// Analytics result is capped by the service (docs/collect.md); beyond this the answer is refused.
    public static let maximumPageBytes = 128 << 20

    public var http: HTTPSPost
    public var tokens: TokenProvider
    public var retry: RetryPolicy
    public var sleep: @Sendable (Double) async throws -> Void

    public init(
        http: HTTPSPost, tokens: TokenProvider, retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) {
        self.http = http
        self.tokens = tokens
        self.retry = retry
        self.sleep = sleep
    }

    /// GETs `url`; `dataset`, `page` and `permission` only shape the error messages.
    public func get(
        _ url: String, dataset: String, page: Int, permission: String,
        extraHeaders: [(String, String)] = [], onWait: WaitObserver? = nil
    ) async throws(CollectError) -> Page {
        var attempts = 0
        var waited = 0.0
        var renewed = false
        var token = try await tokens.token()
        while true {
            attempts += 1
            let response: HTTPSPost.Response
            do {
                response = try await http.get(
                    url: url, headers: [("Authorization", "Bearer " + token.reveal()), ("Accept", "application/json")] + extraHeaders,
                    responseLimit: Self.maximumPageBytes)
            } catch {
                // A dropped connection is as transient as a 503; a bad URL is not.
                switch error {
                case .invalidURL, .plainHTTPNotLoopback:
                    throw .unreachable(
                        dataset: dataset, url: url,
                        reason: "authshift only sends a token over https (plain http for loopback test servers only)")
                case .responseTooLarge(let limit):
                    throw .malformedPage(dataset: dataset, page: page, url: url, reason: "the answer is larger than \(limit >> 20) MiB")
                case .timedOut, .connection:
                    let reason = { if case .connection(let text) = error { return text } else { return "timed out" } }()
                    guard attempts < retry.maximumAttempts else { throw .unreachable(dataset: dataset, url: url, reason: reason) }
                    let delay = retry.delay(attempt: attempts, retryAfter: nil)
                    guard waited + delay <= retry.maximumTotalWait else { throw .unreachable(dataset: dataset, url: url, reason: reason) }
                    onWait?(0, delay)
                    try await pause(delay)
                    waited += delay
                    continue
                }
            }
            switch response.status {
            case 200:
                return Page(body: response.body, attempts: attempts)
            case 401 where !renewed:
                // An expired or revoked token: renew once, at once.
                renewed = true
                token = try await tokens.renew(after: token)
                continue
            case 401:
                throw .unauthorized(dataset: dataset, detail: GraphErrorBody(response.body).text)
            case 403 where GraphErrorBody(response.body).code == GraphErrorBody.noPremiumLicence:
                // "You must have a Microsoft Entra ID P1 or P2 license to download sign-in logs using
                // the Microsoft Graph API" (Microsoft Learn, "signIn resource type").
                throw .httpStatus(
                    dataset: dataset, page: page, status: 403,
                    detail: "the tenant has no Microsoft Entra ID P1 or P2 licence, which Graph requires to read sign-in logs; "
                        + "export them from the portal or Log Analytics instead (docs/collect.md)")
            case 403:
                throw .permissionMissing(dataset: dataset, permission: permission, detail: GraphErrorBody(response.body).text)
            case let status where RetryPolicy.retryableStatuses.contains(status):
                let delay = retry.delay(attempt: attempts, retryAfter: response.header("Retry-After"))
                guard attempts < retry.maximumAttempts, waited + delay <= retry.maximumTotalWait else {
                    throw .retriesExhausted(dataset: dataset, page: page, attempts: attempts, waitedSeconds: waited, lastStatus: status)
                }
                onWait?(status, delay)
                try await pause(delay)
                waited += delay
                // A long wait may outlast the token: `token()` renews it when due.
                token = try await tokens.token()
            default:
                throw .httpStatus(dataset: dataset, page: page, status: response.status, detail: GraphErrorBody(response.body).text)
            }
        }
    }

    private func pause(_ seconds: Double) async throws(CollectError) {
        do { try await sleep(seconds) } catch { throw .output(path: "(collection)", reason: "cancelled while waiting to retry") }
    }
}

/// Graph's error body, `{"error":{"code":"...","message":"..."}}` (Microsoft Learn, "Microsoft
/// Graph error responses and resource types"), shortened to "code: message".
struct GraphErrorBody {
    /// Graph's code for sign-in logs asked of a tenant without Entra ID P1 or P2.
    static let noPremiumLicence = "Authentication_RequestFromNonPremiumTenantOrB2CTenant"

    let text: String
    let code: String?

    init(_ body: [UInt8]) {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let error = object?["error"] as? [String: Any]
        let code = error?["code"] as? String
        self.code = code
        let message = error?["message"] as? String
        let parts = [code, message].compactMap { $0 }.filter { !$0.isEmpty }
        if parts.isEmpty {
            text = String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline }
        } else {
            text = String(parts.joined(separator: ": ").prefix(300))
        }
    }
}
