import ArgumentParser
import AuthShiftCore
import NIOCore
import NIOSSL
import Reports
import SMTPClient

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

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "exo, exo-legacy, hve, acs, or HOST:PORT.")
    var target: String = "exo"
    @OptionGroup var transportSecurity: ProbeTLSOptions
    @OptionGroup var signIn: ProbeSignInOptions
    @OptionGroup var message: ProbeMessageOptions
    @Option(help: "Seconds each stage may wait for the server.")
    var timeout: Double = 30
    @Flag(name: .customLong("allow-plaintext-auth"), help: "Allow credentials without TLS (loopback test servers only).")
    var allowPlaintextAuth = false
    @Option(help: "Output: text (a transcript like swaks) or json.")
    var format: Format = .text
    @Option(help: "Exports folder: also say what authshift knows about the --user mailbox.")
    var exports: String?

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds.") }
        let request = try probeRequest(trustRoots: [])
        if let problem = request.problems.first { throw ValidationError(problem.usage(acs: request.target.kind == .acs)) }
    }

    func run() async throws {
        let request = try probeRequest(trustRoots: transportSecurity.trustRoots())
        // Text output shows the conversation as it happens; JSON prints once at the end.
        var live: (@Sendable (Transcript.Entry) -> Void)?
        if format == .text { live = { entry in StandardOutput.write(entry.line + "\n") } }
        let report: ProbeReport
        do { report = try await ProbeSession.run(request, observer: live) } catch let problem as ProbeRequest.Problem {
            throw ValidationError(problem.usage(acs: request.target.kind == .acs))
        }
        var mailbox: ProbeReportText.MailboxLookup?
        if let exports {
            var row: MailboxRow?
            if let user = request.userName { row = try ExportLoading.mailbox(user, in: exports) }
            mailbox = .init(asked: request.userName, row: row)
        }
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(ProbeReportText.Document(probe: report, mailbox: mailbox)))
        case .text: StandardOutput.write(ProbeReportText.afterTranscript(report, mailbox: mailbox))
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// The options as a `ProbeRequest` (nothing is read yet).
    private func probeRequest(trustRoots: [NIOSSLCertificate]) throws -> ProbeRequest {
        guard let probeTarget = ProbeTarget(parsing: target) else {
            throw ValidationError("--target: expected exo, exo-legacy, hve, acs or HOST:PORT, got '\(target)'.")
        }
        var request = ProbeRequest(target: probeTarget)
        request.tls = transportSecurity.tls
        request.trustRoots = trustRoots
        request.tlsServerName = transportSecurity.tlsServerName
        request.minimumTLSVersion = transportSecurity.tlsMinimum
        request.maximumTLSVersion = transportSecurity.tlsMaximum
        request.serverNameAdvice = "use the host name in --target, or --tls-server-name NAME"
        request.timeout = .milliseconds(Int64(timeout * 1000))
        request.allowPlaintextAuth = allowPlaintextAuth
        signIn.fill(&request)
        message.fill(&request)
        return request
    }
}
