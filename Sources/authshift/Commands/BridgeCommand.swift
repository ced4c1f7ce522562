import ArgumentParser
import AuthShiftCore
import Bridge
import Foundation

/// `authshift bridge`: the on-premises relay for devices that only know a password.
struct BridgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge",
        abstract:
            "A durable on-premises SMTP relay: devices send with a password or from an allow-listed address; the bridge delivers upstream with OAuth.",
        discussion:
            "Every accepted message is written, fsynced and renamed into the spool before the device gets its 250. See README for a complete configuration and the systemd unit in deploy/.",
        subcommands: [BridgeRunCommand.self, BridgeCheckConfigCommand.self, BridgeHashPasswordCommand.self, BridgeQueueCommand.self]
    )
}

struct BridgeConfigOption: ParsableArguments {
    @Option(help: "The bridge's YAML configuration file.")
    var config: String

    func load() throws -> BridgeConfiguration {
        do { return try BridgeConfiguration.load(path: config) } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
    }
}

struct BridgeRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bridge in the foreground (logs as JSON lines on standard error; SIGHUP reloads, SIGTERM stops gracefully)."
    )
    @OptionGroup var options: BridgeConfigOption
    @Flag(help: "Log only warnings and errors to standard error (the delivery log is always written).")
    var quiet = false

    func run() async throws {
        // Reading the configuration is the service's first step; its errors name file and line.
        let service: BridgeService
        do { service = try BridgeService(configurationPath: options.config, quiet: quiet) } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        do { try await service.run() } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
    }
}

struct BridgeCheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Validate the configuration file and say what it sets up.",
        discussion: """
            Also reads every configured certificate (listener TLS certificates, the upstream client-assertion \
            certificate) and warns when one expires within \(CredentialExpiry.warningDays) days.

            A certificate that cannot be read here (checked on another machine) is a warning.

            Exit status: 0 valid (warnings allowed); 65 the file is invalid or a certificate has expired.
            """)
    @OptionGroup var options: BridgeConfigOption

    func run() throws {
        let config = try options.load()
        StandardOutput.write(config.summary(path: options.config))
        let reading = config.credentialExpiries()
        for text in reading.unreadable { StandardOutput.write("warning: \(text)\n") }
        var expired = false
        for expiry in reading.expiries {
            StandardOutput.write(
                "\(expiry.scope) \(expiry.name): \(expiry.credential.rawValue) valid until \(ISO8601DateFormatter().string(from: expiry.notValidAfter))\n"
            )
            guard let problem = expiry.problem() else { continue }
            expired = expired || problem.expired
            StandardOutput.write((problem.expired ? "error: " : "warning: ") + problem.text + "\n")
        }
        if expired { throw ExitCode(ExitStatus.dataError.rawValue) }
    }
}

struct BridgeHashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Read a device password from standard input and print the scrypt hash for the configuration's passwordHash."
    )

    func run() throws {
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            StandardError.write("error: no password on standard input\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        StandardOutput.write(try PasswordHash.make(password: password).encoded + "\n")
    }
}
