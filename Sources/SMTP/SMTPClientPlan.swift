/// What a client conversation should do: the parts of the probe's command line the state
/// machine needs, with the secrets already turned into SASL responses.
public struct SMTPClientPlan: Sendable {
    public enum TLSMode: String, Sendable, Codable, CaseIterable {
        /// No TLS at all (loopback tests, a LAN relay).
        case none
        /// Plain connection, then STARTTLS (RFC 3207), required: the probe stops if it is not offered.
        case startTLS = "starttls"
        /// TLS from the first byte (RFC 8314, port 465).
        case implicit
    }

    /// A SASL mechanism with the responses to send, in order, to its 334 challenges.
    public struct Authentication: Sendable {
        public var mechanism: String
        public var user: String
        /// Base64 lines, secrets all; never shown.
        public var responses: [String]
        /// Send the first response on the AUTH line itself (RFC 4954 §4), as Microsoft's XOAUTH2
        /// page writes the command (`AUTH XOAUTH2 <base64>`), instead of after a 334.
        public var initialResponse = false

        public static func plain(user: String, password: String) -> Authentication {
            Authentication(mechanism: "PLAIN", user: user, responses: [SASL.plain(user: user, password: password)])
        }
        public static func login(user: String, password: String) -> Authentication {
            Authentication(mechanism: "LOGIN", user: user, responses: [SASL.login(user), SASL.login(password)])
        }
        public static func xoauth2(user: String, accessToken: String) -> Authentication {
            Authentication(mechanism: "XOAUTH2", user: user, responses: [SASL.xoauth2(user: user, accessToken: accessToken)])
        }
    }

    public var heloName: String
    public var tls: TLSMode
    public var authentication: Authentication?
    /// Whether credentials may go over a connection without TLS (loopback tests only).
    public var allowPlaintextAuth: Bool
    public var from: String?
    public var recipients: [String]
    /// The message to send after DATA, not yet dot-stuffed.
    public var message: [UInt8]?
    public var quitAfter: ProbeStage
    /// Stop once the session is open (greeting, EHLO, TLS, AUTH) and hand it over instead of
    /// sending MAIL or QUIT: the relay's delivery session (`SMTPDeliveryStateMachine`) opens a
    /// session exactly as the probe does, then runs its own transactions on it.
    public var handOverWhenOpen = false

    public init(
        heloName: String, tls: TLSMode, authentication: Authentication? = nil, allowPlaintextAuth: Bool = false,
        from: String? = nil, recipients: [String] = [], message: [UInt8]? = nil, quitAfter: ProbeStage
    ) {
        self.heloName = heloName
        self.tls = tls
        self.authentication = authentication
        self.allowPlaintextAuth = allowPlaintextAuth
        self.from = from
        self.recipients = recipients
        self.message = message
        self.quitAfter = quitAfter
    }
}
