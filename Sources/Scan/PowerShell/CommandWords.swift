/// The command names `ScriptContext.value(of:)` looks for in an assignment's right-hand side,
/// found in one pass over its words (compared by length first, then as bytes).
struct CommandWords {
    enum Word: Int, CaseIterable {
        case getAutomationPSCredential, importClixml, getCredential, convertFromJson, importCsv, importPowerShellDataFile
        case convertToSecureString, getContent, gc, cat, type

        var lowercase: StaticString {
            switch self {
            case .getAutomationPSCredential: return "get-automationpscredential"
            case .importClixml: return "import-clixml"
            case .getCredential: return "get-credential"
            case .convertFromJson: return "convertfrom-json"
            case .importCsv: return "import-csv"
            case .importPowerShellDataFile: return "import-powershelldatafile"
            case .convertToSecureString: return "convertto-securestring"
            case .getContent: return "get-content"
            case .gc: return "gc"
            case .cat: return "cat"
            case .type: return "type"
            }
        }
    }

    /// `Word.allCases` once (it is made anew on every use).
    private static let words = Word.allCases

    private var found: UInt32 = 0

    init(_ tokens: ArraySlice<Token>, in s: TokenizedScript) {
        for t in tokens where t.kind == .word {
            let count = s.textCount(t)
            for word in CommandWords.words where word.lowercase.utf8CodeUnitCount == count && s.is(t, word.lowercase) {
                found |= 1 << UInt32(word.rawValue)
            }
        }
    }

    func contains(_ word: Word) -> Bool { found & (1 << UInt32(word.rawValue)) != 0 }
}
