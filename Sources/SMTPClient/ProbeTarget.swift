import SMTP

/// Where a probe connects. The named targets are Microsoft's documented submission endpoints:
/// - `exo`: smtp.office365.com:587 with STARTTLS (Microsoft Learn, "How to set up a multifunction
///   device or application to send email using Microsoft 365", option 1).
/// - `exo-legacy`: smtp-legacy.office365.com:587, the endpoint for clients that can only use
///   legacy TLS versions (Microsoft Learn, "Opt in to the Exchange Online endpoint for legacy TLS
///   clients using SMTP AUTH").
/// - `hve`: smtp.hve.mx.microsoft:587 (Microsoft Learn, "High volume email for Microsoft 365").
/// - `acs`: smtp.azurecomm.net:587, user name `resource|appId|tenantId` (Microsoft Learn, "Azure
///   Communication Services: send email with SMTP").
public struct ProbeTarget: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case exo
        case exoLegacy = "exo-legacy"
        case hve
        case acs
        case custom
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    /// The TLS mode the endpoint expects; the user can override it.
    public var defaultTLS: SMTPClientPlan.TLSMode

    public init(kind: Kind, host: String, port: Int, defaultTLS: SMTPClientPlan.TLSMode) {
        self.kind = kind
        self.host = host
        self.port = port
        self.defaultTLS = defaultTLS
    }

    /// `exo`, `exo-legacy`, `hve`, `acs`, `host:port`, `[v6]:port` or a bare host (port 587).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "exo": self.init(kind: .exo, host: "smtp.office365.com", port: 587, defaultTLS: .startTLS)
        case "exo-legacy": self.init(kind: .exoLegacy, host: "smtp-legacy.office365.com", port: 587, defaultTLS: .startTLS)
        case "hve": self.init(kind: .hve, host: "smtp.hve.mx.microsoft", port: 587, defaultTLS: .startTLS)
        case "acs": self.init(kind: .acs, host: "smtp.azurecomm.net", port: 587, defaultTLS: .startTLS)
        default:
            var host = text
            var port = 587
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else { return nil }
                host = String(text[text.index(after: text.startIndex)..<close])
                let rest = text[text.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.hasPrefix(":"), let p = Int(rest.dropFirst()) else { return nil }
                    port = p
                }
            } else if let colon = text.lastIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
                host = String(text[..<colon])
                guard let p = Int(text[text.index(after: colon)...]) else { return nil }
                port = p
            }
            guard !host.isEmpty, (1...65535).contains(port) else { return nil }
            // Port 465 is implicit TLS (RFC 8314 §3.3); 25 and 587 use STARTTLS.
            self.init(kind: .custom, host: host, port: port, defaultTLS: port == 465 ? .implicit : .startTLS)
        }
    }

    public var display: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
