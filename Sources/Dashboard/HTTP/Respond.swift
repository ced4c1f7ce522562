import Foundation
import Hummingbird

/// The response shapes the routes use: a page, a table's download in the format asked for, JSON.
enum Respond {
    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// `?format=csv|xlsx` of a table page: the table as a file named after it.
    static func download(_ table: DataTable, format: String) throws -> Response {
        switch format {
        case "csv":
            return file(Data(table.csv().utf8), name: "\(table.name).csv", type: "text/csv; charset=utf-8")
        case "xlsx":
            return file(
                try table.xlsx(), name: "\(table.name).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        default:
            throw PageError(.badRequest, "format must be csv or xlsx, not \"\(format)\".")
        }
    }

    private static func file(_ data: Data, name: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Query strings for links that keep the current filter (percent-encoded here, once).
enum QueryString {
    static func make(_ pairs: [(String, String?)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let parts = pairs.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

extension Request {
    /// A query parameter, nil when absent or blank; malformed encoding is a 400. Decoded as an HTML form's GET encodes it
    /// (application/x-www-form-urlencoded): "+" is a space and "%2B" a plus, so a search for two
    /// words typed in the register's filter box, or Entra ID's error_description, reads as typed.
    func query(_ name: String) throws -> String? {
        for pair in (uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name, parts.count == 2 else { continue }
            let value = try FormBody.decode(parts[1]).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
