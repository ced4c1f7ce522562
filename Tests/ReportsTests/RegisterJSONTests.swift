import AuthShiftCore
import CZlib
import Foundation
import Testing

@testable import Reports

@Suite struct RegisterJSONTests {
    @Test func streamedJSONEqualsTheEncodedRegister() throws {
        let r = Register(
            generatedBy: "t", asOf: CalendarDay(year: 2026, month: 11, day: 28), timeline: .current, assumption: "a",
            tenant: TenantSettings(
                smtpClientAuthenticationDisabled: .value(true), defaultAuthenticationPolicy: nil, securityDefaultsEnabled: false,
                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: ["contoso.com"]),
            inputs: [InputFile(path: "x.csv", kind: "cas-mailbox", rows: 2, sha256: nil)], senders: [], mailboxes: [],
            automation: [
                AutomationRow(
                    account: "a@contoso.com", sources: ["1.1.1.1"], signIns: SignInFacts(successes: 1), replacement: "r", why: "w",
                    evidence: [])
            ],
            unknowns: [])
        var streamed = Data()
        try RegisterJSON.write(r) { streamed.append($0) }
        let decoded = try JSONDecoder().decode(Register.self, from: streamed)
        #expect(decoded == r)
        // Same members as the one-piece encoder: re-encoding what was streamed gives the same text.
        let reencoded = try JSONOutput.encode(JSONDecoder().decode(Register.self, from: streamed))
        #expect(reencoded == (try JSONOutput.encode(r)))
        let members = try JSONSerialization.jsonObject(with: streamed) as? [String: Any]
        // Every member, also those with nothing in them (null).
        #expect(
            members.map { Set($0.keys) } == [
                "appCredentials", "asOf", "assumption", "automation", "defaultChangeDate", "exceptions", "generatedBy", "inputs",
                "mailboxes", "schema", "scripts", "senders", "tenant", "timeline", "unknowns",
            ])
    }
}
