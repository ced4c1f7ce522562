import AuthShiftCore
import Foundation
import Testing

@testable import Scan

@Suite struct AutomationProfilerTests {
    func profile(_ text: String, _ name: String = "job.ps1") -> ScriptAutomationRow? {
        AutomationProfiler.profile(bytes: Array(text.utf8), display: name)
    }

    @Test func storedCredentialJobThatChangesRecipients() {
        let row = profile(
            "$c = Import-Clixml c.xml\nConnect-ExchangeOnline -Credential $c\nGet-Mailbox -ResultSize Unlimited | Set-Mailbox -HiddenFromAddressListsEnabled $true\nGet-MessageTraceV2 -StartDate (Get-Date).AddDays(-1)"
        )
        #expect(row?.host == .scheduledTaskOrServer)
        #expect(row?.currentAuth == .storedCredentialClixml)
        #expect(row?.readCmdlets == ["Get-Mailbox", "Get-MessageTraceV2"])
        #expect(row?.changeCmdlets == ["Set-Mailbox"])
        #expect(row?.leastRole == "Recipient Management")
        #expect(row?.replacement.contains("-CertificateThumbprint") == true)
        #expect(row?.cutoverDate == "")
        #expect(row?.findings.count == 1)
    }

    @Test func runbookAndOrganizationChanges() {
        let row = profile(
            "$c = Get-AutomationPSCredential -Name exo\nConnect-ExchangeOnline -Credential $c\nSet-TransportConfig -SmtpClientAuthenticationDisabled $true"
        )
        #expect(row?.host == .azureAutomation)
        #expect(row?.leastRole == "Organization Management")
        #expect(row?.replacement.contains("-ManagedIdentity") == true)
    }

    @Test func modernAndBasicSessions() {
        let modern = profile(
            "Connect-ExchangeOnline -CertificateThumbprint $t -AppId $a -Organization contoso.onmicrosoft.com\nGet-EXOMailbox",
            ".github/workflows/report.ps1")
        #expect(modern?.currentAuth == .certificateAppOnly)
        #expect(modern?.host == .ciPipeline)
        #expect(modern?.findings.isEmpty == true)
        #expect(modern?.leastRole.hasPrefix("View-Only Organization Management") == true)
        let old = profile(
            "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $c -Authentication Basic\nImport-PSSession $s"
        )
        #expect(old?.currentAuth == .basicRemotePowerShell)
        #expect(profile("Get-ChildItem C:\\ | Remove-Item") == nil, "no Exchange connection, no row")
    }

    @Test func aPasswordTypedAtAPromptIsNotStored() {
        let row = profile("$c = Get-Credential\nConnect-ExchangeOnline -Credential $c\nGet-Mailbox")
        #expect(row?.currentAuth == .credentialTypedAtPrompt)
        #expect(row?.currentAuth.blocksAutomationRing == false)
        #expect(row?.host == .adminWorkstation)
    }

    @Test func theRegisterKeepsTheSameStrings() throws {
        let row = try #require(profile("$c = Import-Clixml c.xml\nConnect-ExchangeOnline -Credential $c\nGet-Mailbox"))
        let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(json.contains(#""currentAuth":"stored credential (clixml)""#))
        #expect(json.contains(#""host":"scheduled task or server""#))
        #expect(try JSONDecoder().decode(ScriptAutomationRow.self, from: Data(json.utf8)) == row)
    }
}
