/// Why a command line is not a command the server half can act on. Each carries the verb, so
/// the state machine can answer a command out of sequence (503) before one with a bad argument
/// (501), in the order RFC 5321 section 4.3.2 lists the replies.
public enum SMTPCommandSyntaxError: Error, Sendable, Equatable {
    /// An empty line, or one that starts with a space.
    case empty
    /// A verb this server does not implement (502, RFC 5321 section 4.2.4).
    case unrecognized
    /// EHLO, HELO or AUTH without the argument they need.
    case missingArgument(SMTPCommand.Verb)
    /// STARTTLS or DATA with an argument they do not take.
    case unexpectedArgument(SMTPCommand.Verb)
    /// MAIL FROM or RCPT TO whose path could not be read.
    case badPath(SMTPCommand.Verb, SMTPPathArgument.Failure)
}

extension SMTPCommand {
    /// The verbs the server half implements (RFC 5321 section 4.1.1, RFC 3207, RFC 4954).
    public enum Verb: String, Sendable, CaseIterable {
        case ehlo = "EHLO"
        case helo = "HELO"
        case startTLS = "STARTTLS"
        case auth = "AUTH"
        case mail = "MAIL"
        case rcpt = "RCPT"
        case data = "DATA"
        case rset = "RSET"
        case noop = "NOOP"
        case vrfy = "VRFY"
        case help = "HELP"
        case quit = "QUIT"
    }

    /// Reads a command line (without CRLF) as a server does: the verb up to the first space,
    /// case-insensitive; the argument after it with surrounding spaces and tabs removed. MAIL
    /// and RCPT paths are parsed (`SMTPPathArgument`); RSET, NOOP, HELP and QUIT ignore any
    /// argument, as Postfix does. A line in the middle of an AUTH exchange is not a command:
    /// the caller passes it as `.saslResponse`.
    public static func parse(_ line: String) -> Result<SMTPCommand, SMTPCommandSyntaxError> {
        let verbText: String
        let argument: String
        if let space = line.firstIndex(of: " ") {
            verbText = line[..<space].uppercased()
            argument = Self.trimmingBlanks(line[line.index(after: space)...])
        } else {
            verbText = line.uppercased()
            argument = ""
        }
        guard !verbText.isEmpty else { return .failure(.empty) }
        guard let verb = Verb(rawValue: verbText) else { return .failure(.unrecognized) }
        switch verb {
        case .ehlo, .helo:
            guard !argument.isEmpty else { return .failure(.missingArgument(verb)) }
            return .success(verb == .ehlo ? .ehlo(argument) : .helo(argument))
        case .startTLS:
            return argument.isEmpty ? .success(.startTLS) : .failure(.unexpectedArgument(verb))
        case .data:
            return argument.isEmpty ? .success(.data) : .failure(.unexpectedArgument(verb))
        case .auth:
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let mechanism = parts.first?.uppercased() else { return .failure(.missingArgument(verb)) }
            return .success(.auth(mechanism: mechanism, initialResponse: parts.count > 1 ? parts[1] : nil))
        case .mail:
            return SMTPPathArgument.parse(argument, keyword: "FROM:").map(SMTPCommand.mailFrom).mapError { .badPath(verb, $0) }
        case .rcpt:
            return SMTPPathArgument.parse(argument, keyword: "TO:").map(SMTPCommand.rcptTo).mapError { .badPath(verb, $0) }
        case .rset: return .success(.rset)
        case .noop: return .success(.noop)
        case .vrfy: return .success(.vrfy(argument))
        case .help: return .success(.help)
        case .quit: return .success(.quit)
        }
    }

    private static func trimmingBlanks(_ text: Substring) -> String {
        var s = text
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
