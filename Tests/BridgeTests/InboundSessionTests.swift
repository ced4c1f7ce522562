import Foundation
import Testing

@testable import Bridge

/// The inbound session end to end on a loopback socket: revocation by reload, the idle limit,
/// IPv4-mapped clients, the header From check and the smuggling forms (issue 11).
@Suite(.serialized) struct InboundSessionTests {
    static let hash = ConfigurationTests.hash
    static let plainAuth = "AUTH PLAIN " + Data("\u{0}printer\u{0}printer-pass".utf8).base64EncodedString()
    static let passwordHash = try! PasswordHash.make(password: "printer-pass", logN: 10).encoded

    static func yaml(
        senders: String = "[\"scanner@contoso.com\"]", app2: Bool = true, idle: Double = 30,
        listener: String = "tls: none\n    trustedLanPlain: true",
        checkHeaderFrom: Bool? = nil
    ) -> String {
        """
        hostname: bridge.test
        spool: {spool}
        listeners:
          - name: lan
            port: 2525
            \(listener)
        accounts:
          - name: printer
            passwordHash: "\(passwordHash)"
            senders: \(senders)
        \(app2 ? "  - name: app2\n    passwordHash: \"\(passwordHash)\"\n    senders: [\"app2@contoso.com\"]" : "")
        limits:
          idleTimeoutSeconds: \(idle)
          messagesPerMinutePerSource: 0
        routes:
          - name: smarthost
            type: smtp
            host: 127.0.0.1
        \(checkHeaderFrom.map { "    checkHeaderFrom: \($0)" } ?? "")
        """
    }

    static func login(_ port: Int, user: String = "printer") throws -> RawClient {
        let c = try RawClient(port: port)
        #expect(c.reply().hasPrefix("220 "))
        #expect(c.command("EHLO t").hasSuffix("AUTH PLAIN LOGIN"))
        let auth = "AUTH PLAIN " + Data("\u{0}\(user)\u{0}printer-pass".utf8).base64EncodedString()
        #expect(c.command(auth).hasPrefix("235 "))
        return c
    }

    @Test func aReloadThatRemovesOrChangesTheAccountEndsItsSessionsWith421() async throws {
        let server = try await InboundServer.start(Self.yaml())
        defer { Task { await server.stop() } }
        let app2 = try Self.login(server.port, user: "app2")
        let printer = try Self.login(server.port)
        #expect(app2.command("NOOP").hasPrefix("250 "))
        try server.reload(Self.yaml(app2: false))
        #expect(app2.command("NOOP").hasPrefix("421 4.7.0 bridge.test"))
        #expect(app2.isClosed())
        // The account that did not change keeps its session.
        #expect(printer.command("NOOP").hasPrefix("250 "))
        // Changing the account's senders (or password) ends its sessions too, even mid-transaction.
        #expect(printer.command("MAIL FROM:<scanner@contoso.com>").hasPrefix("250 "))
        try server.reload(Self.yaml(senders: "[\"other@contoso.com\"]", app2: false))
        #expect(printer.command("RCPT TO:<a@fabrikam.com>").hasPrefix("421 "))
        #expect(printer.isClosed())
        // A removed account cannot authenticate in a session opened before the reload either.
        let late = try RawClient(port: server.port)
        _ = late.reply()
        try server.reload(Self.yaml(app2: true))
        _ = late.command("EHLO t")
        try server.reload(Self.yaml(app2: false))
        #expect(late.command("AUTH PLAIN " + Data("\u{0}app2\u{0}printer-pass".utf8).base64EncodedString()).hasPrefix("535 "))
    }

