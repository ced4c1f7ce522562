import AuthShiftCore
import Crypto
import Foundation
import NIOSSL
import _CryptoExtras

/// The certificate and RSA private key an app registration trusts, loaded from PEM files or a
/// PFX (PKCS #12), with the thumbprints the client assertion header names. Microsoft's token
/// endpoint accepts RSA keys for certificate credentials (Microsoft Learn, "Microsoft identity
/// platform application authentication certificate credentials").
public struct SigningCertificate: Sendable {
    /// The certificate's DER encoding, what both thumbprints are computed over.
    public let certificateDER: [UInt8]
    let privateKey: _RSA.Signing.PrivateKey

    /// Base64url SHA-256 of the DER certificate, the `x5t#S256` header (the current form).
    /// The certificate's notAfter: past it, Entra refuses assertions signed with the key.
    public let notValidAfter: Date
    public var sha256Thumbprint: String { Base64URL.encode(SHA256.hash(data: certificateDER)) }
    /// Base64url SHA-1 of the DER certificate, the `x5t` header (the form RS256 assertions use).
    public var sha1Thumbprint: String { Base64URL.encode(Insecure.SHA1.hash(data: certificateDER)) }
    /// Hex SHA-1, as the Entra portal and `Get-ChildItem Cert:` show a thumbprint.
    public var thumbprintHex: String {
        Insecure.SHA1.hash(data: certificateDER).map { $0.zeroPadded(2, radix: 16, uppercase: true) }.joined()
    }

    /// Loads a PEM certificate and a PEM private key (PKCS #1 or PKCS #8, encrypted or not).
    public init(certificatePEM certificatePath: String, keyPEM keyPath: String, keyPassphrase: Secret? = nil) throws(OAuthError) {
        let certificate: NIOSSLCertificate
        do {
            guard let first = try NIOSSLCertificate.fromPEMFile(certificatePath).first else {
                throw OAuthError.credentialUnreadable(path: certificatePath, reason: "no certificate in the file")
            }
            certificate = first
        } catch let e as OAuthError {
            throw e
        } catch {
            throw .credentialUnreadable(path: certificatePath, reason: "not a PEM certificate (\(error))")
        }
        let key: NIOSSLPrivateKey
        do {
            if let keyPassphrase {
                let bytes = Array(keyPassphrase.reveal().utf8)
                key = try NIOSSLPrivateKey(file: keyPath, format: .pem) { (set: NIOSSLPassphraseSetter<[UInt8]>) in set(bytes) }
            } else {
                key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            }
        } catch {
            throw .credentialUnreadable(path: keyPath, reason: "not a PEM private key, or the passphrase is wrong (\(error))")
        }
        try self.init(certificate: certificate, key: key, certificateSource: certificatePath, keySource: keyPath)
    }

    /// Loads the first certificate and the private key of a PFX (PKCS #12) file.
    public init(pfx path: String, passphrase: Secret?) throws(OAuthError) {
        let bundle: NIOSSLPKCS12Bundle
        do {
            bundle = try NIOSSLPKCS12Bundle(file: path, passphrase: Array((passphrase?.reveal() ?? "").utf8))
        } catch {
            throw .credentialUnreadable(path: path, reason: "not a PFX file, or the password is wrong (\(error))")
        }
        guard let certificate = bundle.certificateChain.first else {
            throw .credentialUnreadable(path: path, reason: "the PFX holds no certificate")
        }
        try self.init(certificate: certificate, key: bundle.privateKey, certificateSource: path, keySource: path)
    }

    private init(certificate: NIOSSLCertificate, key: NIOSSLPrivateKey, certificateSource: String, keySource: String) throws(OAuthError) {
        do {
            certificateDER = try certificate.toDERBytes()
            notValidAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            privateKey = try _RSA.Signing.PrivateKey(derRepresentation: try key.derBytes)
        } catch {
            throw .credentialUnreadable(path: keySource, reason: "the key is not an RSA key of at least 2048 bits (\(error))")
        }
        // A key from another certificate would give AADSTS700027 at the token endpoint; say so here.
        let certificateKey = try? certificate.extractPublicKey().toSPKIBytes()
        guard certificateKey == [UInt8](privateKey.publicKey.derRepresentation) else {
            throw .keyDoesNotMatchCertificate(certificate: certificateSource, key: keySource)
        }
    }

    /// RSASSA-PSS with SHA-256 and a 32-octet salt (PS256, RFC 7518 §3.5) or RSASSA-PKCS1-v1_5
    /// with SHA-256 (RS256, RFC 7518 §3.3).
    func sign(_ input: [UInt8], algorithm: ClientAssertion.Algorithm) throws -> [UInt8] {
        let digest = SHA256.hash(data: input)
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        return [UInt8](try privateKey.signature(for: digest, padding: padding).rawRepresentation)
    }
}
