import AuthShiftCore
import Testing

@testable import Ingest

/// The Exchange Online cmdlet exports, in the shapes Export-Csv and ConvertTo-Json give them.
@Suite struct ExchangeReaderTests {
    @Test func casMailboxFromWindowsPowerShellUTF16SemicolonTypeLine() {
        let folder = TemporaryFolder()
        let text = """
            #TYPE Selected.Microsoft.Exchange.Data.Directory.Management.CASMailbox\r
            "PrimarySmtpAddress";"DisplayName";"SmtpClientAuthenticationDisabled"\r
            "Scanner@Contoso.com";"Scanner";"False"\r
            "jdoe@contoso.com";"Jane Doe";"True"\r
            "inherit@contoso.com";"Inherits";\r
            "quoted-empty@contoso.com";"Quoted empty";""\r

            """
        let (file, snapshot) = readFile(folder.write("cas.csv", text, encoding: .utf16LittleEndian, bom: true))
        #expect(file.error == nil)
        #expect(file.kind == .casMailbox)
        #expect(file.encoding == .utf16LE)
        #expect(file.delimiter == ";")
        #expect(file.typeName == "Selected.Microsoft.Exchange.Data.Directory.Management.CASMailbox")
        #expect(file.rows == 4)
        #expect(
            snapshot.casMailboxes.map(\.address) == [
                "scanner@contoso.com", "jdoe@contoso.com", "inherit@contoso.com", "quoted-empty@contoso.com",
            ])
        #expect(snapshot.casMailboxes.map(\.smtpClientAuthenticationDisabled) == [.value(false), .value(true), .null, .null])
        #expect(snapshot.casMailboxes[0].location.line == 3)
    }

    @Test func casMailboxWithoutTheColumnIsUnknownAndWarns() {
        let folder = TemporaryFolder()
        // Get-EXOCasMailbox's default property sets leave SmtpClientAuthenticationDisabled out.
        let (file, snapshot) = readFile(
            folder.write("exocas.csv", "PrimarySmtpAddress,DisplayName,PopEnabled,ImapEnabled\na@contoso.com,A,True,True\n"))
        #expect(file.kind == .casMailbox)
        #expect(snapshot.casMailboxes.first?.smtpClientAuthenticationDisabled == .missingColumn)
        #expect(file.warnings.contains { $0.contains("unknown, not inherited") })
    }

    @Test func badBooleanNamesFileLineAndField() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "cas.csv", "PrimarySmtpAddress,SmtpClientAuthenticationDisabled\na@contoso.com,False\nb@contoso.com,Yes please\n")
        let (file, _) = readFile(path)
        #expect(file.error?.kind == .badValue)
        #expect(file.error?.line == 3)
        #expect(file.error?.field == "SmtpClientAuthenticationDisabled")
        #expect(file.error?.message.contains("Yes please") == true)
    }

    @Test func casMailboxAsPowerShell7JSON() {
        let folder = TemporaryFolder()
        let text =
            #"[{"PrimarySmtpAddress": "a@contoso.com", "SmtpClientAuthenticationDisabled": null}, {"PrimarySmtpAddress": "b@contoso.com", "SmtpClientAuthenticationDisabled": false}]"#
        let (file, snapshot) = readFile(folder.write("cas.json", text))
        #expect(file.kind == .casMailbox)
        #expect(snapshot.casMailboxes.map(\.smtpClientAuthenticationDisabled) == [.null, .value(false)])
    }

    @Test func transportConfigFromWindowsPowerShell51JSON() {
        let folder = TemporaryFolder()
        let text =
            "{\r\n    \"SmtpClientAuthenticationDisabled\":  true,\r\n    \"AllowLegacyTLSClients\":  false,\r\n    \"WhenChanged\":  \"\\/Date(1720919582928)\\/\"\r\n}\r\n"
        let (file, snapshot) = readFile(folder.write("tc.json", text))
        #expect(file.kind == .transportConfig)
        #expect(snapshot.transportConfigs.first?.smtpClientAuthenticationDisabled == .value(true))
        #expect(snapshot.transportConfigs.first?.allowLegacyTLSClients == .value(false))
    }

    @Test func transportConfigCSVWithBlankValueWarns() {
        let folder = TemporaryFolder()
        let (file, snapshot) = readFile(
            folder.write("tc.csv", "\"SmtpClientAuthenticationDisabled\",\"AllowLegacyTLSClients\"\n,\"False\"\n"))
        #expect(snapshot.transportConfigs.first?.smtpClientAuthenticationDisabled == .null)
        #expect(file.warnings.contains { $0.contains("blank at tenant level") })
    }

    @Test func authenticationPoliciesUsersAndOrganizationDefault() {
        let folder = TemporaryFolder()
        let (pf, ps) = readFile(
            folder.write(
                "ap.json",
                #"[{"Name":"Block Basic Auth","AllowBasicAuthSmtp":false,"AllowBasicAuthPowershell":false},{"Name":"SMTP exception","AllowBasicAuthSmtp":true}]"#
            ))
        #expect(pf.kind == .authenticationPolicy)
        #expect(ps.authenticationPolicies.map(\.allowBasicAuthSmtp) == [.value(false), .value(true)])
        #expect(ps.authenticationPolicies[1].allowBasicAuthPowershell == .missingColumn)

        let (uf, us) = readFile(
            folder.write(
                "user.csv",
                "UserPrincipalName,WindowsEmailAddress,ExternalDirectoryObjectId,RecipientTypeDetails,AuthenticationPolicy\nA@contoso.com,a.alias@contoso.com,ABC-1,UserMailbox,SMTP exception\nb@contoso.com,b@contoso.com,abc-2,SharedMailbox,\n"
            ))
        #expect(uf.kind == .user)
        #expect(us.users.map(\.authenticationPolicy) == ["SMTP exception", nil])
        #expect(us.users[0].userPrincipalName == "a@contoso.com")
        #expect(us.users[0].otherAddresses == ["a.alias@contoso.com"])
        #expect(us.users[0].objectId == "abc-1")

        let (of, os) = readFile(folder.write("org.json", #"{"Name":"contoso","DefaultAuthenticationPolicy":"Block Basic Auth"}"#))
        #expect(of.kind == .organizationConfig)
        #expect(os.organizationConfigs.first?.defaultAuthenticationPolicy == "Block Basic Auth")
    }

    @Test func acceptedDomainEnumsAsNumbersOrText() {
        let folder = TemporaryFolder()
        let (_, s1) = readFile(
            folder.write(
                "ad.json",
                #"[{"DomainName":"Contoso.com","DomainType":0,"Default":true},{"DomainName":"sub.contoso.com","DomainType":2,"Default":false}]"#
            ))
        #expect(s1.acceptedDomains.map(\.domainType) == ["Authoritative", "InternalRelay"])
        #expect(s1.acceptedDomains.map(\.domainName) == ["contoso.com", "sub.contoso.com"])
        let (_, s2) = readFile(
            folder.write("ad.csv", "\"DomainName\",\"DomainType\",\"Default\"\n\"contoso.com\",\"Authoritative\",\"True\"\n"))
        #expect(s2.acceptedDomains.first?.domainType == "Authoritative")
        #expect(s2.acceptedDomains.first?.isDefault == true)
        let (f3, _) = readFile(folder.write("bad.json", #"[{"DomainName":"x.com","DomainType":7}]"#))
        #expect(f3.error?.field == "DomainType")
    }

    @Test func inboundConnectorListsSurviveJSONButNotCSV() {
        let folder = TemporaryFolder()
        let (jf, js) = readFile(
            folder.write(
                "ic.json",
                #"[{"Name":"Relay","ConnectorType":1,"Enabled":true,"SenderIPAddresses":["192.0.2.50","198.51.100.0/24"],"SenderDomains":["smtp:*;1"],"TlsSenderCertificateName":null}]"#
            ))
        #expect(jf.warnings.isEmpty)
        #expect(js.inboundConnectors.first?.connectorType == "OnPremises")
        #expect(js.inboundConnectors.first?.senderIPAddresses == ["192.0.2.50", "198.51.100.0/24"])
        let (cf, cs) = readFile(
            folder.write(
                "ic.csv",
                "\"Name\",\"ConnectorType\",\"SenderIPAddresses\",\"Enabled\"\n\"Relay\",\"Partner\",\"Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPRange]\",\"True\"\n"
            ))
        #expect(cs.inboundConnectors.first?.senderIPAddresses == nil)
        #expect(cf.warnings.contains { $0.contains("ConvertTo-Json") })
    }

    @Test func messageTraceV2AndLegacyColumns() {
        let folder = TemporaryFolder()
        let legacy =
            "\"PSComputerName\",\"RunspaceId\",\"PSShowComputerName\",\"Organization\",\"MessageId\",\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\",\"Size\",\"MessageTraceId\",\"StartDate\",\"EndDate\",\"Index\"\n\"outlook.office365.com\",\"1\",\"False\",\"contoso.onmicrosoft.com\",\"<m@x>\",\"11/20/2026 8:15:00 AM\",\"Scanner@contoso.com\",\"Boss@Fabrikam.example\",\"Scan\",\"Delivered\",\"\",\"203.0.113.10\",\"1000\",\"g\",\"\",\"\",\"0\"\n"
        let (file, snapshot) = readFile(folder.write("mt.csv", legacy))
        #expect(file.kind == .messageTrace)
        #expect(snapshot.messageTrace.first?.sender == "scanner@contoso.com")
        #expect(snapshot.messageTrace.first?.recipient == "boss@fabrikam.example")
        #expect(snapshot.messageTrace.first?.received == Timestamp.from(year: 2026, month: 11, day: 20, hour: 8, minute: 15))
        #expect(file.firstTime == snapshot.messageTrace.first?.received)
    }
}
