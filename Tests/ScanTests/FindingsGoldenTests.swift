import Foundation
import Testing

@testable import Scan

/// The scanner's findings, every field of every finding, on the fixture tree and on a
/// generated tree, compared with the findings recorded before the scanner was rewritten for
/// speed (tokens as byte ranges, one-pass prefilter). A change to what scan reports shows up
/// here as a diff; re-record only when the change is intended:
///
///   AUTHSHIFT_RECORD_GOLDEN=1 swift test --filter FindingsGoldenTests
@Suite struct FindingsGoldenTests {
    static let fixtures = #filePath.components(separatedBy: "/FindingsGoldenTests.swift")[0] + "/Fixtures"

    /// One line per finding, sorted: every field, so a moved column or a changed message counts.
    static func lines(_ result: TreeScanner.Result) -> [String] {
        let findings = result.findings.map { f in
            [f.file, String(f.line), String(f.column), String(f.endLine), f.rule, f.severity.rawValue, f.message, f.replacement]
                .joined(separator: " | ")
        }
        return ["files scanned: \(result.filesScanned)"] + findings.sorted()
    }

    func compare(_ actual: [String], golden name: String) throws {
        let path = Self.fixtures + "/" + name
        let text = actual.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["AUTHSHIFT_RECORD_GOLDEN"] != nil {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let want = expected.split(separator: "\n").map(String.init)
        #expect(actual.count == want.count, "\(name): \(actual.count) lines, golden \(want.count)")
        for line in Set(want).subtracting(actual).sorted().prefix(20) { Issue.record("\(name): lost \(line)") }
        for line in Set(actual).subtracting(want).sorted().prefix(20) { Issue.record("\(name): new \(line)") }
    }

    @Test func fixtureTreeFindingsMatchTheGolden() throws {
        try compare(Self.lines(TreeScanner.scan([Self.fixtures + "/tree"])), golden: "golden-fixture-tree.txt")
    }

    @Test func generatedTreeFindingsMatchTheGolden() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try GeneratedScanTree.write(to: dir, files: 600, seed: 2026)
        try compare(Self.lines(TreeScanner.scan([dir.path], threads: 2)), golden: "golden-generated-tree.txt")
        // One thread gives the same findings as two.
        #expect(Self.lines(try TreeScanner.scan([dir.path], threads: 1)) == Self.lines(try TreeScanner.scan([dir.path], threads: 2)))
    }
}

/// A deterministic tree of scripts, code and configuration built from every rule's examples
/// (triggering and not), ordinary Exchange admin code around them, and the shapes that trip a
/// tokenizer: comments and here-strings around examples, CRLF line ends, a UTF-8 BOM, UTF-16,
/// backtick continuations, typographic dashes and quotes, unterminated strings.
enum GeneratedScanTree {
    /// SplitMix64: the same tree on every machine and every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let filler = [
        "$mailboxes = Get-EXOMailbox -ResultSize Unlimited | Where-Object { $_.RecipientTypeDetails -eq 'SharedMailbox' }\n",
        "foreach ($m in $mailboxes) {\n    Set-Mailbox -Identity $m.UserPrincipalName -LitigationHoldEnabled $true\n}\n",
        "$report = [pscustomobject]@{ Name = $m.Name; Size = $s.TotalItemSize; When = (Get-Date -Format 'u') }\n",
        "Connect-ExchangeOnline -CertificateThumbprint $t -AppId $a -Organization contoso.onmicrosoft.com -ShowBanner:$false\n",
        "function Write-Log {\n    param([string]$Message)\n    Add-Content -Path \"$PSScriptRoot\\run.log\" -Value \"$(Get-Date -Format u) $Message\"\n}\n",
        "$params = @{\n    Identity = 'room@contoso.com'\n    AutomateProcessing = 'AutoAccept'\n}\nSet-CalendarProcessing @params\n",
        "try { Get-TransportRule -ErrorAction Stop } catch { Write-Warning $_.Exception.Message }\n",
        "Get-MessageTraceV2 -StartDate (Get-Date).AddDays(-1) | Export-Csv .\\trace.csv -NoTypeInformation\n",
        "$x = \"text with `\"escaped`\" quotes and $($env:USERNAME) inside\"\n",
        "Get-Mailbox `\n  -ResultSize 10 `\n  -Filter \"Name -like 'a*'\"\n",
        "Send-MailMessage -To ops@contoso.com -From r@contoso.com -Subject s -SmtpServer relay.contoso.local\n",
        "$pw = Read-Host -AsSecureString\n",
        "$server = 'smtp.office365.com'\n",
        "$c = Get-Credential\n",
        "Set-Mailbox -Identity x \u{2013}LitigationHoldEnabled $true \u{2014}Confirm:$false\n",
        "$s = \u{2018}typographic single\u{2019}; $d = \u{201C}typographic double\u{201D}\n",
        "[System.Net.Mail.SmtpClient]::new('relay.contoso.local', 25)\n",
        "${odd name} = 5; $env:PATH += ';C:\\tools'\n",
    ]

    static func powershell(_ r: inout Random) -> String {
        var parts: [String] = []
        for _ in 0..<(1 + r.below(8)) { parts.append(r.pick(filler)) }
        let rule = r.pick(BuiltInScanRules.all)
        let examples = r.below(3) == 0 ? rule.nonTriggeringExamples : rule.triggeringExamples
        if !examples.isEmpty {
            let example = r.pick(examples)
            let wrapped: String
            switch r.below(8) {
            case 0: wrapped = "<#\n\(example)\n#>\n"
            case 1:
                wrapped = example.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n"
            case 2: wrapped = "$doc = @'\n\(example)\n'@\n"
            case 3: wrapped = "if ($true) {\n    " + example.replacingOccurrences(of: "\n", with: "\n    ") + "\n}\n"
            default: wrapped = example + "\n"
            }
            parts.insert(wrapped, at: r.below(parts.count + 1))
        }
        switch r.below(30) {
        case 0: parts.append("$broken = 'never closed\nGet-Date\n")
        case 1: parts.append("<# never closed\nConnect-ExchangeOnline -Credential $c\n")
        case 2: parts.append("$h = @\"\nunterminated here-string $x\n")
        default: break
        }
        return parts.joined()
    }

    static func write(to dir: URL, files: Int, seed: UInt64) throws {
        var r = Random(state: seed)
        let fm = FileManager.default
        for n in 0..<files {
            let folder = dir.appendingPathComponent("team\(n % 7)/area\(n % 23)")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            var name: String
            var text: String
            if r.below(4) != 0 {
                name = "job\(n).ps1"
                text = powershell(&r)
            } else {
                let rule = r.pick(BuiltInScanRules.fileRules)
                let examples = r.below(3) == 0 ? rule.nonTriggeringExamples : rule.triggeringExamples
                let (file, body) = r.pick(examples)
                let sub = folder.appendingPathComponent("app\(n)")
                try fm.createDirectory(at: sub, withIntermediateDirectories: true)
                name = "app\(n)/" + file
                text = body
            }
            if r.below(5) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            var data: Data
            switch r.below(20) {
            case 0: data = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            case 1: data = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
            default: data = Data(text.utf8)
            }
            try data.write(to: folder.appendingPathComponent(name))
        }
    }
}
