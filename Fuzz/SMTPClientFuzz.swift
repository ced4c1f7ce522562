// libFuzzer target for the probe's and the bridge's SMTP client, built by Fuzz/run.sh (not part
// of SwiftPM).
//
// The input is a server's reply stream; lines starting with "!" are events instead of replies
// (!T the TLS handshake completed, only delivered when the client asked for TLS; !F it failed;
// !O a timeout; !C the connection closed). The first byte picks the plan (TLS mode, mechanism).
// Besides "no crash, no trap", the security property must hold on every input: credentials
// (AUTH and every SASL response) are never sent before TLS is up, and nothing is sent after
// the client asked for TLS and before the handshake completed. A violation traps.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let tls: SMTPClientPlan.TLSMode = [.startTLS, .implicit, .none][Int(first % 3)]
    var auth: SMTPClientPlan.Authentication = [.plain(user: "u@contoso.com", password: "pw"), .login(user: "u@contoso.com", password: "pw"),
                                               .xoauth2(user: "u@contoso.com", accessToken: "token")][Int(first / 3 % 3)]
    auth.initialResponse = first & 0x40 != 0
    let plan = SMTPClientPlan(heloName: "fuzz", tls: tls, authentication: auth, from: "u@contoso.com", recipients: ["a@b.c", "d@e.f"],
                              message: Array("Subject: x\r\n\r\n.dot\r\n".utf8), quitAfter: .data)
    var machine = SMTPClientStateMachine(plan: plan)
    var tlsUp = false
    var tlsRequested = tls == .implicit
    var finished = false
    var pendingCode: Int?
    var pendingLines: [String] = []

    func check(_ action: SMTPClientStateMachine.Action) {
        switch action {
        case .send(let command):
            if finished { fatalError("sent \(command) after finishing") }
            if tlsRequested && !tlsUp { fatalError("sent \(command) between asking for TLS and the handshake") }
            switch command {
            case .auth, .saslResponse:
                if !tlsUp { fatalError("credentials sent without TLS") }
            default: break
            }
        case .startTLS:
            tlsRequested = true
        case .finish:
            finished = true
        case .none:
            break
        }
    }

    for raw in bytes.dropFirst().split(separator: 10, omittingEmptySubsequences: false) {
        var line = Array(raw)
        if line.last == 13 { line.removeLast() }
        if line.first == UInt8(ascii: "!"), line.count >= 2 {
            switch line[1] {
            case UInt8(ascii: "T"):
                if tlsRequested && !tlsUp { tlsUp = true; check(machine.tlsEstablished()) }
            case UInt8(ascii: "F"): check(machine.tlsFailed("fuzz"))
            case UInt8(ascii: "O"): check(machine.timedOut(after: 1))
            default: check(machine.connectionClosed())
            }
            continue
        }
        guard line.count >= 3, line[0...2].allSatisfy({ $0 >= 48 && $0 <= 57 }), line.count == 3 || line[3] == 32 || line[3] == 45 else {
            check(machine.protocolError(.malformedReply(String(decoding: line, as: UTF8.self))))
            continue
        }
        let code = Int(line[0] - 48) * 100 + Int(line[1] - 48) * 10 + Int(line[2] - 48)
        if let p = pendingCode, p != code {
            check(machine.protocolError(.inconsistentReplyCode(first: p, later: code)))
            pendingCode = nil
            pendingLines = []
            continue
        }
        pendingCode = code
        pendingLines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if line.count == 3 || line[3] == 32 {
            check(machine.replyReceived(SMTPResponse(code: code, lines: pendingLines)))
            pendingCode = nil
            pendingLines = []
        }
    }
    return 0
}
