# Weekly mailbox report: Exchange Online PowerShell with a stored credential.
$cred = Import-Clixml -Path C:\secure\exo.xml
Connect-ExchangeOnline -Credential $cred -ShowBanner:$false
Get-EXOMailbox -ResultSize Unlimited | Export-Csv C:\reports\mailboxes.csv
