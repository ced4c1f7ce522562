/// What a script assigns before it uses it: literals, hashtables for splatting,
/// credentials and where their passwords come from, `$PSEmailServer` and
/// `$PSDefaultParameterValues`. Built in one pass over the file (assignments anywhere in the
/// file count: scripts often define their settings at the top).
public struct ScriptContext: Sendable {
    /// Where a credential's password comes from; all but `prompt` are stored somewhere.
    public enum SecretOrigin: String, Sendable {
        case prompt  // Get-Credential: typed by a person at run time
        case clixml  // Import-Clixml: a DPAPI-protected file on disk
        case automation  // Get-AutomationPSCredential: an Azure Automation credential asset
        case literal  // a password written in the script
        case file  // Get-Content of a password file
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

    /// The script (comments removed) the tokens and elements below point into.
    public let script: TokenizedScript
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

    public init(script: TokenizedScript) { self.script = script }

    /// A token's value as text (see `TokenizedScript.text(_:)`).
    public func text(_ t: Token) -> String { script.text(t) }

    public static func build(_ all: TokenizedScript, commands: [Command]) -> ScriptContext {
        let s = all.code
        var c = ScriptContext(script: s)
        let tokens = s.tokens
        c.runsInAzureAutomation = commands.contains { c in
            c.isNamed("get-automationpscredential") || c.isNamed("get-automationvariable") || c.isNamed("get-automationconnection")
        }
        var k = 0
        while k < tokens.count {
            // $name = …, $name += …, $name['key'] = …, $name.Key = …
            guard tokens[k].kind == .variable, k == 0 || tokens[k - 1].kind == .statementEnd || tokens[k - 1].kind == .punctuation else {
                k += 1
                continue
            }
            var j = k + 1
            var key: String?
            if j + 2 < tokens.count, s.is(tokens[j], "["), tokens[j + 1].isString || tokens[j + 1].kind == .word, s.is(tokens[j + 2], "]") {
                key = s.lowercased(tokens[j + 1])
                j += 3
            } else if j < tokens.count, tokens[j].kind == .word, s.firstTextByte(tokens[j]) == 0x2E {
                key = String(s.lowercased(tokens[j]).dropFirst())
                j += 1
            }
            if let key, j < tokens.count, s.isPunctuation(tokens[j], 0x28) {
                let next = CommandParser.elementEnd(s, j)
                c.methodCalls.append((s.lowercased(tokens[k]), key, Array(tokens[(j + 1)..<max(j + 1, next - 1)])))
                k = next
                continue
            }
            guard j + 1 < tokens.count, s.isPunctuation(tokens[j], 0x3D) || s.isPunctuation(tokens[j], 0x2B, 0x3D) else {
                k += 1
                continue
            }
            let name = s.lowercased(tokens[k])
            let append = s.isPunctuation(tokens[j], 0x2B, 0x3D)
            let next = CommandParser.elementEnd(s, j + 1)
            let element = Command.Element(s, (j + 1)..<next)
            let rhs = fullRightHandSide(s, from: j + 1)
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
                let castToXML = k >= 3 && s.is(tokens[k - 1], "]") && s.is(tokens[k - 3], "[") && s.is(tokens[k - 2], "xml")
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

    /// The token indexes of an assignment's right-hand side up to the end of the statement.
    static func fullRightHandSide(_ s: TokenizedScript, from k: Int) -> Range<Int> {
        let tokens = s.tokens
        var j = k
        var depth = 0
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .statementEnd && depth == 0 { break }
            if t.kind == .punctuation {
                if CommandParser.opener(s, t) != 0 { depth += 1 }
                if CommandParser.isCloser(s, t) { depth -= 1 }
            }
            j += 1
        }
        return k..<j
    }

    /// A hashtable literal `@{ Key = value; ... }` as key → value element.
    static func hashtable(_ element: Command.Element) -> [String: Command.Element]? {
        let s = element.script
        guard element.type == nil, CommandParser.opener(s, element.first) == CommandParser.hashtableOpener else { return nil }
        let tokens = s.tokens
        // The contents: without the braces (an unclosed one runs to the end of the script).
        let inner = (element.range.lowerBound + 1)..<max(element.range.lowerBound + 1, element.range.upperBound - 1)
        var table: [String: Command.Element] = [:]
        var k = inner.lowerBound
        while k < inner.upperBound {
            let t = tokens[k]
            if t.kind == .word || t.isString, k + 2 < inner.upperBound, s.is(tokens[k + 1], "=") {
                let next = CommandParser.elementEnd(s, k + 2, limit: inner.upperBound)
                table[s.lowercased(t)] = Command.Element(s, (k + 2)..<next)
                k = next
                continue
            }
            k += 1
        }
        return table
    }

    /// What an expression evaluates to, as far as the rules need.
    public func value(of element: Command.Element, rhs: Range<Int>? = nil) -> Value {
        if let table = ScriptContext.hashtable(element) { return .hashtable(table) }
        let s = element.script
        if let rhs { return value(of: s.tokens[rhs], in: s) }
        if element.type == nil { return value(of: s.tokens[element.range], in: s) }
        return value(of: ArraySlice(element.tokens), in: s)
    }

    func value(of tokens: ArraySlice<Token>, in s: TokenizedScript) -> Value {
        // Most assignments are one token: answer those before looking at command names.
        if tokens.count == 1 {
            let t = tokens[tokens.startIndex]
            if t.isString || t.kind == .number { return .literal(s.text(t)) }
            if t.kind == .variable { return variables[s.lowercased(t)] ?? .other }
            if t.kind == .word && !s.contains(t, "credential") { return .literal(s.text(t)) }
        }
        // `$settings.SmtpPassword`: a property of loaded settings is stored where they are.
        if tokens.count >= 2, tokens[tokens.startIndex].kind == .variable, tokens[tokens.startIndex + 1].kind == .word,
            s.firstTextByte(tokens[tokens.startIndex + 1]) == 0x2E,
            case .configuration? = variables[s.lowercased(tokens[tokens.startIndex])]
        {
            return .configuration
        }
        let words = CommandWords(tokens, in: s)
        func hasWord(_ word: CommandWords.Word) -> Bool { words.contains(word) }
        // Credentials and secure strings, by the command or type that makes them.
        if hasWord(.getAutomationPSCredential) { return .credential(.automation) }
        if hasWord(.importClixml) { return .credential(.clixml) }
        if hasWord(.getCredential) { return .credential(.prompt) }
        if hasWord(.convertFromJson) || hasWord(.importCsv) || hasWord(.importPowerShellDataFile)
            || tokens.indices.contains(where: {
                s.isPunctuation(tokens[$0], 0x5B) && $0 + 1 < tokens.endIndex && s.is(tokens[$0 + 1], "xml")
            })
        {
            return .configuration
        }
        let makesCredential = tokens.contains { t in
            guard t.kind == .word || t.kind == .punctuation else { return false }
            return s.contains(t, "pscredential") || s.contains(t, "networkcredential")
        }
        let securesString = hasWord(.convertToSecureString)
        let securesLiteral =
            securesString && tokens.contains { $0.kind == .parameter && s.textCount($0) >= 3 && "asplaintext".hasPrefix(s.lowercased($0)) }
        let readsFile = hasWord(.getContent) || hasWord(.gc) || hasWord(.cat) || hasWord(.type)
        var secret: SecretOrigin?
        if securesLiteral { secret = readsFile ? .file : .literal } else if securesString { secret = readsFile ? .file : .unknown }
        if makesCredential {
            if let secret { return .credential(secret) }
            // The password argument may be a variable holding a secure string.
            for t in tokens where t.kind == .variable {
                if case .secureString(let origin)? = variables[s.lowercased(t)] { return .credential(origin) }
                if case .literal? = variables[s.lowercased(t)] { return .credential(.literal) }
            }
            if tokens.contains(where: { $0.isString && !s.text($0).isEmpty }) && tokens.filter({ $0.isString }).count >= 2 {
                return .credential(.literal)
            }
            return .credential(.unknown)
        }
        if let secret { return .secureString(secret) }
        if tokens.count == 1 {
            let t = tokens[tokens.startIndex]
            if t.isString || t.kind == .word || t.kind == .number { return .literal(s.text(t)) }
            if t.kind == .variable, let v = variables[s.lowercased(t)] { return v }
        }
        return .other
    }

    /// The literal text of an element (a string, a bare word, or a variable holding one).
    public func literal(_ element: Command.Element) -> String? {
        if case .literal(let s) = value(of: element) { return s }
        return nil
    }
}
