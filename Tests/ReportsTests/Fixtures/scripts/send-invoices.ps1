# Nightly invoice mail from the finance server (a stored credential and SMTP AUTH Basic).
$password = ConvertTo-SecureString "Winter2026!" -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential ("invoices@contoso.com", $password)
Send-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl -Credential $credential `
    -From invoices@contoso.com -To ap@fabrikam.com -Subject "Invoices" -Body "Attached."
