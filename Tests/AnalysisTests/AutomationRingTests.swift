import AuthShiftCore
import Testing

@testable import Analysis
@testable import Ingest

/// The PowerShell automation ring is blocked by stored user credentials and Basic remote
/// PowerShell, decided on `ScriptAuthentication`, not on how its text begins.
@Suite struct AutomationRingTests {
    static func ring(with auth: ScriptAuthentication) throws -> RingStatus {
        var register = try ExceptionCheckerTests.contoso().1
        register.automation = []
        register.scripts = [
            ScriptAutomationRow(
                script: "job.ps1", host: .scheduledTaskOrServer, currentAuth: auth, readCmdlets: ["Get-Mailbox"],
                changeCmdlets: [], leastRole: "View-Only Organization Management", replacement: "app-only", findings: [])
        ]
        return try #require(RingPlanner.evaluate(register, validExceptions: []).first { $0.ring == Ring.powershellAutomation.rawValue })
    }

    @Test(arguments: ScriptAuthentication.allCases)
    func blockersFollowTheExitCriterion(auth: ScriptAuthentication) throws {
        let ring = try Self.ring(with: auth)
        let stored = [
            .storedCredentialClixml, .storedCredentialAutomation, .storedCredentialLiteral, .storedCredentialFile,
            .storedCredentialUnknown, .basicRemotePowerShell,
        ].contains(auth)
        #expect(ring.ready == !stored, "\(auth.rawValue)")
        #expect(ring.blockers.count == (stored ? 1 : 0), "\(auth.rawValue)")
        #expect(ring.members == ["job.ps1"])
    }
}
