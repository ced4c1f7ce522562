import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest

@Suite struct RegisterDiffTests {
    @Test func everyDriftKind() throws {
        let (_, old) = try ExceptionCheckerTests.contoso()
        var new = old
        // A new Basic sender, one gone, a ring move, the tenant loosened, a mailbox opened, exceptions changed.
        var added = new.senders[0]
        added.sender = "new-device@contoso.com"
        new.senders.append(added)
        new.senders.removeAll { $0.sender == "old-scanner@contoso.com" }
        if let i = new.senders.firstIndex(where: { $0.sender == "erp@contoso.com" }) { new.senders[i].ring = "external-applications" }
        new.tenant.smtpClientAuthenticationDisabled = .value(false)
        new.tenant.legacyBlockingConditionalAccessPolicies = []
        var mailboxes = Array(new.mailboxes)
        if let i = mailboxes.firstIndex(where: { $0.address == "room-101@contoso.com" }) {
            mailboxes[i].smtpAuth = SmtpAuthState(enabled: true, decidedBy: .mailbox, evidence: "x")
            mailboxes[i].basicAllowed = true
        }
        new.mailboxes = MailboxRows(mailboxes)
        var exceptions = new.exceptions ?? []
        exceptions.removeAll { $0.mailbox == "jdoe@contoso.com" }
        if let i = exceptions.firstIndex(where: { $0.mailbox == "monitoring@contoso.com" }) { exceptions[i].status = .expired }
        exceptions.append(
            ExceptionRecord(
                mailbox: "new-device@contoso.com", system: "x", owner: "y", expires: CalendarDay(year: 2027, month: 1, day: 1),
                replacement: "oauth", ticket: "t", status: .valid))
        new.exceptions = exceptions

        let items = RegisterDiff.diff(old, new)
        let kinds = Set(items.map(\.kind))
        for kind in [
            "new-basic-sender", "sender-gone", "ring-moved", "tenant-smtp-auth", "conditional-access-removed", "mailbox-smtp-auth",
            "mailbox-basic-allowed", "exception-added", "exception-removed", "exception-expired",
        ] {
            #expect(kinds.contains(kind), "\(kind)")
        }
        let alerts = Set(items.filter(\.alerts).map(\.kind))
        #expect(
            alerts == ["new-basic-sender", "tenant-smtp-auth", "conditional-access-removed", "mailbox-smtp-auth", "mailbox-basic-allowed"])
        #expect(RegisterDiff.diff(old, old).isEmpty)
    }
}
