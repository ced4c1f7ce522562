import AuthShiftCore
import Foundation
import Testing
@testable import Scan

@Suite struct AutomationProfilerTests {
    func profile(_ text: String, _ name: String = "job.ps1") -> ScriptAutomationRow? {
        AutomationProfiler.profile(bytes: Array(text.utf8), display: name)
    }

    @Test func storedCredentialJobThatChangesRecipients() {
        let row = profile("$c = Import-Clixml c.xml\nConnect-ExchangeOnline -Credential $c\nGet-Mailbox -ResultSize Unlimited | Set-Mailbox -HiddenFromAddressListsEnabled $true\nGet-MessageTraceV2 -StartDate (Get-Date).AddDays(-1)")
        #expect(row?.host == "scheduled task or server")
        #expect(row?.currentAuth == "stored credential (clixml)")
        #expect(row?.readCmdlets == ["Get-Mailbox", "Get-MessageTraceV2"])
        #expect(row?.changeCmdlets == ["Set-Mailbox"])
        #expect(row?.leastRole == "Recipient Management")
        #expect(row?.replacement.contains("-CertificateThumbprint") == true)
        #expect(row?.cutoverDate == "")
        #expect(row?.findings.count == 1)
    }

    @Test func runbookAndOrganizationChanges() {
        let row = profile("$c = Get-AutomationPSCredential -Name exo\nConnect-ExchangeOnline -Credential $c\nSet-TransportConfig -SmtpClientAuthenticationDisabled $true")
        #expect(row?.host == "Azure Automation")
        #expect(row?.leastRole == "Organization Management")
        #expect(row?.replacement.contains("-ManagedIdentity") == true)
    }

    @Test func modernAndBasicSessions() {
        let modern = profile("Connect-ExchangeOnline -CertificateThumbprint $t -AppId $a -Organization contoso.onmicrosoft.com\nGet-EXOMailbox", ".github/workflows/report.ps1")
        #expect(modern?.currentAuth == "certificate app-only")
        #expect(modern?.host == "CI pipeline")
        #expect(modern?.findings.isEmpty == true)
        #expect(modern?.leastRole.hasPrefix("View-Only Organization Management") == true)
        let old = profile("$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $c -Authentication Basic\nImport-PSSession $s")
        #expect(old?.currentAuth == "Basic remote PowerShell")
        #expect(profile("Get-ChildItem C:\\ | Remove-Item") == nil, "no Exchange connection, no row")
    }
}
