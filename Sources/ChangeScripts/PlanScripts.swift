import AuthShiftCore

/// Writes the reviewable PowerShell for a plan: each change with its rollback and its
/// verification script.
///
/// Every script: `#Requires -Modules ExchangeOnlineManagement`, `[CmdletBinding(
/// SupportsShouldProcess)]` so `-WhatIf` shows every change without making it, a
/// transcript, stop on the first error, idempotent (reads the current value and skips what
/// already holds), and a header naming the generation time, the input files with their
/// SHA-256 and the register rows it comes from. Every value goes through
/// `PowerShellLiteral`; the only other text is authshift's own.
///
/// Every change script checks first that each identity it touches exists, then applies
/// its settings in the order `ChangeOrder` describes: exception mailboxes are opened
/// explicitly and read back before the organization closes, so no sender with a valid
/// exception is closed even for a moment or when the script stops half-way; each rollback
/// mirrors it (whatever it opens, it opens first).
///
/// Source: migration guide, "Tenant Level SMTP AUTH Settings", "Mailbox Level SMTP AUTH
/// Settings", "Authentication Policy Checks" and "Rollback or Temporary Exception Process".
public struct PlanScripts {
    public let changes: ChangeSet

    public init(_ changes: ChangeSet) { self.changes = changes }

    public struct Script: Sendable, Equatable {
        public var name: String
        public var text: String
    }

    public func all() -> [Script] {
        let exceptions = changes.exceptionMailboxes
        let expired = changes.expiredMailboxes
        let shadow = changes.shadowMailboxes
        let enforce = ChangeOrder(organization: true, mailboxes: exceptions.map { ($0.mailbox, ExportedBool($0.target)) })
        let enforceRollback = ChangeOrder(
            organization: changes.tenantDisabled?.bool, mailboxes: exceptions.map { ($0.mailbox, $0.previous) })
        let removeExpired = ChangeOrder(organization: nil, mailboxes: expired.map { ($0.mailbox, ExportedBool($0.target)) })
        let removeExpiredRollback = ChangeOrder(organization: nil, mailboxes: expired.map { ($0.mailbox, $0.previous) })
        let restricted = ChangeOrder(organization: true, mailboxes: (exceptions + shadow).map { ($0.mailbox, ExportedBool($0.target)) })
        let keepOpen = Set(exceptions.map(\.mailbox))
        let policyRows = changes.temporaryPolicyUsers.map { "\($0.user) | \($0.reason)" }
        return [
            script(
                "01-enforce", "Keep SMTP AUTH enabled for each mailbox with a valid exception, then disable it for the organization.",
                rollback: "01-enforce-rollback", verify: "01-enforce-verify", rows: exceptions.map(row), body: settingsBody(enforce)),
            script(
                "01-enforce-rollback",
                "Undo 01-enforce: restore the organization setting and each exception mailbox to the values the register saw.",
                rollback: "01-enforce", verify: "01-enforce-rollback-verify", rows: exceptions.map(row),
                body: (changes.tenantDisabled?.bool == nil ? Self.organizationUnknownWarning : "") + settingsBody(enforceRollback)),
            verify("01-enforce-verify", organization: true, order: enforce, keepOpen: keepOpen),
            verify("01-enforce-rollback-verify", organization: changes.tenantDisabled?.bool, order: enforceRollback, keepOpen: []),

            script(
                "02-remove-expired-exceptions", "Return mailboxes whose exception has expired to the organization setting (inherit).",
                rollback: "02-remove-expired-exceptions-rollback", verify: "02-remove-expired-exceptions-verify",
                rows: expired.map(row), body: settingsBody(removeExpired)),
            script(
                "02-remove-expired-exceptions-rollback", "Undo 02-remove-expired-exceptions: restore each mailbox's previous value.",
                rollback: "02-remove-expired-exceptions", verify: "02-remove-expired-exceptions-rollback-verify",
                rows: expired.map(row), body: settingsBody(removeExpiredRollback)),
            verify("02-remove-expired-exceptions-verify", organization: nil, order: removeExpired, keepOpen: []),
            verify("02-remove-expired-exceptions-rollback-verify", organization: nil, order: removeExpiredRollback, keepOpen: []),

            script(
                "03-temporary-auth-policy",
                "Create a narrow temporary authentication policy that allows Basic SMTP, and assign it to the exception users only.",
                rollback: "03-temporary-auth-policy-rollback", verify: "03-temporary-auth-policy-verify", rows: policyRows,
                body: policyBody()),
            script(
                "03-temporary-auth-policy-rollback",
                "Undo 03-temporary-auth-policy: give each user back the policy it had and remove the temporary policy.",
                rollback: "03-temporary-auth-policy", verify: "03-temporary-auth-policy-rollback-verify", rows: policyRows,
                body: policyRollbackBody()),
            policyVerify("03-temporary-auth-policy-verify", assigned: true),
            policyVerify("03-temporary-auth-policy-rollback-verify", assigned: false),

            script(
                "04-incident-tenant-rollback",
                "Controlled incident only: enable SMTP AUTH for the whole organization again. Return with 05-return-to-restricted.",
                rollback: "05-return-to-restricted", verify: "04-incident-tenant-rollback-verify", rows: [],
                body: settingsBody(ChangeOrder(organization: false, mailboxes: []))),
            verify(
                "04-incident-tenant-rollback-verify", organization: false, order: ChangeOrder(organization: false, mailboxes: []),
                keepOpen: []),
            script(
                "05-return-to-restricted",
                "Keep SMTP AUTH enabled for each mailbox with a valid exception, disable it for the organization again, and close mailbox openings that have no valid exception.",
                rollback: "04-incident-tenant-rollback", verify: "05-return-to-restricted-verify",
                rows: (exceptions + shadow).map(row), body: settingsBody(restricted)),
            verify("05-return-to-restricted-verify", organization: true, order: restricted, keepOpen: keepOpen),
        ]
    }

