/// The argument of `MAIL FROM:` or `RCPT TO:` parsed per RFC 5321 §4.1.1.2, §4.1.1.3 and
/// §4.1.2: `"<" Mailbox ">"` (or the null reverse-path `<>`), then ESMTP parameters. Source
/// routes (`<@relay.example:user@example.com>`, an A-d-l) are refused: §C and §4.1.1.3 deprecate
/// them, and a relay that honoured one would send mail somewhere its envelope does not say.
public struct SMTPPathArgument: Sendable, Equatable {
    public enum Failure: Error, Sendable, Equatable {
        /// No `FROM:`/`TO:` keyword, no angle brackets, or junk after the path.
        case syntax
        /// An A-d-l before the mailbox.
        case sourceRoute
        /// Brackets present, but what is inside is not a Mailbox.
        case malformedAddress
        /// Over 256 octets (§4.5.3.1.3).
        case tooLong
    }

    /// nil for the null reverse-path `<>`.
    public var mailbox: MailboxAddress?
    public var parameters: [String]

    /// RFC 5321 §4.5.3.1.3: "The maximum total length of a reverse-path or forward-path is 256
    /// octets (including the punctuation and element separators)."
    public static let maximumPathLength = 256

    /// `keyword` is `FROM:` or `TO:`; a space after the colon is tolerated, as most servers do.
    public static func parse(_ argument: String, keyword: String) -> Result<SMTPPathArgument, Failure> {
        let bytes = Array(argument.utf8)
        let key = Array(keyword.utf8)
        guard bytes.count >= key.count, zip(bytes, key).allSatisfy({ Self.upper($0) == $1 }) else { return .failure(.syntax) }
        var i = key.count
        while i < bytes.count && bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "<") else { return .failure(.syntax) }
        let open = i
        i += 1
        var mailbox: MailboxAddress?
        if i < bytes.count && bytes[i] == UInt8(ascii: "@") {
            return .failure(.sourceRoute)
        } else if i < bytes.count && bytes[i] == UInt8(ascii: ">") {
            mailbox = nil
        } else {
            guard let parsed = MailboxAddress.parseMailbox(bytes, &i) else {
                return .failure(bytes[open...].contains(UInt8(ascii: ">")) ? .malformedAddress : .syntax)
            }
            guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else {
                return .failure(bytes[i...].contains(UInt8(ascii: ">")) ? .malformedAddress : .syntax)
            }
            mailbox = parsed
        }
        guard i + 1 - open <= maximumPathLength else { return .failure(.tooLong) }
        i += 1
        guard i == bytes.count || bytes[i] == UInt8(ascii: " ") else { return .failure(.syntax) }
        let parameters = String(decoding: bytes[i...], as: UTF8.self).split(separator: " ").map(String.init)
        return .success(SMTPPathArgument(mailbox: mailbox, parameters: parameters))
    }

    /// `<mailbox>` (or `<>`) and the parameters, as a client writes them.
    public var wireText: String {
        (["<\(mailbox?.description ?? "")>"] + parameters).joined(separator: " ")
    }

    private static func upper(_ c: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) ? c - 32 : c
    }
}
