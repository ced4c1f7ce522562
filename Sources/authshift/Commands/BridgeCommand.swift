import ArgumentParser
import AuthShiftCore
import Bridge
import Foundation

/// `authshift bridge`: the on-premises relay for devices that only know a password.
struct BridgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge",
        abstract: "A durable on-premises SMTP relay: devices send with a password or from an allow-listed address; the bridge delivers upstream with OAuth.",
        discussion: "Every accepted message is written, fsynced and renamed into the spool before the device gets its 250. See README for a complete configuration and the systemd unit in deploy/.",
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
    static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Validate the configuration file and say what it sets up.")
    @OptionGroup var options: BridgeConfigOption

    func run() throws {
        let c = try options.load()
        var s = "\(options.config): valid\n"
        for l in c.listeners {
            s += "listener \(l.name): \(l.address):\(l.port), TLS \(l.tls.rawValue)" + (l.tls == .none ? "" : " (TLS \(l.minimumTLSVersion) or newer)") + (l.trustedLANPlain ? ", AUTH allowed without TLS (trusted LAN)" : "")
            s += ", connect from \(l.allow.isEmpty ? "loopback only" : l.allow.map(\.description).joined(separator: " "))"
            s += l.relayWithoutAuth.isEmpty ? ", relay only after AUTH" : ", relay without AUTH from \(l.relayWithoutAuth.map(\.description).joined(separator: " ")) as \(l.relaySenders.joined(separator: " "))"
            s += ", bare CR/LF in DATA \(l.bareLineEndings == .refuse ? "refused" : "normalised to CRLF")" + (l.unsafeAllowPublicSources ? ", UNSAFE: public sources allowed" : "") + "\n"
        }
        for a in c.accounts { s += "account \(a.name): may send as \(a.senders.joined(separator: ", "))\n" }
        for r in c.routes {
            var senders = r.senders + r.senderDomains.map { "*@" + $0 }
            if senders.isEmpty { senders = ["any sender"] }
            let match = "senders " + senders.joined(separator: ", ") + (r.recipientDomains.isEmpty ? "" : ", recipients @" + r.recipientDomains.joined(separator: ", @"))
            let target = r.kind == .graph ? r.graphBaseURL : "\(r.host):\(r.port)"
            s += "route \(r.name): \(r.kind.rawValue) to \(target) for \(match)\n"
        }
        for w in c.warnings { s += "warning: \(w)\n" }
        s += "spool \(c.spool); retry from \(Int(c.retry.initialSeconds)) s doubling to \(Int(c.retry.maximumSeconds)) s, give up after \(Int(c.retry.giveUpAfterSeconds)) s\n"
        StandardOutput.write(s)
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
