# Nightly mailbox report (fixture)
$cred = Import-Clixml -Path C:\secure\exo.xml
Connect-ExchangeOnline -Credential $cred -ShowBanner:$false
Get-Mailbox -ResultSize Unlimited | Export-Csv report.csv
Send-MailMessage -To ops@contoso.com -From reports@contoso.com -Subject Report -SmtpServer smtp.office365.com -UseSsl -Credential $cred