    @Test func noopAndRsetDoNotHoldASessionOpen() async throws {
        // Commands every 250 ms for up to ten seconds against a 2 s idle limit: the session must end
        // with 421 near the limit, not when the commands stop. Margins allow for a loaded machine.
        let server = try await InboundServer.start(Self.yaml(idle: 2))
        defer { Task { await server.stop() } }
        let c = try Self.login(server.port)
        let started = Date()
        var last = ""
        for n in 0..<40 {
            last = c.command(n % 2 == 0 ? "NOOP" : "RSET", within: 5)
            if last.hasPrefix("421") || c.closedByServer { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let waited = Date().timeIntervalSince(started)
        #expect(last.hasPrefix("421 4.4.2"), "\(last)")
        #expect(waited < 8, "\(waited)")
        #expect(c.isClosed())
    }

    @Test func progressKeepsASessionOpenPastTheIdleLimit() async throws {
        // Progress every 600 ms for over 7 s against a 6 s idle limit: a tenth of the limit between
        // commands, so a loaded machine's stretched sleeps (and a slow password check at login)
        // stay inside it, while the session lives well past the limit.
        let server = try await InboundServer.start(Self.yaml(idle: 6))
        defer { Task { await server.stop() } }
        let c = try Self.login(server.port)
        for _ in 0..<6 {
            try await Task.sleep(for: .milliseconds(600))
            #expect(c.command("MAIL FROM:<scanner@contoso.com>").hasPrefix("250 "))
            try await Task.sleep(for: .milliseconds(600))
            #expect(c.command("RCPT TO:<a@fabrikam.com>").hasPrefix("250 "))
            #expect(c.command("RSET").hasPrefix("250 "))
        }
    }

    /// A message sent over longer than the idle limit, in pieces far apart enough to measure but
    /// well inside the limit (a loaded CI machine stretches a short sleep), is not cut off.
    @Test func aSlowMessageIsNotIdle() async throws {
        let server = try await InboundServer.start(Self.yaml(idle: 4))
        defer { Task { await server.stop() } }
        let c = try Self.login(server.port)
        _ = c.command("MAIL FROM:<scanner@contoso.com>")
        _ = c.command("RCPT TO:<a@fabrikam.com>")
        #expect(c.command("DATA").hasPrefix("354 "))
        c.send("From: scanner@contoso.com\r\n\r\n")
        for n in 0..<20 {
            try await Task.sleep(for: .milliseconds(250))
            c.send("page \(n)\r\n")
        }
        #expect(c.command(".").hasPrefix("250 2.0.0 Ok: queued as"))
    }

    #if os(Linux)
        /// `::ffff:127.0.0.2` on an IPv6 socket is loopback (a listener without an allow list takes it).
        @Test func anIPv4MappedLoopbackClientIsLoopback() async throws {
            let server = try await InboundServer.start(Self.yaml(), host: "::ffff:127.0.0.1")
            defer { Task { await server.stop() } }
            let c = try RawClient(port: server.port, source: "127.0.0.2")
            #expect(c.reply().hasPrefix("220 bridge.test"))
        }
    #endif

    @Test func theHeaderFromMustBeAnAddressTheAccountMayUseOnSmtpRoutes() async throws {
        let server = try await InboundServer.start(Self.yaml())
        defer { Task { await server.stop() } }
        let c = try Self.login(server.port)
        func send(from: String) -> String {
            _ = c.command("MAIL FROM:<scanner@contoso.com>")
            _ = c.command("RCPT TO:<a@fabrikam.com>")
            _ = c.command("DATA")
            return c.command("From: \(from)\r\nSubject: s\r\n\r\nbody\r\n.")
        }
        #expect(send(from: "CEO <ceo@contoso.com>") == "550 5.7.1 Header From <ceo@contoso.com> is not an address this client may send as")
        #expect(send(from: "\"Scanner\" <scanner@contoso.com>").hasPrefix("250 2.0.0 Ok: queued as"))
        #expect(
            send(from: "scanner@contoso.com, ceo@contoso.com")
                == "550 5.7.1 Header From <ceo@contoso.com> is not an address this client may send as")
        #expect(send(from: "ceo@victim.example@contoso.com").hasPrefix("550 5.6.0 Header From cannot be checked"))
        #expect(server.spool.queued().count == 1)
        // A route may turn the check off (an XOAUTH2 or Graph route has Exchange's SendAs check).
        let open = try await InboundServer.start(Self.yaml(checkHeaderFrom: false))
        defer { Task { await open.stop() } }
        let d = try Self.login(open.port)
        _ = d.command("MAIL FROM:<scanner@contoso.com>")
        _ = d.command("RCPT TO:<a@fabrikam.com>")
        _ = d.command("DATA")
        #expect(d.command("From: ceo@contoso.com\r\n\r\nbody\r\n.").hasPrefix("250 "))
    }

    static let forms = ["\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r.\r\n", "\r\n.\r"]

    static func smuggle(_ c: RawClient, _ terminator: String) -> String {
        _ = c.command("MAIL FROM:<scanner@contoso.com>")
        _ = c.command("RCPT TO:<a@fabrikam.com>")
        _ = c.command("DATA")
        c.send(
            "From: scanner@contoso.com\r\n\r\nfirst" + terminator
                + "MAIL FROM:<ceo@contoso.com>\r\nRCPT TO:<victim@fabrikam.com>\r\nDATA\r\n"
                + "From: ceo@contoso.com\r\n\r\nsmuggled\r\n.\r\n")
        // The first reply may be slow on a loaded machine; any further one (a smuggled command's
        // answer) would follow at once, so a short wait then shows that none came.
        var replies: [String] = []
        while true {
            let r = c.reply(within: replies.isEmpty ? 60 : 1.5)
            if r.isEmpty { break }
            replies.append(r)
        }
        return replies.joined(separator: "\n")
    }

    @Test(arguments: forms)
    func aListenerWithAuthRefusesEverySmugglingForm(terminator: String) async throws {
        let server = try await InboundServer.start(Self.yaml())
        defer { Task { await server.stop() } }
        let c = try Self.login(server.port)
        let replies = Self.smuggle(c, terminator)
        #expect(replies == "521 5.5.2 Bare CR or LF in message data; lines must end with CRLF (RFC 5321 section 2.3.8)", "\(replies)")
        #expect(c.isClosed())
        #expect(server.spool.queued().isEmpty)
    }

    @Test(arguments: forms)
    func aNormalisingListenerKeepsEverySmugglingFormInsideOneMessage(terminator: String) async throws {
        let server = try await InboundServer.start(
            Self.yaml(listener: "tls: none\n    relayWithoutAuth: [127.0.0.1]\n    relaySenders: [\"scanner@contoso.com\"]"))
        defer { Task { await server.stop() } }
        let c = try RawClient(port: server.port)
        _ = c.reply()
        _ = c.command("EHLO t")
        let replies = Self.smuggle(c, terminator)
        #expect(replies.hasPrefix("250 2.0.0 Ok: queued as") && !replies.contains("\n"), "\(replies)")
        let queued = server.spool.queued()
        #expect(queued.count == 1 && queued.first?.0.from == "scanner@contoso.com" && queued.first?.0.recipients == ["a@fabrikam.com"])
        let text = String(decoding: server.spool.message(id: queued.first?.0.id ?? "") ?? [], as: UTF8.self)
        #expect(text.contains("\r\nMAIL FROM:<ceo@contoso.com>\r\n") && text.hasSuffix("smuggled\r\n"), "\(text.debugDescription)")
    }

    /// Replies are US-ASCII: every reply text in the server's sources (RFC 5321 section 2.4).
    @Test func everyReplyTextIsASCII() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var replies = 0
        for file in [
            "Sources/SMTP/SMTPServerStateMachine.swift", "Sources/SMTP/SMTPServerReply.swift", "Sources/Bridge/SubmissionPolicy.swift",
        ] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                // A typed reply's text: `(code, enhanced status or nil, "text")`.
                for match in line.matches(of: /\([2-5][0-9][0-9], (?:nil|\.init\([245], [0-9]+, [0-9]+\)), "([^"]*)"/) {
                    replies += 1
                    let ascii = match.1.unicodeScalars.allSatisfy { $0.isASCII }
                    #expect(ascii, "\(file): \(match.1)")
                }
            }
        }
        #expect(replies > 40)
    }
}
