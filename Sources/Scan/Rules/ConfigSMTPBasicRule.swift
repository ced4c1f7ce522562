import Foundation

/// `SMTP-BASIC-CONFIG`: configuration that pairs an Exchange Online client-submission host
/// with a password: web.config/app.config `<network host= password=>` or appSettings,
/// appsettings*.json, .env, YAML and INI files. In web.config/app.config an `<appSettings>`
/// key that names a mail password (`sendEmailPassword`, `SmtpPassword`, `MailPass`) with a
/// literal value is reported even when the host is set in code (medium: the host is not
/// seen). XML comments, also those spanning lines, are ignored. The password value is never
/// reported.
/// Part of the SMTP-BASIC family. Source: as for SMTP-BASIC-SENDMAIL.
public enum ConfigSMTPBasicRule: FileRule {
    public static let id = "SMTP-BASIC-CONFIG"
    public static let title = "Configuration pairs smtp.office365.com with a password"
    public static let help =
        "A mail host of smtp.office365.com with a stored password is SMTP AUTH Basic, which is disabled by default at the end of December 2026. Configure OAuth (XOAUTH2) or another path and remove the password."
    public static let source = ScanSources.smtpBasic

    public static let triggeringExamples: [(String, String)] = [
        (
            "web.config",
            "<system.net>\n  <mailSettings>\n    <smtp from=\"app@contoso.com\">\n      <network host=\"smtp.office365.com\" port=\"587\" userName=\"app@contoso.com\" password=\"Pa55word\" enableSsl=\"true\" />\n"
        ),
        (
            "appsettings.Production.json",
            "{\n  \"Smtp\": {\n    \"Host\": \"smtp.office365.com\",\n    \"Port\": 587,\n    \"Password\": \"Pa55word\"\n  }\n}\n"
        ),
        (".env", "SMTP_HOST=smtp.office365.com\nSMTP_USER=app@contoso.com\nSMTP_PASSWORD=Pa55word\n"),
        ("mail.yaml", "smtp:\n  host: smtp.office365.com\n  username: app@contoso.com\n  password: \"Pa55word\"\n"),
        ("mail.ini", "[smtp]\nserver = smtp-legacy.office365.com\npwd = Pa55word\n"),
        (
            "Web.config",
            "<configuration>\n  <appSettings>\n    <add key=\"sendEmailFrom\" value=\"noreply@contoso.com\" />\n    <add key=\"sendEmailPassword\" value=\"Pa55word\" />\n  </appSettings>\n</configuration>\n"
        ),
        (
            "app.config",
            "<appSettings>\n  <add value='Pa55word' key='MailPass'/>\n  <add key=\"SmtpHost\" value=\"smtp.office365.com\"/>\n</appSettings>\n"
        ),
    ]
    public static let nonTriggeringExamples: [(String, String)] = [
        (
            "appsettings.json",
            "{ \"Smtp\": { \"Host\": \"smtp.office365.com\", \"AuthType\": \"XOAUTH2\", \"ClientSecretName\": \"kv-secret\" } }\n"
        ),
        (".env", "SMTP_HOST=mail.contoso.local\nSMTP_PASSWORD=Pa55word\n"),
        ("mail.yaml", "# host: smtp.office365.com\n# password: old\nhost: relay.contoso.local\n"),
        ("settings.json", "{ \"Host\": \"smtp.office365.com\", \"Port\": 25 }\n"),
        (
            "Web.config",
            "<appSettings>\n  <add key=\"SmtpPassword\" value=\"#{SmtpPassword}#\" />\n  <add key=\"SmtpUser\" value=\"app@contoso.com\" />\n</appSettings>\n"
        ),
        (
            "Web.config",
            "<appSettings>\n  <!-- retired relay settings\n  <add key=\"SmtpHost\" value=\"smtp.office365.com\" />\n  <add key=\"SmtpPassword\" value=\"Pa55word\" />\n  -->\n  <add key=\"SmtpHost\" value=\"relay.contoso.local\" />\n</appSettings>\n"
        ),
    ]

    static let passwordKeys = ["password", "passwd", "pwd", "pass", "secret", "smtppassword", "smtp_password", "mail_password"]

