import AuthShiftCore
import Testing

@testable import Ingest

@Suite struct ReportReaderTests {
    @Test func smtpAuthClientsReportPercentagesAndProtocol() {
        let folder = TemporaryFolder()
        let text =
            "Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent,Authentication Protocol\r\nScanner@contoso.com,contoso.com,40%,0%,60%,\"1,234\",Basic\r\napp@contoso.com,contoso.com,0,0,100,12,OAuth\r\nold@contoso.com,contoso.com,12.5 %,0,87.5,7,\r\n"
        let (file, s) = readFile(folder.write("SMTP AUTH clients report.csv", text))
        #expect(file.kind == .smtpAuthClientsReport)
        #expect(s.smtpAuthClients.map(\.sender) == ["scanner@contoso.com", "app@contoso.com", "old@contoso.com"])
        #expect(s.smtpAuthClients.map(\.tls10Percent) == [40, 0, 12.5])
        #expect(s.smtpAuthClients.map(\.messagesSent) == [1234, 12, 7])
        #expect(s.smtpAuthClients.map(\.authenticationProtocol) == ["Basic", "OAuth", nil])
    }

    @Test func smtpAuthClientsReportWithoutProtocolColumnAndBadPercentage() {
        let folder = TemporaryFolder()
        let (_, s) = readFile(
            folder.write(
                "r.csv", "Sender address,Domain,TLS 1.0 (%),TLS 1.1 (%),TLS 1.2 (%),Messages sent\na@contoso.com,contoso.com,0,0,100,3\n"))
        #expect(s.smtpAuthClients.first?.tls12Percent == 100)
        #expect(s.smtpAuthClients.first?.authenticationProtocol == nil)
        let (f, _) = readFile(folder.write("bad.csv", "Sender address,Domain,TLS 1.0,Messages sent\na@contoso.com,contoso.com,150%,3\n"))
        #expect(f.error?.field == "TLS 1.0")
        #expect(f.error?.line == 2)
    }

    @Test func emailAppUsageCSVWithBOM() {
        let folder = TemporaryFolder()
        let text =
            Headers.emailAppUsage
            + "\r\n2026-11-27,Scanner@contoso.com,Scanner,False,,2026-11-26,,,,,,,,,Undetermined,90\r\n2026-11-27,person@contoso.com,Person,False,,2026-11-20,,,16.0,,,,,,,90\r\n"
        let (file, s) = readFile(folder.write("usage.csv", text, bom: true))
        #expect(file.kind == .emailAppUsage)
        #expect(file.encoding == .utf8BOM)
        #expect(s.emailAppUsage.map(\.usedSMTP) == [true, false])
        #expect(s.emailAppUsage.first?.lastActivityDate == CalendarDay(year: 2026, month: 11, day: 26))
        #expect(s.emailAppUsage.first?.reportPeriodDays == 90)
        #expect(file.warnings.isEmpty)
    }

    @Test func emailAppUsageConcealedNamesWarn() {
        let folder = TemporaryFolder()
        let text = Headers.emailAppUsage + "\n2026-11-27,6E8A0F2C3B1D4E5F6A7B8C9D0E1F2A3B,,False,,2026-11-26,,,,,,,,,Undetermined,7\n"
        let (file, s) = readFile(folder.write("usage.csv", text))
        #expect(s.emailAppUsage.first?.concealed == true)
        #expect(file.warnings.contains { $0.contains("concealed") })
    }

    @Test func emailAppUsageBetaJSON() {
        let folder = TemporaryFolder()
        let text =
            #"{"value":[{"reportRefreshDate":"2017-09-01","userPrincipalName":"a@contoso.com","displayName":"A","isDeleted":false,"deletedDate":null,"lastActivityDate":"2017-09-01","mailForMac":[],"outlookForMac":[],"outlookForWindows":[],"outlookForMobile":["Undetermined"],"otherForMobile":[],"outlookForWeb":["Undetermined"],"pop3App":[],"imap4App":[],"smtpApp":["Undetermined"],"reportPeriod":"7"},{"reportRefreshDate":"2017-09-01","userPrincipalName":"b@contoso.com","smtpApp":[],"reportPeriod":"7"}]}"#
        let (file, s) = readFile(folder.write("usage.json", text))
        #expect(file.kind == .emailAppUsage)
        #expect(s.emailAppUsage.map(\.usedSMTP) == [true, false])
        #expect(s.emailAppUsage.first?.reportPeriodDays == 7)
    }

    @Test func securityDefaultsAndConditionalAccess() {
        let folder = TemporaryFolder()
        let (sf, ss) = readFile(
            folder.write(
                "sd.json",
                #"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity","id":"00000000-0000-0000-0000-000000000005","displayName":"Security Defaults","isEnabled":true}"#
            ))
        #expect(sf.kind == .securityDefaults)
        #expect(ss.securityDefaults.first?.isEnabled == true)

        let ca =
            #"{"value":[{"id":"p1","displayName":"Block legacy authentication","state":"enabled","conditions":{"clientAppTypes":["exchangeActiveSync","other"],"users":{"includeUsers":["All"],"excludeUsers":["u1"]}},"grantControls":{"operator":"OR","builtInControls":["block"]}},{"id":"p2","displayName":"Report only","state":"enabledForReportingButNotEnforced","conditions":{"clientAppTypes":["other"],"users":{"includeUsers":["All"]}},"grantControls":{"builtInControls":["block"]}},{"id":"p3","displayName":"MFA","state":"enabled","conditions":{"clientAppTypes":["all"],"users":{"includeUsers":["All"]}},"grantControls":{"builtInControls":["mfa"]}}]}"#
        let (cf, cs) = readFile(folder.write("ca.json", ca))
        #expect(cf.kind == .conditionalAccessPolicies)
        #expect(cs.conditionalAccessPolicies.map(\.blocksLegacyAuthentication) == [true, false, false])
        #expect(cs.conditionalAccessPolicies.first?.excludeUsers == ["u1"])
    }

    @Test func emptyGraphPageIsRecognisedFromItsContext() {
        let folder = TemporaryFolder()
        let (file, _) = readFile(
            folder.write(
                "ca.json",
                #"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies","value":[]}"#))
        #expect(file.kind == .conditionalAccessPolicies)
        #expect(file.rows == 0)
    }

    @Test func inventoryValidatesYesNoUnknown() {
        let folder = TemporaryFolder()
        let (f, s) = readFile(
            folder.write(
                "inventory.csv",
                "sender,system,owner,workload,oauth_capable,static_ip,notes\nScanner@contoso.com,MFP,Facilities,Scanner,No,unknown,\n"))
        #expect(f.kind == .inventory)
        #expect(s.inventory.first?.oauthCapable == "no")
        #expect(s.inventory.first?.workload == "scanner")
        let (bad, _) = readFile(
            folder.write("inv2.csv", "sender,system,owner,workload,oauth_capable,static_ip,notes\na@contoso.com,x,y,printer,maybe,no,\n"))
        #expect(bad.error?.field == "oauth_capable")
        #expect(bad.error?.line == 2)
    }
}
