import AuthShiftCore
import Foundation

/// A real Office Open XML workbook (.xlsx), written by hand: inline strings, numbers as
/// numbers, a bold frozen header row with an autofilter on every sheet. It opens in Excel
/// and LibreOffice (checked by .ci/run with `soffice --convert-to csv`).
///
/// Written as a stream: each sheet's rows come from a sequence that may make them one at a
/// time (the register's mailbox rows are evaluated as they are written), each row becomes XML
/// and goes straight into the deflated ZIP entry, so memory does not grow with the rows.
public struct XLSXWorkbook {
    public enum Cell {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Sheet {
        public var name: String
        public var header: [String]
        public var rows: any Sequence<[Cell]>
    }

    public var sheets: [Sheet] = []

    public init() {}

    public mutating func add(_ name: String, header: [String], rows: some Sequence<[Cell]>) {
        sheets.append(Sheet(name: name, header: header, rows: rows))
    }

    /// The workbook in memory (tests and small workbooks).
    public func data() throws -> Data {
        var out = Data()
        try write { out.append($0) }
        return out
    }

    /// Streams the package to `emit` in pieces.
    public func write(emit: @escaping (Data) throws -> Void) throws {
        let zip = ZipArchive(emit: emit)
        try zip.add("[Content_Types].xml", contentTypes)
        try zip.add(
            "_rels/.rels",
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        )
        try zip.add("xl/workbook.xml", workbook)
        try zip.add("xl/_rels/workbook.xml.rels", workbookRels)
        try zip.add("xl/styles.xml", XLSXWorkbook.styles)
        for (i, sheet) in sheets.enumerated() {
            try zip.beginEntry("xl/worksheets/sheet\(i + 1).xml")
            try XLSXWorkbook.writeSheet(sheet) { try zip.write($0) }
            try zip.endEntry()
        }
        try zip.finish()
    }

    var contentTypes: String {
        var s =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in sheets.indices {
            s +=
                #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    var workbook: String {
        var s =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            s += #"<sheet name="\#(XML.escape(String(sheet.name.prefix(31))))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    var workbookRels: String {
        var s =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            s +=
                #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s +=
            #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// Style 0 plain, 1 bold (header), 2 wrapped text.
    static let styles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Column widths come from the header and the first rows, which are held until the
    /// widths are known (the `<cols>` element precedes the data); the rest pass straight through.
    static let rowsForWidths = 500

    static func writeSheet(_ sheet: Sheet, write: (String) throws -> Void) throws {
        let width = sheet.header.count
        var widths = sheet.header.map { min(max($0.count + 2, 8), 60) }
        var iterator = sheet.rows.makeIterator()
        var first: [[Cell]] = []
        while first.count < rowsForWidths, let row = iterator.next() { first.append(row) }
        for row in first {
            for (i, cell) in row.enumerated() where i < width {
                if case .text(let t) = cell { widths[i] = min(max(widths[i], t.count + 2), 60) }
            }
        }
        var s =
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#
        for (i, w) in widths.enumerated() { s += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(w)" customWidth="1"/>"# }
        s += "</cols><sheetData>"
        s += row(1, sheet.header.map { .text($0) }, style: 1)
        var number = 1
        for r in first {
            number += 1
            s += row(number, r, style: 0)
        }
        first = []
        while let r = iterator.next() {
            number += 1
            s += row(number, r, style: 0)
            if s.utf8.count >= 1 << 16 {
                try write(s)
                s = ""
            }
        }
        s += "</sheetData>"
        if width > 0 { s += #"<autoFilter ref="A1:\#(column(width - 1))\#(number)"/>"# }
        try write(s + "</worksheet>")
    }

    static func row(_ number: Int, _ cells: [Cell], style: Int) -> String {
        var s = #"<row r="\#(number)">"#
        for (i, cell) in cells.enumerated() {
            let ref = "\(column(i))\(number)"
            switch cell {
            case .text(let t):
                s +=
                    #"<c r="\#(ref)" t="inlineStr"\#(style > 0 ? " s=\"\(style)\"" : "")><is><t xml:space="preserve">\#(XML.escape(t))</t></is></c>"#
            case .number(let n):
                let text = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                s += #"<c r="\#(ref)"\#(style > 0 ? " s=\"\(style)\"" : "")><v>\#(text)</v></c>"#
            case .empty:
                continue
            }
        }
        return s + "</row>"
    }
}

extension XLSXWorkbook {
    /// The register as Senders, Mailboxes, Automation and Summary sheets.
    public static func register(_ r: Register) -> XLSXWorkbook {
        var book = XLSXWorkbook()
        func text(_ s: String?) -> Cell { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
        func number(_ n: Int?) -> Cell { n.map { .number(Double($0)) } ?? .empty }
        book.add(
            "Senders", header: RegisterCSV.columns,
            rows: r.senders.lazy.map { s in
                RegisterCSV.cells(s).enumerated().map { i, value in
                    switch RegisterCSV.columns[i] {
                    case "messages", "smtpAuthSuccesses", "smtpAuthFailures": return number(Int(value))
                    default: return text(value)
                    }
                }
            })
        book.add(
            "Mailboxes",
            header: [
                "address", "displayName", "recipientType", "smtpAuthEnabled", "smtpAuthDecidedBy", "smtpAuthEvidence",
                "basicAllowed", "basicBlockedBy", "policy", "policySource", "observedSmtpAuth", "unknowns", "contradiction",
            ],
            rows: r.mailboxes.lazy.map { m in
                [
                    text(m.address), text(m.displayName), text(m.recipientType), text(YesNo.text(m.smtpAuth.enabled)),
                    text(m.smtpAuth.decidedBy.rawValue),
                    text(m.smtpAuth.evidence), text(YesNo.text(m.basicAllowed)),
                    text(m.basicBlockedBy.map(\.setting).joined(separator: "; ")),
                    text(m.policy), text(m.policySource), text(m.observedSmtpAuth ? "yes" : "no"),
                    text(Array(Set(m.unknowns.map(\.what))).sorted().joined(separator: "; ")), text(m.contradiction?.meaning),
                ]
            })
        book.add(
            "Automation", header: ["account", "sources", "successes", "failures", "lastSeen", "replacement", "why"],
            rows: r.automation.lazy.map { a in
                [
                    text(a.account), text(a.sources.joined(separator: " ")), number(a.signIns.successes), number(a.signIns.failures),
                    text(a.signIns.lastSeen?.description), text(a.replacement), text(a.why),
                ]
            })
        if let scripts = r.scripts {
            book.add(
                "Scripts",
                header: [
                    "script", "host", "currentAuth", "readCmdlets", "changeCmdlets", "leastRole", "replacement", "cutoverDate", "findings",
                ],
                rows: scripts.map { s in
                    [
                        text(s.script), text(s.host.rawValue), text(s.currentAuth.rawValue), text(s.readCmdlets.joined(separator: ", ")),
                        text(s.changeCmdlets.joined(separator: ", ")),
                        text(s.leastRole), text(s.replacement), text(s.cutoverDate), text(s.findings.joined(separator: "; ")),
                    ]
                })
        }
        if let credentials = r.appCredentials {
            book.add(
                "AppCredentials", header: AppCredentialsTable.columns,
                rows: credentials.map { c in
                    AppCredentialsTable.cells(c).enumerated().map { i, cell in
                        AppCredentialsTable.columns[i] == "daysLeft" ? number(c.daysLeft) : text(cell)
                    }
                })
        }
        book.add("Summary", header: ["item", "value"], rows: ReportFacts(r).summaryLines.map { [text($0.0), text($0.1)] })
        return book
    }
}
