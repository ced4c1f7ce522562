/// The server side of a submission as a value type: typed commands (`SMTPCommand.parse`) and
/// results of the checks it asks for go in, typed replies (`SMTPServerReply`: code, enhanced
/// status, text) and actions come out. The bridge's channel handler performs them and writes
/// each reply's `wireText`; nothing downstream reads reply text to decide.
///
/// It is never an open relay: RCPT is refused unless the session authenticated or the client's
/// address is on the listener's allow-list (`Policy.clientAllowListed`). AUTH is offered only
/// inside TLS unless the listener is marked trusted-LAN plain. It follows RFC 5321 (sequence,
/// limits, enhanced codes per RFC 3463 and RFC 2034), RFC 3207 (STARTTLS resets the session),
/// RFC 4954 (AUTH PLAIN and LOGIN, initial responses, `*` cancels) and RFC 1870 (SIZE).
///
/// Envelope addresses are parsed (RFC 5321 §4.1.2, `SMTPPathArgument`) before anything decides
/// on them; a malformed one gets 501 and a source route 553. Every reply is US-ASCII (RFC 5321
/// §2.4: commands and replies are ASCII), so a section is written "section", never "§".
public struct SMTPServerStateMachine: Sendable {
    public struct Policy: Sendable {
        public var hostname: String
        public var maximumMessageSize: Int
        public var maximumRecipients: Int
        /// STARTTLS can be offered (the listener has a certificate and is not implicit TLS).
        public var startTLSAvailable: Bool
        /// The connection is already TLS (implicit TLS listener).
        public var implicitTLS: Bool
        /// AUTH without TLS is allowed (a listener explicitly marked trusted-LAN plain).
        public var plaintextAuthAllowed: Bool
        /// The client's address is on the listener's allow-list: it may relay without AUTH.
        public var clientAllowListed: Bool

        public init(
            hostname: String, maximumMessageSize: Int, maximumRecipients: Int = SMTPLimits.minimumRecipients, startTLSAvailable: Bool,
            implicitTLS: Bool = false, plaintextAuthAllowed: Bool = false, clientAllowListed: Bool = false
        ) {
            self.hostname = hostname
            self.maximumMessageSize = maximumMessageSize
            self.maximumRecipients = max(maximumRecipients, SMTPLimits.minimumRecipients)
            self.startTLSAvailable = startTLSAvailable
            self.implicitTLS = implicitTLS
            self.plaintextAuthAllowed = plaintextAuthAllowed
            self.clientAllowListed = clientAllowListed
        }
    }

    /// A transaction's envelope, known when DATA is accepted; the content streams to the
    /// spool separately.
    public struct Transaction: Sendable, Equatable {
        public var heloName: String
        public var account: String?
        public var from: String
        public var recipients: [String]
    }

    public enum Action: Sendable, Equatable {
        case reply(SMTPServerReply)
        /// Reply, then add TLS; buffered plaintext must be discarded (RFC 3207 §6).
        case replyAndStartTLS(SMTPServerReply)
        /// Check these credentials; answer with `credentialsChecked`.
        case verifyCredentials(user: String, password: String)
        /// Check that the session may use this envelope sender (nil: the null reverse-path `<>`);
        /// answer with `senderChecked`.
        case verifySender(MailboxAddress?)
        /// Read the message now (the framer switches to data mode) after sending this reply;
        /// its content goes to a new spool file for this envelope.
        case replyAndReadData(SMTPServerReply, Transaction)
        /// Read the next line as a SASL response (longer lines allowed, RFC 4954 §4).
        case replyAndReadAuthLine(SMTPServerReply)
        /// The whole message is in: check its header From field if the route asks for it, and
        /// answer with `headerFromChecked` (`.allowed` when no check applies).
        case verifyHeaderFrom(HeaderFrom)
        /// Commit the streamed message durably; answer with `committed`.
        case commit
        /// Throw away the streamed content (the message was refused after DATA).
        case discardAndReply(SMTPServerReply)
        case replyAndClose(SMTPServerReply)
        /// Throw away the streamed content, reply and close: the client's input can no longer
        /// be trusted to be in step (a bare line ending inside DATA).
        case discardAndClose(SMTPServerReply)
    }

