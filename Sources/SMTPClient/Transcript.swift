import AuthShiftCore
import Foundation

/// The conversation as swaks shows it: `->` sent and `<-` received in plaintext, `~>` and `<~`
/// inside TLS, `***` errors and `===` notes. Every entry passes through the redactor before it
/// is stored, so no rendering of a transcript can hold a secret.
public struct Transcript: Sendable {
    public enum Direction: String, Sendable, Codable {
        case sent, received
        case tlsSent = "tls-sent"
        case tlsReceived = "tls-received"
        case error, info

        public var marker: String {
            switch self {
            case .sent: return "->"
            case .received: return "<-"
            case .tlsSent: return "~>"
            case .tlsReceived: return "<~"
            case .error: return "***"
            case .info: return "==="
            }
        }
    }

    public struct Entry: Sendable, Codable {
        public var direction: Direction
        public var text: String
        /// Milliseconds since the probe started.
        public var elapsedMilliseconds: Int

        /// The entry as a transcript line (`-> EHLO ...`).
        public var line: String { "\(direction.marker) \(text)" }
    }

    public private(set) var entries: [Entry] = []
    let redactor: SecretRedactor
    private let start: Date
    /// Called with each entry as it is added (already redacted), so a terminal shows the
    /// conversation live, as swaks does, and a hanging server is seen where it hangs.
    public var observer: (@Sendable (Entry) -> Void)?

    public init(redactor: SecretRedactor, start: Date = Date(), observer: (@Sendable (Entry) -> Void)? = nil) {
        self.redactor = redactor
        self.start = start
        self.observer = observer
    }

    public mutating func append(_ direction: Direction, _ text: String) {
        let ms = Int(Date().timeIntervalSince(start) * 1000)
        let entry = Entry(direction: direction, text: redactor.redact(text), elapsedMilliseconds: ms)
        entries.append(entry)
        observer?(entry)
    }

    /// The same entries, later ones redacted with a redactor that knows more secrets (a token
    /// obtained after the transcript started); earlier entries are redacted again too.
    public func with(redactor: SecretRedactor) -> Transcript {
        var copy = Transcript(redactor: redactor, start: start, observer: observer)
        copy.entries = entries.map {
            Entry(direction: $0.direction, text: redactor.redact($0.text), elapsedMilliseconds: $0.elapsedMilliseconds)
        }
        return copy
    }

    /// Appends another transcript's entries (already redacted by their own redactor, redacted again here).
    public mutating func append(contentsOf other: Transcript) {
        entries += other.entries.map {
            Entry(direction: $0.direction, text: redactor.redact($0.text), elapsedMilliseconds: $0.elapsedMilliseconds)
        }
    }

    public var text: String {
        entries.map(\.line).joined(separator: "\n")
    }
}

/// Replaces every known secret (password, client secret, token, AUTH payloads, assertion) in a
/// text with the mask, as a last line of defence behind the commands' own masking: a server that
/// echoes a payload back, or an error that quotes one, still cannot leak it.
public struct SecretRedactor: Sendable {
    private var secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a payload containing a password is masked whole. Very short values
        // are skipped: masking every "a" in a transcript would hide the conversation instead.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public mutating func add(_ secret: String) {
        guard secret.count >= 4, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: Secret.mask)
        }
        return out
    }
}
