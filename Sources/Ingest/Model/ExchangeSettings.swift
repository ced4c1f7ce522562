import AuthShiftCore

/// Get-CASMailbox / Get-EXOCasMailbox: the per-mailbox SMTP AUTH switch.
public struct CASMailboxSetting: Sendable, Equatable, Codable {
    /// Primary SMTP address, lower-cased.
    public var address: String
    public var displayName: String?
    /// `True` disabled, `False` enabled, null inherits Get-TransportConfig, missing unknown.
    public var smtpClientAuthenticationDisabled: ExportedBool
    public var location: ExportLocation
}

/// Get-TransportConfig: the organization-wide SMTP AUTH switch.
public struct TransportConfigSetting: Sendable, Equatable, Codable {
    public var smtpClientAuthenticationDisabled: ExportedBool
    /// "Turn on use of legacy TLS clients" for smtp-legacy.office365.com.
    public var allowLegacyTLSClients: ExportedBool
    public var location: ExportLocation
}

/// Get-AuthenticationPolicy: one policy's Basic authentication switches.
public struct AuthenticationPolicySetting: Sendable, Equatable, Codable {
    public var name: String
    public var allowBasicAuthSmtp: ExportedBool
    public var allowBasicAuthPowershell: ExportedBool
    public var location: ExportLocation
}

/// Get-User: which authentication policy a user has (nil when none is assigned).
public struct UserPolicyAssignment: Sendable, Equatable, Codable {
    public var userPrincipalName: String
    /// The Entra object ID (ExternalDirectoryObjectId), which Conditional Access policies use.
    public var objectId: String?
    /// Other addresses the user is known by (WindowsEmailAddress), lower-cased.
    public var otherAddresses: [String]
    public var authenticationPolicy: String?
    public var recipientTypeDetails: String?
    public var location: ExportLocation
}

/// Get-OrganizationConfig: the default authentication policy (nil when none).
public struct OrganizationConfigSetting: Sendable, Equatable, Codable {
    public var defaultAuthenticationPolicy: String?
    /// RejectDirectSend (CIS 6.5.5); missing when the export did not include it.
    public var rejectDirectSend: ExportedBool = .missingColumn
    public var location: ExportLocation
}

/// Get-AcceptedDomain.
public struct AcceptedDomainSetting: Sendable, Equatable, Codable {
    public var domainName: String
    /// `Authoritative`, `InternalRelay` or `ExternalRelay` (numbers from ConvertTo-Json are mapped).
    public var domainType: String
    public var isDefault: Bool?
    public var location: ExportLocation
}

/// Get-InboundConnector.
public struct InboundConnectorSetting: Sendable, Equatable, Codable {
    public var name: String
    /// `OnPremises` or `Partner` (numbers from ConvertTo-Json are mapped).
    public var connectorType: String?
    public var enabled: ExportedBool
    /// nil when the export lost the list (Export-Csv writes a type name).
    public var senderIPAddresses: [String]?
    public var senderDomains: [String]?
    public var tlsSenderCertificateName: String?
    public var location: ExportLocation
}
