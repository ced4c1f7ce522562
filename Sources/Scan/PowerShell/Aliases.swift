/// Built-in aliases of the cmdlets the rules look for (Get-Alias on Windows PowerShell 5.1).
enum Aliases {
    static let table: [String: String] = [
        "nsn": "new-pssession",
        "ipsn": "import-pssession",
        "gcm": "get-command",
        "gc": "get-content",
        "cat": "get-content",
        "type": "get-content",
    ]

    static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        return table[lower] ?? lower
    }
}
