import AuthShiftCore
import Foundation
import OAuth
import SMTP

/// Reads a `BridgeConfiguration` from YAML nodes, checking every value and the rules between
/// them (a TLS listener needs a certificate; an XOAUTH2 or Graph route needs `oauth`; no
/// listener may reach public addresses without its loudly named override, none may relay for
/// the whole Internet, and every sender pattern is one address or one domain).
struct ConfigParser {
    let file: String

    func configuration(_ root: ConfigNode) throws(ConfigError) -> BridgeConfiguration {
        let top = try root.mapping(allowed: [
            "hostname", "spool", "listeners", "accounts", "limits", "oauth", "routes", "retry", "metrics", "delivery",
        ])
        let hostname = try top["hostname"]?.string() ?? ProcessInfo.processInfo.hostName
        // It appears in every reply, and replies are US-ASCII (RFC 5321 section 2.4).
        if !hostname.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) {
            throw (top["hostname"] ?? root).error(
                "the hostname '\(hostname)' must be ASCII without spaces (it is sent in every SMTP reply)")
        }
        let spool = try top.required("spool", in: root).string()
        var listeners: [BridgeConfiguration.Listener] = []
        for node in try top.required("listeners", in: root).sequence() {
            let parsed = try listener(node)
            // A listener is known by its name (reloads find its settings by it): two of one name
            // would let the second run under the first one's policy.
            if let first = listeners.first(where: { $0.name.lowercased() == parsed.name.lowercased() }) {
                throw node.error("a listener named '\(first.name)' is already defined; give each listener its own name")
            }
            listeners.append(parsed)
            try checkUnion(listeners, last: node)
        }
        if listeners.isEmpty { throw root.error("at least one listener is needed") }
        var accounts: [BridgeConfiguration.Account] = []
        for node in try top["accounts"]?.sequence() ?? [] { accounts.append(try account(node)) }
        let names = accounts.map { $0.name.lowercased() }
        if Set(names).count != names.count { throw root.error("two accounts have the same name") }
        let limits = try top["limits"].map { n throws(ConfigError) in try self.limits(n) } ?? BridgeConfiguration.Limits()
        let oauth = try top["oauth"].map { n throws(ConfigError) in try self.oauth(n) }
        var routes: [BridgeConfiguration.Route] = []
        for node in try top.required("routes", in: root).sequence() { routes.append(try route(node)) }
        if routes.isEmpty { throw root.error("at least one route is needed") }
        for (i, r) in routes.enumerated() {
            if r.kind != .smtp && oauth == nil {
                throw ConfigError(
                    file: file, line: nil, path: "routes[\(i)]", message: "a \(r.kind.rawValue) route needs the oauth settings")
            }
            if let large = r.largeMessageRoute, !routes.contains(where: { $0.name == large }) {
                throw ConfigError(file: file, line: nil, path: "routes[\(i)].largeMessageRoute", message: "no route is named '\(large)'")
            }
        }
        let retry = try top["retry"].map { n throws(ConfigError) in try self.retry(n) } ?? BridgeConfiguration.Retry()
        var metricsAddress: String?
        var metricsPort: Int?
        if let m = top["metrics"] {
            let fields = try m.mapping(allowed: ["address", "port"])
            metricsAddress = try fields["address"]?.string() ?? "127.0.0.1"
            metricsPort = try fields.required("port", in: m).int(in: 1...65535)
        }
        var configuration = BridgeConfiguration(
            file: file, hostname: hostname, spool: spool, listeners: listeners, accounts: accounts, limits: limits,
            oauth: oauth, routes: routes, retry: retry, metricsAddress: metricsAddress, metricsPort: metricsPort)
        if let d = top["delivery"] {
            let fields = try d.mapping(allowed: ["concurrency", "concurrencyPerSender"])
            configuration.deliveryConcurrency = try fields["concurrency"]?.int(in: 1...256) ?? configuration.deliveryConcurrency
            configuration.deliveryConcurrencyPerSender =
                try fields["concurrencyPerSender"]?.int(in: 1...256) ?? configuration.deliveryConcurrencyPerSender
        }
        return configuration
    }

    private func cidrs(_ node: ConfigNode?) throws(ConfigError) -> [CIDR] {
        guard let node else { return [] }
        var out: [CIDR] = []
        for text in try node.strings() {
            guard let c = CIDR(text) else { throw node.error("'\(text)' is not an IP address or network (like 192.168.1.0/24)") }
            out.append(c)
        }
        return out
    }

    private func listener(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.Listener {
        let f = try node.mapping(allowed: [
            "name", "address", "port", "tls", "certificate", "key", "allow", "relayWithoutAuth", "relaySenders", "trustedLanPlain",
            "minimumTLSVersion",
            "bareLineEndings", "unsafeAllowPublicSources",
        ])
        let tls = BridgeConfiguration.Listener.TLS(rawValue: try f["tls"]?.oneOf(["starttls", "implicit", "none"]) ?? "starttls")!
        var listener = BridgeConfiguration.Listener(
            name: try f["name"]?.string() ?? node.path,
            address: try f["address"]?.string() ?? "127.0.0.1",
            port: try f.required("port", in: node).int(in: 1...65535),
            tls: tls,
            certificate: try f["certificate"]?.string(),
            key: try f["key"]?.string(),
            allow: try cidrs(f["allow"]),
            relayWithoutAuth: try cidrs(f["relayWithoutAuth"]),
            relaySenders: try f["relaySenders"]?.strings() ?? [],
            trustedLANPlain: try f["trustedLanPlain"]?.bool() ?? false
        )
        if let version = f["minimumTLSVersion"] { listener.minimumTLSVersion = try version.tlsVersion() }
        if tls != .none && (listener.certificate == nil || listener.key == nil) {
            throw node.error(
                "a \(tls.rawValue) listener needs certificate and key (or tls: none with trustedLanPlain for a plain LAN listener)")
        }
        listener.unsafeAllowPublicSources = try f["unsafeAllowPublicSources"]?.bool() ?? false
        listener.bareLineEndings = listener.offersAuth ? .refuse : .normalise
        if let mode = f["bareLineEndings"] {
            listener.bareLineEndings = try mode.oneOf(["refuse", "normalise", "normalize"]) == "refuse" ? .refuse : .normalise
        }
        try checkSources(listener, fields: f)
        if !listener.relayWithoutAuth.isEmpty && listener.relaySenders.isEmpty {
            throw node.error("relayWithoutAuth needs relaySenders: the senders those devices may use")
        }
        if let senders = f["relaySenders"] { try checkPatterns(listener.relaySenders, node: senders) }
        return listener
    }

    /// No open relay by configuration: `allow` and `relayWithoutAuth` stay inside loopback and
    /// private space (`PrivateAddressSpace`) unless the listener sets `unsafeAllowPublicSources`,
    /// and even then neither may add up to the whole Internet.
    private func checkSources(_ listener: BridgeConfiguration.Listener, fields: [String: ConfigNode]) throws(ConfigError) {
        for (key, networks) in [("relayWithoutAuth", listener.relayWithoutAuth), ("allow", listener.allow)] {
            guard let node = fields[key] else { continue }
            if PrivateAddressSpace.coversTheInternet(networks) {
                throw node.error(
                    "\(networks.map(\.description).joined(separator: ", ")) would let the whole Internet in; name the networks of the devices instead"
                )
            }
            guard !listener.unsafeAllowPublicSources else { continue }
            for network in networks {
                if let address = PrivateAddressSpace.firstPublicAddress(in: network) {
                    throw node.error(
                        "'\(network)' includes public addresses (\(address), for one) and would open this listener to the Internet; "
                            + "name the devices' networks inside loopback, RFC 1918, RFC 6598 (100.64.0.0/10), link-local or unique local (fc00::/7) space, "
                            + "or, if public sources are really meant, set unsafeAllowPublicSources: true on this listener")
                }
            }
        }
    }

    /// The same limit across listeners: ranges split over several listeners (`0.0.0.0/1` on one,
    /// `128.0.0.0/1` on another, each with `unsafeAllowPublicSources`) must not add up to the
    /// whole Internet either. `last` is the listener that completed the union.
    private func checkUnion(_ listeners: [BridgeConfiguration.Listener], last: ConfigNode) throws(ConfigError) {
        guard listeners.count > 1 else { return }
        for (key, ranges) in [("relayWithoutAuth", listeners.flatMap(\.relayWithoutAuth)), ("allow", listeners.flatMap(\.allow))]
        where PrivateAddressSpace.coversTheInternet(ranges) {
            throw last.error(
                "the \(key) ranges of listeners \(listeners.map(\.name).joined(separator: ", ")) together cover the whole Internet "
                    + "(\(ranges.map(\.description).joined(separator: ", "))); name the networks of the devices instead")
        }
    }

    /// Each sender is one address or one whole domain (`SenderPattern`).
    private func checkPatterns(_ patterns: [String], node: ConfigNode) throws(ConfigError) {
        for pattern in patterns where SenderPattern(pattern) == nil {
            throw node.error(SenderPattern.problem(with: pattern))
        }
    }

    private func account(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.Account {
        let f = try node.mapping(allowed: ["name", "passwordHash", "senders"])
        let hashNode = try f.required("passwordHash", in: node)
        guard let hash = PasswordHash(encoded: try hashNode.string()) else {
            throw hashNode.error("not a password hash from 'authshift bridge hash-password' (passwords are never stored in plain text)")
        }
        let sendersNode = try f.required("senders", in: node)
        let senders = try sendersNode.strings()
        if senders.isEmpty { throw node.error("senders: name at least one address this device may send as") }
        try checkPatterns(senders, node: sendersNode)
        return BridgeConfiguration.Account(name: try f.required("name", in: node).string(), passwordHash: hash, senders: senders)
    }

    private func limits(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.Limits {
        let f = try node.mapping(allowed: [
            "maxMessageSize", "maxRecipients", "maxConnections", "maxConnectionsPerSource", "messagesPerMinutePerSource",
            "authFailuresBeforeLockout", "lockoutSeconds", "accountLockoutSources", "accountLockoutSeconds", "idleTimeoutSeconds",
            "minimumFreeSpace", "maxErrorsPerSession", "authChecksInFlightPerSource", "authChecksInFlight",
        ])
        var l = BridgeConfiguration.Limits()
        l.maxMessageSize = try f["maxMessageSize"]?.int(in: 65_536...157_286_400) ?? l.maxMessageSize
        l.maxRecipients = try f["maxRecipients"]?.int(in: SMTPLimits.minimumRecipients...10_000) ?? l.maxRecipients
        l.maxConnections = try f["maxConnections"]?.int(in: 1...100_000) ?? l.maxConnections
        l.maxConnectionsPerSource = try f["maxConnectionsPerSource"]?.int(in: 1...100_000) ?? l.maxConnectionsPerSource
        l.messagesPerMinutePerSource = try f["messagesPerMinutePerSource"]?.int(in: 0...1_000_000) ?? l.messagesPerMinutePerSource
        l.authFailuresBeforeLockout = try f["authFailuresBeforeLockout"]?.int(in: 1...1000) ?? l.authFailuresBeforeLockout
        l.lockoutSeconds = try f["lockoutSeconds"]?.int(in: 1...86_400) ?? l.lockoutSeconds
        l.accountLockoutSources = try f["accountLockoutSources"]?.int(in: 2...1000) ?? l.accountLockoutSources
        l.accountLockoutSeconds = try f["accountLockoutSeconds"]?.int(in: 1...86_400) ?? min(l.accountLockoutSeconds, l.lockoutSeconds)
        l.maxErrorsPerSession = try f["maxErrorsPerSession"]?.int(in: 1...1000) ?? l.maxErrorsPerSession
        l.authChecksInFlightPerSource = try f["authChecksInFlightPerSource"]?.int(in: 1...1000) ?? l.authChecksInFlightPerSource
        l.authChecksInFlight = try f["authChecksInFlight"]?.int(in: 1...10_000) ?? l.authChecksInFlight
        l.idleTimeoutSeconds = try f["idleTimeoutSeconds"]?.double(in: 0.1...3600) ?? l.idleTimeoutSeconds
        if let free = f["minimumFreeSpace"] { l.minimumFreeSpace = Int64(try free.int(in: 0...Int(Int32.max) * 1024)) }
        return l
    }

    private func oauth(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.OAuthSettings {
        let f = try node.mapping(allowed: [
            "authority", "tenant", "clientId", "clientSecretFile", "certificate", "key", "pfx", "pfxPasswordFile", "jwtAlgorithm",
        ])
        var o = BridgeConfiguration.OAuthSettings(
            tenant: try f.required("tenant", in: node).string(), clientID: try f.required("clientId", in: node).string())
        o.authority = try f["authority"]?.string() ?? o.authority
        o.clientSecretFile = try f["clientSecretFile"]?.string()
        o.certificate = try f["certificate"]?.string()
        o.key = try f["key"]?.string()
        o.pfx = try f["pfx"]?.string()
        o.pfxPasswordFile = try f["pfxPasswordFile"]?.string()
        if let alg = f["jwtAlgorithm"] { o.jwtAlgorithm = try alg.oneOf(["PS256", "RS256"]) == "PS256" ? .ps256 : .rs256 }
        let ways = [o.clientSecretFile != nil, o.certificate != nil, o.pfx != nil].filter { $0 }.count
        if ways != 1 { throw node.error("give exactly one credential: clientSecretFile, certificate with key, or pfx") }
        if o.certificate != nil && o.key == nil { throw node.error("certificate needs key") }
        guard let url = URL(string: o.authority), let host = url.host, url.scheme == "https" || Loopback.contains(host) else {
            throw (f["authority"] ?? node).error("the authority must be an https URL (plain http only for loopback test endpoints)")
        }
        return o
    }

    private func route(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.Route {
        let f = try node.mapping(allowed: [
            "name", "type", "senders", "senderDomains", "recipientDomains", "host", "port", "tls", "mailbox", "username", "passwordFile",
            "graphBaseUrl", "graphMaxMimeSize", "largeMessageRoute", "messagesPerMinutePerMailbox", "timeoutSeconds", "trustRootsFile",
            "checkHeaderFrom",
        ])
        let kind = BridgeConfiguration.Route.Kind(rawValue: try f.required("type", in: node).oneOf(["smtp-xoauth2", "graph", "smtp"]))!
        let defaultHost = kind == .smtpXOAuth2 ? "smtp.office365.com" : ""
        var r = BridgeConfiguration.Route(
            name: try f.required("name", in: node).string(), kind: kind,
            senderDomains: (try f["senderDomains"]?.strings() ?? []).map { $0.lowercased() },
            recipientDomains: (try f["recipientDomains"]?.strings() ?? []).map { $0.lowercased() },
            host: try f["host"]?.string() ?? defaultHost, port: try f["port"]?.int(in: 1...65535) ?? 587,
            tls: SMTPClientPlan.TLSMode(rawValue: try f["tls"]?.oneOf(["starttls", "implicit", "none"]) ?? "starttls")!,
            mailbox: try f["mailbox"]?.string(), username: try f["username"]?.string(), passwordFile: try f["passwordFile"]?.string()
        )
        r.senders = try f["senders"]?.strings() ?? []
        if let senders = f["senders"] { try checkPatterns(r.senders, node: senders) }
        r.checkHeaderFrom = try f["checkHeaderFrom"]?.bool() ?? (kind == .smtp)
        r.graphBaseURL = try f["graphBaseUrl"]?.string() ?? r.graphBaseURL
        r.graphMaxMimeSize = try f["graphMaxMimeSize"]?.int(in: 1024...157_286_400) ?? r.graphMaxMimeSize
        r.largeMessageRoute = try f["largeMessageRoute"]?.string()
        r.messagesPerMinutePerMailbox = try f["messagesPerMinutePerMailbox"]?.int(in: 0...100_000) ?? (kind == .smtpXOAuth2 ? 30 : 0)
        r.timeoutSeconds = try f["timeoutSeconds"]?.double(in: 0.1...3600) ?? r.timeoutSeconds
        r.trustRootsFile = try f["trustRootsFile"]?.string()
        if kind != .graph && r.host.isEmpty { throw node.error("an smtp route needs host") }
        if r.username != nil && r.passwordFile == nil { throw node.error("username needs passwordFile") }
        return r
    }

    private func retry(_ node: ConfigNode) throws(ConfigError) -> BridgeConfiguration.Retry {
        let f = try node.mapping(allowed: ["initialSeconds", "maximumSeconds", "giveUpAfterSeconds", "notifySender", "postmaster"])
        var r = BridgeConfiguration.Retry()
        r.initialSeconds = try f["initialSeconds"]?.double(in: 0.01...86_400) ?? r.initialSeconds
        r.maximumSeconds = try f["maximumSeconds"]?.double(in: 0.01...604_800) ?? r.maximumSeconds
        r.giveUpAfterSeconds = try f["giveUpAfterSeconds"]?.double(in: 0.01...2_592_000) ?? r.giveUpAfterSeconds
        r.notifySender = try f["notifySender"]?.bool() ?? r.notifySender
        r.postmaster = try f["postmaster"]?.string() ?? r.postmaster
        if r.maximumSeconds < r.initialSeconds { throw node.error("maximumSeconds must not be below initialSeconds") }
        return r
    }
}
