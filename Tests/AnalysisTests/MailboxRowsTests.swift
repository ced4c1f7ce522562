import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest

/// assess keeps the mailbox rows' addresses, not the rows: each row is evaluated when it is
/// written and then dropped, so memory stays flat in the number of mailboxes (issue 19).
@Suite struct MailboxRowsTests {
    @Test func assessEvaluatesMailboxRowsOnDemandAndTheyReadBackTheSame() throws {
        let r = try AssessorTests.assess("Examples/contoso")
        #expect(r.mailboxes.isEvaluated)
        #expect(r.mailboxes.count > 10)
        // Two passes give the same rows, and the JSON array reads back as held rows equal to them.
        #expect(Array(r.mailboxes) == Array(r.mailboxes))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(r.mailboxes)
        let decoded = try JSONDecoder().decode(MailboxRows.self, from: data)
        #expect(!decoded.isEvaluated)
        #expect(decoded == r.mailboxes)
        #expect(try encoder.encode(Array(r.mailboxes)) == data, "encoded exactly like [MailboxRow]")
        #expect(r.mailboxes.map(\.address) == r.mailboxes.map(\.address).sorted())
    }

    @Test func evaluatedRowsAreMadeWhenAskedFor() {
        let made = Counter()
        let rows = MailboxRows(count: 3) { i in
            made.add()
            return MailboxRow(
                address: "m\(i)@contoso.com", displayName: nil, recipientType: nil,
                smtpAuth: SmtpAuthState(enabled: nil, decidedBy: .unknown, evidence: "e"), basicAllowed: nil, basicBlockedBy: [],
                policy: nil, policySource: "unknown", observedSmtpAuth: false, explanation: [], unknowns: [])
        }
        #expect(made.value == 0 && rows.count == 3)
        #expect(rows[1].address == "m1@contoso.com" && made.value == 1)
        _ = rows.lazy.filter { $0.basicAllowed == nil }.count
        #expect(made.value == 4)
    }
}

final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func add() { value += 1 }
}
