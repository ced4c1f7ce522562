import SMTP

/// An envelope sender a device, a relay source or a route may use, parsed from the
/// configuration: one mailbox (`scanner@contoso.com`) or every mailbox of exactly one domain
/// (`*@contoso.com`). Nothing wider exists: `*`, `*@*`, `*@*.contoso.com` and `*contoso.com`
/// are refused when the configuration is read, because a pattern that matches more than one
/// domain lets a device send as anyone. Matching is on parsed addresses, never on text, so
/// `ceo@victim.example@contoso.com` (not a mailbox at all) matches nothing.
public enum SenderPattern: Sendable, Hashable, CustomStringConvertible {
    case mailbox(MailboxAddress)
    /// A lower-cased domain name.
    case domain(String)

    public init?(_ text: String) {
        if text.hasPrefix("*@") {
            let domain = text.dropFirst(2)
            // The domain must be a plain name (no wildcard, no address literal).
            guard let probe = MailboxAddress("x@" + domain), let name = probe.domainName else { return nil }
            self = .domain(name)
        } else {
            guard let mailbox = MailboxAddress(text) else { return nil }
            self = .mailbox(mailbox)
        }
    }

    public func matches(_ address: MailboxAddress) -> Bool {
        switch self {
        case .mailbox(let mailbox): return mailbox.comparisonKey == address.comparisonKey
        case .domain(let domain): return address.domainName == domain
        }
    }

    public var description: String {
        switch self {
        case .mailbox(let mailbox): return mailbox.description
        case .domain(let domain): return "*@" + domain
        }
    }

    /// Why `text` is not a pattern, for the configuration error.
    static func problem(with text: String) -> String {
        if text == "*" || text.hasPrefix("*@*") || text.hasSuffix("@*") {
            return "'\(text)' would match senders of every domain; name one address (scanner@contoso.com) or one domain (*@contoso.com)"
        }
        if text.contains("*") {
            return
                "'\(text)' is wider than one domain or not a pattern; only an address (scanner@contoso.com) or one whole domain (*@contoso.com) may be given"
        }
        return "'\(text)' is not an address (RFC 5321 section 4.1.2) or a domain pattern like *@contoso.com"
    }
}
