import AuthShiftCore

/// The sign-in log's "Client app" (`clientAppUsed`) classified as modern or legacy.
///
/// The values are those of Microsoft Entra's "Customize and filter activity logs" page
/// (howto-customize-filter-logs.md): modern Browser and Mobile apps and desktop clients;
/// legacy Authenticated SMTP, Autodiscover, Exchange ActiveSync, Exchange Online
/// PowerShell, Exchange Web Services, IMAP4, MAPI over HTTP, Offline Address Book, Outlook
/// Anywhere (RPC over HTTP), Outlook Service, POP3, Reporting Web Services and Other
/// clients. Real exports differ in case ("Mobile Apps and Desktop clients", "MAPI Over
/// HTTP"), so matching ignores case; the Graph doc's short names (SMTP, IMAP, POP, MAPI)
/// are accepted too. Anything else is kept as written and classified `unknown`.
public struct ClientApp: Sendable, Hashable, Codable, Comparable {
    public enum Category: String, Sendable, Codable { case modern, legacy, unknown }

    /// The canonical name (Microsoft's spelling), or the value as written when unknown.
    public let name: String
    public let category: Category

    public var isLegacy: Bool { category == .legacy }
    public var isAuthenticatedSMTP: Bool { name == ClientApp.authenticatedSMTP.name }
    public var isExchangeOnlinePowerShell: Bool { name == ClientApp.exchangeOnlinePowerShell.name }

    public static let authenticatedSMTP = ClientApp(name: "Authenticated SMTP", category: .legacy)
    public static let exchangeOnlinePowerShell = ClientApp(name: "Exchange Online PowerShell", category: .legacy)

    static let known: [String: ClientApp] = {
        var table: [String: ClientApp] = [:]
        func add(_ name: String, _ category: Category, aliases: [String] = []) {
            let app = ClientApp(name: name, category: category)
            table[name.lowercased()] = app
            for alias in aliases { table[alias.lowercased()] = app }
        }
        add("Browser", .modern)
        add("Mobile apps and desktop clients", .modern, aliases: ["Modern clients"])
        add("Authenticated SMTP", .legacy, aliases: ["SMTP"])
        add("Autodiscover", .legacy)
        add("Exchange ActiveSync", .legacy)
        add("Exchange Online PowerShell", .legacy, aliases: ["Exchange PowerShell", "Remote PowerShell"])
        add("Exchange Web Services", .legacy)
        add("IMAP4", .legacy, aliases: ["IMAP"])
        add("MAPI over HTTP", .legacy, aliases: ["MAPI"])
        add("Offline Address Book", .legacy)
        add("Outlook Anywhere (RPC over HTTP)", .legacy)
        add("Outlook Service", .legacy)
        add("POP3", .legacy, aliases: ["POP"])
        add("Reporting Web Services", .legacy)
        add("Other clients", .legacy)
        return table
    }()

    init(name: String, category: Category) {
        self.name = name
        self.category = category
    }

    /// Classifies a value as exported. An empty value is `unknown` with an empty name.
    public init(exported value: String) {
        let trimmed = value.trimming(" \t")
        if let app = ClientApp.known[trimmed.lowercased()] {
            self = app
        } else if trimmed.lowercased().hasPrefix("other clients") {
            self = ClientApp(name: trimmed, category: .legacy)
        } else {
            self = ClientApp(name: trimmed, category: .unknown)
        }
    }

    public static func < (a: ClientApp, b: ClientApp) -> Bool { a.name < b.name }
}
