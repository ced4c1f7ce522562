import AuthShiftCore

/// Readers for the report exports (EAC SMTP AUTH clients, Graph email apps usage,
/// message trace) and the admins' inventory.
enum SmtpAuthClientsReader {
    static func read(_ r: ExportRecord) throws -> SmtpAuthClientEntry {
        guard let sender = r.string("Sender address") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "Sender address", "empty; every report row names its sender")
        }
        // docs/exports.md#smtp-auth-clients-report: the exact export header is unconfirmed; tolerate "TLS 1.0 (%)" and "TLS 1.0 %".
        return SmtpAuthClientEntry(
            sender: sender.lowercased(),
            domain: r.string("Domain"),
            tls10Percent: try r.percentage("TLS 1.0", "TLS 1.0 (%)", "TLS 1.0 %", "TLS1.0"),
            tls11Percent: try r.percentage("TLS 1.1", "TLS 1.1 (%)", "TLS 1.1 %", "TLS1.1"),
            tls12Percent: try r.percentage("TLS 1.2", "TLS 1.2 (%)", "TLS 1.2 %", "TLS1.2"),
            messagesSent: try r.integer("Messages sent"),
            authenticationProtocol: r.string("Authentication Protocol", "Authentication protocol", "AuthenticationProtocol"),
            location: ExportLocation(r))
    }
}

enum EmailAppUsageReader {
    static func read(_ r: ExportRecord) throws -> EmailAppUsageEntry {
        guard let upn = r.string("User Principal Name", "userPrincipalName") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "User Principal Name", "empty; every usage row names its user")
        }
        let smtp: String?
        if case .array(let versions)? = r.value("smtpApp") {
            smtp = versions.isEmpty ? nil : versions.compactMap(\.stringValue).joined(separator: ";")
        } else {
            smtp = r.string("SMTP App")
        }
        let last = try r.timestamp("Last Activity Date", "lastActivityDate")
        return EmailAppUsageEntry(
            userPrincipalName: upn.lowercased(),
            displayName: r.string("Display Name", "displayName"),
            lastActivityDate: last?.day,
            usedSMTP: smtp != nil,
            smtpAppDetail: smtp,
            concealed: isConcealed(upn),
            reportPeriodDays: try r.integer("Report Period", "reportPeriod"),
            location: ExportLocation(r))
    }

    /// Concealed report names are opaque hashes (adminReportSettings.displayConcealedNames):
    /// no `@`, and long hexadecimal text.
    static func isConcealed(_ upn: String) -> Bool {
        guard !upn.contains("@") else { return false }
        let hex = upn.unicodeScalars.filter { ("0"..."9").contains($0) || ("A"..."F").contains($0) || ("a"..."f").contains($0) }
        return upn.count >= 16 && hex.count * 10 >= upn.count * 9
    }
}

enum MessageTraceReader {
    static func read(_ r: ExportRecord) throws -> MessageTraceEntry {
        guard let sender = r.string("SenderAddress"), let recipient = r.string("RecipientAddress") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "SenderAddress", "empty sender or recipient address")
        }
        return MessageTraceEntry(
            received: try r.timestamp("Received", "ReceivedTime", "Received Time"),
            sender: sender.lowercased(), recipient: recipient.lowercased(),
            status: r.string("Status"), fromIP: r.string("FromIP"),
            subject: r.string("Subject"), messageId: r.string("MessageId"),
            location: ExportLocation(r))
    }
}

enum InventoryReader {
    static let yesNoUnknown: Set<String> = ["yes", "no", "unknown"]

    static func read(_ r: ExportRecord) throws -> InventoryEntry {
        guard let sender = r.string("sender") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "sender", "empty; every inventory row names a sender address")
        }
        for column in ["oauth_capable", "static_ip"] {
            if let v = r.string(column), !yesNoUnknown.contains(v.lowercased()) {
                throw IngestError(.badValue, file: r.file, line: r.line, field: column, "expected yes, no or unknown, found \"\(v)\"")
            }
        }
        return InventoryEntry(
            sender: sender.lowercased(), system: r.string("system"), owner: r.string("owner"),
            workload: r.string("workload")?.lowercased(), oauthCapable: r.string("oauth_capable")?.lowercased(),
            staticIP: r.string("static_ip")?.lowercased(), notes: r.string("notes"), ring: r.string("ring"),
            sources: r.stringList("sources") ?? [], cutoverDate: try r.typedDay("cutover_date"),
            location: ExportLocation(r))
    }
}

enum ExceptionReader {
    static func read(_ r: ExportRecord) throws -> ExceptionEntry {
        guard let mailbox = r.string("mailbox") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "mailbox", "empty; every exception names a mailbox")
        }
        return ExceptionEntry(
            mailbox: mailbox.lowercased(), system: r.string("system"), source: r.string("source"), owner: r.string("owner"),
            expires: try r.typedDay("expires"), replacement: r.string("replacement"), ticket: r.string("ticket"),
            location: ExportLocation(r))
    }
}
