/// The message's header From field (RFC 5322 §3.6.2), read while the message streams through
/// the server framer, so the bridge can check at the end of DATA, before its 250, that the
/// author a recipient will see is an address the client may use. Exchange Online checks that
/// itself (SendAs) on authenticated submission, but not on a connector or smarthost route.
public enum HeaderFrom: Sendable, Equatable {
    /// The header section has no From field.
    case absent
    /// Every mailbox of the From field's mailbox-list.
    case mailboxes([MailboxAddress])
    /// More than one From field (RFC 5322 §3.6 allows exactly one), a field over the length
    /// the bridge reads, or a mailbox-list it cannot parse: never guessed at.
    case invalid(String)
}

/// Collects the From field from the header section's lines as they arrive (un-stuffed, without
/// their CRLF, possibly in pieces when a line is long), and parses it at the end.
struct HeaderFromCollector: Sendable {
    /// A From field longer than this is not read (RFC 5322 §2.1.1 lines are 998 octets; a
    /// folded field of several lines stays well under it).
    static let maximumFieldLength = 4096

    private var inHeader = true
    private var atLineStart = true
    private var inFromField = false
    /// The first From field's value and how many From fields there are (only the first is
    /// kept: a message of a million From lines must not cost a million buffers).
    private var field: [UInt8] = []
    private var fieldCount = 0
    private var tooLong = false

    /// The start of a line whose field name is not known yet (no colon so far): held until the
    /// colon or the line's end arrives, so the result does not depend on where a long line was
    /// cut into pieces (by TCP segments or the framer's chunking).
    private var heldLineStart: [UInt8]?

    /// A piece of one line; `endsLine` when the line ends after it.
    mutating func take(_ piece: ArraySlice<UInt8>, endsLine: Bool) {
        guard inHeader else { return }
        defer { atLineStart = endsLine }
        guard atLineStart || heldLineStart != nil else {
            if inFromField { append(piece) }
            if endsLine { endFieldLine() }
            return
        }
        let line = heldLineStart.map { ArraySlice($0 + piece) } ?? piece
        heldLineStart = nil
        let continuation = line.first.map { $0 == 32 || $0 == 9 } ?? false
        if !endsLine && !continuation && !line.contains(UInt8(ascii: ":")) {
            if line.count <= Self.maximumFieldLength {
                heldLineStart = Array(line)
                return
            }
            // No colon within the limit: a From field name padded with white space before its
            // colon is held as just its name (the padding means nothing); anything else is not a field.
            inFromField = false
            if Self.isFromName(line) { heldLineStart = Array("From".utf8) }
            return
        }
        startLine(line, endsLine: endsLine)
        if endsLine { endFieldLine() }
    }

    private mutating func startLine(_ piece: ArraySlice<UInt8>, endsLine: Bool) {
        if piece.isEmpty && endsLine {
            inHeader = false
            return
        }
        if let first = piece.first, first == 32 || first == 9 {
            // A folded continuation of the field before (RFC 5322 §2.2.3).
            if inFromField { append(piece) }
            return
        }
        // A new field: `name *WSP ":" value` (the WSP is RFC 5322 §4.5.3's obsolete form, still
        // honoured by readers, so it is honoured here too). A line without a colon is not a
        // field; reading on past it means a From further down is still seen.
        inFromField = false
        guard let colon = piece.firstIndex(of: UInt8(ascii: ":")) else { return }
        guard Self.isFromName(piece[piece.startIndex..<colon]) else { return }
        fieldCount += 1
        inFromField = fieldCount == 1
        append(piece[(colon + 1)...])
    }

    private static func isFromName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var name = bytes
        while let last = name.last, last == 32 || last == 9 { name = name.dropLast() }
        return name.count == 4 && zip(name, "from".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard inFromField, !tooLong else { return }
        if field.count + bytes.count > Self.maximumFieldLength {
            tooLong = true
            return
        }
        field.append(contentsOf: bytes)
    }

    /// A line of the field ended: unfolding keeps a space where the line break was.
    private mutating func endFieldLine() {
        append([32])
    }

