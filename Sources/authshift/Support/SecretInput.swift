import ArgumentParser
import AuthShiftCore
import Foundation
import OAuth

/// Reads a secret from an environment variable, a file or standard input, never from the command
/// line, where `ps` and shell history would show it. A trailing newline in a file or on standard
/// input is not part of the secret.
enum SecretInput {
    static func read(env: String?, file: String?, stdin: Bool = false, what: String) throws -> Secret? {
        let given = [env != nil, file != nil, stdin].filter { $0 }.count
        if given > 1 { throw ValidationError("Give the \(what) one way only.") }
        if let env {
            guard let value = ProcessInfo.processInfo.environment[env], !value.isEmpty else {
                throw ValidationError("The environment variable \(env) (the \(what)) is not set or is empty.")
            }
            return Secret(value)
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(file): cannot read the \(what).")
            }
            return Secret(text.trimmingEnd("\r\n"))
        }
        if stdin {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("No \(what) on standard input.") }
            return Secret(line)
        }
        return nil
    }
}
