import Foundation
import Testing

/// `--format` offers only the values a command honours: a value it would ignore is a usage
/// error (64) that lists the ones it takes, not output in another format.
@Suite struct FormatOptionCLITests {
    @Test func explainAndDiffTakeTextOrJSON() throws {
        let text = try CLI.run([
            "explain", "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.", "--format", "text",
        ])
        #expect(text.status == 0 && text.stdout.contains("5.7.139"))
        let csv = try CLI.run(["explain", "535 5.7.139 Authentication unsuccessful", "--format", "csv"])
        #expect(csv.status == 64 && csv.stderr.contains("text") && csv.stderr.contains("json"), "\(csv.stderr)")
        #expect(try CLI.run(["diff", "a.json", "b.json", "--format", "table"]).status == 64)
        #expect(try CLI.run(["diff", "a.json", "b.json", "--format", "csv"]).status == 64)
    }

    @Test func queueListAndInspectTakeTableOrJSON() throws {
        #expect(try CLI.run(["bridge", "queue", "list", "--config", "/nonexistent.yaml", "--format", "csv"]).status == 64)
        #expect(try CLI.run(["inspect", "/nonexistent", "--format", "csv"]).status == 64)
    }
}