    var result: HeaderFrom {
        if fieldCount == 0 { return .absent }
        if fieldCount > 1 { return .invalid("the message has \(fieldCount) From fields") }
        if tooLong { return .invalid("the From field is over \(Self.maximumFieldLength) octets") }
        guard let mailboxes = Self.mailboxList(field) else { return .invalid("the From field is not a list of addresses") }
        return .mailboxes(mailboxes)
    }

    // MARK: RFC 5322 §3.4 mailbox-list

    private enum Token: Equatable {
        /// An atom, a quoted-string or a domain literal, as written.
        case word([UInt8])
        case special(UInt8)
    }

    /// The addresses of `mailbox-list = mailbox *("," mailbox)`, where
    /// `mailbox = name-addr / addr-spec` and `name-addr = [display-name] "<" addr-spec ">"`.
    /// Display names are skipped whatever they hold (devices write `scan@contoso.com <scan@contoso.com>`);
    /// comments and folding white space are dropped; groups and obsolete routes are refused.
    static func mailboxList(_ value: [UInt8]) -> [MailboxAddress]? {
        guard let tokens = tokenize(value) else { return nil }
        var items: [[Token]] = [[]]
        var inAngle = false
        for token in tokens {
            switch token {
            case .special(UInt8(ascii: "<")):
                if inAngle { return nil }
                inAngle = true
            case .special(UInt8(ascii: ">")):
                if !inAngle { return nil }
                inAngle = false
            case .special(UInt8(ascii: ",")) where !inAngle:
                items.append([])
                continue
            default: break
            }
            items[items.count - 1].append(token)
        }
        guard !inAngle else { return nil }
        var out: [MailboxAddress] = []
        for item in items where !item.isEmpty {
            guard let mailbox = mailbox(item) else { return nil }
            out.append(mailbox)
        }
        return out.isEmpty ? nil : out
    }

    private static func mailbox(_ item: [Token]) -> MailboxAddress? {
        var spec = item
        if let open = item.firstIndex(of: .special(UInt8(ascii: "<"))) {
            guard let close = item.lastIndex(of: .special(UInt8(ascii: ">"))), close == item.count - 1,
                !item[..<open].contains(where: {
                    if case .special = $0 { return $0 != .special(UInt8(ascii: ".")) && $0 != .special(UInt8(ascii: "@")) }
                    return false
                })
            else { return nil }
            spec = Array(item[(open + 1)..<close])
        }
        // addr-spec: words joined by "." and one "@"; two words side by side are not an address.
        var text: [UInt8] = []
        var previousWasWord = false
        for token in spec {
            switch token {
            case .word(let bytes):
                if previousWasWord { return nil }
                text += bytes
                previousWasWord = true
            case .special(let c):
                guard c == UInt8(ascii: ".") || c == UInt8(ascii: "@") else { return nil }
                text.append(c)
                previousWasWord = false
            }
        }
        return MailboxAddress(String(decoding: text, as: UTF8.self))
    }

    private static func tokenize(_ value: [UInt8]) -> [Token]? {
        var tokens: [Token] = []
        var i = 0
        let specials = Array("()<>[]:;@\\,.\"".utf8)
        while i < value.count {
            let c = value[i]
            switch c {
            case 32, 9, 13, 10:
                i += 1
            case UInt8(ascii: "("):
                var depth = 0
                repeat {
                    guard i < value.count else { return nil }
                    if value[i] == UInt8(ascii: "\\") {
                        i += 1
                    } else if value[i] == UInt8(ascii: "(") {
                        depth += 1
                    } else if value[i] == UInt8(ascii: ")") {
                        depth -= 1
                    }
                    i += 1
                } while depth > 0
            case UInt8(ascii: "\""), UInt8(ascii: "["):
                let close = c == UInt8(ascii: "\"") ? UInt8(ascii: "\"") : UInt8(ascii: "]")
                var j = i + 1
                while j < value.count && value[j] != close {
                    if value[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                guard j < value.count else { return nil }
                tokens.append(.word(Array(value[i...j])))
                i = j + 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "\\"):
                return nil
            case _ where specials.contains(c):
                tokens.append(.special(c))
                i += 1
            default:
                let start = i
                while i < value.count, !specials.contains(value[i]), ![32, 9, 13, 10].contains(value[i]) { i += 1 }
                tokens.append(.word(Array(value[start..<i])))
            }
        }
        return tokens
    }
}
