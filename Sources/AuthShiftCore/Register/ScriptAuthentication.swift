/// How a script that connects to Exchange Online signs in, as `authshift scan` reads it
/// from the code. The raw values are what register.json, the reports and the workbook show.
///
/// The PowerShell automation ring's exit criterion is "no job uses stored user credentials
/// or old Basic remote PowerShell" (migration guide, "Cutover Plan"); `blocksAutomationRing`
/// is that criterion, decided on this type and never on its text.
public enum ScriptAuthentication: String, Sendable, Codable, CaseIterable {
    /// `-Credential` from Import-Clixml: a DPAPI-protected password file on the host.
    case storedCredentialClixml = "stored credential (clixml)"
    /// `-Credential` from Get-AutomationPSCredential: an Azure Automation credential asset.
    case storedCredentialAutomation = "stored credential (automation)"
    /// `-Credential` built from a password written in the script.
    case storedCredentialLiteral = "stored credential (literal)"
    /// `-Credential` built from a password file read with Get-Content.
    case storedCredentialFile = "stored credential (file)"
    /// `-Credential` whose source the scanner cannot follow: treated as stored.
    case storedCredentialUnknown = "stored credential (unknown)"
    /// `-Credential (Get-Credential)`: a person types it each run; nothing is stored.
    case credentialTypedAtPrompt = "credential typed at a prompt"
    /// `New-PSSession ... -Authentication Basic` to the retired remote PowerShell endpoint.
    case basicRemotePowerShell = "Basic remote PowerShell"
    case certificateAppOnly = "certificate app-only"
    case managedIdentity = "managed identity"
    case accessToken = "access token"
    /// Modern interactive sign-in (no credential parameter).
    case interactive

    /// A user's password kept somewhere the job can read it, or Basic remote PowerShell.
    public var blocksAutomationRing: Bool {
        switch self {
        case .storedCredentialClixml, .storedCredentialAutomation, .storedCredentialLiteral, .storedCredentialFile,
            .storedCredentialUnknown, .basicRemotePowerShell:
            return true
        case .credentialTypedAtPrompt, .certificateAppOnly, .managedIdentity, .accessToken, .interactive:
            return false
        }
    }

    /// A person is present when it runs (it cannot run unattended).
    public var needsAPerson: Bool { self == .credentialTypedAtPrompt || self == .interactive }
}

/// Where a script runs, guessed from its code and path.
public enum ScriptHost: String, Sendable, Codable, CaseIterable {
    case azureAutomation = "Azure Automation"
    case ciPipeline = "CI pipeline"
    case adminWorkstation = "admin workstation (run by hand)"
    case scheduledTaskOrServer = "scheduled task or server"
}
