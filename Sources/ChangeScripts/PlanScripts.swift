import AuthShiftCore

/// Writes the reviewable PowerShell for a plan: each change with its rollback and its
/// verification script.
///
/// Every script: `#Requires -Modules ExchangeOnlineManagement`, `[CmdletBinding(
/// SupportsShouldProcess)]` so `-WhatIf` shows every change without making it, a
/// transcript, stop on the first error, idempotent (reads the current value and skips what
/// already holds), and a header naming the generation time, the input files with their
/// SHA-256 and the register rows it comes from. Every value from the exports goes through
/// `PowerShellLiteral.quote`; the only other text is authshift's own.
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
        [
            script("01-enforce", "Disable SMTP AUTH for the organization and keep it enabled only for mailboxes with a valid exception.",
                   rollback: "01-enforce-rollback", verify: "01-enforce-verify", rows: changes.exceptionMailboxes.map(row), body: enforceBody()),
            script("01-enforce-rollback", "Undo 01-enforce: restore the organization setting and each exception mailbox to the values the register saw.",
                   rollback: "01-enforce", verify: "01-enforce-rollback-verify", rows: changes.exceptionMailboxes.map(row), body: enforceRollbackBody()),
            verify("01-enforce-verify", tenant: true, mailboxes: changes.exceptionMailboxes.map { ($0.mailbox, .some($0.target)) }),
            verify("01-enforce-rollback-verify", tenant: changes.tenantDisabled, mailboxes: changes.exceptionMailboxes.map { ($0.mailbox, $0.previous) }),

            script("02-remove-expired-exceptions", "Return mailboxes whose exception has expired to the organization setting (inherit).",
                   rollback: "02-remove-expired-exceptions-rollback", verify: "02-remove-expired-exceptions-verify",
                   rows: changes.expiredMailboxes.map(row), body: mailboxBody(changes.expiredMailboxes.map { ($0.mailbox, .some($0.target)) })),
            script("02-remove-expired-exceptions-rollback", "Undo 02-remove-expired-exceptions: restore each mailbox's previous value.",
                   rollback: "02-remove-expired-exceptions", verify: "02-remove-expired-exceptions-rollback-verify",
                   rows: changes.expiredMailboxes.map(row), body: mailboxBody(changes.expiredMailboxes.map { ($0.mailbox, $0.previous) })),
            verify("02-remove-expired-exceptions-verify", tenant: nil, mailboxes: changes.expiredMailboxes.map { ($0.mailbox, .some($0.target)) }),
            verify("02-remove-expired-exceptions-rollback-verify", tenant: nil, mailboxes: changes.expiredMailboxes.map { ($0.mailbox, $0.previous) }),

            script("03-temporary-auth-policy", "Create a narrow temporary authentication policy that allows Basic SMTP, and assign it to the exception users only.",
                   rollback: "03-temporary-auth-policy-rollback", verify: "03-temporary-auth-policy-verify",
                   rows: changes.temporaryPolicyUsers.map { "\($0.user) | \($0.reason)" }, body: policyBody()),
            script("03-temporary-auth-policy-rollback", "Undo 03-temporary-auth-policy: give each user back the policy it had and remove the temporary policy.",
                   rollback: "03-temporary-auth-policy", verify: "03-temporary-auth-policy-rollback-verify",
                   rows: changes.temporaryPolicyUsers.map { "\($0.user) | \($0.reason)" }, body: policyRollbackBody()),
            policyVerify("03-temporary-auth-policy-verify", assigned: true),
            policyVerify("03-temporary-auth-policy-rollback-verify", assigned: false),

            script("04-incident-tenant-rollback", "Controlled incident only: enable SMTP AUTH for the whole organization again. Return with 05-return-to-restricted.",
                   rollback: "05-return-to-restricted", verify: "04-incident-tenant-rollback-verify", rows: [], body: tenantBody(false)),
            verify("04-incident-tenant-rollback-verify", tenant: false, mailboxes: []),
            script("05-return-to-restricted", "Disable SMTP AUTH for the organization again and close mailbox openings that have no valid exception.",
                   rollback: "04-incident-tenant-rollback", verify: "05-return-to-restricted-verify",
                   rows: changes.shadowMailboxes.map(row), body: tenantBody(true) + mailboxBody(changes.shadowMailboxes.map { ($0.mailbox, .some($0.target)) })),
            verify("05-return-to-restricted-verify", tenant: true, mailboxes: changes.shadowMailboxes.map { ($0.mailbox, .some($0.target)) }),
        ]
    }

    func row(_ c: ChangeSet.MailboxChange) -> String { "\(c.mailbox) | \(c.reason)" }

    static func boolToken(_ b: Bool?) -> String {
        switch b {
        case true?: return "$true"
        case false?: return "$false"
        case nil: return "$null"
        }
    }

    // MARK: frame

    func header(_ name: String, _ purpose: String, rollback: String?, verify: String?, rows: [String]) -> String {
        let q = PowerShellLiteral.quote
        var s = """
        #Requires -Modules ExchangeOnlineManagement
        <#
        .SYNOPSIS
            \(purpose)
        .DESCRIPTION
            Generated by \(changes.generatedBy) at \(changes.generatedAt). Review it, connect with
            Connect-ExchangeOnline, and run it with -WhatIf first. It stops at the first error and skips
            every change that already holds, so it can be run again.

        """
        if let rollback { s += "    Rollback: \(rollback).ps1\n" }
        if let verify { s += "    Verify: \(verify).ps1\n" }
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
        $transcript = Join-Path ([System.IO.Path]::GetTempPath()) ('authshift-\(name)-{0:yyyyMMdd-HHmmss}.log' -f (Get-Date))
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

    // MARK: bodies

    func tenantBody(_ disabled: Bool) -> String {
        let token = Self.boolToken(disabled)
        return """
            $current = (Get-TransportConfig).SmtpClientAuthenticationDisabled
            if ($current -eq \(token)) {
                Write-Host 'Organization: SmtpClientAuthenticationDisabled is already \(token); skipped.'
            } elseif ($PSCmdlet.ShouldProcess('organization', 'Set-TransportConfig -SmtpClientAuthenticationDisabled \(token)')) {
                Set-TransportConfig -SmtpClientAuthenticationDisabled \(token)
                Write-Host "Organization: SmtpClientAuthenticationDisabled $current -> \(token)."
            }

        """
    }

    /// Sets each mailbox's SmtpClientAuthenticationDisabled; unknown previous values are skipped with a warning.
    func mailboxBody(_ items: [(String, Bool??)]) -> String {
        var s = "    $changes = @(\n"
        var unknown: [String] = []
        for (mailbox, value) in items {
            guard let value else { unknown.append(mailbox); continue }
            s += "        @{ Identity = \(PowerShellLiteral.quote(mailbox)); Value = \(Self.boolToken(value)) }\n"
        }
        s += "    )\n"
        for mailbox in unknown {
            s += "    Write-Warning ('Previous value unknown for {0}; not changed.' -f \(PowerShellLiteral.quote(mailbox)))\n"
        }
        s += """
            foreach ($change in $changes) {
                $current = (Get-CASMailbox -Identity $change.Identity).SmtpClientAuthenticationDisabled
                if ($current -eq $change.Value) {
                    Write-Host ('{0}: already {1}; skipped.' -f $change.Identity, $change.Value)
                } elseif ($PSCmdlet.ShouldProcess($change.Identity, ('Set-CASMailbox -SmtpClientAuthenticationDisabled {0}' -f $change.Value))) {
                    Set-CASMailbox -Identity $change.Identity -SmtpClientAuthenticationDisabled $change.Value
                    Write-Host ('{0}: {1} -> {2}.' -f $change.Identity, $current, $change.Value)
                }
            }

        """
        return s
    }

    func enforceBody() -> String {
        tenantBody(true) + mailboxBody(changes.exceptionMailboxes.map { ($0.mailbox, .some($0.target)) })
    }

    func enforceRollbackBody() -> String {
        var s = ""
        if let previous = changes.tenantDisabled {
            s += tenantBody(previous)
        } else {
            s += "    Write-Warning 'The organization setting was unknown or blank when this plan was made; it is not changed.'\n\n"
        }
        return s + mailboxBody(changes.exceptionMailboxes.map { ($0.mailbox, $0.previous) })
    }

    func policyBody() -> String {
        let q = PowerShellLiteral.quote
        var s = """
            $policyName = \(q(changes.temporaryPolicyName))
            if (Get-AuthenticationPolicy -Identity $policyName -ErrorAction SilentlyContinue) {
                Write-Host 'Temporary policy exists; skipped creating it.'
            } elseif ($PSCmdlet.ShouldProcess($policyName, 'New-AuthenticationPolicy -AllowBasicAuthSmtp')) {
                New-AuthenticationPolicy -Name $policyName -AllowBasicAuthSmtp | Out-Null
            }
            $users = @(

        """
        for u in changes.temporaryPolicyUsers { s += "        \(q(u.user))\n" }
        s += """
            )
            foreach ($user in $users) {
                $current = (Get-User -Identity $user).AuthenticationPolicy
                if ("$current" -eq $policyName) {
                    Write-Host ('{0}: already assigned; skipped.' -f $user)
                } elseif ($PSCmdlet.ShouldProcess($user, ('Set-User -AuthenticationPolicy {0}' -f $policyName))) {
                    Set-User -Identity $user -AuthenticationPolicy $policyName
                    Write-Host ('{0}: {1} -> {2}. Takes effect within 24 hours.' -f $user, $current, $policyName)
                }
            }

        """
        return s
    }

    func policyRollbackBody() -> String {
        let q = PowerShellLiteral.quote
        var s = "    $policyName = \(q(changes.temporaryPolicyName))\n    $assignments = @(\n"
        for u in changes.temporaryPolicyUsers {
            s += "        @{ Identity = \(q(u.user)); Policy = \(u.previousPolicy.map(q) ?? "$null") }\n"
        }
        s += """
            )
            foreach ($a in $assignments) {
                $current = (Get-User -Identity $a.Identity).AuthenticationPolicy
                if ("$current" -eq "$($a.Policy)") {
                    Write-Host ('{0}: already {1}; skipped.' -f $a.Identity, $a.Policy)
                } elseif ($PSCmdlet.ShouldProcess($a.Identity, ('Set-User -AuthenticationPolicy {0}' -f $a.Policy))) {
                    Set-User -Identity $a.Identity -AuthenticationPolicy $a.Policy
                }
            }
            if (Get-AuthenticationPolicy -Identity $policyName -ErrorAction SilentlyContinue) {
                if ($PSCmdlet.ShouldProcess($policyName, 'Remove-AuthenticationPolicy')) {
                    Remove-AuthenticationPolicy -Identity $policyName -Confirm:$false
                }
            } else {
                Write-Host 'Temporary policy already removed; skipped.'
            }

        """
        return s
    }

    // MARK: verification (Get- cmdlets only)

    func verify(_ name: String, tenant: Bool?, mailboxes: [(String, Bool??)]) -> Script {
        var s = header(name, "Print expected against actual for every setting the matching change touches. Reads only.", rollback: nil, verify: nil,
                       rows: mailboxes.map(\.0))
        s += "    $results = @()\n"
        if let tenant {
            s += """
                $actual = (Get-TransportConfig).SmtpClientAuthenticationDisabled
                $results += [pscustomobject]@{ Setting = 'Organization SmtpClientAuthenticationDisabled'; Expected = \(Self.boolToken(tenant)); Actual = $actual; OK = ($actual -eq \(Self.boolToken(tenant))) }

            """
        }
        s += "    $expected = @(\n"
        for (mailbox, value) in mailboxes {
            guard let value else { continue }
            s += "        @{ Identity = \(PowerShellLiteral.quote(mailbox)); Value = \(Self.boolToken(value)) }\n"
        }
        s += """
            )
            foreach ($e in $expected) {
                $actual = (Get-CASMailbox -Identity $e.Identity).SmtpClientAuthenticationDisabled
                $results += [pscustomobject]@{ Setting = ('{0} SmtpClientAuthenticationDisabled' -f $e.Identity); Expected = $e.Value; Actual = $actual; OK = ($actual -eq $e.Value) }
            }
            $results | Format-Table -AutoSize
            if ($results | Where-Object { -not $_.OK }) { Write-Warning 'Some settings differ from the plan.' } else { Write-Host 'All settings match the plan.' }

        """
        return Script(name: name + ".ps1", text: s + Self.footer)
    }

    func policyVerify(_ name: String, assigned: Bool) -> Script {
        let q = PowerShellLiteral.quote
        var s = header(name, "Print expected against actual authentication policy assignments. Reads only.", rollback: nil, verify: nil,
                       rows: changes.temporaryPolicyUsers.map(\.user))
        s += "    $policyName = \(q(changes.temporaryPolicyName))\n    $expected = @(\n"
        for u in changes.temporaryPolicyUsers {
            let value = assigned ? "$policyName" : (u.previousPolicy.map(q) ?? "$null")
            s += "        @{ Identity = \(q(u.user)); Policy = \(value) }\n"
        }
        s += """
            )
            $results = foreach ($e in $expected) {
                $actual = (Get-User -Identity $e.Identity).AuthenticationPolicy
                [pscustomobject]@{ User = $e.Identity; Expected = $e.Policy; Actual = $actual; OK = ("$actual" -eq "$($e.Policy)") }
            }
            $results | Format-Table -AutoSize
            $policy = Get-AuthenticationPolicy -Identity $policyName -ErrorAction SilentlyContinue
            Write-Host ('Temporary policy present: {0} (expected {1})' -f [bool]$policy, \(assigned ? "$true" : "$false"))

        """
        return Script(name: name + ".ps1", text: s + Self.footer)
    }
}
