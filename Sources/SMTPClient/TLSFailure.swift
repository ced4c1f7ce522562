import Foundation
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a TLS handshake failed, in one plain sentence, decided from the server's certificate and
/// BoringSSL's error codes (never from the library's message, which is kept only as detail).
///
/// Every case is a TLS failure: the probe reports it at the TLS stage (exit 21). The alert names
/// are RFC 8446 §6's; BoringSSL reports a received alert as reason 1000 + its number
/// (`SSL_AD_REASON_OFFSET`).
public enum TLSFailure: Sendable, Equatable {
    /// The certificate does not name the host the client verified (the --target host, or the
    /// TLS server name given instead).
    case nameMismatch(expected: String, certificateNames: [String])
    /// The chain does not lead to an authority this machine (or --tls-ca) trusts.
    case untrustedIssuer(issuer: String)
    case expired(notAfter: Date)
    case notYetValid(notBefore: Date)
    /// No TLS version both sides accept (an old device against smtp.office365.com, or --tls-max).
    case protocolVersion
    /// The server answered with something that is not TLS (a plaintext port, or STARTTLS expected).
    case notTLS
    /// The server ended the handshake with an alert.
    case alert(code: Int)
    /// The server closed the connection during the handshake. When authshift offered only TLS
    /// 1.0 or 1.1 (`legacyMaximum`, --tls-max), that is the likely reason: servers that refuse a
    /// version often close without an alert.
    case closedDuringHandshake(legacyMaximum: String?)
    case other

    /// What the user reads; `advice` says how to connect with a name the certificate lists
    /// (the probe names its own option).
    public func sentence(serverNameAdvice: String) -> String {
        switch self {
        case .nameMismatch(let expected, let names):
            let list = names.isEmpty ? "no host name at all" : names.map { "`\($0)`" }.joined(separator: ", ")
            return "the server's certificate is for \(list), not `\(expected)`; \(serverNameAdvice)"
        case .untrustedIssuer(let issuer):
            return
                "the server's certificate was issued by \"\(issuer)\", which this machine does not trust; install the server's CA in the system store or pass it with --tls-ca"
        case .expired(let date):
            return "the server's certificate expired on \(Self.day(date)); the server needs a new certificate"
        case .notYetValid(let date):
            return "the server's certificate is not valid until \(Self.day(date)); check this machine's clock, or the server's certificate"
        case .protocolVersion:
            return
                "the server and authshift share no TLS version (authshift offers the versions between --tls-min and --tls-max); Exchange Online accepts TLS 1.2 and later"
        case .notTLS:
            return
                "the server did not answer in TLS: the port may expect STARTTLS (--tls starttls) rather than implicit TLS, or no TLS at all"
        case .alert(let code):
            return "the server ended the TLS handshake with the alert \"\(Self.alertName(code))\" (\(code))"
                + (code == 40 || code == 116 ? "; it may require a client certificate or a cipher authshift does not offer" : "")
        case .closedDuringHandshake(let legacy?):
            return
                "the server closed the connection during the TLS handshake, most likely because it accepts none of the TLS versions offered (at most TLS \(legacy))"
        case .closedDuringHandshake(nil):
            return "the server closed the connection during the TLS handshake"
        case .other:
            return "the TLS handshake failed"
        }
    }

    /// Classifies a TLS error given the certificates the client saw while verifying (`seen`, in
    /// the order BoringSSL checked them: the leaf last; `failed` the one it refused).
    static func classify(
        _ error: Error, expectedName: String, seen: [NIOSSLCertificate], failed: NIOSSLCertificate?, legacyMaximum: String? = nil,
        now: Date = Date()
    ) -> TLSFailure {
        let failure = classifyError(error, expectedName: expectedName, seen: seen, failed: failed, now: now)
        if case .closedDuringHandshake = failure { return .closedDuringHandshake(legacyMaximum: legacyMaximum) }
        return failure
    }

