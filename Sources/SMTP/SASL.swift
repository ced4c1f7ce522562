import Foundation

/// The SASL payloads authshift sends, base64 as RFC 4954 §4 requires. Each is a secret: callers
/// pass them to `SecretRedactor` so that no output can contain them.
public enum SASL {
    /// RFC 4616: authorization identity (empty), NUL, user, NUL, password.
    public static func plain(user: String, password: String) -> String {
        Data(("\u{0}" + user + "\u{0}" + password).utf8).base64EncodedString()
    }

    /// The LOGIN mechanism (draft-murchison-sasl-login): the user name, then the password, each
    /// in answer to its own 334 challenge.
    public static func login(_ value: String) -> String {
        Data(value.utf8).base64EncodedString()
    }

    /// Microsoft's SASL XOAUTH2: `base64("user=" + userName + "^Aauth=Bearer " + accessToken + "^A^A")`
    /// where ^A is %x01. Source: Microsoft Learn, "Authenticate an IMAP, POP or SMTP connection
    /// using OAuth" (docs/relay.md#oauth-for-smtp-xoauth2), whose worked example is a unit-test vector.
    public static func xoauth2(user: String, accessToken: String) -> String {
        Data(("user=" + user + "\u{1}auth=Bearer " + accessToken + "\u{1}\u{1}").utf8).base64EncodedString()
    }

    /// A client's SASL line decoded (the bridge reads AUTH PLAIN and LOGIN with it); nil unless it
    /// is strict base64 (RFC 4954 §4).
    public static func decode(_ line: String) -> [UInt8]? {
        Data(base64Encoded: line).map { [UInt8]($0) }
    }

    /// A 334 challenge decoded for the transcript when it is printable text ("Username:", or the
    /// JSON error Exchange Online and Gmail send after a rejected XOAUTH2 token).
    public static func decodedChallenge(_ text: String) -> String? {
        guard !text.isEmpty, let data = decode(text), let s = String(bytes: data, encoding: .utf8),
            s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
        else { return nil }
        return s
    }
}
