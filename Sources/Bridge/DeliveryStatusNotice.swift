import AuthShiftCore
import Foundation

/// The notice a sender gets when recipients of a message fail for good: a multipart/report
/// (RFC 6522) with a human-readable part, a message/delivery-status part with one block per
/// failed recipient (RFC 3464 §2.3: Final-Recipient, Action, Status, Diagnostic-Code), and the
/// original message's header (text/rfc822-headers), so mail clients show it as a bounce and the
/// sender can tell which message it was. Recipients that were delivered are not listed.
enum DeliveryStatusNotice {
    static func build(
        original: Envelope, failed: [RecipientState], postmaster: String, reportingHost: String,
        originalHeader: [UInt8] = [], date: Date = Date()
    ) -> [UInt8] {
        let boundary = "authshift-dsn-\(original.id)"
        var lines = [
            "From: Mail Delivery System <\(postmaster)>",
            "To: <\(original.from)>",
            "Subject: Undeliverable: message queued by authshift bridge",
            "Date: \(Timestamp(date).rfc5322)",
            "Message-ID: <dsn-\(original.id)-\(failed.count)-\(Int(date.timeIntervalSince1970))@\(reportingHost)>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "The bridge at \(reportingHost) accepted your message at \(Timestamp(original.acceptedAt).rfc5322) but could not deliver it",
            "to the recipients below. Recipients not listed here were not affected.",
            "",
        ]
        for recipient in failed {
            lines.append("<\(recipient.address)>: \(oneLine(recipient.reply ?? "failed"))")
        }
        lines += [
            "",
            "--\(boundary)",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; \(reportingHost)",
            "Arrival-Date: \(Timestamp(original.acceptedAt).rfc5322)",
            "",
        ]
        for recipient in failed {
            lines += ["Final-Recipient: rfc822; \(recipient.address)", "Action: failed", "Status: \(status(of: recipient))"]
            lines.append("Diagnostic-Code: \(oneLine(recipient.diagnostic ?? "x-authshift; " + (recipient.reply ?? "failed")))")
            if let at = recipient.lastAttempt { lines.append("Last-Attempt-Date: \(Timestamp(at).rfc5322)") }
            lines.append("")
        }
        lines += ["--\(boundary)", "Content-Type: text/rfc822-headers", ""]
        var out = Array(lines.joined(separator: "\r\n").utf8) + [13, 10]
        out += headerBlock(originalHeader)
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// RFC 3464 §2.3.4: a permanent failure's status class is 5; a recipient given up on after
    /// temporary failures keeps its last status class 4 with `Action: failed` (as Postfix does).
    static func status(of recipient: RecipientState) -> String {
        if let status = recipient.dsnStatus, status.split(separator: ".").count == 3 { return status }
        return "5.0.0"
    }

    /// The original header, without the blank line and never longer than 64 KiB.
    static func headerBlock(_ message: [UInt8]) -> [UInt8] {
        let end = min(MIMEHeaders.headerEnd(message), 65_536)
        var header = Array(message[..<end])
        while header.last == 10 || header.last == 13 { header.removeLast() }
        return header.isEmpty ? [] : header + [13, 10]
    }

    /// US-ASCII on one line: a reply is the upstream's text and may carry anything.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII && $0.value >= 32 && $0.value < 127 ? Character($0) : " " })
    }
}