    static func classifyError(_ error: Error, expectedName: String, seen: [NIOSSLCertificate], failed: NIOSSLCertificate?, now: Date)
        -> TLSFailure
    {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return .nameMismatch(expected: expectedName, certificateNames: seen.last.map(names(of:)) ?? [])
        }
        guard let ssl = error as? NIOSSLError else {
            if let boring = error as? BoringSSLError { return classify(boring, failed: failed, now: now) }
            return .other
        }
        switch ssl {
        case .handshakeFailed(let boring): return classify(boring, failed: failed, now: now)
        case .uncleanShutdown: return .closedDuringHandshake(legacyMaximum: nil)
        case .noCertificateToValidate, .unableToValidateCertificate:
            return .untrustedIssuer(issuer: failed.map(issuer(of:)) ?? "an unknown issuer")
        default: return .other
        }
    }

    static func classify(_ error: BoringSSLError, failed: NIOSSLCertificate?, now: Date) -> TLSFailure {
        let stack: [BoringSSLInternalError]
        switch error {
        case .sslError(let s), .unknownError(let s): stack = s
        case .zeroReturn, .syscallError: return .closedDuringHandshake(legacyMaximum: nil)
        default: return .other
        }
        if stack.contains(.eofDuringHandshake) { return .closedDuringHandshake(legacyMaximum: nil) }
        for reason in stack.compactMap(sslReason) {
            switch reason {
            case 125:  // SSL_R_CERTIFICATE_VERIFY_FAILED: say which check failed, from the certificate itself
                guard let failed else { return .untrustedIssuer(issuer: "an unknown issuer") }
                let notAfter = Date(timeIntervalSince1970: TimeInterval(failed.notValidAfter))
                let notBefore = Date(timeIntervalSince1970: TimeInterval(failed.notValidBefore))
                if notAfter < now { return .expired(notAfter: notAfter) }
                if notBefore > now { return .notYetValid(notBefore: notBefore) }
                return .untrustedIssuer(issuer: issuer(of: failed))
            // UNSUPPORTED_PROTOCOL, WRONG_SSL_VERSION, NO_SUPPORTED_VERSIONS_ENABLED, alert protocol_version
            case 240, 246, 280, 1070: return .protocolVersion
            case 247, 156, 157: return .notTLS  // WRONG_VERSION_NUMBER, HTTP_REQUEST, HTTPS_PROXY_REQUEST
            case 1000...1255: return .alert(code: reason - 1000)
            default: continue
            }
        }
        return .other
    }

    /// The reason of an SSL-library error from BoringSSL's packed code, which NIOSSL prints
    /// first as `Error: <decimal>` (ERR_GET_LIB = code >> 24, ERR_GET_REASON = code & 0xFFF).
    static func sslReason(_ error: BoringSSLInternalError) -> Int? {
        let text = error.description
        guard text.hasPrefix("Error: ") else { return nil }
        let digits = text.dropFirst(7).prefix { $0.isNumber }
        guard let packed = UInt32(digits), packed >> 24 == 16 else { return nil }  // ERR_LIB_SSL
        return Int(packed & 0xFFF)
    }

    /// Whether a certificate's DNS names cover `host` (RFC 6125 §6.4: case-insensitive, a
    /// trailing dot ignored, a wildcard only as the whole left-most label). Used for
    /// --tls-server-name, which NIOSSL would also accept for a certificate that names only the
    /// IP address connected to.
    static func certificate(_ certificate: NIOSSLCertificate, names host: String) -> Bool {
        var wanted = host.lowercased()
        if wanted.hasSuffix(".") { wanted.removeLast() }
        var dns: [String] = []
        for san in certificate._subjectAlternativeNames() where san.nameType == .dnsName {
            dns.append(String(decoding: Array(san.contents), as: UTF8.self).lowercased())
        }
        if dns.isEmpty, let cn = certificate.subjectName.last(where: { $0.type == .commonName }) { dns.append(cn.value.lowercased()) }
        return dns.contains { name in
            var name = name
            if name.hasSuffix(".") { name.removeLast() }
            if name == wanted { return true }
            guard name.hasPrefix("*."), let dot = wanted.firstIndex(of: ".") else { return false }
            return wanted[dot...] == name.dropFirst() && !wanted[..<dot].isEmpty
        }
    }

    /// The DNS and IP names a certificate is for: its subjectAltName, else its subject CN.
    static func names(of certificate: NIOSSLCertificate) -> [String] {
        var names: [String] = []
        for san in certificate._subjectAlternativeNames() {
            let bytes = Array(san.contents)
            if san.nameType == .dnsName {
                names.append(String(decoding: bytes, as: UTF8.self))
            } else if san.nameType == .ipAddress {
                names.append(ipText(bytes))
            }
        }
        if names.isEmpty, let cn = certificate.subjectName.last(where: { $0.type == .commonName }) { names.append(cn.value) }
        return names
    }

    static func issuer(of certificate: NIOSSLCertificate) -> String {
        let name = certificate.issuerName
        return (name.last(where: { $0.type == .commonName }) ?? name.last)?.value ?? "an unnamed issuer"
    }

    static func ipText(_ bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &out, socklen_t(out.count)) } != nil
        return ok
            ? String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : bytes.map(String.init).joined(separator: ".")
    }

    static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// RFC 8446 §6.2 (and RFC 5246 §7.2) alert descriptions.
    static func alertName(_ code: Int) -> String {
        let names = [
            0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow", 40: "handshake_failure",
            42: "bad_certificate", 43: "unsupported_certificate", 44: "certificate_revoked", 45: "certificate_expired",
            46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied", 50: "decode_error",
            51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security", 80: "internal_error",
            86: "inappropriate_fallback", 90: "user_canceled", 109: "missing_extension", 110: "unsupported_extension",
            112: "unrecognized_name", 113: "bad_certificate_status_response", 115: "unknown_psk_identity",
            116: "certificate_required", 120: "no_application_protocol",
        ]
        return names[code] ?? "unknown alert"
    }
}

/// The certificates BoringSSL checked on one connection, recorded by the verification callback
/// (on the channel's event loop, the only thread that touches it).
final class CertificateWitness: @unchecked Sendable {
    private(set) var seen: [NIOSSLCertificate] = []
    private(set) var failed: NIOSSLCertificate?

    func record(_ result: NIOSSLVerificationResult, _ certificate: NIOSSLCertificate) -> NIOSSLVerificationResult {
        seen.append(certificate)
        if result == .failed, failed == nil { failed = certificate }
        return result
    }
}

/// NIOSSL offers the per-certificate verification result (which certificate failed) only
/// through an initializer it marks deprecated in favour of a callback that replaces its
/// verification altogether; authshift keeps NIOSSL's verification and only watches it. The
/// protocol indirection keeps the build free of the deprecation warning.
protocol WatchedTLSHandlerMaking {
    static func make(context: NIOSSLContext, serverHostname: String?, witness: CertificateWitness) throws -> NIOSSLClientHandler
}

enum WatchedTLSHandler: WatchedTLSHandlerMaking {
    @available(*, deprecated, message: "uses NIOSSL's per-certificate verification callback")
    static func make(context: NIOSSLContext, serverHostname: String?, witness: CertificateWitness) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverHostname, verificationCallback: { witness.record($0, $1) })
    }
}