    func row(_ c: ChangeSet.MailboxChange) -> String { "\(c.mailbox) | \(c.reason)" }

    static let organizationUnknownWarning =
        "    Write-Warning 'The organization setting was unknown or blank when this plan was made; it is not changed.'\n\n"

    // MARK: frame

    func header(_ name: String, _ purpose: String, rollback: String?, verify: String?, rows: [String]) -> String {
        let q = PowerShellLiteral.quote
        let c = PowerShellLiteral.commentText
        var s = """
            #Requires -Modules ExchangeOnlineManagement
            <#
            .SYNOPSIS
                \(c(purpose))
            .DESCRIPTION
                Generated by \(c(changes.generatedBy)) at \(c(changes.generatedAt)). Review it, connect with
                Connect-ExchangeOnline, and run it with -WhatIf first. It stops at the first error and skips
                every change that already holds, so it can be run again.

            """
        if let rollback { s += "    Rollback: \(c(rollback)).ps1\n" }
        if let verify { s += "    Verify: \(c(verify)).ps1\n" }
        s += """
                The exports it was generated from and the register rows it acts on are in
                $AuthShiftInputs and $AuthShiftRows below.
            #>
            [CmdletBinding(SupportsShouldProcess)]
            param()
            $ErrorActionPreference = 'Stop'
            Set-StrictMode -Version Latest

            # Input files (path = SHA-256) and register rows, as generated.
            $AuthShiftInputs = [ordered]@{

            """
        for input in changes.inputs { s += "    \(q(input.path)) = \(q(input.sha256 ?? "unknown"))\n" }
        s += "}\n$AuthShiftRows = @(\n"
        for r in rows { s += "    \(q(r))\n" }
        s += ")\n\n"
        s += """
            $transcript = Join-Path ([System.IO.Path]::GetTempPath()) (\(q("authshift-" + name + "-{0:yyyyMMdd-HHmmss}.log")) -f (Get-Date))
            Start-Transcript -Path $transcript | Out-Null
            try {

            """
        return s
    }

    static let footer = """
        } finally {
            Stop-Transcript | Out-Null
        }

        """

    func script(_ name: String, _ purpose: String, rollback: String, verify: String, rows: [String], body: String) -> Script {
        Script(name: name + ".ps1", text: header(name, purpose, rollback: rollback, verify: verify, rows: rows) + body + Self.footer)
    }

    /// `@(` one quoted value per line `)`, indented for a script body.
    static func list(_ values: [String], indent: String = "    ") -> String {
        "@(\n" + values.map { "\(indent)    \(PowerShellLiteral.quote($0))\n" }.joined() + "\(indent))"
    }
}
