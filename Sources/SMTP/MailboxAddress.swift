/// A mailbox as RFC 5321 §4.1.2 defines it: `Local-part "@" ( Domain / address-literal )`,
/// where the local part is a Dot-string or a Quoted-string. It is parsed, never matched as
/// text: `ceo@victim.example@contoso.com` is not a mailbox (an unquoted "@" may not appear in a
/// local part), so it can never pass for a contoso.com address; `"ceo@victim.example"@contoso.com`
/// is one, at contoso.com, because the quotes make the first "@" part of the local part.
///
/// ASCII only: the bridge does not offer SMTPUTF8 (RFC 6531), so a non-ASCII envelope address
/// is refused rather than guessed at.
public struct MailboxAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Domain: Sendable, Hashable {
        /// A domain name, lower-cased (domains compare case-insensitively, RFC 5321 §2.4).
        case name(String)
        /// An address literal's content, without the brackets (`IPv6:2001:db8::1`, `192.0.2.1`).
        case literal(String)
    }

    /// The local part's value: a Dot-string as written, or a Quoted-string's content with its
    /// quoted pairs resolved (so `"scanner"` and `scanner` are the same mailbox).
    public let localPart: String
    public let domain: Domain

    /// The domain name, or nil for an address literal.
    public var domainName: String? {
        if case .name(let name) = domain { return name }
        return nil
    }

    /// The mailbox in its simplest correct form: the local part quoted only when it must be.
    public var description: String {
        let local = Self.isDotString(Array(localPart.utf8)) ? localPart : Self.quoted(localPart)
        switch domain {
        case .name(let name): return local + "@" + name
        case .literal(let literal): return local + "@[" + literal + "]"
        }
    }

    /// The form two addresses are compared in: local parts case-insensitively, as Exchange
    /// Online treats them (RFC 5321 §2.4 lets the receiving domain decide).
    public var comparisonKey: String { description.lowercased() }

    public init(localPart: String, domain: Domain) {
        self.localPart = localPart
        self.domain = domain
    }

    /// Parses a whole Mailbox (no angle brackets); nil when any of it is malformed.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var index = 0
        guard let mailbox = Self.parseMailbox(bytes, &index), index == bytes.count else { return nil }
        self = mailbox
    }

    // MARK: Grammar (RFC 5321 §4.1.2, §4.1.3)

    /// `Mailbox` starting at `index`; on success `index` is just past it.
    static func parseMailbox(_ b: [UInt8], _ index: inout Int) -> MailboxAddress? {
        var i = index
        let local: String
        if i < b.count && b[i] == UInt8(ascii: "\"") {
            guard let quoted = parseQuotedString(b, &i) else { return nil }
            local = quoted
        } else {
            let start = i
            guard parseDotString(b, &i) else { return nil }
            local = String(decoding: b[start..<i], as: UTF8.self)
        }
        guard i < b.count, b[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        let domain: Domain
        if i < b.count && b[i] == UInt8(ascii: "[") {
            guard let literal = parseAddressLiteral(b, &i) else { return nil }
            domain = .literal(literal)
        } else {
            let start = i
            guard parseDomain(b, &i) else { return nil }
            domain = .name(String(decoding: b[start..<i], as: UTF8.self).lowercased())
        }
        index = i
        return MailboxAddress(localPart: local, domain: domain)
    }

    /// `Dot-string = Atom *("." Atom)`.
    static func parseDotString(_ b: [UInt8], _ i: inout Int) -> Bool {
        var atoms = 0
        while true {
            let start = i
            while i < b.count && isAtext(b[i]) { i += 1 }
            guard i > start else { return false }
            atoms += 1
            guard i < b.count, b[i] == UInt8(ascii: "."), i + 1 < b.count, isAtext(b[i + 1]) else { return atoms > 0 }
            i += 1
        }
    }

    /// `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`; returns the content with pairs resolved.
    static func parseQuotedString(_ b: [UInt8], _ i: inout Int) -> String? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        var value: [UInt8] = []
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                i = j + 1
                return String(decoding: value, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                // quoted-pairSMTP = %d92 %d32-126
                guard j + 1 < b.count, (32...126).contains(b[j + 1]) else { return nil }
                value.append(b[j + 1])
                j += 2
                continue
            }
            // qtextSMTP = %d32-33 / %d35-91 / %d93-126
            guard (32...126).contains(c) else { return nil }
            value.append(c)
            j += 1
        }
        return nil
    }

    /// `Domain = sub-domain *("." sub-domain)`, each `Let-dig [Ldh-str]`, at most 63 octets a
    /// label and 255 in all (RFC 1035 §2.3.4).
    static func parseDomain(_ b: [UInt8], _ i: inout Int) -> Bool {
        let start = i
        while true {
            let labelStart = i
            while i < b.count && (isLetDig(b[i]) || b[i] == UInt8(ascii: "-")) { i += 1 }
            let length = i - labelStart
            guard length > 0, length <= 63, isLetDig(b[labelStart]), isLetDig(b[i - 1]) else { return false }
            guard i < b.count, b[i] == UInt8(ascii: "."), i + 1 < b.count, isLetDig(b[i + 1]) else { break }
            i += 1
        }
        return i - start <= 255
    }

    /// `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"`.
    static func parseAddressLiteral(_ b: [UInt8], _ i: inout Int) -> String? {
        guard i < b.count, b[i] == UInt8(ascii: "["), let close = b[(i + 1)...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        let content = Array(b[(i + 1)..<close])
        let text = String(decoding: content, as: UTF8.self)
        if text.uppercased().hasPrefix("IPV6:") {
            guard isIPv6(String(text.dropFirst(5))) else { return nil }
        } else if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
            // General-address-literal = Standardized-tag ":" 1*dcontent
            let tag = content[..<colon]
            let rest = content[(colon + 1)...]
            guard !tag.isEmpty, tag.allSatisfy({ isLetDig($0) || $0 == UInt8(ascii: "-") }), isLetDig(tag.last!), !rest.isEmpty,
                rest.allSatisfy({ (33...90).contains($0) || (94...126).contains($0) })
            else { return nil }
        } else {
            guard isIPv4(text) else { return nil }
        }
        i = close + 1
        return text
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in
                (1...3).contains(p.count) && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && (Int(p) ?? 256) <= 255
            }
    }

    /// RFC 4291 §2.2 text forms: eight groups, `::` once for a run of zeros, an IPv4 tail.
    static func isIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 45 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ s: String, last: Bool) -> Int? {
            guard !s.isEmpty else { return 0 }
            var count = 0
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (n, part) in parts.enumerated() {
                if last && n == parts.count - 1 && part.contains(".") {
                    guard isIPv4(String(part)) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), part.allSatisfy(\.isASCII) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 { return groups(text, last: true) == 8 }
        guard let head = groups(halves[0], last: false), let tail = groups(halves[1], last: true) else { return false }
        return head + tail <= 7
    }

    /// RFC 5322 §3.2.3 atext.
    static func isAtext(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(c)
        }
    }

    static func isLetDig(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return false
        }
    }

    static func isDotString(_ b: [UInt8]) -> Bool {
        var i = 0
        return parseDotString(b, &i) && i == b.count
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            if c == "\"" || c == "\\" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out + "\""
    }
}
