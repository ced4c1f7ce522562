import Foundation

/// The optional test message a probe sends: RFC 5322 headers with a Date and a Message-ID (which
/// Exchange Online and most filters require), ASCII text, CRLF line ends.
public enum TestMessage {
    public static func build(from: String, to: [String], subject: String, heloName: String, date: Date = Date(), id: String = UUID().uuidString) -> [UInt8] {
        let domain = from.split(separator: "@").last.map(String.init) ?? heloName
        let lines = [
            "From: <\(from)>",
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: \(subject)",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(id.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
            "Content-Transfer-Encoding: 7bit",
            "X-Mailer: authshift probe",
            "",
            "This is a test message sent by authshift probe to check a submission path.",
            "It was sent from \(heloName) at \(rfc5322Date(date)).",
            ".A line that starts with a dot checks dot-stuffing (RFC 5321 section 4.5.2).",
            "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// RFC 5322 §3.3 date-time in UTC, e.g. "Sun, 29 Nov 2026 10:00:00 +0000".
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
