import AuthShiftCore
import Testing

@testable import Ingest

/// Dates people type into exceptions.csv and inventory.csv: ISO is the documented form,
/// impossible days are errors, and day/month order is decided once per file.
@Suite struct TypedDateTests {
    static let header = "mailbox,system,source,owner,expires,replacement,ticket\n"

    static func exceptions(_ expires: [String], dateOrder: DayMonthOrder? = nil) -> (InspectedFile, TenantSnapshot?) {
        let folder = TemporaryFolder()
        let rows = expires.enumerated().map { "m\($0.offset)@contoso.com,Printer,203.0.113.1,IT,\($0.element),hve,CHG-\($0.offset)\n" }
            .joined()
        let path = folder.write("exceptions.csv", header + rows)
        let result = ExportFileReader.read(path: path, displayPath: "exceptions.csv", dateOrder: dateOrder)
        return (result.file, result.snapshot)
    }

    static func days(_ snapshot: TenantSnapshot?) -> [String] { snapshot?.exceptions.map { $0.expires?.description ?? "-" } ?? [] }

    @Test func anImpossibleDayIsAnErrorNamingFileLineAndField() {
        let (file, snapshot) = Self.exceptions(["2027-03-31", "2027-02-31"])
        #expect(snapshot == nil)
        #expect(file.error?.kind == .badValue)
        #expect(
            file.error?.description.hasPrefix(#"exceptions.csv:3: field "expires": "2027-02-31" is not a date: February 2027 has 28 days"#)
                == true,
            "\(file.error?.description ?? "no error")")
    }

    @Test func aDateThatCouldBeEitherOrderIsAnErrorThatSaysHowToWriteIt() throws {
        let (file, snapshot) = Self.exceptions(["01/02/2027"])
        #expect(snapshot == nil)
        let message = try #require(file.error?.description)
        #expect(message.hasPrefix(#"exceptions.csv:2: field "expires": "01/02/2027" could be 1 February or 2 January 2027"#), "\(message)")
        #expect(message.contains("2027-02-01 or 2027-01-02 (YYYY-MM-DD)") && message.contains("--date-order dmy"))
    }

    @Test func oneRowThatProvesTheOrderSettlesTheWholeFile() {
        let (file, snapshot) = Self.exceptions(["01/02/2027", "31/03/2027", "05.06.2027"])
        #expect(file.error == nil)
        #expect(Self.days(snapshot) == ["2027-02-01", "2027-03-31", "2027-06-05"])
        let note = file.dateOrders.first
        #expect(note?.basis == .proven && note?.order == .dmy && note?.evidence == #"line 3 ("31/03/2027")"#)
        #expect(note?.ambiguousValues == 2)
        let monthFirst = Self.exceptions(["01/02/2027", "12/31/2027"])
        #expect(Self.days(monthFirst.1) == ["2027-01-02", "2027-12-31"])
        #expect(monthFirst.0.dateOrders.first?.order == .mdy)
    }

    @Test func dateOrderOptionSettlesWhatTheFileCannot() {
        let (file, snapshot) = Self.exceptions(["01/02/2027", "2027-04-30"], dateOrder: .mdy)
        #expect(Self.days(snapshot) == ["2027-01-02", "2027-04-30"])
        #expect(file.dateOrders.first?.basis == .option)
        let dmy = Self.exceptions(["01/02/2027"], dateOrder: .dmy)
        #expect(Self.days(dmy.1) == ["2027-02-01"])
    }

    @Test func contradictionsAreErrors() {
        let both = Self.exceptions(["31/03/2027", "03/31/2027"])
        #expect(both.0.error?.line == 3)
        #expect(both.0.error?.message.contains("line 2 (\"31/03/2027\")") == true)
        let againstOption = Self.exceptions(["31/03/2027"], dateOrder: .mdy)
        #expect(againstOption.0.error?.message.contains("--date-order mdy") == true)
    }

    @Test(arguments: [
        ("2027-03-31", "2027-03-31"), ("2027-3-1", "2027-03-01"), ("2027/03/31", "2027-03-31"), ("2027-03-31 00:00:00", "2027-03-31"),
        ("2027-03-31T00:00:00Z", "2027-03-31"), ("31/03/2027", "2027-03-31"), ("3/31/2027 0:00", "2027-03-31"),
        ("31.03.27", "2027-03-31"), ("07/07/2027", "2027-07-07"), ("46388", "2027-01-01"), ("46477.5", "2027-03-31"),
        ("2024-02-29", "2024-02-29"),
    ])
    func readsEveryUnambiguousForm(text: String, day: String) throws {
        let reading = try TypedDate.read(text)
        #expect(try TypedDate.day(reading, order: nil, raw: text).description == day)
    }

    @Test(arguments: [
        "2027-02-31", "2023-02-29", "31/02/2027", "2027-13-01", "32/01/2027", "13/13/2027", "yesterday", "31 March 2027",
        "2027", "1/2", "2027-03-31 lunch",
    ])
    func rejects(text: String) {
        #expect(throws: TypedDate.Problem.self) { _ = try TypedDate.day(try TypedDate.read(text), order: nil, raw: text) }
    }

    @Test func excelSerialDatesInTheInventory() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "inventory.csv",
            "sender,system,owner,workload,oauth_capable,static_ip,notes,cutover_date\nscanner@contoso.com,Scanner,IT,scanner,no,no,,46388\n"
        )
        let result = ExportFileReader.read(path: path, displayPath: "inventory.csv")
        #expect(result.file.error == nil)
        #expect(result.snapshot?.inventory.first?.cutoverDate == CalendarDay(year: 2027, month: 1, day: 1))
    }
}
