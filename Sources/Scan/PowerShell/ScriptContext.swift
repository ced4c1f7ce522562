/// What a script assigns before it uses it: literals, hashtables for splatting,
/// credentials and where their passwords come from, `$PSEmailServer` and
/// `$PSDefaultParameterValues`. Built in one pass over the file (assignments anywhere in the
/// file count: scripts often define their settings at the top).
public struct ScriptContext: Sendable {
    /// Where a credential's password comes from; all but `prompt` are stored somewhere.
    public enum SecretOrigin: String, Sendable {
        case prompt        // Get-Credential: typed by a person at run time
        case clixml        // Import-Clixml: a DPAPI-protected file on disk
        case automation    // Get-AutomationPSCredential: an Azure Automation credential asset
        case literal       // a password written in the script
        case file          // Get-Content of a password file
        case unknown

        public var isStored: Bool { self != .prompt && self != .unknown }
    }

    public indirect enum Value: Sendable {
        case literal(String)
        case hashtable([String: Command.Element])
        case credential(SecretOrigin)
        case secureString(SecretOrigin)
        /// Settings loaded from a file (ConvertFrom-Json, Import-Csv, Import-PowerShellDataFile,
        /// an `[xml]` cast), or one of their properties: whatever it holds is stored in that file.
        case configuration
        case other
    }

    public var variables: [String: Value] = [:]
    public var psEmailServer: String?
    /// `Cmdlet:Parameter` (lower case) → value.
    public var defaultParameters: [String: Command.Element] = [:]
    /// The script uses Azure Automation assets, so it runs as a runbook.
    public var runsInAzureAutomation = false
    /// Properties assigned on objects, `variable.property` (lower case) → value, e.g. `smtp.credentials`.
    public var properties: [String: Value] = [:]
    /// Method calls on variables that start a statement or an expression, in order:
    /// `$smtp.Connect('smtp.office365.com', 587)` → ("smtp", "connect", the tokens inside the parentheses).
    public var methodCalls: [(variable: String, method: String, arguments: [Token])] = []
    /// Variables holding a hashtable with a ConnectionUri key (remote PowerShell settings), so
    /// rules can skip the search in the many scripts that have none.
    public var connectionSettings: Set<String> = []

    public init() {}

    public static func build(_ all: [Token], commands: [Command]) -> ScriptContext {
        var c = ScriptContext()
        let tokens = all.filter { $0.kind != .comment }
        c.runsInAzureAutomation = commands.contains { ["get-automationpscredential", "get-automationvariable", "get-automationconnection"].contains($0.canonicalName) }
        var k = 0
        while k < tokens.count {
            // $name = …, $name += …, $name['key'] = …, $name.Key = …
            guard tokens[k].kind == .variable, k == 0 || [.statementEnd, .punctuation].contains(tokens[k - 1].kind) else { k += 1; continue }
            let name = tokens[k].text.lowercased()
            var j = k + 1
            var key: String?
            if j + 2 < tokens.count, tokens[j].text == "[", tokens[j + 1].isString || tokens[j + 1].kind == .word, tokens[j + 2].text == "]" {
                key = tokens[j + 1].text.lowercased(); j += 3
            } else if j < tokens.count, tokens[j].kind == .word, tokens[j].text.hasPrefix(".") {
                key = String(tokens[j].text.dropFirst()).lowercased(); j += 1
            }
            if let key, j < tokens.count, tokens[j].kind == .punctuation, tokens[j].text == "(" {
                let (group, next) = CommandParser.readElement(tokens, j)
                c.methodCalls.append((name, key, Array(group.tokens.dropFirst().dropLast())))
                k = next
                continue
            }
            guard j + 1 < tokens.count, tokens[j].kind == .punctuation, tokens[j].text == "=" || tokens[j].text == "+=" else { k += 1; continue }
            let append = tokens[j].text == "+="
            let (element, next) = CommandParser.readElement(tokens, j + 1)
            let rhs = fullRightHandSide(tokens, from: j + 1)
            if let key {
                c.properties[name + "." + key] = c.value(of: element, rhs: rhs)
                if name == "psdefaultparametervalues" {
                    c.defaultParameters[key] = element
                } else if case .hashtable(var table)? = c.variables[name] {
                    table[key] = element
                    c.variables[name] = .hashtable(table)
                }
            } else if name == "psemailserver" {
                c.psEmailServer = c.literal(element)
            } else if name == "psdefaultparametervalues", case .hashtable(let table) = c.value(of: element, rhs: rhs) {
                for (k2, v) in table { c.defaultParameters[k2] = v }
            } else {
                // `[xml]$settings = Get-Content settings.xml`: the cast on the left loads settings.
                let castToXML = k >= 3 && tokens[k - 1].text == "]" && tokens[k - 3].text == "[" && tokens[k - 2].text.lowercased() == "xml"
                let value: Value = castToXML ? .configuration : c.value(of: element, rhs: rhs)
                if append, case .hashtable(var old)? = c.variables[name], case .hashtable(let more) = value {
                    for (k2, v) in more { old[k2] = v }
                    c.variables[name] = .hashtable(old)
                } else {
                    c.variables[name] = value
                }
            }
            k = next
        }
        for (name, value) in c.variables {
            if case .hashtable(let table) = value, table["connectionuri"] != nil { c.connectionSettings.insert(name) }
        }
        return c
    }

