// libFuzzer target: the export date parser, built and run by Fuzz/run.sh (not part of SwiftPM).
//
// Two uses of the input:
// - its bytes as a date text: ExportDate.parse must not crash or trap;
// - its first 8 bytes as an instant between 1601 and 9999 (the years ExportDate accepts), then
//   written in each form authshift writes or the exports carry; parsing the text must give the
//   instant back (to the precision of the form): ISO 8601 to the second and to the millisecond
//   (Timestamp, as reports and the bridge's spool write them), PowerShell 5.1's /Date(ms)/,
//   US Export-Csv text (`11/28/2026 3:04:05 PM`) and day-first text with dots
//   (`28.11.2026 15:04:05`).
import AuthShiftCore
import Ingest

let earliest = Timestamp.from(year: 1601, month: 1, day: 1).millisecondsSince1970
let latest = Timestamp.from(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999).millisecondsSince1970

/// Civil fields of a timestamp, read back from its ISO 8601 form.
func civil(_ t: Timestamp) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let s = Array(t.description.utf8)
    func n(_ at: Int, _ count: Int) -> Int { s[at..<(at + count)].reduce(0) { $0 * 10 + Int($1 - 48) } }
    return (n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2))
}

func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

func expectParse(_ text: String, _ expected: Timestamp, _ form: String) {
    let parsed = ExportDate.parse(text)
    require(parsed == expected, "\(form) \(text.debugDescription) parsed as \(parsed.map { $0.iso8601WithMilliseconds } ?? "nothing"), expected \(expected.iso8601WithMilliseconds)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = ExportDate.parse(bytes: bytes)

    guard size >= 8 else { return 0 }
    let raw = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let span = UInt64(latest - earliest + 1)
    let t = Timestamp(millisecondsSince1970: earliest + Int64(raw % span))
    let ms = t.millisecondsSince1970
    let seconds = Timestamp(millisecondsSince1970: ms - ((ms % 1000) + 1000) % 1000)

    expectParse(t.iso8601WithMilliseconds, t, "ISO 8601 with milliseconds")
    expectParse(t.description, seconds, "ISO 8601")
    expectParse("/Date(\(ms))/", t, "PowerShell 5.1 JSON date")

    let c = civil(t)
    let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
    expectParse("\(c.month)/\(c.day)/\(c.year) \(hour12):\(two(c.minute)):\(two(c.second)) \(c.hour < 12 ? "AM" : "PM")", seconds, "US text")
    expectParse("\(two(c.day)).\(two(c.month)).\(c.year) \(two(c.hour)):\(two(c.minute)):\(two(c.second))", seconds, "day-first text")
    return 0
}
