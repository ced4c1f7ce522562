import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest
@testable import Reports

/// Every JSON output writes every documented key in every row, `null` where unknown, because
/// PowerShell's `ConvertFrom-Json | Export-Csv` takes its columns from the first object (issue
/// 12). The documented keys are the `required` lists of docs/schemas/, so the schemas and the
/// code cannot drift apart.
@Suite struct JSONKeysTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    /// The `required` keys of a definition in one of docs/schemas/ (`nil` path: the top level).
    static func required(_ schema: String, _ path: [String] = []) throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/docs/schemas/" + schema))
        var node = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for step in path { node = try #require(node[step] as? [String: Any], "\(schema): \(path)") }
        return Set(try #require(node["required"] as? [String]))
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let unknownSender = SenderRow(
        sender: "printer@contoso.com", system: "unidentified system", sources: [], currentAuth: .unknown, messages: nil, volume: .unknown,
        tls: nil, signIns: SignInFacts(), smtpAuth: SmtpAuthState(enabled: nil, decidedBy: .unknown, evidence: "no Get-CASMailbox export"),
        basicAllowed: nil, basicBlockedBy: [], breaksAtDefaultChange: false, failingNow: false, recipients: .unknown, owner: nil,
        workload: nil,
        oauthCapable: nil, staticIP: nil, notes: nil,
        recommendation: Recommendation(path: .oauth, rule: "r", confidence: .provisional, why: [], watchPoints: [], source: "s"),
        evidence: [], unknowns: [])

    static let unknownMailbox = MailboxRow(
        address: "printer@contoso.com", displayName: nil, recipientType: nil,
        smtpAuth: SmtpAuthState(enabled: nil, decidedBy: .unknown, evidence: "no Get-CASMailbox export"), basicAllowed: nil,
        basicBlockedBy: [],
        policy: nil, policySource: "unknown", observedSmtpAuth: false, explanation: [], unknowns: [])

    static var register: Register {
        Register(
            generatedBy: "t", asOf: CalendarDay(year: 2026, month: 11, day: 28), timeline: .current, assumption: "a",
            tenant: TenantSettings(
                smtpClientAuthenticationDisabled: nil, defaultAuthenticationPolicy: nil, securityDefaultsEnabled: nil,
                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: []),
            inputs: [InputFile(path: "x.csv", kind: "cas-mailbox", rows: 2, sha256: nil)], senders: [unknownSender],
            mailboxes: [unknownMailbox],
            automation: [
                AutomationRow(account: "a@contoso.com", sources: [], signIns: SignInFacts(), replacement: "r", why: "w", evidence: [])
            ],
            unknowns: [])
    }

    @Test func registerRowsWithUnknownValuesHaveEveryKeyWithNull() throws {
        var streamed = Data()
        try RegisterJSON.write(Self.register) { streamed.append($0) }
        let top = try Self.object(streamed)
        #expect(Set(top.keys) == (try Self.required("register.schema.json")))
        #expect(top["exceptions"] is NSNull && top["scripts"] is NSNull)
        #expect((top["tenant"] as? [String: Any])?["securityDefaultsEnabled"] is NSNull)
        #expect(((top["inputs"] as? [[String: Any]])?.first)?["sha256"] is NSNull)

        let sender = try #require((top["senders"] as? [[String: Any]])?.first)
        #expect(Set(sender.keys) == (try Self.required("register.schema.json", ["$defs", "sender"])))
        for key in ["basicAllowed", "messages", "owner", "workload", "oauthCapable", "staticIP", "notes", "tls", "ring", "contradiction"] {
            #expect(sender[key] is NSNull, "senders[0].\(key)")
        }
        let signIns = try #require(sender["signIns"] as? [String: Any])
        #expect(Set(signIns.keys) == (try Self.required("register.schema.json", ["$defs", "signIns"])))
        #expect(signIns["firstSeen"] is NSNull && signIns["lastSeen"] is NSNull)
        #expect((sender["smtpAuth"] as? [String: Any])?["enabled"] is NSNull)

        let mailbox = try #require((top["mailboxes"] as? [[String: Any]])?.first)
        #expect(Set(mailbox.keys) == (try Self.required("register.schema.json", ["$defs", "mailbox"])))
        for key in ["basicAllowed", "displayName", "recipientType", "policy", "contradiction"] {
            #expect(mailbox[key] is NSNull, "mailboxes[0].\(key)")
        }
        let automation = try #require((top["automation"] as? [[String: Any]])?.first)
        #expect(Set(automation.keys) == (try Self.required("register.schema.json", ["$defs", "automation"])))
        #expect(automation["ring"] is NSNull)

        // The one-piece encoder agrees, and what was written reads back.
        #expect(Set(try Self.object(Data(try JSONOutput.encode(Self.register).utf8)).keys) == Set(top.keys))
        #expect(try JSONDecoder().decode(Register.self, from: streamed) == Self.register)
    }

    @Test func aRegisterWrittenBeforeNullKeysStillReads() throws {
        // Keys left out entirely (what earlier versions wrote) decode as nil.
        let old =
            #"{"address": "a@contoso.com", "smtpAuth": {"decidedBy": "unknown", "evidence": "e"}, "basicBlockedBy": [], "policySource": "unknown", "observedSmtpAuth": false, "explanation": [], "unknowns": []}"#
        let row = try JSONDecoder().decode(MailboxRow.self, from: Data(old.utf8))
        #expect(row.basicAllowed == nil && row.displayName == nil && row.smtpAuth.enabled == nil && row.contradiction == nil)
    }

    @Test func exceptionRecordsWriteEveryKey() throws {
        let record = ExceptionRecord(
            mailbox: "a@contoso.com", system: nil, owner: nil, expires: nil, replacement: nil, ticket: nil, status: .incomplete)
        let object = try Self.object(Data(try JSONOutput.encode(record).utf8))
        #expect(Set(object.keys) == (try Self.required("register.schema.json", ["$defs", "exception"])))
        #expect(object["expires"] is NSNull && object["owner"] is NSNull)
    }

    @Test func checkResultsWriteDecidedByAsNull() throws {
        let result = CheckResult(check: "checklist-01", title: "t", subject: "tenant", status: .pass, message: "m", source: "s")
        let document = try Self.object(Data(try CheckReport.json([result], schema: "authshift.checklist/1").utf8))
        #expect(Set(document.keys) == (try Self.required("check.schema.json")))
        let row = try #require((document["results"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == (try Self.required("check.schema.json", ["$defs", "result"])))
        #expect(row["decidedBy"] is NSNull)
    }

    @Test func driftItemsWriteBeforeAndAfterAsNull() throws {
        let item = DriftItem(kind: "new-sender", subject: "s", before: nil, after: "basic", alerts: true)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(try JSONOutput.encode([item]).utf8)) as? [[String: Any]])
        #expect(array.first?["before"] is NSNull)
        #expect(array.first.map { Set($0.keys) } == ["kind", "subject", "before", "after", "alerts"])
    }

    @Test func signInGroupsWithoutTimesWriteNull() throws {
        var summary = SignInSummary()
        summary.insert(
            SignInSummary.Key(user: "a@contoso.com", clientApp: .authenticatedSMTP, ipAddress: "203.0.113.1", outcome: .success),
            SignInSummary.Stats(count: 1, firstSeen: nil, lastSeen: nil, failureReasons: [:]))
        var text = ""
        try SignInSummaryReport.json(summary) { text += $0 }
        let document = try Self.object(Data(text.utf8))
        #expect(Set(document.keys) == (try Self.required("signins.schema.json")))
        let group = try #require((document["groups"] as? [[String: Any]])?.first)
        #expect(Set(group.keys) == (try Self.required("signins.schema.json", ["properties", "groups", "items"])))
        #expect(group["firstSeen"] is NSNull && group["lastSeen"] is NSNull)
    }
}