    /// `busy`: the check could not start now (too many in flight); RFC 4954 §6's 454 4.7.0.
    public enum CredentialResult: Sendable {
        case accepted(account: String)
        case rejected, lockedOut, busy
    }

    private enum AuthStep: Sendable {
        case loginUser
        case loginPassword(user: String)
        case plain
    }

    private var policy: Policy
    public private(set) var heloName: String?
    public private(set) var tlsActive: Bool
    public private(set) var account: String?
    private var from: String?
    private var recipients: [String] = []
    private var authStep: AuthStep?
    private var pendingFrom: MailboxAddress??
    private var awaitingHeaderFromCheck = false
    /// Counts steps that move a session forward (greeting, TLS, AUTH, an accepted MAIL, RCPT or
    /// DATA, a queued message). NOOP, RSET, VRFY, HELP, repeated greetings and refused commands
    /// do not: the handler's idle limit runs from the last step, so they cannot hold a session open.
    public private(set) var progress = 0

    public init(policy: Policy) {
        self.policy = policy
        tlsActive = policy.implicitTLS
    }

    public var greeting: SMTPServerReply { .init(220, nil, "\(policy.hostname) ESMTP authshift bridge ready") }
    public var timeoutReply: SMTPServerReply { .init(421, .init(4, 4, 2), "\(policy.hostname) Timeout, closing connection") }
    public var authAvailable: Bool { tlsActive || policy.plaintextAuthAllowed }
    public var isAuthenticated: Bool { account != nil }

    // MARK: Commands

    /// An AUTH exchange is under way: the next line is a SASL response (`.saslResponse`), not a command.
    public var expectsAuthResponse: Bool { authStep != nil }

    /// A line from the framer: the SASL response during an AUTH exchange, otherwise a command
    /// line read with `SMTPCommand.parse`.
    public mutating func command(_ line: String) -> Action {
        command(expectsAuthResponse ? .success(.saslResponse(line)) : SMTPCommand.parse(line))
    }

    /// A command, or why its line could not be read as one. A line with a bad argument is still
    /// answered in the order RFC 5321 section 4.3.2 gives: out of sequence (503) or not
    /// allowed (530, 554) before the syntax error (501, 553).
    public mutating func command(_ parsed: Result<SMTPCommand, SMTPCommandSyntaxError>) -> Action {
        if let step = authStep {
            guard case .success(.saslResponse(let line)) = parsed else {
                authStep = nil
                return .reply(.init(501, .init(5, 7, 0), "Authentication cancelled"))
            }
            return authContinuation(line, step: step)
        }
        switch parsed {
        case .success(let command): return perform(command)
        case .failure(let error): return refuse(error)
        }
    }

