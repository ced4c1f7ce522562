import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import TestSupport

/// A loopback SMTP server for the probe's own tests: it answers each command line with what a
/// test's script says, can start TLS with the test CA's certificate, and can stay silent.
/// Real peers (aiosmtpd, a token endpoint) are in the interop suite, scripts/interop-probe.py.
final class ScriptedSMTPServer: Sendable {
    enum Answer: Sendable {
        case send(String)
        case sendThenStartTLS(String)
        case nothing
        case close
    }

    let channel: Channel
    var port: Int { channel.localAddress!.port! }

    /// - Parameters:
    ///   - greeting: the raw greeting (CRLF included), or nil for a server that never speaks.
    ///   - implicitTLS: TLS from the first byte.
    ///   - certificate: the fixture certificate the server presents (with server-key.pem).
    ///   - configure: changes to the server's TLS settings (versions, client certificates).
    ///   - answer: the reply to each command line (without CRLF) and whether TLS is active.
    init(
        greeting: String?, implicitTLS: Bool = false, certificate: String = "server.pem",
        configure: (inout TLSConfiguration) -> Void = { _ in },
        answer: @escaping @Sendable (String, Bool) -> Answer
    ) async throws {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(Fixture.path(certificate)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: Fixture.path("server-key.pem"), format: .pem))
        )
        configure(&configuration)
        let sslContext = try NIOSSLContext(configuration: configuration)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if implicitTLS { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    try child.pipeline.syncOperations.addHandler(
                        LineHandler(greeting: greeting, tls: implicitTLS, sslContext: sslContext, answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async { try? await channel.close() }

    private final class LineHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String?
        var tls: Bool
        let sslContext: NIOSSLContext
        let answer: @Sendable (String, Bool) -> Answer
        var lines = LineSplitter()
        var inData = false

        init(greeting: String?, tls: Bool, sslContext: NIOSSLContext, answer: @escaping @Sendable (String, Bool) -> Answer) {
            self.greeting = greeting
            self.tls = tls
            self.sslContext = sslContext
            self.answer = answer
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            lines.append(&buffer)
            while var line = lines.next() {
                if inData {
                    if line == "." { inData = false } else { continue }
                    line = "<end of data>"
                }
                if line.uppercased() == "DATA" { inData = true }
                switch answer(line, tls) {
                case .send(let text):
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
                case .sendThenStartTLS(let text):
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
                    try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext), position: .first)
                    tls = true
                case .nothing:
                    break
                case .close:
                    context.close(promise: nil)
                }
            }
        }
    }
}

extension ScriptedSMTPServer {
    /// A server like smtp.office365.com: STARTTLS, then AUTH LOGIN XOAUTH2; accepts `password`
    /// for `user` and refuses anything else with Exchange Online's 5.7.139 text.
    static func exchangeLike(
        user: String, password: String, certificate: String = "server.pem",
        configure: (inout TLSConfiguration) -> Void = { _ in }
    ) async throws -> ScriptedSMTPServer {
        let expectedUser = SASLTestValues.base64(user)
        let expectedPassword = SASLTestValues.base64(password)
        let state = LockedState()
        return try await ScriptedSMTPServer(
            greeting: "220 test.outlook.example Microsoft ESMTP MAIL Service ready\r\n", certificate: certificate,
            configure: configure
        ) { line, tls in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                return .send(
                    tls
                        ? "250-test.outlook.example Hello\r\n250-SIZE 157286400\r\n250-AUTH LOGIN XOAUTH2\r\n250 8BITMIME\r\n"
                        : "250-test.outlook.example Hello\r\n250-SIZE 157286400\r\n250-STARTTLS\r\n250 8BITMIME\r\n")
            }
            if upper == "STARTTLS" { return .sendThenStartTLS("220 2.0.0 SMTP server ready\r\n") }
            if upper == "AUTH LOGIN" {
                state.step = 1
                return .send("334 VXNlcm5hbWU6\r\n")
            }
            if state.step == 1 {
                state.step = 2
                state.userOK = line == expectedUser
                return .send("334 UGFzc3dvcmQ6\r\n")
            }
            if state.step == 2 {
                state.step = 0
                return state.userOK && line == expectedPassword
                    ? .send("235 2.7.0 Authentication successful\r\n")
                    : .send(
                        "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com 2026-11-29T10:00:00.000Z 08DD0000AAAA0000]\r\n"
                    )
            }
            if upper == "QUIT" { return .send("221 2.0.0 Service closing transmission channel\r\n") }
            return .send("250 2.0.0 OK\r\n")
        }
    }
}

enum SASLTestValues {
    /// Base64 of a string, as AUTH LOGIN sends each line (Foundation's encoder, independent of
    /// the code under test).
    static func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }
}

/// Per-connection scratch state for a script (tests run one connection at a time per server).
final class LockedState: @unchecked Sendable {
    var step = 0
    var userOK = false
}
