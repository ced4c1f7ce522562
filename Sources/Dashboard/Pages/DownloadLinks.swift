/// "Download CSV / XLSX" for a table page: the same URL and filter with `format` added.
enum DownloadLinks {
    static func html(path: String, query: [(String, String?)]) -> HTML {
        let csv = path + QueryString.make(query + [("format", "csv")])
        let xlsx = path + QueryString.make(query + [("format", "xlsx")])
        return "<p class=\"downloads\">Download this table: <a href=\"\(csv)\">CSV</a> <a href=\"\(xlsx)\">XLSX</a></p>"
    }
}
