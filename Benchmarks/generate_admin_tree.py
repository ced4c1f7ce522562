#!/usr/bin/env python3
"""Writes a synthetic Exchange admin team's script share for the scan benchmark: FILES files
whose sizes follow a log-normal spread around 6 KB, plus a few of 1-5 MB (a large module, CSV
exports, a log). Every PowerShell file connects to Exchange Online and calls its cmdlets, the
way such a share looks: most sign in with a certificate or managed identity, about 2% hold
something scan reports (a stored credential, a password in the script, password SMTP), and some
hold decoys (the old credential line in a comment or a here-string). The rest of the share is
CSV exports, logs, notes, configuration and a little Python and C#. Deterministic (seeded).

usage: generate_admin_tree.py OUT_DIR [--files N] [--seed S]
"""
import argparse
import math
import os
import random

MEDIAN_BYTES = 6000
SIGMA = 0.7

CONNECTS = [
    "Connect-ExchangeOnline -CertificateThumbprint $Thumbprint -AppId $AppId -Organization '{org}' -ShowBanner:$false\n",
    "Connect-ExchangeOnline -ManagedIdentity -Organization {org}\n",
    "Connect-ExchangeOnline -UserPrincipalName admin{n}@{org} -ShowProgress $true\n",
    "Connect-IPPSSession -CertificateThumbprint $Thumbprint -AppId $AppId -Organization {org}\n",
]
# Blocks an Exchange admin script is made of; {n} and {org} vary per file.
BLOCKS = [
    """
function Write-Log{n} {{
    param([Parameter(Mandatory)][string]$Message, [ValidateSet('Info', 'Warning', 'Error')][string]$Level = 'Info')
    $line = '{{0:u}} [{{1}}] {{2}}' -f (Get-Date), $Level, $Message
    Add-Content -Path "$PSScriptRoot\\logs\\run{n}.log" -Value $line
    if ($Level -eq 'Error') {{ Write-Warning $Message }}
}}
""",
    """
$mailboxes = Get-EXOMailbox -ResultSize Unlimited -Properties LitigationHoldEnabled, RetentionPolicy |
    Where-Object {{ $_.RecipientTypeDetails -eq 'SharedMailbox' -and -not $_.LitigationHoldEnabled }}
foreach ($mbx in $mailboxes) {{
    Set-Mailbox -Identity $mbx.UserPrincipalName -LitigationHoldEnabled $true -LitigationHoldDuration {n}
    Write-Log{n} -Message "hold set on $($mbx.PrimarySmtpAddress)"
}}
""",
    """
# Weekly report of mailbox sizes for the service desk ({n})
$stats = foreach ($m in Get-EXOMailbox -ResultSize Unlimited) {{
    $s = Get-EXOMailboxStatistics -Identity $m.ExchangeGuid
    [pscustomobject]@{{
        User      = $m.UserPrincipalName
        ItemCount = $s.ItemCount
        SizeGB    = [math]::Round(($s.TotalItemSize.Value.ToBytes() / 1GB), 2)
        Archive   = $m.ArchiveStatus
    }}
}}
$stats | Sort-Object SizeGB -Descending | Export-Csv -Path ".\\reports\\sizes-{n}.csv" -NoTypeInformation -Encoding UTF8
""",
    """
$rules = Get-TransportRule | Where-Object {{ $_.State -eq 'Enabled' }}
foreach ($rule in $rules) {{
    if ($rule.SentToMemberOf -contains 'finance{n}@{org}') {{
        Set-TransportRule -Identity $rule.Identity -Comments "reviewed $(Get-Date -Format 'yyyy-MM-dd')"
    }}
}}
Get-InboundConnector | Select-Object Name, Enabled, SenderDomains | Format-Table -AutoSize
""",
    """
$params = @{{
    Identity                  = 'room{n}@{org}'
    AutomateProcessing        = 'AutoAccept'
    AllowConflicts            = $false
    BookingWindowInDays       = 180
    MaximumDurationInMinutes  = 480
}}
try {{
    Set-CalendarProcessing @params -ErrorAction Stop
}} catch {{
    Write-Log{n} -Message "calendar processing failed: $($_.Exception.Message)" -Level Error
}}
""",
    """
$trace = Get-MessageTraceV2 -StartDate (Get-Date).AddDays(-2) -EndDate (Get-Date) -SenderAddress 'noreply{n}@{org}'
$failed = $trace | Where-Object {{ $_.Status -ne 'Delivered' }}
if ($failed.Count -gt 0) {{
    $body = $failed | ConvertTo-Html -Property Received, RecipientAddress, Subject, Status | Out-String
    Send-MailMessage -To 'ops@{org}' -From 'reports@{org}' -Subject "Undelivered ({n})" -Body $body -BodyAsHtml -SmtpServer 'relay.contoso.local'
}}
""",
    """
$permissions = Get-EXOMailboxPermission -Identity 'shared{n}@{org}' | Where-Object {{ -not $_.IsInherited }}
foreach ($p in $permissions) {{
    if ($p.User -like '*departed*') {{
        Remove-MailboxPermission -Identity 'shared{n}@{org}' -User $p.User -AccessRights FullAccess -Confirm:$false
    }}
}}
Get-DistributionGroupMember -Identity 'team{n}' | ForEach-Object {{ Add-RecipientPermission -Identity 'shared{n}@{org}' -Trustee $_.PrimarySmtpAddress -AccessRights SendAs -Confirm:$false }}
""",
    """
<#
.SYNOPSIS
    Keeps the out-of-office of departed staff ({n}) up to date.
.NOTES
    Runs nightly on the automation server; owner: messaging team.
#>
$departed = Import-Csv -Path "$PSScriptRoot\\departed.csv"
foreach ($row in $departed) {{
    Set-MailboxAutoReplyConfiguration -Identity $row.Mail -AutoReplyState Enabled `
        -InternalMessage "This mailbox is no longer monitored. Contact $($row.Manager)." `
        -ExternalMessage 'This mailbox is no longer monitored.'
}}
""",
]
FINDINGS = [
    "$cred = Import-Clixml -Path 'C:\\secure\\exo{n}.xml'\nConnect-ExchangeOnline -Credential $cred -ShowBanner:$false\n",
    "$pw = ConvertTo-SecureString 'Spring{n}!' -AsPlainText -Force\n$c = New-Object System.Management.Automation.PSCredential('svc{n}@{org}', $pw)\nConnect-ExchangeOnline -Credential $c\n",
    "$p = @{{ Credential = (Get-AutomationPSCredential -Name 'exo{n}'); Organization = '{org}' }}\nConnect-ExchangeOnline @p\n",
    "Send-MailMessage -To 'ops@{org}' -From 'alerts{n}@{org}' -Subject 'Run {n}' -SmtpServer smtp.office365.com -Port 587 -UseSsl -Credential $MailCred\n",
    "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.EnableSsl = $true\n$smtp.Credentials = New-Object System.Net.NetworkCredential('alerts{n}@{org}', $secret)\n",
    "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $c -Authentication Basic -AllowRedirection\nImport-PSSession $s\n",
]
DECOYS = [
    "# Connect-ExchangeOnline -Credential $old was replaced by app-only sign-in ({n})\n",
    "$usage = @'\nConnect-ExchangeOnline -Credential $cred\nSend-MailMessage -SmtpServer smtp.office365.com -Credential $c\n'@\nWrite-Verbose $usage\n",
    "<# old: $pw = ConvertTo-SecureString 'x' -AsPlainText -Force #>\n",
]
CSV_ROW = "{n},user{n}@{org},UserMailbox,{size},Enabled,2026-10-{day:02d}T08:15:00Z\n"
LOG_LINE = "2026-11-{day:02d} 03:{mm:02d}:11 INFO mailbox user{n}@{org} processed in {size} ms\n"
NOTE = "# Runbook {n}\n\nThe job connects with the certificate in LocalMachine\\My and reports to ops@{org}.\n\n"
JSON = '{{\n  "Tenant": "{org}",\n  "AppId": "00000000-0000-0000-0000-{n:012d}",\n  "ReportFolder": "D:\\\\reports\\\\{n}"\n}}\n'
PY = "import csv\n\n\ndef rows_{n}(path):\n    with open(path, newline='') as f:\n        for row in csv.DictReader(f):\n            if int(row.get('size', 0)) > {n}:\n                yield row\n"
CS = "namespace Contoso.Mail{n} {{\n    public static class Report{n} {{\n        public static int Threshold => {n};\n    }}\n}}\n"


