import ArgumentParser
import AuthShiftCore
import NIOSSL
import SMTP
import Transport

/// How `probe` protects the connection: the TLS mode, the trust anchors, the name verified and
/// the versions offered (an old device's TLS 1.0 can be imitated).
struct ProbeTLSOptions: ParsableArguments {
    @Option(help: "TLS: starttls, implicit or none (default: what the target expects; implicit on port 465).")
    var tls: SMTPClientPlan.TLSMode?
    @Option(name: .customLong("tls-ca"), help: "A PEM file of extra certificate authorities to trust (a relay's internal CA, a test CA).")
    var tlsCA: String?
    @Option(
        name: .customLong("tls-server-name"),
        help:
            "The host name to send in SNI and to verify the certificate against, instead of the --target host (a server reached by IP address whose certificate names its host name)."
    )
    var tlsServerName: String?
    @Option(name: .customLong("tls-min"), help: "Lowest TLS version to accept: 1.0, 1.1, 1.2 or 1.3.")
    var tlsMinimum: TLSProtocolVersion = .v12
    @Option(
        name: .customLong("tls-max"),
        help:
            "Highest TLS version to offer, to imitate an old device (1.0 or 1.1 is refused by smtp.office365.com; see --target exo-legacy)."
    )
    var tlsMaximum: TLSProtocolVersion?

    func validate() throws {
        if let name = tlsServerName, name.isEmpty || HTTPSPost.isIPAddress(name) || name.contains(" ") {
            throw ValidationError(
                "--tls-server-name: expected a host name (an IP address is never sent in SNI; give it in --target), got '\(name)'.")
        }
        if let tlsMaximum, tlsMaximum < tlsMinimum {
            throw ValidationError(
                "--tls-max \(tlsMaximum.rawValue) is below --tls-min \(tlsMinimum.rawValue); lower --tls-min too to imitate an old device.")
        }
    }

    /// The --tls-ca certificates; an unreadable file exits with 66.
    func trustRoots() throws -> [NIOSSLCertificate] {
        guard let tlsCA else { return [] }
        do { return try NIOSSLCertificate.fromPEMFile(tlsCA) } catch {
            StandardError.write("error: \(tlsCA): not a PEM certificate file (\(error))\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }
}

extension SMTPClientPlan.TLSMode: ExpressibleByArgument {}

/// TLS versions as admins write them, through Transport's one parser.
extension TLSProtocolVersion: ExpressibleByArgument {}
