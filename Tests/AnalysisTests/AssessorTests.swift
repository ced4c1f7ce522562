import AuthShiftCore
import Testing

@testable import Analysis
@testable import Ingest

@Suite struct AssessorTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    static func assess(_ folder: String, asOf: CalendarDay = CalendarDay(year: 2026, month: 11, day: 28)) throws -> Register {
        let result = try ExportFolderReader.read([root + "/" + folder])
        #expect(result.errors.isEmpty)
        return Assessor.assess(result.snapshot, files: result.files, options: AssessOptions(asOf: asOf))
    }

    @Test func sampleTenantPathsAndForecast() throws {
        let r = try Self.assess("Examples/contoso")
        #expect(r.schema == "authshift.register/1")
        #expect(r.defaultChangeDate == CalendarDay(year: 2026, month: 12, day: 31))
        func row(_ sender: String) -> SenderRow? { r.senders.first { $0.sender == sender } }
        let expected: [(String, MigrationPath, Bool)] = [
            ("monitoring@contoso.com", .hve, true), ("billing@contoso.com", .acs, true), ("erp@contoso.com", .oauth, true),
            ("scanner-hq@contoso.com", .hve, true), ("plant-printer@contoso.com", .relayConnector, true),
            ("scanner-branch@contoso.com", .localBridge, true), ("alarm-panel@contoso.com", .directSend, true),
            ("old-scanner@contoso.com", .retire, false), ("crm@contoso.com", .oauth, false),
        ]
        for (sender, path, breaks) in expected {
            #expect(row(sender)?.recommendation.path == path, "\(sender)")
            #expect(row(sender)?.breaksAtDefaultChange == breaks, "\(sender)")
        }
        #expect(row("crm@contoso.com")?.recommendation.nothingToDo == true)
        #expect(row("crm@contoso.com")?.currentAuth == .oauth)
        #expect(row("monitoring@contoso.com")?.tls?.weak == true)
        #expect(row("monitoring@contoso.com")?.sources == ["203.0.113.30", "203.0.113.31"])
        // Every blocking layer of this tenant shows up somewhere.
        let layers = Set(r.senders.flatMap { $0.basicBlockedBy.map(\.layer) })
        #expect(layers == [.smtpAuthDisabled, .authenticationPolicy, .conditionalAccess])
        #expect(row("jdoe@contoso.com")?.failingNow == true)
        #expect(row("reports@contoso.com")?.smtpAuth.decidedBy == .tenant)
        // Basic first, then by messages.
        let auths = r.senders.map(\.currentAuth)
        #expect(auths == auths.sorted())
        #expect(r.automation.map(\.account) == ["asmith@contoso.com", "ops-admin@contoso.com"])
        #expect(r.automation[0].replacement.contains("-UserPrincipalName"))
        #expect(r.automation[1].replacement.contains("-CertificateThumbprint"))
        #expect(r.inputs.allSatisfy { $0.sha256 == nil }, "no digests given: Analysis opens no file to hash it")
        let mailbox = r.mailboxes.first { $0.address == "room-101@contoso.com" }
        #expect(mailbox?.smtpAuth.enabled == false && mailbox?.observedSmtpAuth == false)
    }

    /// The digests come from whoever read the bytes; the register records each by its path.
    @Test func inputDigestsAreRecordedByPath() throws {
        let result = try ExportFolderReader.read([Self.root + "/Examples/contoso"])
        let digests = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, "digest of " + $0.path) })
        let r = Assessor.assess(
            result.snapshot, files: result.files, digests: digests,
            options: AssessOptions(asOf: CalendarDay(year: 2026, month: 11, day: 28)))
        #expect(!r.inputs.isEmpty)
        for input in r.inputs { #expect(input.sha256 == "digest of " + input.path) }
    }

    /// The summary folds and filters unknowns on their kind, never on their wording.
    @Test func unknownsAreSummarisedByKindNotByWording() {
        let policy = Unknown(.policySettings, "settings of authentication policy 'Block Basic'", settledBy: ["Get-AuthenticationPolicy"])
        #expect(Assessor.generic(policy).what == "settings of an assigned authentication policy")
        let scope = Unknown(.conditionalAccessScope, "whether Conditional Access policy 'Legacy' applies (membership)", settledBy: ["x"])
        #expect(Assessor.generic(scope).what == "whether a legacy-blocking Conditional Access policy applies")
        // Wording alone decides nothing: the same words with another kind stay as they are.
        let worded = Unknown(.other, "settings of authentication policy 'Block Basic'", settledBy: ["Get-AuthenticationPolicy"])
        #expect(Assessor.generic(worded) == worded)
        #expect(!UnknownKind.authentication.isMailboxLayer && !UnknownKind.organizationSetting.isMailboxLayer)
        #expect(UnknownKind.mailboxSetting.isMailboxLayer && UnknownKind.conditionalAccessScope.isMailboxLayer)
    }

    @Test func securityDefaultsSampleBlocksEveryMailbox() throws {
        let r = try Self.assess("Examples/fabrikam-security-defaults")
        #expect(r.mailboxes.allSatisfy { $0.basicAllowed == false && $0.basicBlockedBy.contains { $0.layer == .securityDefaults } })
        #expect(r.senders.first?.failingNow == true)
        #expect(r.senders.first?.breaksAtDefaultChange == false)
    }

    @Test func partialInputGivesUnknownsAndSaysWhatWouldSettleThem() throws {
        let folder = TemporaryFolderForAnalysis()
        folder.write(
            "SMTP AUTH clients report.csv",
            "Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent\nprinter@contoso.com,contoso.com,0,0,100,50\n")
        let result = try ExportFolderReader.read([folder.path])
        let r = Assessor.assess(
            result.snapshot, files: result.files, options: AssessOptions(asOf: CalendarDay(year: 2026, month: 11, day: 28)))
        let row = try #require(r.senders.first)
        #expect(row.smtpAuth.enabled == nil && row.smtpAuth.decidedBy == .unknown)
        #expect(row.basicAllowed == nil)
        #expect(row.currentAuth == .unknown)
        #expect(row.recipients == .unknown)
        #expect(row.recommendation.confidence == .provisional)
        let settledBy = Set(r.unknowns.flatMap(\.settledBy))
        for kind in [ExportKind.casMailbox, .user, .securityDefaults, .conditionalAccessPolicies, .messageTrace] {
            #expect(settledBy.contains { $0.hasPrefix(kind.title) }, "\(kind.title)")
        }
    }

    @Test func defaultChangeDateIsConfigurable() throws {
        let result = try ExportFolderReader.read([Self.root + "/Examples/contoso"])
        let timeline = Timeline.current.withDefaultChangeDate(CalendarDay(year: 2027, month: 3, day: 1))
        let r = Assessor.assess(
            result.snapshot, files: [], options: AssessOptions(asOf: CalendarDay(year: 2026, month: 11, day: 28), timeline: timeline))
        #expect(r.defaultChangeDate == CalendarDay(year: 2027, month: 3, day: 1))
        #expect(r.assumption.contains("2027-03-01"))
    }
}
