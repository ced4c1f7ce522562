/// The bodies of the change scripts: the identity pre-check, then the settings in
/// `ChangeOrder`, or the temporary authentication policy.
extension PlanScripts {
    /// Stops the script, changing nothing, unless every identity exists. Each is looked up
    /// once with its `Get-` cmdlet; all missing ones are collected and named together, with
    /// the error each lookup gave (a lookup can also fail for lack of permission).
    func precheck(_ checks: [(cmdlet: String, identities: [String])]) -> String {
        let checks = checks.filter { !$0.identities.isEmpty }
        guard !checks.isEmpty else { return "" }
        var s = "    # Before changing anything: every identity this script touches must exist.\n    $missing = @()\n"
        for check in checks {
            s += """
                    foreach ($identity in \(Self.list(check.identities))) {
                        try { $null = \(check.cmdlet) -Identity $identity -ErrorAction Stop } catch { $missing += ('{0} ({1})' -f $identity, $_.Exception.Message) }
                    }

                """
        }
        s += """
                if ($missing.Count -gt 0) {
                    throw ("Nothing was changed. Not found, or not readable:`n  " + ($missing -join "`n  "))
                }

            """
        return s
    }

    /// The pre-check, then open, organization, the rest (see `ChangeOrder`).
    func settingsBody(_ order: ChangeOrder) -> String {
        var s = precheck([("Get-CASMailbox", order.identities)])
        for mailbox in order.unknown {
            s += "    Write-Warning ('Previous value unknown for {0}; not changed.' -f \(PowerShellLiteral.quote(mailbox)))\n"
        }
        if !order.open.isEmpty { s += openBody(order.open) }
        if let organization = order.organization { s += organizationBody(organization) }
        if !order.rest.isEmpty { s += mailboxBody(order.rest) }
        return s
    }

    /// Step 1: each mailbox gets its own False and is read back; one that does not read
    /// False stops the script before the organization or any other mailbox changes.
    func openBody(_ identities: [String]) -> String {
        """
            # 1. Open: each of these mailboxes keeps SMTP AUTH by its own value, read back before anything closes.
            foreach ($identity in \(Self.list(identities))) {
                $current = (Get-CASMailbox -Identity $identity).SmtpClientAuthenticationDisabled
                if ($current -eq $false) {
                    Write-Host ('{0}: already $false; skipped.' -f $identity)
                } elseif ($PSCmdlet.ShouldProcess($identity, 'Set-CASMailbox -SmtpClientAuthenticationDisabled $false')) {
                    Set-CASMailbox -Identity $identity -SmtpClientAuthenticationDisabled $false
                    $after = (Get-CASMailbox -Identity $identity).SmtpClientAuthenticationDisabled
                    if ($after -ne $false) {
                        throw ('{0}: SmtpClientAuthenticationDisabled reads {1} after the change, not $false. Stopped before closing anything.' -f $identity, $after)
                    }
                    Write-Host ('{0}: {1} -> $false.' -f $identity, $current)
                }
            }

        """
    }

    /// Step 2: the organization setting.
    func organizationBody(_ disabled: Bool) -> String {
        let token = PowerShellLiteral.boolean(disabled)
        return """
                # 2. Organization\(disabled ? ": it closes only now, after every opening above is in place" : "").
                $current = (Get-TransportConfig).SmtpClientAuthenticationDisabled
                if ($current -eq \(token)) {
                    Write-Host 'Organization: SmtpClientAuthenticationDisabled is already \(token); skipped.'
                } elseif ($PSCmdlet.ShouldProcess('organization', 'Set-TransportConfig -SmtpClientAuthenticationDisabled \(token)')) {
                    Set-TransportConfig -SmtpClientAuthenticationDisabled \(token)
                    Write-Host "Organization: SmtpClientAuthenticationDisabled $current -> \(token)."
                }

            """
    }

    /// Step 3: mailboxes that inherit (`$null`) or close (`$true`).
    func mailboxBody(_ items: [(identity: String, value: Bool?)]) -> String {
        var s = "    # 3. Mailboxes that inherit the organization setting ($null) or close ($true).\n    $changes = @(\n"
        for (identity, value) in items {
            s += "        @{ Identity = \(PowerShellLiteral.quote(identity)); Value = \(PowerShellLiteral.boolean(value)) }\n"
        }
        s += """
                )
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

    // MARK: temporary authentication policy

    /// Creates the policy, then assigns it: both only open.
    func policyBody() -> String {
        let q = PowerShellLiteral.quote
        return precheck([("Get-User", changes.temporaryPolicyUsers.map(\.user))]) + """
                $policyName = \(q(changes.temporaryPolicyName))
                if (Get-AuthenticationPolicy -Identity $policyName -ErrorAction SilentlyContinue) {
                    Write-Host 'Temporary policy exists; skipped creating it.'
                } elseif ($PSCmdlet.ShouldProcess($policyName, 'New-AuthenticationPolicy -AllowBasicAuthSmtp')) {
                    New-AuthenticationPolicy -Name $policyName -AllowBasicAuthSmtp | Out-Null
                }
                foreach ($user in \(Self.list(changes.temporaryPolicyUsers.map(\.user)))) {
                    $current = (Get-User -Identity $user).AuthenticationPolicy
                    if ("$current" -eq $policyName) {
                        Write-Host ('{0}: already assigned; skipped.' -f $user)
                    } elseif ($PSCmdlet.ShouldProcess($user, ('Set-User -AuthenticationPolicy {0}' -f $policyName))) {
                        Set-User -Identity $user -AuthenticationPolicy $policyName
                        Write-Host ('{0}: {1} -> {2}. Takes effect within 24 hours.' -f $user, $current, $policyName)
                    }
                }

            """
    }

    /// The mirror: give each user back its policy (checked to exist first), then remove the temporary one.
    func policyRollbackBody() -> String {
        let q = PowerShellLiteral.quote
        let previousPolicies = Array(Set(changes.temporaryPolicyUsers.compactMap(\.previousPolicy))).sorted()
        var s = precheck([("Get-User", changes.temporaryPolicyUsers.map(\.user)), ("Get-AuthenticationPolicy", previousPolicies)])
        s += "    $policyName = \(q(changes.temporaryPolicyName))\n    $assignments = @(\n"
        for u in changes.temporaryPolicyUsers {
            s += "        @{ Identity = \(q(u.user)); Policy = \(u.previousPolicy.map(q) ?? PowerShellLiteral.boolean(nil)) }\n"
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
}
