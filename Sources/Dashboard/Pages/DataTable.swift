import AuthShiftCore
import Foundation
import Reports

/// One table of a page, rendered three ways from the same rows: HTML (escaped), CSV (through
/// `CSVWriter`, with its formula-injection guard) and XLSX (through `XLSXWorkbook`). Every page's
/// download is the table of its current filter, so the three never disagree.
struct DataTable {
    enum Cell {
        case text(String?)
        case number(Int?)
        /// Text shown as a link to one of this dashboard's own pages.
        case link(String, href: String)

        var plain: String {
            switch self {
            case .text(let s): s ?? ""
            case .number(let n): n.map(String.init) ?? ""
            case .link(let s, _): s
            }
        }
    }

    var name: String
    var columns: [String]
    var numeric: Set<Int> = []
    var rows: [[Cell]] = []

    func html(id: String) -> HTML {
        let head = columns.enumerated().map { i, c in
            HTML("<th scope=\"col\" data-sort\(numeric.contains(i) ? HTML(" class=\"num\"") : "")>\(c)</th>")
        }.joined()
        var body: HTML = ""
        for row in rows {
            body += "<tr>"
            for (i, cell) in row.enumerated() {
                let cls: HTML = numeric.contains(i) ? " class=\"num\"" : ""
                switch cell {
                case .link(let text, let href): body += "<td\(cls)><a href=\"\(href)\">\(text)</a></td>"
                default: body += "<td\(cls)>\(cell.plain)</td>"
                }
            }
            body += "</tr>\n"
        }
        return """
            <input type="search" placeholder="Filter the rows shown" aria-label="Filter the rows shown" data-filter-table="\(id)" hidden>
            <div class="table-wrap"><table class="data" id="\(id)"><thead><tr>\(head)</tr></thead><tbody>
            \(body)</tbody></table></div>
            """
    }

    func csv() -> String {
        var writer = CSVWriter(header: columns)
        for row in rows { writer.row(row.map(\.plain)) }
        return writer.text
    }

    func xlsx() throws -> Data {
        var workbook = XLSXWorkbook()
        let cells = rows.map { row in
            row.map { cell -> XLSXWorkbook.Cell in
                switch cell {
                case .number(let n?): .number(Double(n))
                case .number(nil), .text(nil): .empty
                default: .text(cell.plain)
                }
            }
        }
        workbook.add(String(name.prefix(31)), header: columns, rows: cells)
        return try workbook.data()
    }
}