def fill(rnd, target, pieces, n, org):
    """Concatenates random pieces until the text reaches about `target` bytes."""
    out, size = [], 0
    while size < target:
        p = rnd.choice(pieces).format(n=n + len(out), org=org, size=rnd.randrange(1, 99999), day=rnd.randrange(1, 29), mm=rnd.randrange(60))
        out.append(p)
        size += len(p)
    return "".join(out)


def powershell(rnd, n, target, finding):
    org = "contoso%d.onmicrosoft.com" % (n % 37)
    head = "#Requires -Modules ExchangeOnlineManagement\nparam([string]$Thumbprint = $env:EXO_THUMBPRINT, [string]$AppId = $env:EXO_APPID)\n"
    head += "Import-Module ExchangeOnlineManagement\n"
    text = head
    if finding is None:
        text += rnd.choice(CONNECTS).format(n=n, org=org)
    body = fill(rnd, max(0, target - len(text)), BLOCKS, n, org)
    mid = len(body) // 2
    if finding is not None:
        body = body[:mid] + "\n" + FINDINGS[finding].format(n=n, org=org) + body[mid:]
    elif rnd.random() < 0.08:
        body = body[:mid] + "\n" + rnd.choice(DECOYS).format(n=n) + body[mid:]
    return text + body + "Disconnect-ExchangeOnline -Confirm:$false\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    findings = 0
    for n in range(a.files):
        folder = os.path.join(a.out, "team%02d" % (n % 12), "area%03d" % (n % 300))
        os.makedirs(folder, exist_ok=True)
        target = int(MEDIAN_BYTES * math.exp(rnd.gauss(0, SIGMA)))
        kind = rnd.random()
        big = n % 4000 == 1999  # five large files in 20,000
        if big:
            target = rnd.randrange(1_000_000, 5_000_000)
        if kind < 0.25 or (big and n % 8000 == 1999):
            finding = rnd.randrange(len(FINDINGS)) if rnd.random() < 0.02 else None
            findings += finding is not None
            name, text = "%s%05d.%s" % (rnd.choice(["Set-", "Get-", "Sync-", "Invoke-"]) + "Job", n, "psm1" if big else "ps1"), powershell(rnd, n, target, finding)
        elif kind < 0.50 or big:
            org = "contoso%d.onmicrosoft.com" % (n % 37)
            text = "Id,UserPrincipalName,RecipientTypeDetails,SizeMB,State,WhenChanged\n" + fill(rnd, target, [CSV_ROW], n, org)
            name = "export%05d.csv" % n
        elif kind < 0.68:
            name, text = "run%05d.log" % n, fill(rnd, target, [LOG_LINE], n, "contoso.com")
        elif kind < 0.80:
            name, text = "README%05d.md" % n, fill(rnd, target, [NOTE], n, "contoso.com")
        elif kind < 0.92:
            name, text = "settings%05d.json" % n, JSON.format(n=n, org="contoso.onmicrosoft.com")
        elif kind < 0.96:
            name, text = "report%05d.py" % n, fill(rnd, min(target, 4000), [PY], n, "")
        else:
            name, text = "Report%05d.cs" % n, fill(rnd, min(target, 4000), [CS], n, "")
        with open(os.path.join(folder, name), "w", newline="\r\n" if n % 3 == 0 else "\n") as f:
            f.write(text)
    print("wrote %d files, %d PowerShell files with a finding" % (a.files, findings))


if __name__ == "__main__":
    main()
