/// Every scan rule; the test suite runs each one's examples and checks every file in
/// Rules/ is listed here.
public enum BuiltInScanRules {
    public static let all: [any ScanRule.Type] = [
        ExchangeOnlineCredentialRule.self,
        RemotePowerShellBasicRule.self,
        MsolCredentialRule.self,
        AzureADCredentialRule.self,
        PlaintextSecretRule.self,
        SendMailMessageBasicRule.self,
        DotNetSmtpClientRule.self,
    ]

    /// Rules over application code and configuration files.
    public static let fileRules: [any FileRule.Type] = [
        CodeSMTPBasicRule.self,
        ConfigSMTPBasicRule.self,
    ]
}
