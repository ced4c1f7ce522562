import Foundation
import NIOSSL

/// When each certificate the configuration names stops working: a listener's TLS certificate
/// (devices refuse an expired one, or stop verifying it) and the upstream client-assertion
/// certificate (Entra refuses an assertion signed with an expired certificate, and every
/// OAuth route stops delivering). `check-config` warns within `warningDays` and fails on an
/// expired one; `/metrics` serves each as a gauge so monitoring can alert before it happens.
/// A client secret's expiry is not in the secret itself: Graph has it (`assess` reads the app
/// registrations, see docs/collect.md).
public struct CredentialExpiry: Sendable, Equatable {
    public enum Credential: String, Sendable {
        case listenerTLSCertificate = "listener_tls_certificate"
        case clientAssertionCertificate = "client_assertion_certificate"

        var words: String { self == .listenerTLSCertificate ? "TLS certificate" : "client-assertion certificate" }
    }

    public var credential: Credential
    /// `listener` or `route`.
    public var scope: String
    /// The listener's or route's name from the configuration.
    public var name: String
    public var file: String
    public var notValidAfter: Date

    public static let warningDays = 30

    /// A sentence for `check-config`, or nil when more than `warningDays` remain.
    public func problem(now: Date = Date(), warningDays: Int = CredentialExpiry.warningDays) -> (expired: Bool, text: String)? {
        let days = notValidAfter.timeIntervalSince(now) / 86_400
        let what = "\(scope) \(name): the \(credential.words) \(file)"
        let day = ISO8601DateFormatter().string(from: notValidAfter)
        if days < 0 { return (true, "\(what) expired on \(day); replace it") }
        if days <= Double(warningDays) {
            return (false, "\(what) expires in \(Int(days.rounded(.down))) day(s), on \(day); replace it before then")
        }
        return nil
    }
}

/// What reading the configured certificates found: their expiries, and the ones that could not
/// be read (a configuration checked on another machine than the one it runs on).
public struct CredentialExpiryReading: Sendable {
    public var expiries: [CredentialExpiry] = []
    /// One sentence per certificate that could not be read, naming the file.
    public var unreadable: [String] = []
}

extension BridgeConfiguration {
    /// Every configured certificate with its expiry. A file that cannot be read is reported, not
    /// thrown: `check-config` may run where the certificates are not installed, and the bridge
    /// itself refuses to start without them anyway (the listener's TLS context, the token cache).
    public func credentialExpiries() -> CredentialExpiryReading {
        var reading = CredentialExpiryReading()
        for listener in listeners {
            guard let file = listener.certificate else { continue }
            do {
                guard let certificate = try NIOSSLCertificate.fromPEMFile(file).first else {
                    reading.unreadable.append("listener \(listener.name): no certificate in \(file) to check its expiry")
                    continue
                }
                reading.expiries.append(
                    CredentialExpiry(
                        credential: .listenerTLSCertificate, scope: "listener", name: listener.name, file: file,
                        notValidAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))))
            } catch {
                reading.unreadable.append("listener \(listener.name): cannot read \(file) to check its expiry (\(error))")
            }
        }
        guard let oauth else { return reading }
        let file = oauth.pfx ?? oauth.certificate ?? ""
        do {
            guard let certificate = try TokenCache.signingCertificate(oauth) else { return reading }
            for route in routes where route.kind != .smtp {
                reading.expiries.append(
                    CredentialExpiry(
                        credential: .clientAssertionCertificate, scope: "route", name: route.name, file: file,
                        notValidAfter: certificate.notValidAfter))
            }
        } catch {
            reading.unreadable.append("oauth: cannot read the client-assertion certificate \(file) to check its expiry (\(error))")
        }
        return reading
    }
}