    private mutating func perform(_ command: SMTPCommand) -> Action {
        switch command {
        case .ehlo(let name), .helo(let name):
            if heloName == nil { progress += 1 }
            heloName = name
            resetTransaction()
            if case .helo = command { return .reply(.init(250, nil, policy.hostname)) }
            return .reply(ehloReply)
        case .startTLS:
            if let refusal = startTLSRefusal { return .reply(refusal) }
            // RFC 3207 section 4.2: forget everything learnt before TLS.
            tlsActive = true
            progress += 1
            heloName = nil
            account = nil
            resetTransaction()
            return .replyAndStartTLS(.init(220, .init(2, 0, 0), "Ready to start TLS"))
        case .auth(let mechanism, let initial):
            if let refusal = authRefusal { return .reply(refusal) }
            return auth(mechanism: mechanism, initial: initial)
        case .mailFrom(let path):
            if let refusal = mailRefusal { return .reply(refusal) }
            return mail(path)
        case .rcptTo(let path):
            if let refusal = rcptRefusal { return .reply(refusal) }
            return rcpt(path)
        case .data:
            guard from != nil else { return .reply(.init(503, .init(5, 5, 1), "Need MAIL command")) }
            guard !recipients.isEmpty else { return .reply(.init(554, .init(5, 5, 1), "No valid recipients")) }
            progress += 1
            return .replyAndReadData(
                .init(354, nil, "End data with <CR><LF>.<CR><LF>"),
                Transaction(heloName: heloName ?? "", account: account, from: from ?? "", recipients: recipients))
        case .rset:
            resetTransaction()
            return .reply(.ok)
        case .noop:
            return .reply(.ok)
        case .vrfy:
            return .reply(.init(252, .init(2, 1, 5), "Cannot VRFY user, but will accept message"))
        case .help:
            return .reply(.init(214, .init(2, 0, 0), "Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA RSET NOOP QUIT"))
        case .quit:
            return .replyAndClose(.init(221, .init(2, 0, 0), "Bye"))
        case .mail, .rcpt, .saslResponse, .message:
            // Client-side forms (an unparsed path, a SASL line outside AUTH, message bytes):
            // never what `SMTPCommand.parse` gives for a command line.
            return .reply(Self.unrecognized)
        }
    }

    private static let unrecognized = SMTPServerReply(502, .init(5, 5, 2), "Error: command not recognized")

    private mutating func refuse(_ error: SMTPCommandSyntaxError) -> Action {
        switch error {
        case .empty:
            return .reply(.init(500, .init(5, 5, 2), "Error: bad syntax"))
        case .unrecognized:
            return .reply(Self.unrecognized)
        case .missingArgument(.auth):
            return .reply(authRefusal ?? .init(501, .init(5, 5, 4), "Syntax: AUTH mechanism"))
        case .missingArgument(let verb):
            return .reply(.init(501, .init(5, 5, 4), "Syntax: \(verb.rawValue) hostname"))
        case .unexpectedArgument(.startTLS):
            return .reply(startTLSRefusal ?? .init(501, .init(5, 5, 4), "Syntax: STARTTLS"))
        case .unexpectedArgument(let verb):
            return .reply(.init(501, .init(5, 5, 4), "Syntax: \(verb.rawValue)"))
        case .badPath(.rcpt, let failure):
            if let refusal = rcptRefusal { return .reply(refusal) }
            switch failure {
            case .syntax: return .reply(.init(501, .init(5, 5, 4), "Syntax: RCPT TO:<address>"))
            case .sourceRoute:
                return .reply(.init(553, .init(5, 1, 3), "Source routes are not accepted; give the recipient's address alone"))
            case .malformedAddress: return .reply(.init(501, .init(5, 1, 3), "Bad recipient address syntax (RFC 5321 section 4.1.2)"))
            case .tooLong: return .reply(.init(501, .init(5, 1, 3), "Recipient address too long (RFC 5321 section 4.5.3.1.3: 256 octets)"))
            }
        case .badPath(_, let failure):
            if let refusal = mailRefusal { return .reply(refusal) }
            switch failure {
            case .syntax: return .reply(.init(501, .init(5, 5, 4), "Syntax: MAIL FROM:<address>"))
            case .sourceRoute: return .reply(.init(553, .init(5, 1, 7), "Source routes are not accepted; give the sender's address alone"))
            case .malformedAddress: return .reply(.init(501, .init(5, 1, 7), "Bad sender address syntax (RFC 5321 section 4.1.2)"))
            case .tooLong: return .reply(.init(501, .init(5, 1, 7), "Sender address too long (RFC 5321 section 4.5.3.1.3: 256 octets)"))
            }
        }
    }

    /// Why STARTTLS cannot be taken now, if it cannot.
    private var startTLSRefusal: SMTPServerReply? {
        guard policy.startTLSAvailable, !tlsActive else { return .init(502, .init(5, 5, 1), "STARTTLS not available") }
        return nil
    }

