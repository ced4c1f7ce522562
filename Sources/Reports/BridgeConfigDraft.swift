import AuthShiftCore

/// A draft `authshift bridge` configuration for the senders assess recommends moving to a local
/// bridge: one device account per sender, allowed to send only as that sender, and an Exchange
/// Online XOAUTH2 route for their domains. What the exports cannot know (the relay's
/// certificate, the devices' networks, the app registration) is marked REPLACE and fails
/// `bridge check-config` until filled in, so a draft can never run half-configured.
public enum BridgeConfigDraft {
    public static let placeholderHash = "REPLACE: authshift bridge hash-password"
    /// The spool of the Debian package's service: its unit may write only under
    /// /var/lib/authshift (scripts/release-deb.sh sets ReadWritePaths, packaging/debian/postinst
    /// creates the folder), so a draft with any other spool fails at its first message.
    public static let packagedSpool = "/var/lib/authshift/spool"

    /// nil when no sender is recommended for the bridge.
    public static func yaml(register: Register) -> String? {
        let senders = register.senders.filter { $0.recommendation.path == .localBridge }
        guard !senders.isEmpty else { return nil }
        let domains = Array(Set(senders.compactMap { $0.sender.split(separator: "@").last.map { $0.lowercased() } })).sorted()
        let tenant = register.tenant.acceptedDomains.first {
            $0.lowercased().hasSuffix(".onmicrosoft.com") && !$0.lowercased().hasSuffix(".mail.onmicrosoft.com")
        }
        var lines = [
            "# Draft authshift bridge configuration for the \(senders.count) sender(s) authshift recommends moving to a",
            "# local bridge (authshift plan, as of \(register.asOf)). Fill in every REPLACE value, then check it:",
            "#   authshift bridge check-config --config bridge.yaml",
            "# README, \"Keeping password-only devices sending\", explains every setting.",
            "# Written for the Debian package's service (authshift-bridge.service): install it as",
            "# /etc/authshift/bridge.yaml; the service may write only under /var/lib/authshift, and the",
            "# files named here must be readable by its user (group authshift, mode 0640).",
            "hostname: \(YAMLScalar.quoted("REPLACE.relay.host.name"))",
            "spool: \(packagedSpool)",
            "",
            "listeners:",
            "  - name: lan-submission",
            "    address: 0.0.0.0",
            "    port: 587",
            "    tls: starttls",
            "    certificate: /etc/authshift/REPLACE-relay-certificate.pem",
            "    key: /etc/authshift/REPLACE-relay-key.pem",
            "    # The networks the devices send from (the sign-in logs show public addresses only).",
            "    allow: [\(YAMLScalar.quoted("REPLACE with the devices' networks, like 10.20.0.0/16"))]",
            "",
            "accounts:",
        ]
        var used = Set<String>()
        for row in senders.sorted(by: { $0.sender < $1.sender }) {
            var name = String(row.sender.split(separator: "@").first ?? "device").lowercased()
            name = String(name.unicodeScalars.map { CharacterSetLite.isNameCharacter($0) ? Character($0) : "-" })
            var candidate = name
            var n = 2
            while used.contains(candidate) {
                candidate = "\(name)-\(n)"
                n += 1
            }
            used.insert(candidate)
            let facts = [row.workload, row.messages.map { "\($0) messages" }, row.owner.map { "owner \($0)" }].compactMap { $0 }.joined(
                separator: ", ")
            lines.append("  # \(oneLine(row.sender))" + (facts.isEmpty ? "" : ": \(oneLine(facts))") + "; rule \(row.recommendation.rule)")
            lines.append("  - name: \(YAMLScalar.quoted(candidate))")
            lines.append("    passwordHash: \(YAMLScalar.quoted(placeholderHash))")
            lines.append("    senders: \(YAMLScalar.list([row.sender]))")
        }
        lines += [
            "",
            "# One app registration with Office 365 Exchange Online > SMTP.SendAsApp (admin consent),",
            "# New-ServicePrincipal, and Add-MailboxPermission -AccessRights FullAccess on each sender above.",
            "oauth:",
            "  tenant: \(YAMLScalar.quoted(tenant ?? "REPLACE with the tenant ID or contoso.onmicrosoft.com"))",
            "  clientId: \(YAMLScalar.quoted("REPLACE with the application (client) ID"))",
            "  pfx: /etc/authshift/REPLACE-bridge-app.pfx",
            "  pfxPasswordFile: /etc/authshift/REPLACE-bridge-app.pfx.pass",
            "",
            "routes:",
            "  - name: exo-xoauth2",
            "    type: smtp-xoauth2",
            "    senderDomains: \(YAMLScalar.list(domains))",
            "    host: smtp.office365.com",
            "    port: 587",
            "    tls: starttls",
            "",
            "retry:",
            "  notifySender: true",
            "",
            "metrics:",
            "  address: 127.0.0.1",
            "  port: 9465",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Comment text on one line (an export value cannot end the comment and add a setting).
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }
}

enum CharacterSetLite {
    static func isNameCharacter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "0" && s <= "9") || s == "-" || s == "." || s == "_"
    }
}
