/// `SMTP-BASIC-CONFIG`: configuration that pairs an Exchange Online client-submission host
/// with a password: web.config/app.config `<network host= password=>` or appSettings,
/// appsettings*.json, .env, YAML and INI files. The password value is never reported.
/// Source: as for SMTP-BASIC.
public enum ConfigSMTPBasicRule: FileRule {
    public static let id = "SMTP-BASIC-CONFIG"
    public static let title = "Configuration pairs smtp.office365.com with a password"
    public static let help = "A mail host of smtp.office365.com with a stored password is SMTP AUTH Basic, which is disabled by default at the end of December 2026. Configure OAuth (XOAUTH2) or another path and remove the password."

    public static let triggeringExamples: [(String, String)] = [
        ("web.config", "<system.net>\n  <mailSettings>\n    <smtp from=\"app@contoso.com\">\n      <network host=\"smtp.office365.com\" port=\"587\" userName=\"app@contoso.com\" password=\"Pa55word\" enableSsl=\"true\" />\n"),
        ("appsettings.Production.json", "{\n  \"Smtp\": {\n    \"Host\": \"smtp.office365.com\",\n    \"Port\": 587,\n    \"Password\": \"Pa55word\"\n  }\n}\n"),
        (".env", "SMTP_HOST=smtp.office365.com\nSMTP_USER=app@contoso.com\nSMTP_PASSWORD=Pa55word\n"),
        ("mail.yaml", "smtp:\n  host: smtp.office365.com\n  username: app@contoso.com\n  password: \"Pa55word\"\n"),
        ("mail.ini", "[smtp]\nserver = smtp-legacy.office365.com\npwd = Pa55word\n"),
    ]
    public static let nonTriggeringExamples: [(String, String)] = [
        ("appsettings.json", "{ \"Smtp\": { \"Host\": \"smtp.office365.com\", \"AuthType\": \"XOAUTH2\", \"ClientSecretName\": \"kv-secret\" } }\n"),
        (".env", "SMTP_HOST=mail.contoso.local\nSMTP_PASSWORD=Pa55word\n"),
        ("mail.yaml", "# host: smtp.office365.com\n# password: old\nhost: relay.contoso.local\n"),
        ("settings.json", "{ \"Host\": \"smtp.office365.com\", \"Port\": 25 }\n"),
    ]

    static let passwordKeys = ["password", "passwd", "pwd", "pass", "secret", "smtppassword", "smtp_password", "mail_password"]

    public static func check(bytes: [UInt8], language: SourceLanguage) -> [(line: Int, hit: RuleHit)] {
        guard language.isConfig else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { stripComment(String($0), language) }
        guard let hostLine = lines.firstIndex(where: { Judge.submissionHost(in: $0) != nil }) else { return [] }
        if Judge.mentionsOAuth(lines.joined(separator: "\n")) { return [] }
        let host = Judge.submissionHost(in: lines[hostLine])!
        for (i, line) in lines.enumerated() {
            guard let (value, _) = passwordValue(line, language) else { continue }
            let reference = value.hasPrefix("${") || value.hasPrefix("%") || value.hasPrefix("#{") || value.hasPrefix("$(") || value.hasPrefix("@Microsoft.KeyVault")
            return [(i + 1, RuleHit(severity: reference ? .medium : .high,
                                    message: "configuration pairs \(host) (line \(hostLine + 1)) with a password" + (reference ? " taken from elsewhere" : " stored here (value not shown)") + " (SMTP AUTH Basic)",
                                    replacement: "configure SMTP AUTH with XOAUTH2 (an app registration with SMTP.SendAsApp) or Microsoft Graph sendMail, and remove the password"))]
        }
        return []
    }

    static func stripComment(_ line: String, _ language: SourceLanguage) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        switch language {
        case .dotenv, .yaml: if trimmed.hasPrefix("#") { return "" }
        case .ini: if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { return "" }
        case .xmlConfig: if trimmed.hasPrefix("<!--") { return "" }
        case .jsonConfig: if trimmed.hasPrefix("//") { return "" }
        default: break
        }
        return line
    }

    /// A non-empty password value on this line, by key name, in the file's syntax.
    static func passwordValue(_ line: String, _ language: SourceLanguage) -> (String, String)? {
        let lower = line.lowercased()
        if language == .xmlConfig {
            for key in ["password=\"", "smtppassword\" value=\""] {
                if let r = lower.range(of: key) {
                    let rest = line[r.upperBound...]
                    let value = String(rest.prefix { $0 != "\"" })
                    if !value.isEmpty { return (value, key) }
                }
            }
            return nil
        }
        let separators: [Character] = language == .yaml ? [":"] : (language == .jsonConfig ? [":"] : ["=", ":"])
        guard let sepIndex = line.firstIndex(where: { separators.contains($0) }) else { return nil }
        let key = line[..<sepIndex].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'{,")).lowercased()
        guard passwordKeys.contains(where: { key == $0 || key.hasSuffix("_" + $0) || key.hasSuffix("." + $0) || key.hasSuffix($0) && key.count <= $0.count + 5 }) else { return nil }
        let value = line[line.index(after: sepIndex)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"',"))
        return value.isEmpty || value == "null" ? nil : (value, key)
    }
}

import Foundation
