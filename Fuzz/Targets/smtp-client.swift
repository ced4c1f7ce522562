// libFuzzer target: the probe's and the bridge's SMTP client, built and run by Fuzz/run.sh (not
// part of SwiftPM).
//
// The input is a server's reply stream; lines starting with "!" are events instead of replies
// (!T the TLS handshake completed, only delivered when the client asked for TLS; !F it failed;
// !O a timeout; !C the connection closed). The first byte picks the plan (TLS mode, mechanism,
// initial response) and the chunk size for the decoder check. Reply lines go through
// SMTPResponseDecoder, as on a connection. Besides "no crash, no trap", these must hold:
// - credentials (AUTH and every SASL response) are never sent before TLS is up, and nothing is
//   sent after the client asked for TLS and before the handshake completed, or after it finished;
// - the reply decoder gives the same replies (and the same first error) whether the bytes come
//   at once or in small chunks, and every reply has a code from 100 to 599 and at most
//   SMTPLimits.replyLines lines.
import NIOCore
import SMTP

enum Decoded: Equatable {
    case reply(SMTPResponse)
    case failure(SMTPProtocolError)
}

/// Every reply in `bytes`, fed to one decoder in chunks of `chunk` bytes, up to the first error.
func decodeAll(_ bytes: ArraySlice<UInt8>, chunk: Int) -> [Decoded] {
    var decoder = SMTPResponseDecoder()
    var buffer = ByteBufferAllocator().buffer(capacity: 0)
    var out: [Decoded] = []
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
        let end = min(bytes.endIndex, offset + chunk)
        buffer.writeBytes(bytes[offset..<end])
        offset = end
        do {
            while let reply = try decoder.nextReply(from: &buffer) { out.append(.reply(reply)) }
        } catch {
            out.append(.failure(error))
            return out
        }
    }
    return out
}

func checkDecoder(_ bytes: ArraySlice<UInt8>, chunk: Int) {
    let whole = decodeAll(bytes, chunk: max(bytes.count, 1))
    let pieces = decodeAll(bytes, chunk: chunk)
    require(whole == pieces, "the reply decoder read \(whole.count) results at once and \(pieces.count) in \(chunk)-byte chunks, or different ones")
    for case .reply(let r) in whole {
        require((100...599).contains(r.code) && !r.lines.isEmpty && r.lines.count <= SMTPLimits.replyLines, "the decoder gave reply \(r)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    checkDecoder(bytes.dropFirst(), chunk: Int(first % 7) + 1)

    let tls: SMTPClientPlan.TLSMode = [.startTLS, .implicit, .none][Int(first % 3)]
    var auth: SMTPClientPlan.Authentication = [.plain(user: "u@contoso.com", password: "pw"), .login(user: "u@contoso.com", password: "pw"),
                                               .xoauth2(user: "u@contoso.com", accessToken: "token")][Int(first / 3 % 3)]
    auth.initialResponse = first & 0x40 != 0
    let plan = SMTPClientPlan(heloName: "fuzz", tls: tls, authentication: auth, from: "u@contoso.com", recipients: ["a@b.c", "d@e.f"],
                              message: Array("Subject: x\r\n\r\n.dot\r\n".utf8), quitAfter: .data)
    // The bridge's delivery opens sessions with the same machine and takes them over once open.
    var handingOver = plan
    handingOver.handOverWhenOpen = first & 0x80 != 0
    var machine = SMTPClientStateMachine(plan: handingOver)
    var tlsUp = false
    var tlsRequested = tls == .implicit
    var finished = false

    func check(_ action: SMTPClientStateMachine.Action) {
        switch action {
        case .send(let command):
            require(!finished, "sent \(command) after finishing")
            require(!(tlsRequested && !tlsUp), "sent \(command) between asking for TLS and the handshake")
            switch command {
            case .auth, .saslResponse: require(tlsUp, "credentials sent without TLS")
            default: break
            }
        case .startTLS:
            tlsRequested = true
        case .finish:
            finished = true
        case .sessionOpen:
            require(handingOver.handOverWhenOpen, "handed the session over without being asked to")
            require(!finished, "handed the session over after finishing")
            require(tls == .none || tlsUp, "handed a session over before its TLS was up")
            finished = true
        case .none:
            break
        }
    }

    var decoder = SMTPResponseDecoder()
    var buffer = ByteBufferAllocator().buffer(capacity: 0)
    for line in bytes.dropFirst().split(separator: 10, omittingEmptySubsequences: false) {
        if line.first == UInt8(ascii: "!"), line.count >= 2 {
            switch line[line.startIndex + 1] {
            case UInt8(ascii: "T"):
                if tlsRequested && !tlsUp { tlsUp = true; check(machine.tlsEstablished()) }
            case UInt8(ascii: "F"): check(machine.tlsFailed("fuzz"))
            case UInt8(ascii: "O"): check(machine.timedOut(after: 1))
            default: check(machine.connectionClosed())
            }
            continue
        }
        buffer.writeBytes(line)
        buffer.writeInteger(UInt8(10))
        do {
            while let reply = try decoder.nextReply(from: &buffer) { check(machine.replyReceived(reply)) }
        } catch {
            // A connection closes on a protocol error; start afresh, as a new connection would.
            check(machine.protocolError(error))
            decoder = SMTPResponseDecoder()
            buffer.clear()
        }
    }
    return 0
}