    /// The tokens of an assignment's right-hand side up to the end of the statement.
    static func fullRightHandSide(_ tokens: [Token], from k: Int) -> [Token] {
        var j = k
        var depth = 0
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .statementEnd && depth == 0 { break }
            if t.kind == .punctuation {
                if CommandParser.openers.contains(t.text) { depth += 1 }
                if [")", "}", "]"].contains(t.text) { depth -= 1 }
            }
            j += 1
        }
        return Array(tokens[k..<j])
    }

    /// A hashtable literal `@{ Key = value; ... }` as key → value element.
    static func hashtable(_ element: Command.Element) -> [String: Command.Element]? {
        guard element.first.kind == .punctuation, element.first.text == "@{" else { return nil }
        let inner = Array(element.tokens.dropFirst().dropLast())
        var table: [String: Command.Element] = [:]
        var k = 0
        while k < inner.count {
            let t = inner[k]
            if (t.kind == .word || t.isString), k + 2 < inner.count + 1, k + 1 < inner.count, inner[k + 1].text == "=", k + 2 < inner.count {
                let (value, next) = CommandParser.readElement(inner, k + 2)
                table[t.text.lowercased()] = value
                k = next
                continue
            }
            k += 1
        }
        return table
    }

    /// What an expression evaluates to, as far as the rules need.
    public func value(of element: Command.Element, rhs: [Token]? = nil) -> Value {
        if let table = ScriptContext.hashtable(element) { return .hashtable(table) }
        let tokens = rhs ?? element.tokens
        // Most assignments are one token: answer those before looking at command names.
        if tokens.count == 1 {
            let t = tokens[0]
            if t.isString || t.kind == .number { return .literal(t.text) }
            if t.kind == .variable { return variables[t.text.lowercased()] ?? .other }
            if t.kind == .word && !t.text.containsIgnoringASCIICase("credential") { return .literal(t.text) }
        }
        // `$settings.SmtpPassword`: a property of loaded settings is stored where they are.
        if tokens.count >= 2, tokens[0].kind == .variable, tokens[1].kind == .word, tokens[1].text.hasPrefix("."),
           case .configuration? = variables[tokens[0].text.lowercased()] {
            return .configuration
        }
        let words = Set(tokens.lazy.filter { $0.kind == .word }.map { $0.text.lowercased() })
        // Credentials and secure strings, by the command or type that makes them.
        if words.contains("get-automationpscredential") { return .credential(.automation) }
        if words.contains("import-clixml") { return .credential(.clixml) }
        if words.contains("get-credential") { return .credential(.prompt) }
        if words.contains("convertfrom-json") || words.contains("import-csv") || words.contains("import-powershelldatafile")
            || tokens.indices.contains(where: { tokens[$0].kind == .punctuation && tokens[$0].text == "[" && $0 + 1 < tokens.count && tokens[$0 + 1].text.lowercased() == "xml" }) {
            return .configuration
        }
        let makesCredential = tokens.contains { t in
            guard t.kind == .word || t.kind == .punctuation else { return false }
            return t.text.containsIgnoringASCIICase("pscredential") || t.text.containsIgnoringASCIICase("networkcredential")
        }
        let securesLiteral = words.contains("convertto-securestring") && tokens.contains { $0.kind == .parameter && "asplaintext".hasPrefix($0.text.lowercased()) && $0.text.count >= 3 }
        let readsFile = words.contains("get-content") || words.contains("gc") || words.contains("cat") || words.contains("type")
        var secret: SecretOrigin?
        if securesLiteral { secret = readsFile ? .file : .literal }
        else if words.contains("convertto-securestring") { secret = readsFile ? .file : .unknown }
        if makesCredential {
            if let secret { return .credential(secret) }
            // The password argument may be a variable holding a secure string.
            for t in tokens where t.kind == .variable {
                if case .secureString(let origin)? = variables[t.text.lowercased()] { return .credential(origin) }
                if case .literal? = variables[t.text.lowercased()] { return .credential(.literal) }
            }
            if tokens.contains(where: { $0.isString && !$0.text.isEmpty }) && tokens.filter({ $0.isString }).count >= 2 { return .credential(.literal) }
            return .credential(.unknown)
        }
        if let secret { return .secureString(secret) }
        if tokens.count == 1 {
            let t = tokens[0]
            if t.isString || t.kind == .word || t.kind == .number { return .literal(t.text) }
            if t.kind == .variable, let v = variables[t.text.lowercased()] { return v }
        }
        return .other
    }

    /// The literal text of an element (a string, a bare word, or a variable holding one).
    public func literal(_ element: Command.Element) -> String? {
        if case .literal(let s) = value(of: element) { return s }
        return nil
    }
}
