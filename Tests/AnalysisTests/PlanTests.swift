import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest

@Suite struct ExceptionCheckerTests {
    static let asOf = CalendarDay(year: 2026, month: 11, day: 28)

    static func contoso() throws -> (TenantSnapshot, Register) {
        let result = try ExportFolderReader.read([AssessorTests.root + "/Examples/contoso"])
        return (result.snapshot, Assessor.assess(result.snapshot, files: result.files, options: AssessOptions(asOf: asOf)))
    }

    func results() throws -> [CheckResult] {
        let (s, r) = try Self.contoso()
        return ExceptionChecker(snapshot: s, register: r, asOf: Self.asOf).run()
    }

    func failing(_ check: String, _ results: [CheckResult]) -> [String] {
        results.filter { $0.check == check && $0.status == .fail }.map(\.subject).sorted()
    }

    @Test func everyFailureKindIsFoundInTheSample() throws {
        let r = try results()
        #expect(failing("exception-missing-field", r) == ["billing@contoso.com"])
        #expect(failing("exception-expired", r) == ["erp@contoso.com"])
        #expect(failing("exception-expiring", r) == ["monitoring@contoso.com"])
        #expect(failing("exception-unused", r) == ["room-101@contoso.com"])
        #expect(failing("exception-person-mailbox", r) == ["jdoe@contoso.com"])
        #expect(failing("exception-shadow", r).contains("plant-printer@contoso.com"))
        #expect(!failing("exception-shadow", r).contains("scanner-hq@contoso.com"), "covered by its exception")
        #expect(r.filter { $0.subject == "scanner-hq@contoso.com" }.allSatisfy { $0.status == .pass })
    }

    @Test func warnDaysWidensTheExpiringWindow() throws {
        let (s, reg) = try Self.contoso()
        let r = ExceptionChecker(snapshot: s, register: reg, asOf: Self.asOf, warnDays: 70).run()
        #expect(failing("exception-expiring", r) == ["billing@contoso.com", "jdoe@contoso.com", "monitoring@contoso.com"])
    }

    @Test func statusesAreRecordedInTheRegister() throws {
        let (_, reg) = try Self.contoso()
        let status = Dictionary(uniqueKeysWithValues: (reg.exceptions ?? []).map { ($0.mailbox, $0.status) })
        #expect(status["scanner-hq@contoso.com"] == .valid)
        #expect(status["monitoring@contoso.com"] == .expiring)
        #expect(status["erp@contoso.com"] == .expired)
        #expect(status["billing@contoso.com"] == .incomplete)
    }
}
