import NIOSSL

/// The TLS client settings authshift uses everywhere (token endpoint, Graph, SMTP submission):
/// the system's trust store plus any extra roots (a test CA, a relay's internal CA), with host
/// name verification. A context is built once and shared: building one reads and parses the
/// system's CA bundle, which is not work to repeat per message.
public enum ClientTLS {
    public static func context(trustRoots: [NIOSSLCertificate] = [], minimum: TLSVersion = .tlsv12, maximum: TLSVersion? = nil) throws
        -> NIOSSLContext
    {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = minimum
        configuration.maximumTLSVersion = maximum
        if !trustRoots.isEmpty { configuration.additionalTrustRoots = [.certificates(trustRoots)] }
        return try NIOSSLContext(configuration: configuration)
    }
}
