import AuthShiftCore
import Foundation
import OAuth
import SMTP
import Transport
import Yams

/// The bridge's one YAML configuration file, validated completely at start (and on SIGHUP)
/// so a mistake is reported with its file, line and setting before anything listens.
/// README has complete examples; docs comments give each setting's default and why.
public struct BridgeConfiguration: Sendable {
    public struct Listener: Sendable {
        public enum TLS: String, Sendable { case starttls, implicit, none }
        public var name: String
        public var address: String
        public var port: Int
        public var tls: TLS
        public var certificate: String?
        public var key: String?
        /// Sources that may connect at all. Empty means loopback only.
        public var allow: [CIDR]
        /// Sources that may relay without AUTH (a printer that cannot authenticate at all).
        public var relayWithoutAuth: [CIDR]
        /// Senders the unauthenticated, allow-listed sources may use ("*@contoso.com" allowed).
        public var relaySenders: [String]
        /// AUTH without TLS: only for a listener explicitly marked trusted-LAN plain.
        public var trustedLANPlain: Bool
        /// The oldest TLS version accepted: "1.0" by default, because the devices a bridge exists
        /// for often speak nothing newer; "1.2" for a listener that only modern clients use.
        public var minimumTLSVersion = TLSProtocolVersion.v10
        /// What a bare CR or LF inside DATA does (RFC 5321 §2.3.8): refused by default where
        /// AUTH is offered, normalised to CRLF by default on a listener without AUTH (old
        /// scanners on their own VLAN). Either way only <CRLF>.<CRLF> ends a message.
        public var bareLineEndings: SMTPServerFramer.BareLineEndings = .refuse
        /// The one override that lets `allow` and `relayWithoutAuth` name public addresses,
        /// warned about at every start and by check-config.
        public var unsafeAllowPublicSources = false

        /// AUTH can be offered here: inside TLS, or in plain text on a trusted-LAN listener.
        public var offersAuth: Bool { tls != .none || trustedLANPlain }
        /// The relay senders, parsed (the configuration check refused any that do not parse).
        public var relaySenderPatterns: [SenderPattern] { relaySenders.compactMap(SenderPattern.init) }
    }

    public struct Account: Sendable, Equatable {
        public var name: String
        public var passwordHash: PasswordHash
        /// Envelope senders this device may use ("*@contoso.com" matches a whole domain).
        public var senders: [String]
        /// The senders, parsed (the configuration check refused any that do not parse).
        public var senderPatterns: [SenderPattern] { senders.compactMap(SenderPattern.init) }
    }

    public struct Limits: Sendable {
        /// Advertised in EHLO SIZE and enforced (552). Default 35 MiB, Exchange Online's default
        /// per-mailbox send limit (docs/relay.md#exchange-online-sending-limits, secondary sources).
        public var maxMessageSize = 36_700_160
        public var maxRecipients = SMTPLimits.minimumRecipients
        public var maxConnections = 200
        public var maxConnectionsPerSource = 20
        /// Messages a source may submit per minute (0 = unlimited).
        public var messagesPerMinutePerSource = 600
        /// Failed AUTH attempts from one source address before that source is locked out for
        /// `lockoutSeconds`.
        public var authFailuresBeforeLockout = 5
        public var lockoutSeconds = 900
        /// An account is locked only when failures for it come from this many distinct sources
        /// within `lockoutSeconds`, so one host that knows an account name cannot lock the
        /// device out; the account lock is shorter (`accountLockoutSeconds`) and logged.
        public var accountLockoutSources = 3
        public var accountLockoutSeconds = 300
        /// Password checks (scrypt, on a shared thread pool) that may run or wait at once from one
        /// source and in total; beyond them AUTH gets 454 4.7.0 (try again). A password already
        /// verified in this run is answered from memory and does not count.
        public var authChecksInFlightPerSource = 2
        public var authChecksInFlight = 8
        /// Refused commands (4xx/5xx replies) a session may collect without a message accepted
        /// before it is closed with 421, as Postfix's `smtpd_hard_error_limit` (default 20) does:
        /// a client that sends garbage gets a bounded number of answers.
        public var maxErrorsPerSession = 20
        /// RFC 5321 §4.5.3.2.7: a server waits at least 5 minutes for the next command.
        public var idleTimeoutSeconds = Double(SMTPLimits.Timeout.server)
        /// Free space the spool keeps; below it, new messages get 452 4.3.1 before DATA.
        public var minimumFreeSpace: Int64 = 256 << 20
    }

