import Testing

@testable import Ingest

@Suite struct ExportDetectorTests {
    @Test(arguments: [
        (Headers.portal57Names, ExportKind.signInPortalCSV),
        (Headers.portal55Names, .signInPortalCSV),
        (Headers.portal54Names, .signInPortalCSV),
        (["TenantId", "TimeGenerated [UTC]", "UserPrincipalName", "ClientAppUsed", "IPAddress", "ResultType"], .signInLogAnalyticsCSV),
        (["CreatedDateTime", "UserPrincipalName", "AppDisplayName", "ClientAppUsed", "Status"], .signInLogAnalyticsCSV),
        (["Sender address", "Domain", "TLS 1.0", "TLS 1.1", "TLS 1.2", "Messages sent"], .smtpAuthClientsReport),
        (["sender address", "MESSAGES SENT", "Authentication Protocol"], .smtpAuthClientsReport),
        (Headers.emailAppUsage.components(separatedBy: ","), .emailAppUsage),
        (["PrimarySmtpAddress", "DisplayName", "SmtpClientAuthenticationDisabled"], .casMailbox),
        (["Name", "PrimarySmtpAddress", "PopEnabled", "ImapEnabled"], .casMailbox),
        (["SmtpClientAuthenticationDisabled", "AllowLegacyTLSClients", "MaxRecipientEnvelopeLimit"], .transportConfig),
        (["Name", "AllowBasicAuthSmtp", "AllowBasicAuthPowershell"], .authenticationPolicy),
        (["UserPrincipalName", "RecipientTypeDetails", "AuthenticationPolicy"], .user),
        (["Name", "DefaultAuthenticationPolicy"], .organizationConfig),
        (["DomainName", "DomainType", "Default"], .acceptedDomain),
        (["Name", "ConnectorType", "SenderIPAddresses", "Enabled"], .inboundConnector),
        (["Received", "SenderAddress", "RecipientAddress", "Subject", "Status"], .messageTrace),
        (["PSComputerName", "RunspaceId", "Organization", "MessageId", "Received", "SenderAddress", "RecipientAddress"], .messageTrace),
        (["sender", "system", "owner", "workload", "oauth_capable", "static_ip", "notes"], .inventory),
    ])
    func recognisesCSVHeaders(columns: [String], kind: ExportKind) {
        #expect(ExportDetector.detect(csvColumns: CSVHeader(names: columns)) == kind)
    }

    @Test(arguments: [
        (["id", "createdDateTime", "userPrincipalName", "clientAppUsed", "status"], ExportKind.signInJSON),
        (["reportRefreshDate", "userPrincipalName", "smtpApp", "imap4App"], .emailAppUsage),
        (["id", "displayName", "state", "conditions", "grantControls"], .conditionalAccessPolicies),
        (["@odata.context", "id", "displayName", "description", "isEnabled"], .securityDefaults),
        (["SmtpClientAuthenticationDisabled", "AllowLegacyTLSClients"], .transportConfig),
        (["DomainName", "DomainType", "Default"], .acceptedDomain),
    ])
    func recognisesJSONMembers(keys: [String], kind: ExportKind) {
        #expect(ExportDetector.detect(jsonKeys: keys) == kind)
    }

    @Test func explainsAMiss() {
        let reason = ExportDetector.reason(columns: ["Sender address", "Domain"], json: false)
        #expect(reason.contains("SMTP AUTH clients report"))
        #expect(reason.contains("Messages sent"))
        #expect(ExportDetector.detect(csvColumns: CSVHeader(names: ["Name", "Colour"])) == nil)
        #expect(ExportDetector.reason(columns: ["Name", "Colour"], json: false).contains("match no export"))
    }
}