    /// Why MAIL cannot be taken now, if it cannot.
    private var mailRefusal: SMTPServerReply? {
        guard heloName != nil else { return .init(503, .init(5, 5, 1), "Send EHLO first") }
        guard from == nil else { return .init(503, .init(5, 5, 1), "Sender already given") }
        guard isAuthenticated || policy.clientAllowListed else { return .init(530, .init(5, 7, 0), "Authentication required") }
        return nil
    }

    /// Why RCPT cannot be taken now, if it cannot.
    private var rcptRefusal: SMTPServerReply? {
        guard from != nil else { return .init(503, .init(5, 5, 1), "Need MAIL before RCPT") }
        // Never an open relay: checked again here, not only at MAIL.
        guard isAuthenticated || policy.clientAllowListed else { return .init(554, .init(5, 7, 1), "Relay access denied") }
        return nil
    }

    private mutating func mail(_ path: SMTPPathArgument) -> Action {
        // Only the extensions EHLO advertised take parameters (RFC 5321 section 4.1.1.11: 555
        // for one not recognised): SIZE (RFC 1870), BODY (RFC 6152), AUTH (RFC 4954 section 5).
        for parameter in path.parameters {
            let keyword = parameter.prefix { $0 != "=" }.uppercased()
            let value = parameter.contains("=") ? String(parameter.drop { $0 != "=" }.dropFirst()) : nil
            switch keyword {
            case "SIZE":
                guard let value, let size = Int(value), size >= 0 else {
                    return .reply(.init(501, .init(5, 5, 4), "Bad SIZE parameter (RFC 1870: SIZE=octets)"))
                }
                if size > policy.maximumMessageSize { return .reply(sizeExceeded) }
            case "BODY":
                guard let value, ["7BIT", "8BITMIME"].contains(value.uppercased()) else {
                    return .reply(.init(501, .init(5, 5, 4), "Bad BODY parameter (7BIT or 8BITMIME)"))
                }
            case "AUTH":
                guard value != nil else {
                    return .reply(.init(501, .init(5, 5, 4), "Bad AUTH parameter (RFC 4954 section 5: AUTH=<> or AUTH=mailbox)"))
                }
            default:
                return .reply(
                    .init(
                        555, .init(5, 5, 4), "MAIL FROM parameter not recognized or not implemented (this server takes SIZE, BODY and AUTH)"
                    ))
            }
        }
        pendingFrom = .some(path.mailbox)
        return .verifySender(path.mailbox)
    }

    private mutating func rcpt(_ path: SMTPPathArgument) -> Action {
        guard let address = path.mailbox else {
            return .reply(.init(501, .init(5, 1, 3), "Bad recipient address syntax (RFC 5321 section 4.1.2)"))
        }
        // No extension that takes RCPT parameters (DSN's NOTIFY, ORCPT) is advertised.
        guard path.parameters.isEmpty else {
            return .reply(.init(555, .init(5, 5, 4), "RCPT TO parameters not recognized or not implemented"))
        }
        // Sender-specified routing (`victim%example.org@contoso.com`, `example.org!victim@contoso.com`,
        // RFC 1123 section 5.2.16) could make a next hop relay where the route's recipient
        // domains do not reach; refused as Postfix does by default (allow_untrusted_routing = no).
        // A quoted local part may carry the same routing: `"victim@evil.example"@contoso.com`,
        // `"victim\@evil.example"@contoso.com` or `"@evil.example:victim"@contoso.com` (the local
        // part here is unquoted, so `@` and `:` in it came from a quoted string).
        guard !address.localPart.contains(where: { "%!@:".contains($0) }) else {
            return .reply(.init(553, .init(5, 1, 3), "Sender-specified routing (% ! @ or : in the local part) is not accepted"))
        }
        guard recipients.count < policy.maximumRecipients else { return .reply(.init(452, .init(4, 5, 3), "Too many recipients")) }
        recipients.append(address.description)
        progress += 1
        return .reply(.recipientAccepted)
    }

