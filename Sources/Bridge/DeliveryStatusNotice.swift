import AuthShiftCore
import Foundation

/// The notice a sender gets when the bridge gives up on a message: a multipart/report with a
/// human-readable part and a message/delivery-status part (RFC 3464), so mail clients show it
/// as a bounce.
enum DeliveryStatusNotice {
    static func build(original: Envelope, reason: String, postmaster: String, reportingHost: String, date: Date = Date()) -> [UInt8] {
        let boundary = "authshift-dsn-\(original.id)"
        let safeReason = reason.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var lines = [
            "From: Mail Delivery System <\(postmaster)>",
            "To: <\(original.from)>",
            "Subject: Undeliverable: message queued by authshift bridge",
            "Date: \(Timestamp(date).rfc5322)",
            "Message-ID: <dsn-\(original.id)@\(reportingHost)>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "The bridge at \(reportingHost) accepted your message at \(Timestamp(original.acceptedAt).rfc5322) but could not deliver it.",
            "",
            "Recipients: \(original.recipients.joined(separator: ", "))",
            "Reason: \(safeReason)",
            "",
            "--\(boundary)",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; \(reportingHost)",
            "",
        ]
        for recipient in original.recipients {
            lines += ["Final-Recipient: rfc822; \(recipient)", "Action: failed", "Status: 5.0.0", "Diagnostic-Code: smtp; \(safeReason)", ""]
        }
        lines += ["--\(boundary)--", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