    public struct OAuthSettings: Sendable {
        public var authority = TokenRequest.defaultAuthority
        public var tenant: String
        public var clientID: String
        public var clientSecretFile: String?
        public var certificate: String?
        public var key: String?
        public var pfx: String?
        public var pfxPasswordFile: String?
        public var jwtAlgorithm: ClientAssertion.Algorithm = .ps256
    }

    public struct Route: Sendable {
        public enum Kind: String, Sendable {
            case smtpXOAuth2 = "smtp-xoauth2"
            case graph, smtp
        }
        public var name: String
        public var kind: Kind
        /// Envelope senders this route takes (`a@contoso.com` or `*@contoso.com`).
        public var senders: [String] = []
        public var senderDomains: [String]
        public var recipientDomains: [String]
        public var host: String
        public var port: Int
        public var tls: SMTPClientPlan.TLSMode
        /// The mailbox to send as (XOAUTH2 user=, Graph /users/{id}); default: the envelope sender.
        public var mailbox: String?
        public var username: String?
        public var passwordFile: String?
        public var graphBaseURL = "https://graph.microsoft.com/v1.0"
        /// Raw MIME larger than this goes to `largeMessageRoute` (Graph's request cap is about
        /// 4 MB of base64, about 3 MB of MIME; docs/relay.md#graph-sendmail).
        public var graphMaxMimeSize = 3_145_728
        public var largeMessageRoute: String?
        /// Exchange Online SMTP AUTH: 30 messages a minute per mailbox (docs/relay.md#exchange-online-sending-limits).
        public var messagesPerMinutePerMailbox = 30
        public var timeoutSeconds: Double = 60
        public var trustRootsFile: String?
        /// The header From must be an address the client may send as (checked at the end of
        /// DATA, before the 250). On by default for `smtp` routes (connectors, smarthosts),
        /// where Exchange Online's SendAs check does not apply.
        public var checkHeaderFrom = false
    }

    public struct Retry: Sendable {
        /// Postfix's minimal_backoff_time is 300 s; RFC 5321 §4.5.4.1 asks for at least 30
        /// minutes between later attempts and giving up after 4-5 days.
        public var initialSeconds: Double = 300
        public var maximumSeconds: Double = 14_400
        public var giveUpAfterSeconds: Double = 432_000
        /// Send a delivery status notification (RFC 3464) to the envelope sender for every
        /// recipient that fails for good: on by default, because silent loss is the failure
        /// users fear most (RFC 5321 §6.1 asks for the notice).
        public var notifySender = true
        public var postmaster = "postmaster"
    }

    public var file: String
    public var hostname: String
    public var spool: String
    public var listeners: [Listener]
    public var accounts: [Account]
    public var limits: Limits
    public var oauth: OAuthSettings?
    public var routes: [Route]
    public var retry: Retry
    public var metricsAddress: String?
    public var metricsPort: Int?
    /// Deliveries in flight at once, over all mailbox queues.
    public var deliveryConcurrency = 16
    /// Deliveries in flight at once for one sender on an `smtp` route (a connector or
    /// smarthost, where the order of a device's messages is not visible); XOAUTH2 and Graph
    /// routes deliver one message at a time per mailbox, in order.
    public var deliveryConcurrencyPerSender = 8