    private var sizeExceeded: SMTPServerReply {
        .init(552, .init(5, 3, 4), "Message size exceeds fixed maximum message size (\(policy.maximumMessageSize))")
    }

    /// The framer found a command line over 512 octets.
    public mutating func commandTooLong() -> Action {
        if authStep != nil {
            authStep = nil
            return .reply(.init(500, .init(5, 5, 6), "Authentication Exchange line is too long"))
        }
        return .reply(.init(500, .init(5, 5, 2), "Line too long (RFC 5321 section 4.5.3.1.4: 512 octets)"))
    }

    /// The message ended (on CRLF.CRLF). Lines over 1000 octets are not a reason to refuse it.
    public mutating func messageReceived(oversized: Bool, headerFrom: HeaderFrom) -> Action {
        guard from != nil else { return .discardAndReply(.init(503, .init(5, 5, 1), "Bad sequence of commands")) }
        if oversized {
            resetTransaction()
            return .discardAndReply(sizeExceeded)
        }
        awaitingHeaderFromCheck = true
        return .verifyHeaderFrom(headerFrom)
    }

    public enum HeaderFromDecision: Sendable, Equatable {
        case allowed
        /// This author address is not one the client may use.
        case notAllowed(MailboxAddress)
        /// The field could not be read (why), or is missing where it is required.
        case invalid(String)
    }

    public mutating func headerFromChecked(_ decision: HeaderFromDecision) -> Action {
        guard awaitingHeaderFromCheck else { return .discardAndReply(.init(503, .init(5, 5, 1), "Bad sequence of commands")) }
        awaitingHeaderFromCheck = false
        resetTransaction()
        switch decision {
        case .allowed:
            return .commit
        case .notAllowed(let address):
            return .discardAndReply(.init(550, .init(5, 7, 1), "Header From <\(address)> is not an address this client may send as"))
        case .invalid(let reason):
            return .discardAndReply(.init(550, .init(5, 6, 0), "Header From cannot be checked: \(reason)"))
        }
    }

    /// The framer found a bare CR or LF inside the message where they are refused (RFC 5321
    /// section 2.3.8). The transaction is discarded and the connection closed, as Postfix does
    /// with `smtpd_forbid_bare_newline = reject`: what the client sent next may be a smuggled
    /// command and is never read.
    public mutating func bareLineEnding() -> Action {
        resetTransaction()
        awaitingHeaderFromCheck = false
        return .discardAndClose(
            .init(521, .init(5, 5, 2), "Bare CR or LF in message data; lines must end with CRLF (RFC 5321 section 2.3.8)"))
    }

    /// The handler will not take this message (no route for it): refuse DATA and end the transaction.
    public mutating func dataRefused(_ reply: SMTPServerReply) -> Action {
        resetTransaction()
        return .reply(reply)
    }

    public mutating func committed(id: String?) -> Action {
        guard let id else { return .reply(.cannotQueue) }
        progress += 1
        return .reply(.init(250, .init(2, 0, 0), "Ok: queued as \(id)"))
    }

    public mutating func credentialsChecked(_ result: CredentialResult) -> Action {
        switch result {
        case .accepted(let name):
            account = name
            progress += 1
            return .reply(.init(235, .init(2, 7, 0), "Authentication successful"))
        case .rejected:
            return .reply(.init(535, .init(5, 7, 8), "Authentication credentials invalid"))
        case .lockedOut:
            return .replyAndClose(.init(421, .init(4, 7, 0), "Too many failed authentications, try again later"))
        case .busy:
            return .reply(.init(454, .init(4, 7, 0), "Temporary authentication failure, try again later"))
        }
    }

    public enum SenderDecision: Sendable { case allowed, notAllowed, rateLimited }

