import AuthShiftCore
import Foundation

@testable import Workspace

/// Registers built in code for the workspace tests, and real temporary folders for their databases.
enum Fixture {
    static func folder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-workspace-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func sender(
        _ address: String, _ auth: SenderRow.CurrentAuth, system: String = "printer", ring: String? = "ring-1",
        owner: String? = nil, path: MigrationPath = .hve
    ) -> SenderRow {
        SenderRow(
            sender: address, system: system, sources: ["10.0.0.5"], currentAuth: auth, messages: 12, volume: .low, tls: nil,
            signIns: SignInFacts(successes: auth == .oauth ? 0 : 3),
            smtpAuth: SmtpAuthState(enabled: true, decidedBy: .mailbox, evidence: "test"),
            basicAllowed: true, basicBlockedBy: [], breaksAtDefaultChange: auth == .basic || auth == .mixed, failingNow: false,
            recipients: .internal,
            owner: owner, workload: nil, oauthCapable: nil, staticIP: nil, notes: nil,
            recommendation: Recommendation(path: path, rule: "test", confidence: .firm, why: ["test"], watchPoints: [], source: "test"),
            evidence: ["test"], unknowns: [], contradiction: nil
        )
        .withRing(ring)
    }

    static func mailbox(_ address: String, enabled: Bool?) -> MailboxRow {
        MailboxRow(
            address: address, displayName: address, recipientType: "UserMailbox",
            smtpAuth: SmtpAuthState(enabled: enabled, decidedBy: .mailbox, evidence: "CASMailbox.csv:2"), basicAllowed: enabled,
            basicBlockedBy: [], policy: nil, policySource: "tenant default", observedSmtpAuth: false, explanation: ["because"], unknowns: []
        )
    }

    static func register(
        asOf: String, senders: [SenderRow], domain: String = "contoso.onmicrosoft.com", inputsDigest: String? = nil,
        mailboxes: [MailboxRow] = [], exceptions: [ExceptionRecord]? = nil
    ) -> Register {
        let day = CalendarDay(iso: asOf)!
        let digest = inputsDigest ?? "digest-\(asOf)-\(senders.count)"
        var register = Register(
            generatedBy: "authshift test", asOf: day, timeline: .current, assumption: "test",
            tenant: TenantSettings(
                smtpClientAuthenticationDisabled: .value(false), defaultAuthenticationPolicy: nil, securityDefaultsEnabled: false,
                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: ["contoso.com", domain]),
            inputs: [
                InputFile(path: "SMTP AUTH clients report.csv", kind: "smtp-auth-clients-report", rows: senders.count, sha256: digest)
            ],
            senders: senders, mailboxes: MailboxRows(mailboxes), automation: [], unknowns: [])
        register.exceptions = exceptions
        return register
    }

    static let noon = Timestamp.from(year: 2026, month: 11, day: 1, hour: 12)

    static func at(_ day: String) -> Timestamp {
        let d = CalendarDay(iso: day)!
        return Timestamp.from(year: d.year, month: d.month, day: d.day, hour: 12)
    }
}

extension SenderRow {
    func withRing(_ ring: String?) -> SenderRow {
        var copy = self
        copy.ring = ring
        return copy
    }
}
