import AuthShiftCore
import Foundation

/// The optional test message a probe sends: RFC 5322 headers with a Date and a Message-ID (which
/// Exchange Online and most filters require), ASCII text, CRLF line ends.
public enum TestMessage {
    public static func build(
        from: String, to: [String], subject: String, heloName: String, date: Date = Date(), id: String = UUID().uuidString
    ) -> [UInt8] {
        let domain = from.split(separator: "@").last.map(String.init) ?? heloName
        let lines = [
            "From: <\(from)>",
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: \(subject)",
            "Date: \(Timestamp(date).rfc5322)",
            "Message-ID: <\(id.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
            "Content-Transfer-Encoding: 7bit",
            "X-Mailer: authshift probe",
            "",
            "This is a test message sent by authshift probe to check a submission path.",
            "It was sent from \(heloName) at \(Timestamp(date).rfc5322).",
            ".A line that starts with a dot checks dot-stuffing (RFC 5321 section 4.5.2).",
            "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