    public mutating func senderChecked(_ decision: SenderDecision) -> Action {
        guard case .some(let address) = pendingFrom else { return .reply(.init(503, .init(5, 5, 1), "Bad sequence of commands")) }
        pendingFrom = nil
        switch decision {
        case .allowed:
            from = address?.description ?? ""
            progress += 1
            return .reply(.senderAccepted)
        case .notAllowed:
            return .reply(.init(550, .init(5, 7, 1), "Sender <\(address?.description ?? "")> not allowed for this client"))
        case .rateLimited:
            return .reply(.init(450, .init(4, 7, 1), "Too many messages from this client, try again later"))
        }
    }

    // MARK: AUTH

    /// Why AUTH cannot be taken now, if it cannot.
    private var authRefusal: SMTPServerReply? {
        guard heloName != nil else { return .init(503, .init(5, 5, 1), "Send EHLO first") }
        guard account == nil else { return .init(503, .init(5, 5, 1), "Already authenticated") }
        guard from == nil else { return .init(503, .init(5, 5, 1), "AUTH not allowed during a mail transaction") }
        guard authAvailable else { return .init(538, .init(5, 7, 11), "Encryption required for requested authentication mechanism") }
        return nil
    }

    private mutating func auth(mechanism: String, initial: String?) -> Action {
        switch mechanism {
        case "PLAIN":
            guard let initial else {
                authStep = .plain
                return .replyAndReadAuthLine(.init(334, nil, ""))
            }
            return plain(initial)
        case "LOGIN":
            guard let initial else {
                authStep = .loginUser
                return .replyAndReadAuthLine(.init(334, nil, "VXNlcm5hbWU6"))
            }
            guard let user = Self.base64Text(initial) else { return .reply(.init(501, .init(5, 5, 2), "Cannot decode response")) }
            authStep = .loginPassword(user: user)
            return .replyAndReadAuthLine(.init(334, nil, "UGFzc3dvcmQ6"))
        default:
            return .reply(.init(504, .init(5, 5, 4), "Unrecognized authentication type"))
        }
    }

    private mutating func authContinuation(_ line: String, step: AuthStep) -> Action {
        authStep = nil
        if line == "*" { return .reply(.init(501, .init(5, 7, 0), "Authentication cancelled")) }
        switch step {
        case .plain:
            return plain(line)
        case .loginUser:
            guard let user = Self.base64Text(line) else { return .reply(.init(501, .init(5, 5, 2), "Cannot decode response")) }
            authStep = .loginPassword(user: user)
            return .replyAndReadAuthLine(.init(334, nil, "UGFzc3dvcmQ6"))
        case .loginPassword(let user):
            guard let password = Self.base64Text(line) else { return .reply(.init(501, .init(5, 5, 2), "Cannot decode response")) }
            return .verifyCredentials(user: user, password: password)
        }
    }

    private func plain(_ payload: String) -> Action {
        // RFC 4616: [authzid] NUL authcid NUL passwd.
        guard let bytes = SASL.decode(payload) else { return .reply(.init(501, .init(5, 5, 2), "Cannot decode response")) }
        let fields = bytes.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return .reply(.init(501, .init(5, 5, 2), "Cannot decode response")) }
        return .verifyCredentials(user: String(decoding: fields[1], as: UTF8.self), password: String(decoding: fields[2], as: UTF8.self))
    }

    // MARK: Helpers

    private var ehloReply: SMTPServerReply {
        var lines = ["\(policy.hostname)", "SIZE \(policy.maximumMessageSize)", "8BITMIME", "PIPELINING", "ENHANCEDSTATUSCODES"]
        if policy.startTLSAvailable && !tlsActive { lines.append("STARTTLS") }
        if authAvailable && account == nil { lines.append("AUTH PLAIN LOGIN") }
        return SMTPServerReply(250, lines: lines)
    }

    private mutating func resetTransaction() {
        from = nil
        pendingFrom = nil
        recipients = []
    }

    static func base64Text(_ text: String) -> String? {
        SASL.decode(text).map { String(decoding: $0, as: UTF8.self) }
    }
}
