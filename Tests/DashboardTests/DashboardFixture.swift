import AuthShiftCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workspace

@testable import Dashboard

/// A real workspace in a temporary folder, with senders built in code, and the dashboard's
/// router over it; helpers sign in and read the CSRF token as a browser would.
struct DashboardFixture {
    static let xssScript = "<script>alert(1)</script>"
    static let xssImage = "\"><img src=x onerror=alert(1)>"

    let store: SQLiteWorkspaceStore
    let sessions = SessionStore()
    let configuration: DashboardConfiguration
    let log = LogLines()

    init(senders: [SenderRow]? = nil, auth: DashboardAuth = .loopback(user: DashboardUser(name: "ada", role: .editor))) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-dashboard-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try SQLiteWorkspaceStore.create(folder: folder)
        let rows = senders ?? Self.defaultSenders
        let register = Self.register(asOf: "2026-11-01", senders: rows)
        _ = try store.importRun(register, tenant: nil, origin: "test", at: Timestamp.from(year: 2026, month: 11, day: 1, hour: 12))
        let log = self.log
        configuration = DashboardConfiguration(
            auth: auth, accessLog: { log.append($0) }, now: { Timestamp.from(year: 2026, month: 11, day: 20, hour: 9).date })
    }

    static var defaultSenders: [SenderRow] {
        [
            sender("scanner@contoso.com", .basic, system: "scanner", ring: "ring-1"),
            sender("printer@contoso.com", .basic, system: "printer", ring: "ring-2"),
            sender("app@contoso.com", .oauth, system: "crm", ring: "ring-1", path: .oauth),
            sender("\(xssScript)@contoso.com", .basic, system: xssImage, ring: "ring-3"),
        ]
    }

    var application: some ApplicationProtocol {
        Application(
            router: DashboardApplication.router(reader: WorkspaceReader(store: store), configuration: configuration, sessions: sessions))
    }

    static func sender(
        _ address: String, _ auth: SenderRow.CurrentAuth, system: String, ring: String?, owner: String? = nil, path: MigrationPath = .hve
    ) -> SenderRow {
        var row = SenderRow(
            sender: address, system: system, sources: ["10.0.0.5"], currentAuth: auth, messages: 12, volume: .low, tls: nil,
            signIns: SignInFacts(successes: auth == .oauth ? 0 : 3),
            smtpAuth: SmtpAuthState(enabled: true, decidedBy: .mailbox, evidence: "CASMailbox.csv:2"),
            basicAllowed: true, basicBlockedBy: [], breaksAtDefaultChange: auth == .basic, failingNow: false, recipients: .internal,
            owner: owner, workload: nil, oauthCapable: nil, staticIP: nil, notes: nil,
            recommendation: Recommendation(
                path: path, rule: "test-rule", confidence: .firm, why: ["because \(xssImage)"], watchPoints: ["watch \(xssScript)"],
                source: "test"),
            evidence: ["evidence \(xssScript)"], unknowns: [], contradiction: nil)
        row.ring = ring
        return row
    }

    static func register(asOf: String, senders: [SenderRow]) -> Register {
        var register = Register(
            generatedBy: "authshift test", asOf: CalendarDay(iso: asOf)!, timeline: .current, assumption: "test",
            tenant: TenantSettings(
                smtpClientAuthenticationDisabled: .value(false), defaultAuthenticationPolicy: nil, securityDefaultsEnabled: false,
                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: ["contoso.com", "contoso.onmicrosoft.com"]),
            inputs: [
                InputFile(path: "SMTP AUTH clients report.csv", kind: "smtp-auth-clients-report", rows: senders.count, sha256: "d-\(asOf)")
            ],
            senders: senders, mailboxes: MailboxRows([mailbox("printer@contoso.com"), mailbox("\(xssScript)@contoso.com")]), automation: [],
            unknowns: [])
        register.exceptions = [
            ExceptionRecord(
                mailbox: "printer@contoso.com", system: xssImage, owner: xssScript, expires: CalendarDay(iso: "2026-12-15"),
                replacement: "hve", ticket: "CHG-9", status: .valid)
        ]
        return register
    }

    static func mailbox(_ address: String) -> MailboxRow {
        MailboxRow(
            address: address, displayName: xssImage, recipientType: "UserMailbox",
            smtpAuth: SmtpAuthState(enabled: true, decidedBy: .mailbox, evidence: "CASMailbox.csv:2"), basicAllowed: true,
            basicBlockedBy: [], policy: nil, policySource: "tenant default", observedSmtpAuth: true, explanation: ["because \(xssScript)"],
            unknowns: [])
    }
}

/// The access log's lines, collected for the tests.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A signed-in browser for the router tests: its cookie and CSRF token.
struct Browser {
    var cookie: String
    var csrf: String
    /// The router tests' requests name `localhost` as their authority (Host).
    static let origin = "http://localhost"

    var headers: HTTPFields { [.cookie: cookie] }

    func writeHeaders(origin: String? = Browser.origin, fetchSite: String? = nil, json: Bool = false) -> HTTPFields {
        var h = headers
        if let origin { h[.origin] = origin }
        if let fetchSite { h[Guard.fetchSite] = fetchSite }
        h[.contentType] = json ? "application/json" : "application/x-www-form-urlencoded"
        return h
    }

    /// Signs in through the one-time link and reads the CSRF token from /api/v1/session.
    static func signIn(_ client: some TestClientProtocol, _ fixture: DashboardFixture) async throws -> Browser {
        let token = await fixture.sessions.issueOneTimeToken()
        let cookie = try await client.execute(uri: "/signin?token=\(token)", method: .get) { response in
            #expect(response.status == .seeOther)
            let setCookie = try #require(response.headers[.setCookie])
            return String(setCookie.split(separator: ";")[0])
        }
        return try await withCookie(client, cookie)
    }

    static func withCookie(_ client: some TestClientProtocol, _ cookie: String) async throws -> Browser {
        let csrf = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: cookie]) { response in
            #expect(response.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return try #require(json?["csrfToken"] as? String)
        }
        return Browser(cookie: cookie, csrf: csrf)
    }
}

/// Percent-encodes a form or query value.
func formEncode(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed)!
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}
