// libFuzzer target: the bridge's inbound protocol, built and run by Fuzz/run.sh (not part of SwiftPM).
//
// The input is a client's byte stream, cut into chunks at the positions its first bytes name
// (so line ends fall everywhere), fed to SMTPServerFramer, with every frame given to
// SMTPServerStateMachine as typed commands (SMTPCommand.parse). Passwords are always wrong and
// the client is never allow-listed, so besides "no crash, no trap", the relay property must hold
// on every input: no transaction is ever committed and no recipient is ever accepted (no typed
// 2yz reply with enhanced status 2.1.5). A violation traps, which is a finding.
// The first byte's high bit picks how bare line endings in DATA are handled, so both framer
// modes are exercised (the machine never reaches DATA here, but the framer's data mode is
// entered directly when the second byte's bit 1 is set, to fuzz the terminator logic too).
import SMTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count > 2 else { return 0 }
    let step = Int(bytes[0]) % 64 + 1
    let plainAuth = bytes[1] & 1 == 1
    var framer = SMTPServerFramer(maximumMessageSize: 4096, bareLineEndings: bytes[0] & 0x80 == 0 ? .refuse : .normalise)
    var inData = bytes[1] & 2 == 2
    if inData { framer.mode = .data }
    var machine = SMTPServerStateMachine(policy: .init(hostname: "fuzz", maximumMessageSize: 4096, startTLSAvailable: true,
                                                       plaintextAuthAllowed: plainAuth, clientAllowListed: false))
    var offset = 2
    while offset < bytes.count {
        framer.append(bytes[offset..<min(bytes.count, offset + step)])
        offset += step
        while let frame = framer.next() {
            var action: SMTPServerStateMachine.Action
            switch frame {
            case .command(let line):
                // As the bridge's handler does: a SASL response during AUTH, otherwise a parsed command.
                action = machine.command(machine.expectsAuthResponse ? .success(.saslResponse(line)) : SMTPCommand.parse(line))
            case .commandTooLong:
                action = machine.commandTooLong()
            case .data:
                continue
            case .messageEnd(_, let oversized, let headerFrom):
                // Smuggling property: message data that began at the start ends only on CRLF.CRLF.
                if inData {
                    let fed = Array(bytes[2..<min(bytes.count, offset)])
                    let ended = fed.starts(with: [46, 13, 10]) || (0..<max(0, fed.count - 4)).contains { fed[$0..<($0 + 5)].elementsEqual([13, 10, 46, 13, 10]) }
                    require(ended, "message data ended without <CRLF>.<CRLF> (SMTP smuggling)")
                    inData = false
                }
                action = machine.messageReceived(oversized: oversized, headerFrom: headerFrom)
            case .bareLineEnding:
                action = machine.bareLineEnding()
            }
            // Resolve the checks the handler would make: wrong password, sender allowed.
            for _ in 0..<3 {
                switch action {
                case .verifyCredentials: action = machine.credentialsChecked(.rejected)
                case .verifySender: action = machine.senderChecked(.allowed)
                case .verifyHeaderFrom: action = machine.headerFromChecked(.allowed)
                default: break
                }
            }
            switch action {
            case .commit: require(false, "a transaction was committed without AUTH or an allow-listed source")
            case .reply(let reply) where reply.category == .positiveCompletion && reply.enhanced == EnhancedStatusCode(2, 1, 5):
                require(false, "a recipient was accepted without AUTH or an allow-listed source")
            case .replyAndReadData: require(false, "DATA was accepted without AUTH or an allow-listed source")
            case .replyAndReadAuthLine: framer.mode = .authLine
            case .replyAndStartTLS: framer.discardBufferedInput()
            case .replyAndClose, .discardAndClose: return 0
            default: break
            }
        }
    }
    return 0
}
