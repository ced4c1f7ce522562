/// What `bridge check-config` prints for a valid configuration: each listener (address, TLS,
/// who may connect and relay, bare line endings), account, route, warning, and the spool and
/// retry settings, so an operator reads back what the file sets up.
extension BridgeConfiguration {
    public func summary(path: String) -> String {
        var s = "\(path): valid\n"
        for l in listeners {
            s +=
                "listener \(l.name): \(l.address):\(l.port), TLS \(l.tls.rawValue)"
                + (l.tls == .none ? "" : " (TLS \(l.minimumTLSVersion) or newer)")
                + (l.trustedLANPlain ? ", AUTH allowed without TLS (trusted LAN)" : "")
            s += ", connect from \(l.allow.isEmpty ? "loopback only" : l.allow.map(\.description).joined(separator: " "))"
            s +=
                l.relayWithoutAuth.isEmpty
                ? ", relay only after AUTH"
                : ", relay without AUTH from \(l.relayWithoutAuth.map(\.description).joined(separator: " ")) as \(l.relaySenders.joined(separator: " "))"
            s +=
                ", bare CR/LF in DATA \(l.bareLineEndings == .refuse ? "refused" : "normalised to CRLF")"
                + (l.unsafeAllowPublicSources ? ", UNSAFE: public sources allowed" : "") + "\n"
        }
        for a in accounts { s += "account \(a.name): may send as \(a.senders.joined(separator: ", "))\n" }
        for r in routes {
            var senders = r.senders + r.senderDomains.map { "*@" + $0 }
            if senders.isEmpty { senders = ["any sender"] }
            let match =
                "senders " + senders.joined(separator: ", ")
                + (r.recipientDomains.isEmpty ? "" : ", recipients @" + r.recipientDomains.joined(separator: ", @"))
            let target = r.kind == .graph ? r.graphBaseURL : "\(r.host):\(r.port)"
            s += "route \(r.name): \(r.kind.rawValue) to \(target) for \(match)\n"
        }
        for w in warnings { s += "warning: \(w)\n" }
        s +=
            "spool \(spool); retry from \(Int(retry.initialSeconds)) s doubling to \(Int(retry.maximumSeconds)) s, give up after \(Int(retry.giveUpAfterSeconds)) s\n"
        return s
    }
}
