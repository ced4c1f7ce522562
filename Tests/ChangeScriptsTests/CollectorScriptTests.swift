import Foundation
import Testing

@testable import ChangeScripts

@Suite struct CollectorScriptTests {
    static let scripts = [
        CollectorScript(signIn: .interactive, generatedBy: "authshift test"),
        CollectorScript(
            signIn: .certificate(
                appId: "11111111-2222-3333-4444-555555555555", thumbprint: "ABCDEF0123", organization: "contoso.onmicrosoft.com",
                tenantId: "tenant"),
            outputFolder: "C:\\exports\\it's here", generatedBy: "authshift test"),
    ]

    /// Verbs that change state. A collector must call none of them, in code or in comments.
    static let stateChangingVerbs = [
        "Set", "New", "Remove", "Add", "Enable", "Disable", "Update", "Clear", "Grant", "Revoke",
        "Start", "Stop", "Restart", "Install", "Uninstall", "Register", "Unregister", "Move",
        "Rename", "Reset", "Suspend", "Resume", "Restore", "Send", "Publish", "Approve", "Deny",
    ]

    @Test(arguments: scripts)
    func containsNoStateChangingCmdlet(script: CollectorScript) throws {
        let text = script.render()
        for verb in Self.stateChangingVerbs {
            let pattern = try NSRegularExpression(pattern: "\\b\(verb)-[A-Za-z]", options: [.caseInsensitive])
            let hits = pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(hits == 0, "the collector mentions a \(verb)- cmdlet")
        }
    }

    @Test(arguments: scripts)
    func graphRequestsAreGetOnly(script: CollectorScript) throws {
        let text = script.render()
        let calls = text.components(separatedBy: "Invoke-MgGraphRequest").dropFirst()
        #expect(calls.count >= 4)
        for call in calls { #expect(call.hasPrefix(" -Method GET ")) }
        #expect(!text.contains("-Method POST") && !text.contains("-Method PATCH") && !text.contains("-Method DELETE"))
    }

    @Test(arguments: scripts)
    func producesTheFilesTheReadersExpect(script: CollectorScript) {
        let text = script.render()
        for file in [
            "TransportConfig.json", "CASMailbox.csv", "AuthenticationPolicy.json", "User.csv", "OrganizationConfig.json",
            "AcceptedDomain.json", "InboundConnector.json", "MessageTrace.csv", "EmailAppUsage.csv",
            "SecurityDefaults.json", "ConditionalAccessPolicies.json",
        ] {
            #expect(text.contains("'\(file)'") || text.contains(file), "missing \(file)")
        }
        #expect(text.contains("-Properties SmtpClientAuthenticationDisabled"))
        #expect(text.contains("ExternalDirectoryObjectId"))
    }

    @Test func valuesAreQuotedLiterals() {
        let text = Self.scripts[1].render()
        #expect(text.contains("[string]$OutputFolder = 'C:\\exports\\it''s here'"))
        #expect(text.contains("[string]$AppId = '11111111-2222-3333-4444-555555555555'"))
    }
}

extension CollectorScript: CustomTestStringConvertible {
    public var testDescription: String {
        if case .interactive = signIn { return "interactive" }
        return "certificate"
    }
}
