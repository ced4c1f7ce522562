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

extension BridgeConfiguration {
    /// Every configured certificate with its expiry. A file that cannot be read is an error,
    /// as it is when the bridge starts.
    public func credentialExpiries() throws -> [CredentialExpiry] {
        var out: [CredentialExpiry] = []
        for listener in listeners {
            guard let file = listener.certificate else { continue }
            let path = "listeners.\(listener.name).certificate"
            let certificate: NIOSSLCertificate
            do {
                guard let first = try NIOSSLCertificate.fromPEMFile(file).first else {
                    throw ConfigError(file: file, line: nil, path: path, message: "no certificate in the file")
                }
                certificate = first
            } catch let error as ConfigError {
                throw error
            } catch {
                throw ConfigError(file: file, line: nil, path: path, message: "not a PEM certificate (\(error))")
            }
            out.append(
                CredentialExpiry(
                    credential: .listenerTLSCertificate, scope: "listener", name: listener.name, file: file,
                    notValidAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))))
        }
        if let oauth, let certificate = try TokenCache.signingCertificate(oauth) {
            let file = oauth.pfx ?? oauth.certificate ?? ""
            for route in routes where route.kind != .smtp {
                out.append(
                    CredentialExpiry(
                        credential: .clientAssertionCertificate, scope: "route", name: route.name, file: file,
                        notValidAfter: certificate.notValidAfter))
            }
        }
        return out
    }
}