    public static func load(path: String) throws(ConfigError) -> BridgeConfiguration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, path: "", message: "cannot read the file")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> BridgeConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: nil, path: "", message: "the file is empty")
            }
            root = node
        } catch let e as ConfigError {
            throw e
        } catch let e as YamlError {
            throw ConfigError(file: file, line: Self.line(of: e), path: "", message: "not valid YAML: \(Self.problem(of: e))")
        } catch {
            throw ConfigError(file: file, line: nil, path: "", message: "not valid YAML: \(error)")
        }
        return try ConfigParser(file: file).configuration(ConfigNode(node: root, path: "", file: file))
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }

    /// Settings that are valid but probably not what the operator meant, said at start and by
    /// `check-config`.
    public var warnings: [String] {
        var out: [String] = []
        for l in listeners where l.allow.isEmpty && !Loopback.contains(l.address) {
            out.append(
                "listener \(l.name) binds \(l.address) but has no allow list, so only loopback clients are accepted; add allow: [the devices' networks]"
            )
        }
        for l in listeners where l.tls == .none && l.trustedLANPlain {
            out.append("listener \(l.name) accepts passwords without TLS (trustedLanPlain); keep it on a device-only network")
        }
        if let address = metricsAddress, !Loopback.contains(address) {
            out.append("the metrics endpoint listens on \(address) without authentication; prefer 127.0.0.1 behind a local scraper")
        }
        for l in listeners where l.unsafeAllowPublicSources {
            let open = (l.allow + l.relayWithoutAuth).filter { PrivateAddressSpace.firstPublicAddress(in: $0) != nil }
            if !open.isEmpty {
                out.append(
                    "UNSAFE: listener \(l.name) has unsafeAllowPublicSources and opens to public addresses (\(open.map(\.description).joined(separator: " ")))"
                        + (l.relayWithoutAuth.contains { PrivateAddressSpace.firstPublicAddress(in: $0) != nil }
                            ? ", relaying for them without AUTH" : ""))
            }
        }
        for l in listeners where l.bareLineEndings == .normalise && l.offersAuth {
            out.append("listener \(l.name) offers AUTH and normalises bare line endings; refusing them (the default) is safer")
        }
        if accounts.isEmpty && listeners.allSatisfy({ $0.relayWithoutAuth.isEmpty }) {
            out.append("no accounts and no relayWithoutAuth sources: nothing can send through this bridge")
        }
        return out
    }

    /// The route for a message: the first whose sender or recipient domains match.
    public func route(from sender: String, recipients: [String]) -> Route? {
        let senderDomain = Self.domain(sender)
        let recipientDomains = Set(recipients.map(Self.domain))
        return routes.first { route in
            let senderMatch =
                (route.senders.isEmpty && route.senderDomains.isEmpty)
                || Self.sender(sender, matches: route.senders)
                || route.senderDomains.contains { $0 == "*" || $0 == senderDomain }
            let recipientMatch =
                route.recipientDomains.isEmpty
                || recipientDomains.allSatisfy { d in route.recipientDomains.contains { $0 == "*" || $0 == d } }
            return senderMatch && recipientMatch
        }
    }

    public func route(named name: String) -> Route? { routes.first { $0.name == name } }

    /// Whether a message `route` takes has its header From checked: when the route, or any route
    /// it may hand the message to (its `largeMessageRoute`, for a Graph route), checks it. The
    /// message's size is known only after the check must be decided (at the end of DATA, before
    /// the 250), so the strictest route it may reach decides.
    public func checksHeaderFrom(_ route: Route) -> Bool {
        var seen: Set<String> = []
        var next: Route? = route
        while let r = next, seen.insert(r.name).inserted {
            if r.checkHeaderFrom { return true }
            next = r.largeMessageRoute.flatMap { self.route(named: $0) }
        }
        return false
    }

    /// A listener by its name, its identity across reloads (names are unique: the parser refuses
    /// two of one name). Nil when a reload renamed or removed it.
    public func listener(named name: String) -> Listener? { listeners.first { $0.name == name } }

    /// What a reload from `old` to this configuration cannot apply until the next start: bound
    /// sockets keep their address, port and TLS, and a listener renamed, added or removed keeps
    /// its socket (a running listener whose name is gone refuses sessions with 421 meanwhile).
    public func changesNeedingRestart(from old: BridgeConfiguration) -> [String] {
        var out: [String] = []
        let oldNames = Set(old.listeners.map(\.name))
        let newNames = Set(listeners.map(\.name))
        let gone = oldNames.subtracting(newNames).sorted()
        let added = newNames.subtracting(oldNames).sorted()
        if !gone.isEmpty {
            out.append(
                "listener \(gone.joined(separator: ", ")) renamed or removed: it refuses connections with 421 until the bridge restarts")
        }
        if !added.isEmpty {
            out.append("listener \(added.joined(separator: ", ")) added or renamed: it starts listening at the next start")
        }
        for new in listeners {
            guard let was = old.listener(named: new.name) else { continue }
            if new.address != was.address || new.port != was.port || new.tls != was.tls || new.certificate != was.certificate
                || new.key != was.key
                || new.minimumTLSVersion != was.minimumTLSVersion || new.trustedLANPlain != was.trustedLANPlain
            {
                out.append("listener \(new.name): address, port, TLS or trustedLanPlain changed; that takes effect at the next start")
            }
        }
        if spool != old.spool { out.append("the spool changed; that takes effect at the next start") }
        return out
    }

    /// The domain of a parsed address (lower case; an address literal as `[...]`); "" for the
    /// null sender and for text that is not a mailbox.
    static func domain(_ address: String) -> String {
        guard let mailbox = MailboxAddress(address) else { return "" }
        switch mailbox.domain {
        case .name(let name): return name
        case .literal(let literal): return "[" + literal + "]"
        }
    }

    /// Whether `sender` is a mailbox that one of the patterns (`a@b.com` or `*@b.com`) allows.
    /// Both are parsed: text that is not a mailbox, or a pattern wider than one domain, matches nothing.
    public static func sender(_ sender: String, matches patterns: [String]) -> Bool {
        guard let address = MailboxAddress(sender) else { return false }
        return patterns.contains { SenderPattern($0)?.matches(address) ?? false }
    }
}
