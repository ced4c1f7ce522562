/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): one extension per line after the
/// greeting line, keyword first. RFC 3207 §4.2 requires a client to forget these after STARTTLS
/// and ask again, which is why the state machine replaces, never merges, them.
public struct EHLOCapabilities: Sendable, Equatable, Codable {
    /// Keywords upper-cased, parameters as sent.
    public var extensions: [String: [String]] = [:]

    public init() {}

    public init(reply: SMTPResponse) {
        for line in reply.lines.dropFirst() {
            // "AUTH=LOGIN PLAIN" is the pre-RFC 4954 form some servers still send.
            let words = line.split(separator: " ").map(String.init)
            guard var keyword = words.first?.uppercased() else { continue }
            var params = Array(words.dropFirst())
            if keyword.hasPrefix("AUTH=") {
                params.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            extensions[keyword, default: []].append(contentsOf: params)
        }
    }

    public func offers(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    /// SASL mechanisms from AUTH, upper-cased (RFC 4954 §3).
    public var authMechanisms: [String] {
        var seen: [String] = []
        for m in extensions["AUTH"] ?? [] where !seen.contains(m.uppercased()) { seen.append(m.uppercased()) }
        return seen
    }

    /// The SIZE limit in octets (RFC 1870), when the server states one.
    public var sizeLimit: Int? { extensions["SIZE"]?.first.flatMap { Int($0) } }

    public var startTLS: Bool { offers("STARTTLS") }
    public var pipelining: Bool { offers("PIPELINING") }
    public var eightBitMIME: Bool { offers("8BITMIME") }

    /// One line per capability, for the transcript's `===` notes and the JSON output.
    public var summary: [String] {
        extensions.keys.sorted().map { key in
            let params = extensions[key]!
            return params.isEmpty ? key : "\(key) \(params.joined(separator: " "))"
        }
    }
}
