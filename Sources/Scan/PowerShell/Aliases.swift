/// Built-in aliases of the cmdlets the rules look for (Get-Alias on Windows PowerShell 5.1).
enum Aliases {
    /// Lower-case, so a command name is compared as bytes ignoring ASCII case.
    static let table: [(alias: StaticString, cmdlet: StaticString)] = [
        ("nsn", "new-pssession"),
        ("ipsn", "import-pssession"),
        ("gcm", "get-command"),
        ("gc", "get-content"),
        ("cat", "get-content"),
        ("type", "get-content"),
    ]

    /// The cmdlet the command name `name` stands for when it is one of the aliases (compared as
    /// its lower-cased text), nil otherwise. Plain ASCII names longer than four bytes, nearly
    /// all of them, are answered without a look at the table.
    /// `plainASCII`: `s.isPlainASCII(name)`, which the caller has at hand.
    static func target(of name: Token, in s: TokenizedScript, plainASCII: Bool) -> StaticString? {
        if plainASCII {
            guard name.valueCount <= 4 else { return nil }
            return table.first { s.is(name, $0.alias) }?.cmdlet
        }
        let lower = s.lowercased(name)
        return table.first { $0.alias.description == lower }?.cmdlet
    }
}