    public static func check(bytes: [UInt8], language: SourceLanguage) -> [(line: Int, hit: RuleHit)] {
        guard language.isConfig else { return [] }
        let text = String(decoding: language == .xmlConfig ? blankXMLComments(bytes) : bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { stripComment(String($0), language) }
        let hostLine = lines.firstIndex(where: { Judge.submissionHost(in: $0) != nil })
        if Judge.mentionsOAuth(lines.joined(separator: "\n")) { return [] }
        let replacement =
            "configure SMTP AUTH with XOAUTH2 (an app registration with SMTP.SendAsApp) or Microsoft Graph sendMail, and remove the password"
        if let hostLine {
            let host = Judge.submissionHost(in: lines[hostLine])!
            for (i, line) in lines.enumerated() {
                guard let (value, _) = passwordValue(line, language) else { continue }
                let reference = isReference(value)
                return [
                    (
                        i + 1,
                        RuleHit(
                            severity: reference ? .medium : .high,
                            message: "configuration pairs \(host) (line \(hostLine + 1)) with a password"
                                + (reference ? " taken from elsewhere" : " stored here (value not shown)") + " (SMTP AUTH Basic)",
                            replacement: replacement)
                    )
                ]
            }
            return []
        }
        // No host in the file: an appSettings key that names a mail password, with a literal.
        guard language == .xmlConfig else { return [] }
        for (i, line) in lines.enumerated() {
            guard let (value, key) = appSetting(line), isMailPasswordKey(key), !isReference(value) else { continue }
            return [
                (
                    i + 1,
                    RuleHit(
                        severity: .medium,
                        message:
                            "appSettings key \"\(key)\" stores a mail password in this file (value not shown); with smtp.office365.com, set in code, it is SMTP AUTH Basic",
                        replacement: replacement)
                )
            ]
        }
        return []
    }

    /// A value that points elsewhere (a pipeline token, an environment variable, Key Vault).
    static func isReference(_ value: String) -> Bool {
        ["${", "%", "#{", "$(", "__", "{{", "@Microsoft.KeyVault"].contains { value.hasPrefix($0) }
    }

    /// `<add key="…" value="…"/>` in either attribute order and either quote: (value, key).
    static func appSetting(_ line: String) -> (String, String)? {
        guard line.range(of: "<add", options: .caseInsensitive) != nil,
            let key = attribute("key", in: line), let value = attribute("value", in: line), !value.isEmpty
        else { return nil }
        return (value, key)
    }

    /// The value of `name="…"` or `name='…'` on a line, the name standing alone (not `xkey=`).
    static func attribute(_ name: String, in line: String) -> String? {
        let chars = Array(line)
        let lower = name.lowercased()
        let count = lower.count
        var i = 0
        while i + count + 2 <= chars.count {
            let before = i == 0 ? " " : chars[i - 1]
            if before.isWhitespace || before == "<", String(chars[i..<(i + count)]).lowercased() == lower {
                var j = i + count
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    while j < chars.count, chars[j] == " " { j += 1 }
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
                        let quote = chars[j]
                        guard let end = chars[(j + 1)...].firstIndex(of: quote) else { return nil }
                        return String(chars[(j + 1)..<end])
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// `sendEmailPassword`, `SmtpPassword`, `MailPass`, `smtp_pwd`: a mail word and a password word.
    static func isMailPasswordKey(_ key: String) -> Bool {
        let k = key.lowercased().filter { $0.isLetter || $0.isNumber }
        return (k.contains("mail") || k.contains("smtp")) && (k.contains("pass") || k.contains("pwd"))
    }

    /// The file with every `<!-- … -->` comment replaced by spaces (line breaks kept, so line
    /// numbers hold); an unterminated comment runs to the end of the file.
    static func blankXMLComments(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        while i + 3 < bytes.count {
            guard bytes[i] == 0x3C, bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D else {
                i += 1
                continue
            }
            var j = i
            while j < bytes.count {
                // `-->` ends it; `<!-->` does not (the dashes of the opening do not count twice).
                let closes = j >= i + 6 && bytes[j] == 0x3E && bytes[j - 1] == 0x2D && bytes[j - 2] == 0x2D
                if bytes[j] != 0x0A { out[j] = 0x20 }
                j += 1
                if closes { break }
            }
            i = j
        }
        return out
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
            if let (value, key) = appSetting(line), isMailPasswordKey(key) || passwordKeys.contains(key.lowercased()) {
                return (value, key)
            }
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
        guard
            passwordKeys.contains(where: {
                key == $0 || key.hasSuffix("_" + $0) || key.hasSuffix("." + $0) || key.hasSuffix($0) && key.count <= $0.count + 5
            })
        else { return nil }
        let value = line[line.index(after: sepIndex)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"',"))
        return value.isEmpty || value == "null" ? nil : (value, key)
    }
}
