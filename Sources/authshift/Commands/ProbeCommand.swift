import ArgumentParser
import AuthShiftCore
import Foundation
import NIOCore
import NIOSSL
import OAuth
import Reports
import SMTP
import SMTPClient
import Transport

/// `authshift probe`: drive the submission a device or application makes, with Basic or with an
/// OAuth token authshift obtains itself, show the conversation with every secret masked, and
/// explain the answer.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Test an SMTP submission path with Basic (AUTH LOGIN/PLAIN) or OAuth (XOAUTH2) and explain the reply.",
        discussion: """
            Targets: exo (smtp.office365.com:587, STARTTLS), exo-legacy (smtp-legacy.office365.com:587), \
            hve (smtp.hve.mx.microsoft:587), acs (smtp.azurecomm.net:587, user resource|appId|tenantId), or HOST:PORT.

            Secrets are never taken on the command line: use --password-env, --password-file or \
            --password-stdin, and --client-secret-env or --client-secret-file. The transcript masks every \
            password, token and AUTH payload; tokens are held in memory only.

            Examples:
              authshift probe --target exo --user scanner@contoso.com --password-env SCANNER_PW --quit-after auth
              authshift probe --target exo --user app@contoso.com --tenant contoso.onmicrosoft.com \\
                  --client-id 00000000-0000-0000-0000-000000000000 --pfx app.pfx --pfx-password-env PFX_PW \\
                  --send-to someone@contoso.com

            Exit statuses: 0 every stage up to --quit-after passed; 20 connect (no connection, no 220, EHLO \
            refused); 21 TLS (STARTTLS missing or refused; the handshake failed: \
            certificate name, issuer, dates, TLS version or an alert, said in one sentence); 22 AUTH refused \
            or mechanism not offered; 23 MAIL FROM refused; 24 RCPT TO refused; 25 DATA or the message \
            refused; 26 no OAuth token; 28 a stage timed out; 29 the server broke the protocol (a line over \
            the RFC 5321 limit, a malformed reply) or closed the connection; 64 bad usage; 66 a certificate \
            or key file cannot be read.
            """
    )

    enum AuthMode: String, ExpressibleByArgument, CaseIterable { case none, plain, login, xoauth2 }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum JWTAlgorithm: String, ExpressibleByArgument, CaseIterable { case ps256, rs256 }

    @Option(help: "exo, exo-legacy, hve, acs, or HOST:PORT.")
    var target: String = "exo"
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
    @Option(help: "Authentication: none, plain, login or xoauth2 (default: xoauth2 with --client-id, login with a password, else none).")
    var auth: AuthMode?
    @Flag(
        name: .customLong("initial-response"),
        help: "Send the first SASL response on the AUTH line (AUTH XOAUTH2 <base64>, as Microsoft's page writes it) instead of after a 334."
    )
    var initialResponse = false
    @Option(help: "The mailbox to authenticate as (the SMTP AUTH user name, or user= in XOAUTH2).")
    var user: String?
    @Option(name: .customLong("password-env"), help: "Environment variable holding the password.")
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: "File holding the password.")
    var passwordFile: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
    var passwordStdin = false

    @Option(help: "Tenant ID or primary domain, for the OAuth token (and the ACS user name).")
    var tenant: String?
    @Option(name: .customLong("client-id"), help: "The app registration's application (client) ID.")
    var clientID: String?
    @Option(name: .customLong("client-secret-env"), help: "Environment variable holding the client secret.")
    var clientSecretEnv: String?
    @Option(name: .customLong("client-secret-file"), help: "File holding the client secret.")
    var clientSecretFile: String?
    @Option(help: "PEM certificate for the client assertion (with --key).")
    var certificate: String?
    @Option(help: "PEM private key (PKCS #1 or #8) for --certificate.")
    var key: String?
    @Option(name: .customLong("key-password-env"), help: "Environment variable holding the PEM key's passphrase.")
    var keyPasswordEnv: String?
    @Option(help: "PFX (PKCS #12) file with the certificate and key.")
    var pfx: String?
    @Option(name: .customLong("pfx-password-env"), help: "Environment variable holding the PFX password.")
    var pfxPasswordEnv: String?
    @Option(
        name: .customLong("jwt-alg"), help: "Client assertion signature: ps256 (x5t#S256, Microsoft's current guidance) or rs256 (x5t).")
    var jwtAlgorithm: JWTAlgorithm = .ps256
    @Option(help: "Identity platform authority (a national cloud, or a loopback test endpoint).")
    var authority: String = TokenRequest.defaultAuthority
    @Option(help: "Token scope.")
    var scope: String = TokenRequest.smtpScope
    @Option(
        name: .customLong("acs-resource"), help: "Azure Communication Services resource name (--target acs builds resource|appId|tenantId)."
    )
    var acsResource: String?

    @Option(help: "Envelope sender (default: --user).")
    var from: String?
    @Option(name: .customLong("send-to"), help: "Recipient of a test message (repeatable).")
    var sendTo: [String] = []
    @Option(help: "Subject of the test message.")
    var subject: String = "authshift probe"
    @Option(
        help:
            "Send this RFC 5322 message file instead of the generated test message ('-' reads standard input), to repeat exactly what a device sends."
    )
    var data: String?
    @Option(
        name: .customLong("quit-after"),
        help: "Stop after: connect, tls, auth, mail, rcpt or data (default: the last stage the options allow).")
    var quitAfter: ProbeStage?
    @Option(help: "Name to send in EHLO (default: this host's name).")
    var ehlo: String?
    @Option(name: .customLong("tls-min"), help: "Lowest TLS version to accept: 1.0, 1.1, 1.2 or 1.3.")
    var tlsMinimum: TLSVersionOption = .v12
    @Option(
        name: .customLong("tls-max"),
        help:
            "Highest TLS version to offer, to imitate an old device (1.0 or 1.1 is refused by smtp.office365.com; see --target exo-legacy)."
    )
    var tlsMaximum: TLSVersionOption?
    @Option(help: "Seconds each stage may wait for the server.")
    var timeout: Double = 30
    @Flag(name: .customLong("allow-plaintext-auth"), help: "Allow credentials without TLS (loopback test servers only).")
    var allowPlaintextAuth = false
    @Option(help: "Output: text (a transcript like swaks) or json.")
    var format: Format = .text
    @Option(help: "Exports folder: also say what authshift knows about the --user mailbox.")
    var exports: String?

    func validate() throws {
        guard ProbeTarget(parsing: target) != nil else {
            throw ValidationError("--target: expected exo, exo-legacy, hve, acs or HOST:PORT, got '\(target)'.")
        }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
        if let name = tlsServerName, name.isEmpty || HTTPSPost.isIPAddress(name) || name.contains(" ") {
            throw ValidationError(
                "--tls-server-name: expected a host name (an IP address is never sent in SNI; give it in --target), got '\(name)'.")
        }
        if certificate != nil && key == nil { throw ValidationError("--certificate needs --key.") }
        if pfx != nil && certificate != nil { throw ValidationError("Give either --pfx or --certificate and --key.") }
        if let tlsMaximum, tlsMaximum < tlsMinimum {
            throw ValidationError(
                "--tls-max \(tlsMaximum.rawValue) is below --tls-min \(tlsMinimum.rawValue); lower --tls-min too to imitate an old device.")
        }
    }

    func run() async throws {
        let probeTarget = ProbeTarget(parsing: target)!
        let tlsMode = tls ?? probeTarget.defaultTLS
        let roots = try trustRoots()
        var redactor = SecretRedactor()
        let password = try SecretInput.read(env: passwordEnv, file: passwordFile, stdin: passwordStdin, what: "password")
        let clientSecret = try SecretInput.read(env: clientSecretEnv, file: clientSecretFile, what: "client secret")
        for s in [password, clientSecret].compactMap({ $0 }) { redactor.add(s.reveal()) }

        let mode = auth ?? (probeTarget.kind == .acs ? .login : clientID != nil ? .xoauth2 : password != nil ? .login : .none)
        var userName = user
        if probeTarget.kind == .acs, mode != .xoauth2, userName == nil, let acsResource, let clientID, let tenant {
            // ACS SMTP: user name resource|appId|tenantId, password the app's client secret (Microsoft Learn).
            userName = "\(acsResource)|\(clientID)|\(tenant)"
        }
        let basicSecret = probeTarget.kind == .acs ? (password ?? clientSecret) : password
        var authentication: SMTPClientPlan.Authentication?
        var reportAuth: ProbeReport.Authentication?
        // Text output shows the conversation as it happens; JSON prints once at the end.
        var live: (@Sendable (Transcript.Entry) -> Void)?
        if format == .text {
            live = { @Sendable entry in StandardOutput.write(entry.line + "\n") }
        }
        var transcript = Transcript(redactor: redactor, observer: live)

        if mode != .none {
            guard let userName else {
                throw ValidationError(
                    "--auth \(mode.rawValue) needs --user"
                        + (probeTarget.kind == .acs ? " (or --acs-resource, --client-id and --tenant)." : "."))
            }
            reportAuth = ProbeReport.Authentication(mechanism: mode.rawValue.uppercased(), user: userName)
            switch mode {
            case .plain, .login:
                guard let basicSecret else {
                    throw ValidationError("--auth \(mode.rawValue) needs a password: --password-env, --password-file or --password-stdin.")
                }
                authentication =
                    mode == .plain
                    ? .plain(user: userName, password: basicSecret.reveal()) : .login(user: userName, password: basicSecret.reveal())
            case .xoauth2:
                let request = try tokenRequest(clientSecret: clientSecret)
                reportAuth?.tokenEndpoint = request.tokenURL
                reportAuth?.tokenSource = tokenSourceDescription(request)
                transcript.append(
                    .info, "requesting an app-only token from \(request.tokenURL) (\(reportAuth?.tokenSource ?? ""), scope \(scope))")
                let http = HTTPSPost(timeout: .milliseconds(Int64(timeout * 1000)), trustRoots: roots)
                do {
                    let token = try await TokenClient(http: http).token(for: request)
                    redactor.add(token.value.reveal())
                    let payload = SASL.xoauth2(user: userName, accessToken: token.value.reveal())
                    redactor.add(payload)
                    transcript = transcript.with(redactor: redactor)
                    transcript.append(
                        .info, "token obtained" + (token.expiresIn.map { ", valid for \($0) s" } ?? "") + " (held in memory only)")
                    authentication = .xoauth2(user: userName, accessToken: token.value.reveal())
                } catch {
                    transcript.append(.error, "token: \(error)")
                    if let advice = error.advice { transcript.append(.info, advice) }
                    let plan = try makePlan(tls: tlsMode, authentication: nil, user: userName)
                    let report = ProbeReport(
                        target: probeTarget, plan: plan, authentication: reportAuth, tokenFailure: error.description, transcript: transcript
                    )
                    try emit(report, mailboxUser: userName)
                    throw ExitCode(report.exitStatus)
                }
            case .none:
                break
            }
            for r in authentication?.responses ?? [] { redactor.add(r) }
            transcript = transcript.with(redactor: redactor)
        }

        authentication?.initialResponse = initialResponse
        let plan = try makePlan(tls: tlsMode, authentication: authentication, user: userName)
        var probe = SMTPProbe(
            target: probeTarget, plan: plan, timeout: .milliseconds(Int64(timeout * 1000)), trustRoots: roots,
            minimumTLSVersion: tlsMinimum.nio, maximumTLSVersion: tlsMaximum?.nio)
        probe.tlsServerName = tlsServerName
        probe.serverNameAdvice = "use the host name in --target, or --tls-server-name NAME"
        let (outcome, probeTranscript) = await probe.run(redactor: redactor, observer: live)
        var combined = transcript
        combined.observer = nil
        combined.append(contentsOf: probeTranscript)
        let report = ProbeReport(target: probeTarget, plan: plan, authentication: reportAuth, outcome: outcome, transcript: combined)
        try emit(report, mailboxUser: userName)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    private func makePlan(tls: SMTPClientPlan.TLSMode, authentication: SMTPClientPlan.Authentication?, user: String?) throws
        -> SMTPClientPlan
    {
        let sender = from ?? (sendTo.isEmpty ? from : user)
        let defaultStage: ProbeStage =
            !sendTo.isEmpty ? .data : sender != nil ? .mail : authentication != nil ? .auth : tls != .none ? .tls : .connect
        let stage = quitAfter ?? defaultStage
        if stage >= .mail && sender == nil { throw ValidationError("--quit-after \(stage.rawValue) needs --from (or --user).") }
        if stage >= .rcpt && sendTo.isEmpty { throw ValidationError("--quit-after \(stage.rawValue) needs --send-to.") }
        if data != nil && stage != .data {
            throw ValidationError("--data is sent after DATA: give --send-to (and do not stop earlier with --quit-after).")
        }
        if stage == .tls && tls == .none { throw ValidationError("--quit-after tls needs TLS (--tls starttls or implicit).") }
        if stage >= .auth && authentication == nil && (auth ?? AuthMode.none) == AuthMode.none && quitAfter == .auth {
            throw ValidationError("--quit-after auth needs credentials (--user with a password, or --client-id).")
        }
        let helo = ehlo ?? ProcessInfo.processInfo.hostName
        var message: [UInt8]?
        if stage == .data {
            if let data {
                let contents = data == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: data)
                guard let contents, !contents.isEmpty else { throw ValidationError("--data: cannot read a message from \(data).") }
                message = [UInt8](contents)
            } else {
                message = TestMessage.build(from: sender ?? "", to: sendTo, subject: subject, heloName: helo)
            }
        }
        return SMTPClientPlan(
            heloName: helo, tls: tls, authentication: authentication, allowPlaintextAuth: allowPlaintextAuth,
            from: sender, recipients: sendTo, message: message, quitAfter: stage)
    }

    private func tokenRequest(clientSecret: Secret?) throws -> TokenRequest {
        guard let tenant, let clientID else { throw ValidationError("XOAUTH2 needs --tenant and --client-id.") }
        let credential: TokenRequest.Credential
        do {
            if let pfx {
                let passphrase = try SecretInput.read(env: pfxPasswordEnv, file: nil, what: "PFX password")
                credential = .certificate(try SigningCertificate(pfx: pfx, passphrase: passphrase), algorithm)
            } else if let certificate, let key {
                let passphrase = try SecretInput.read(env: keyPasswordEnv, file: nil, what: "key passphrase")
                credential = .certificate(
                    try SigningCertificate(certificatePEM: certificate, keyPEM: key, keyPassphrase: passphrase), algorithm)
            } else if let clientSecret {
                credential = .clientSecret(clientSecret)
            } else {
                throw ValidationError(
                    "XOAUTH2 needs a credential: --pfx, --certificate with --key, or --client-secret-env / --client-secret-file.")
            }
        } catch let error as OAuthError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        return TokenRequest(authority: authority, tenant: tenant, clientID: clientID, scope: scope, credential: credential)
    }

    private var algorithm: ClientAssertion.Algorithm { jwtAlgorithm == .ps256 ? .ps256 : .rs256 }

    private func tokenSourceDescription(_ request: TokenRequest) -> String {
        switch request.credential {
        case .clientSecret: return "client secret"
        case .certificate(let c, let alg):
            return "certificate \(c.thumbprintHex), \(alg.rawValue) with \(alg == .ps256 ? "x5t#S256" : "x5t")"
        }
    }

    private func trustRoots() throws -> [NIOSSLCertificate] {
        guard let tlsCA else { return [] }
        do { return try NIOSSLCertificate.fromPEMFile(tlsCA) } catch {
            StandardError.write("error: \(tlsCA): not a PEM certificate file (\(error))\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }

    private func emit(_ report: ProbeReport, mailboxUser: String?) throws {
        var mailbox: MailboxRow?
        if let exports, let mailboxUser { mailbox = try ExportLoading.mailbox(mailboxUser, in: exports) }
        switch format {
        case .json:
            struct Output: Encodable {
                let probe: ProbeReport
                let mailbox: MailboxRow?
                enum CodingKeys: String, NullWritingKey { case probe, mailbox }
            }
            StandardOutput.write(try JSONOutput.encode(Output(probe: report, mailbox: mailbox)))
        case .text:
            // The transcript was printed as it happened.
            var s = report.summary
            if let e = report.explanation {
                s += "\nWhat the reply means:\n" + ExplanationText.render(e, mailbox: nil, asked: nil)
            }
            if exports != nil { s += ExplanationText.mailboxText(mailbox, asked: mailboxUser) }
            StandardOutput.write(s)
        }
    }
}

extension SMTPClientPlan.TLSMode: ExpressibleByArgument {}

/// TLS versions as admins write them, through Transport's one parser.
typealias TLSVersionOption = TLSProtocolVersion
extension TLSProtocolVersion: ExpressibleByArgument {}
extension ProbeStage: ExpressibleByArgument {}
