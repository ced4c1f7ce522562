/// The verification scripts: Get- cmdlets only, expected against actual for every
/// setting the matching change touches.
extension PlanScripts {
    /// Each mailbox is shown with its own value, the organization's and the SMTP AUTH state
    /// that follows from both (a blank own value inherits the organization's). A mailbox
    /// with a valid exception is OK only when that state is enabled. A mailbox that cannot
    /// be read is a row that fails, not a stop, so one typo does not hide the rest.
    func verify(_ name: String, organization: Bool?, order: ChangeOrder, keepOpen: Set<String>) -> Script {
        let b = PowerShellLiteral.boolean
        let expected = order.open.map { ($0, Bool?.some(false)) } + order.rest.map { ($0.identity, $0.value) }
        var s = header(
            name,
            "Print expected against actual for every setting the matching change touches, and the SMTP AUTH state each mailbox ends up with. Reads only. Authentication policies and Conditional Access can still block Basic sign-in on top of this.",
            rollback: nil, verify: nil, rows: expected.map(\.0))
        s += """
                $organization = (Get-TransportConfig).SmtpClientAuthenticationDisabled
                function Get-AuthShiftSmtpAuth($Own) {
                    $value = if ($null -eq $Own) { $organization } else { $Own }
                    if ($value -eq $true) { 'disabled' } elseif ($value -eq $false) { 'enabled' } else { 'unknown (organization value blank)' }
                }
                $results = @()

            """
        if let organization {
            s += """
                    $results += [pscustomobject]@{ Setting = 'Organization SmtpClientAuthenticationDisabled'; Expected = \(b(organization)); Actual = $organization; Organization = $organization; SmtpAuth = (Get-AuthShiftSmtpAuth $organization); OK = ($organization -eq \(b(organization))) }

                """
        }
        s += "    $expected = @(\n"
        for (identity, value) in expected {
            s +=
                "        @{ Identity = \(PowerShellLiteral.quote(identity)); Value = \(b(value)); MustSend = \(b(keepOpen.contains(identity))) }\n"
        }
        s += """
                )
                foreach ($e in $expected) {
                    try {
                        $own = (Get-CASMailbox -Identity $e.Identity -ErrorAction Stop).SmtpClientAuthenticationDisabled
                        $state = Get-AuthShiftSmtpAuth $own
                        $ok = ($own -eq $e.Value) -and (-not $e.MustSend -or $state -eq 'enabled')
                    } catch {
                        $own = 'not found: ' + $_.Exception.Message
                        $state = 'unknown'
                        $ok = $false
                    }
                    $results += [pscustomobject]@{ Setting = ('{0} SmtpClientAuthenticationDisabled' -f $e.Identity); Expected = $e.Value; Actual = $own; Organization = $organization; SmtpAuth = $state; OK = $ok }
                }
                $results | Format-Table -AutoSize
                if ($results | Where-Object { -not $_.OK }) { Write-Warning 'Some settings differ from the plan.' } else { Write-Host 'All settings match the plan.' }

            """
        for mailbox in order.unknown {
            s += "    Write-Warning ('Previous value unknown for {0}; not checked.' -f \(PowerShellLiteral.quote(mailbox)))\n"
        }
        return Script(name: name + ".ps1", text: s + Self.footer)
    }

    func policyVerify(_ name: String, assigned: Bool) -> Script {
        let q = PowerShellLiteral.quote
        var s = header(
            name, "Print expected against actual authentication policy assignments. Reads only.", rollback: nil, verify: nil,
            rows: changes.temporaryPolicyUsers.map(\.user))
        s += "    $policyName = \(q(changes.temporaryPolicyName))\n    $expected = @(\n"
        for u in changes.temporaryPolicyUsers {
            let value = assigned ? "$policyName" : (u.previousPolicy.map(q) ?? PowerShellLiteral.boolean(nil))
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
                Write-Host ('Temporary policy present: {0} (expected {1})' -f [bool]$policy, \(PowerShellLiteral.boolean(assigned)))

            """
        return Script(name: name + ".ps1", text: s + Self.footer)
    }
}
