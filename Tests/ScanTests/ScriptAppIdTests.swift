import AuthShiftCore
import Testing

@testable import Scan

/// The app a script connects as (`Connect-ExchangeOnline -AppId`), so an expiring app credential
/// names the scripts that depend on it.
@Suite struct ScriptAppIdTests {
    func profile(_ text: String) -> ScriptAutomationRow? {
        AutomationProfiler.profile(bytes: Array(text.utf8), display: "job.ps1")
    }

    @Test func literalAndVariableAppIdsAreKept() {
        let literal = profile(
            "Connect-ExchangeOnline -AppId '11111111-AAAA-4bbb-8ccc-000000000002' -CertificateThumbprint 'AB' -Organization x")
        #expect(literal?.appIds == ["11111111-aaaa-4bbb-8ccc-000000000002"])
        let variable = profile("$app = \"app-9\"\nConnect-ExchangeOnline -AppId $app -CertificateThumbprint $t -Organization x")
        #expect(variable?.appIds == ["app-9"])
        let splatted = profile("$p = @{ AppId = 'app-7'; Organization = 'x' }\nConnect-ExchangeOnline @p -CertificateThumbprint 'AB'")
        #expect(splatted?.appIds == ["app-7"])
    }

    @Test func withoutAnAppIdNothingIsGuessed() {
        #expect(profile("Connect-ExchangeOnline -UserPrincipalName admin@contoso.com")?.appIds == nil)
        #expect(profile("Connect-ExchangeOnline -AppId $env:APP_ID -CertificateThumbprint 'AB' -Organization x")?.appIds == nil)
    }
}
