/// Scans one PowerShell file: tokens, commands, the script's assignments, then every rule on
/// every command.
public enum PowerShellScanner {
    public static func scan(bytes: [UInt8], file: String, rules: [any ScanRule.Type] = BuiltInScanRules.all) -> [Finding] {
        let tokens = Tokenizer.code(bytes: bytes)
        let commands = CommandParser.commands(in: tokens)
        let context = ScriptContext.build(tokens, commands: commands)
        var findings: [Finding] = []
        for command in commands {
            for rule in rules {
                for hit in rule.check(command, in: context) {
                    findings.append(
                        Finding(
                            rule: rule.id, file: file, line: command.nameToken.line, column: command.nameToken.column,
                            endLine: command.endLine, severity: hit.severity, message: hit.message, replacement: hit.replacement))
                }
            }
        }
        return findings
    }

    public static func scan(_ text: String, file: String = "script.ps1", rules: [any ScanRule.Type] = BuiltInScanRules.all) -> [Finding] {
        scan(bytes: Array(text.utf8), file: file, rules: rules)
    }
}
