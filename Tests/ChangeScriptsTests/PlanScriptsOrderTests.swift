import Foundation
import Testing

/// Reads the recorded golden scripts (not the generator) and checks the order a person
/// running them would live through: identities checked before any change, every
/// exception mailbox opened and read back before the organization closes.
@Suite struct PlanScriptsOrderTests {
    static let golden = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/ChangeScriptsTests/Golden/contoso"

    static func changeScripts() throws -> [(name: String, lines: [String])] {
        try FileManager.default.contentsOfDirectory(atPath: golden).filter { $0.hasSuffix(".ps1") && !$0.contains("verify") }.sorted().map {
            ($0, try String(contentsOfFile: golden + "/" + $0, encoding: .utf8).components(separatedBy: "\n"))
        }
    }

    static func firstLine(_ lines: [String], _ pattern: String) -> Int? {
        lines.firstIndex { $0.range(of: pattern, options: .regularExpression) != nil }
    }

    static func lastLine(_ lines: [String], _ pattern: String) -> Int? {
        lines.lastIndex { $0.range(of: pattern, options: .regularExpression) != nil }
    }

    /// The quoted identities of the list that follows `marker` (up to the closing `)`).
    static func identities(after marker: String, in lines: [String]) -> [String] {
        guard let start = firstLine(lines, marker) else { return [] }
        var out: [String] = []
        for line in lines[(start + 1)...] {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix(")") { break }
            if t.hasPrefix("'") && t.hasSuffix("'") {
                out.append(String(t.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
            }
        }
        return out
    }

    static let closesOrganization = #"^\s+Set-TransportConfig -SmtpClientAuthenticationDisabled \$true"#
    static let opensMailbox = #"^\s+Set-CASMailbox -Identity \$identity -SmtpClientAuthenticationDisabled \$false"#
    static let anyChange = #"^\s+(Set|New|Remove)-(?!StrictMode)"#

    @Test func noOrganizationCloseBeforeTheLastExceptionOpens() throws {
        let scripts = try Self.changeScripts()
        #expect(scripts.count == 8)
        for (name, lines) in scripts {
            guard let close = Self.firstLine(lines, Self.closesOrganization) else { continue }
            let lastOpen = Self.lastLine(lines, Self.opensMailbox)
            #expect(lastOpen != nil, "\(name) closes the organization without opening the exception mailboxes first")
            if let lastOpen { #expect(lastOpen < close, "\(name) closes the organization before the last exception opens") }
            // Opening is read back, and a failed read-back stops before the close.
            let readBack = Self.lastLine(lines, #"throw \('\{0\}: SmtpClientAuthenticationDisabled reads"#)
            #expect(readBack.map { $0 < close } == true, "\(name) does not check the openings before closing")
            // Mailboxes that inherit or close come after the organization.
            if let rest = Self.firstLine(lines, #"^\s+Set-CASMailbox -Identity \$change\.Identity"#) { #expect(rest > close, "\(name)") }
        }
    }

    @Test func everyExceptionMailboxIsOpenedByTheScriptsThatClose() throws {
        let scripts = Dictionary(uniqueKeysWithValues: try Self.changeScripts().map { ($0.name, $0.lines) })
        let enforce = try #require(scripts["01-enforce.ps1"])
        let exceptions = Self.identities(after: #"^\$AuthShiftRows = @\("#, in: enforce).map { String($0.split(separator: " ")[0]) }
        #expect(exceptions.count == 4)
        for name in ["01-enforce.ps1", "05-return-to-restricted.ps1"] {
            let lines = try #require(scripts[name])
            #expect(
                Set(exceptions).isSubset(of: Self.identities(after: "# 1. Open", in: lines)),
                "\(name) leaves an exception mailbox to inherit the closed organization")
        }
    }

    @Test func identitiesAreCheckedBeforeAnyChange() throws {
        for (name, lines) in try Self.changeScripts() {
            guard let firstChange = Self.firstLine(lines, Self.anyChange) else { continue }
            let touchesIdentities = lines.contains { $0.range(of: #"^\s+Set-(CASMailbox|User) "#, options: .regularExpression) != nil }
            guard touchesIdentities else { continue }
            let check = Self.firstLine(lines, #"throw \("Nothing was changed\."#)
            #expect(check.map { $0 < firstChange } == true, "\(name) changes something before checking its identities")
            #expect(
                Self.firstLine(lines, #"try \{ \$null = Get-(CASMailbox|User) -Identity \$identity -ErrorAction Stop \}"#).map {
                    $0 < firstChange
                } == true, "\(name)")
        }
    }
}
