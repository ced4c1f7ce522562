/// The kinds of file scan reads, by file name. Markdown and other prose are not scanned:
/// examples in documentation are not findings.
public enum SourceLanguage: String, Sendable {
    case powershell, csharp
    case visualBasic = "vb"
    case python, javascript, php, java, go
    case xmlConfig = "xml-config"
    case jsonConfig = "json-config"
    case dotenv, yaml, ini

    public static func of(fileName: String) -> SourceLanguage? {
        let lower = fileName.lowercased()
        if lower == ".env" || lower.hasPrefix(".env.") || lower.hasSuffix(".env") { return .dotenv }
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch String(lower[lower.index(after: dot)...]) {
        case "ps1", "psm1", "psd1": return .powershell
        case "cs", "csx": return .csharp
        case "vb": return .visualBasic
        case "py": return .python
        case "js", "mjs", "cjs", "ts", "mts", "cts": return .javascript
        case "php": return .php
        case "java", "kt": return .java
        case "go": return .go
        case "config": return .xmlConfig
        case "json": return .jsonConfig
        case "yaml", "yml": return .yaml
        case "ini", "cfg", "conf", "properties": return .ini
        default: return nil
        }
    }

    var isConfig: Bool { [.xmlConfig, .jsonConfig, .dotenv, .yaml, .ini].contains(self) }
}
