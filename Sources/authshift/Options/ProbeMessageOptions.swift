import ArgumentParser
import Foundation
import SMTP
import SMTPClient

/// What `probe` sends and how far it goes: the envelope, the test message or a device's own
/// message file, the stage to stop after and the EHLO name.
struct ProbeMessageOptions: ParsableArguments {
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

    /// These options in `request`; the --data file is read when DATA is reached.
    func fill(_ request: inout ProbeRequest) {
        request.from = from
        request.recipients = sendTo
        request.quitAfter = quitAfter
        request.heloName = ehlo
        request.message = .generated(subject: subject)
        if let data {
            request.message = .provided(
                .init {
                    let contents = data == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: data)
                    guard let contents, !contents.isEmpty else { throw ValidationError("--data: cannot read a message from \(data).") }
                    return [UInt8](contents)
                })
        }
    }
}

extension ProbeStage: ExpressibleByArgument {}
