Connect-ExchangeOnline -CertificateThumbprint $env:THUMB -AppId $env:APPID -Organization contoso.onmicrosoft.com
Get-Mailbox
