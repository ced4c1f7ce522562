import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest

/// What the sign-ins prove (issue 12 item 4): successful Basic SMTP sign-ins decide
/// `basicAllowed` where the exports cannot, and contradict exports that say Basic is blocked
/// when they come after those exports were taken.
@Suite struct ObservedSignInTests {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 28)
    static let address = "copier@contoso.com"

    /// Two successful Authenticated SMTP sign-ins (Graph JSON lines), the last on 2026-11-20.
    static let signIns = """
        {"createdDateTime": "2026-11-12T08:00:00Z", "userPrincipalName": "Copier@contoso.com", "ipAddress": "203.0.113.7", "clientAppUsed": "Authenticated SMTP", "appDisplayName": "Office 365 Exchange Online", "status": {"errorCode": 0}}
        {"createdDateTime": "2026-11-20T09:30:00Z", "userPrincipalName": "copier@contoso.com", "ipAddress": "203.0.113.7", "clientAppUsed": "Authenticated SMTP", "appDisplayName": "Office 365 Exchange Online", "status": {"errorCode": 0}}

        """

    static func folder(casDisabled: String, casTaken: String? = nil) -> TemporaryFolderForAnalysis {
        let folder = TemporaryFolderForAnalysis()
        folder.write(
            "CASMailbox.csv", "PrimarySmtpAddress,DisplayName,SmtpClientAuthenticationDisabled\n\(address),Copier,\(casDisabled)\n")
        folder.write(
            "User.csv",
            "UserPrincipalName,ExternalDirectoryObjectId,RecipientTypeDetails,AuthenticationPolicy\n\(address),0000-1,SharedMailbox,\n")
        folder.write("OrganizationConfig.json", #"{"DefaultAuthenticationPolicy": null}"#)
        folder.write("SignIns-export.jsonl", signIns)
        if let casTaken {
            let date = ISO8601DateFormatter().date(from: casTaken)!
            try! FileManager.default.setAttributes(
                [.modificationDate: date], ofItemAtPath: folder.url.appendingPathComponent("CASMailbox.csv").path)
        }
        return folder
    }

    static func assess(_ folder: TemporaryFolderForAnalysis) throws -> Register {
        let result = try ExportFolderReader.read([folder.path])
        #expect(result.errors.isEmpty)
        return Assessor.assess(result.snapshot, files: result.files, options: AssessOptions(asOf: asOf))
    }

    @Test func successfulBasicSignInsDecideWhatTheExportsCannot() throws {
        // SMTP AUTH enabled on the mailbox, no policy; security defaults and Conditional Access not exported.
        let r = try Self.assess(Self.folder(casDisabled: "False"))
        let sender = try #require(r.senders.first { $0.sender == Self.address })
        #expect(sender.basicAllowed == true)
        #expect(sender.evidence.contains("observed: 2 successful Basic SMTP sign-ins, last 2026-11-20T09:30:00Z"))
        // The missing exports are still named.
        let missing = Set(sender.unknowns.flatMap(\.settledBy))
        #expect(missing.contains(ExportKind.securityDefaults.title))
        #expect(missing.contains(ExportKind.conditionalAccessPolicies.title))
        #expect(sender.breaksAtDefaultChange && !sender.failingNow)
        #expect(sender.contradiction == nil)
        let mailbox = try #require(r.mailboxes.first { $0.address == Self.address })
        #expect(mailbox.basicAllowed == true)
        #expect(mailbox.explanation.contains { $0.contains("observed: 2 successful Basic SMTP sign-ins, last 2026-11-20T09:30:00Z") })
        #expect(mailbox.explanation.last?.hasPrefix("Result: Basic authentication for SMTP works for this mailbox today") == true)
        #expect(mailbox.unknowns.contains { $0.settledBy.contains(ExportKind.securityDefaults.title) })
    }

    @Test func withoutSignInsTheAnswerStaysUnknown() throws {
        let folder = Self.folder(casDisabled: "False")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("SignIns-export.jsonl"))
        let r = try Self.assess(folder)
        #expect(r.mailboxes.first { $0.address == Self.address }?.basicAllowed == nil)
    }

    @Test func basicSignInsAfterABlockingExportAreAContradiction() throws {
        // The CAS export (taken 2026-11-15) says SMTP AUTH is disabled; Basic succeeded on 2026-11-20.
        let r = try Self.assess(Self.folder(casDisabled: "True", casTaken: "2026-11-15T12:00:00Z"))
        let sender = try #require(r.senders.first { $0.sender == Self.address })
        let contradiction = try #require(sender.contradiction)
        #expect(contradiction.layers == [.smtpAuthDisabled])
        #expect(contradiction.exportDate.description == "2026-11-15T12:00:00Z")
        #expect(contradiction.lastSuccess.description == "2026-11-20T09:30:00Z")
        #expect(contradiction.exports.count == 1 && contradiction.exports[0].hasSuffix("CASMailbox.csv"))
        #expect(sender.basicAllowed == nil)
        #expect(!sender.basicBlockedBy.isEmpty, "what the exports say is kept")
        #expect(!sender.failingNow, "it demonstrably succeeds")
        #expect(sender.breaksAtDefaultChange)
        #expect(sender.evidence.contains { $0.hasPrefix("Contradiction: ") })
        #expect(sender.unknowns.contains { $0.what.hasPrefix("whether Basic SMTP is blocked") })
        let mailbox = try #require(r.mailboxes.first { $0.address == Self.address })
        #expect(mailbox.contradiction == contradiction)
        #expect(mailbox.explanation.contains { $0.hasPrefix("Contradiction: ") })
        #expect(mailbox.explanation.last?.hasPrefix("Result: unknown. The exports say Basic SMTP is blocked by smtp-auth-disabled") == true)
    }

    @Test func aBlockingExportTakenAfterTheSignInsIsNoContradiction() throws {
        // Taken 2026-11-25: SMTP AUTH may have been disabled after the last success on 2026-11-20.
        let r = try Self.assess(Self.folder(casDisabled: "True", casTaken: "2026-11-25T12:00:00Z"))
        let sender = try #require(r.senders.first { $0.sender == Self.address })
        #expect(sender.contradiction == nil)
        #expect(sender.basicAllowed == false)
        #expect(r.mailboxes.first { $0.address == Self.address }?.contradiction == nil)
    }
}
