import Foundation
import Testing

/// Dates people type: an impossible or undecidable date stops with file, line and field
/// (exit 65); `--date-order` settles it; `inspect` says how the order was decided.
@Suite struct DateOrderCLITests {
    static let header = "mailbox,system,source,owner,expires,replacement,ticket\n"

    static func folder(_ rows: String) throws -> URL {
        let dir = temporaryFolder()
        try (header + rows).write(to: dir.appendingPathComponent("exceptions.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func impossibleAndUndecidableDatesExit65() throws {
        let impossible = try CLI.run(["inspect", try Self.folder("a@contoso.com,Printer,203.0.113.1,IT,2027-02-31,hve,CHG-1\n").path])
        #expect(impossible.status == 65)
        #expect(
            impossible.stdout.contains("exceptions.csv:2: field \"expires\": \"2027-02-31\" is not a date: February 2027 has 28 days"),
            "\(impossible.stdout)")

        let dir = try Self.folder("a@contoso.com,Printer,203.0.113.1,IT,01/02/2027,hve,CHG-1\n")
        let undecided = try CLI.run(["inspect", dir.path])
        #expect(undecided.status == 65)
        #expect(undecided.stdout.contains("exceptions.csv:2: field \"expires\": \"01/02/2027\" could be 1 February or 2 January 2027"))
        #expect(undecided.stdout.contains("--date-order dmy"))

        let settled = try CLI.run(["inspect", dir.path, "--date-order", "dmy"])
        #expect(settled.status == 0, "\(settled.stderr)")
        #expect(settled.stdout.contains("dates in \"expires\": day first (dd/mm/yyyy), from --date-order"))
    }

    @Test func inspectNamesTheRowThatProvesTheOrder() throws {
        let dir = try Self.folder(
            "a@contoso.com,Printer,203.0.113.1,IT,01/02/2027,hve,CHG-1\nb@contoso.com,Panel,203.0.113.2,IT,31/03/2027,hve,CHG-2\n")
        let r = try CLI.run(["inspect", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("dates in \"expires\": day first (dd/mm/yyyy), proven by line 3 (\"31/03/2027\"); used for the whole file"),
            "\(r.stdout)")
        let json = try CLI.run(["inspect", dir.path, "--format", "json"])
        #expect(json.stdout.contains("\"basis\" : \"proven\""), "\(json.stdout)")
    }
}
