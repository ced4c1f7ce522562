import NIOSSL

/// The server TLS settings of `--tls-cert/--tls-key`: the PEM certificate chain and key, TLS 1.2
/// at least.
public enum DashboardTLS {
    public static func load(certificate: String, key: String) throws -> TLSConfiguration {
        do {
            var tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            tls.minimumTLSVersion = .tlsv12
            return tls
        } catch {
            throw DashboardError("cannot read the TLS certificate \(certificate) or key \(key): \(error)", exitStatus: .noInput)
        }
    }
}
