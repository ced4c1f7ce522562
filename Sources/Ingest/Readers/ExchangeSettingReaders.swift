/// Readers for the Exchange Online cmdlet exports. Each turns one record (a CSV row or a
/// JSON object, see `ExportRecord`) into a typed setting; property names are the cmdlets'
/// own (Microsoft's cmdlet reference, docs/exports.md).
enum CASMailboxReader {
    static func read(_ r: ExportRecord) throws -> CASMailboxSetting {
        guard let address = r.string("PrimarySmtpAddress") else {
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: "PrimarySmtpAddress",
                "empty; every mailbox row needs its primary SMTP address")
        }
        return CASMailboxSetting(
            address: address.lowercased(),
            displayName: r.string("DisplayName", "Name"),
            smtpClientAuthenticationDisabled: try r.exportedBool("SmtpClientAuthenticationDisabled"),
            location: ExportLocation(r))
    }
}

enum TransportConfigReader {
    static func read(_ r: ExportRecord) throws -> TransportConfigSetting {
        TransportConfigSetting(
            smtpClientAuthenticationDisabled: try r.exportedBool("SmtpClientAuthenticationDisabled"),
            allowLegacyTLSClients: try r.exportedBool("AllowLegacyTLSClients"),
            location: ExportLocation(r))
    }
}

enum AuthenticationPolicyReader {
    static func read(_ r: ExportRecord) throws -> AuthenticationPolicySetting {
        guard let name = r.string("Name", "Identity") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "Name", "empty; every authentication policy has a name")
        }
        return AuthenticationPolicySetting(
            name: name,
            allowBasicAuthSmtp: try r.exportedBool("AllowBasicAuthSmtp"),
            allowBasicAuthPowershell: try r.exportedBool("AllowBasicAuthPowershell"),
            location: ExportLocation(r))
    }
}

enum UserReader {
    static func read(_ r: ExportRecord) throws -> UserPolicyAssignment {
        guard let upn = r.string("UserPrincipalName", "WindowsEmailAddress", "Identity") else {
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: "UserPrincipalName", "empty; every user row needs a user principal name")
        }
        var others: [String] = []
        if let mail = r.string("WindowsEmailAddress")?.lowercased(), mail != upn.lowercased() { others.append(mail) }
        return UserPolicyAssignment(
            userPrincipalName: upn.lowercased(),
            objectId: r.string("ExternalDirectoryObjectId")?.lowercased(),
            otherAddresses: others,
            authenticationPolicy: r.string("AuthenticationPolicy"),
            recipientTypeDetails: r.string("RecipientTypeDetails"),
            location: ExportLocation(r))
    }
}

enum OrganizationConfigReader {
    static func read(_ r: ExportRecord) throws -> OrganizationConfigSetting {
        OrganizationConfigSetting(
            defaultAuthenticationPolicy: r.string("DefaultAuthenticationPolicy"),
            rejectDirectSend: try r.exportedBool("RejectDirectSend"), location: ExportLocation(r))
    }
}

enum AcceptedDomainReader {
    /// `AcceptedDomainType` in declaration order, as ConvertTo-Json writes enums without
    /// -EnumsAsStrings: Authoritative 0, ExternalRelay 1, InternalRelay 2.
    static let domainTypes = ["Authoritative", "ExternalRelay", "InternalRelay"]

    static func read(_ r: ExportRecord) throws -> AcceptedDomainSetting {
        guard let name = r.string("DomainName") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "DomainName", "empty; every accepted domain has a name")
        }
        var type = r.string("DomainType") ?? "Authoritative"
        if let n = Int(type) {
            guard domainTypes.indices.contains(n) else {
                throw IngestError(
                    .badValue, file: r.file, line: r.line, field: "DomainType",
                    "unknown enum value \(n); expected 0 (Authoritative), 1 (ExternalRelay) or 2 (InternalRelay)")
            }
            type = domainTypes[n]
        }
        return AcceptedDomainSetting(
            domainName: name.lowercased(), domainType: type,
            isDefault: try r.exportedBool("Default").bool, location: ExportLocation(r))
    }
}

enum InboundConnectorReader {
    /// `TenantConnectorType`: OnPremises 1, Partner 2 (numbers from ConvertTo-Json).
    static func connectorType(_ text: String?) -> String? {
        switch text {
        case "1": return "OnPremises"
        case "2": return "Partner"
        default: return text
        }
    }

    static func read(_ r: ExportRecord) throws -> InboundConnectorSetting {
        InboundConnectorSetting(
            name: r.string("Name", "Identity") ?? "(unnamed)",
            connectorType: connectorType(r.string("ConnectorType")),
            enabled: try r.exportedBool("Enabled"),
            senderIPAddresses: r.stringList("SenderIPAddresses"),
            senderDomains: r.stringList("SenderDomains"),
            tlsSenderCertificateName: r.string("TlsSenderCertificateName"),
            location: ExportLocation(r))
    }
}
