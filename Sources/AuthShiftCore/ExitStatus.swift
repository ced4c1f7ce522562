/// The exit statuses every authshift command uses, from BSD sysexits(3) where one fits,
/// so that scheduled jobs and CI can tell bad input from a failed check.
public enum ExitStatus: Int32, Sendable {
    /// Everything read and every check passed.
    case success = 0
    /// A check found something that needs attention (a failing checklist item, a new Basic sender).
    case checkFailed = 1
    /// The command line was wrong (EX_USAGE).
    case usage = 64
    /// An input file was malformed (EX_DATAERR).
    case dataError = 65
    /// An input path does not exist or cannot be read (EX_NOINPUT).
    case noInput = 66
    /// A service the command needs did not answer or refused it, e.g. serve's identity provider at
    /// start (EX_UNAVAILABLE).
    case unavailable = 69
    /// An output could not be written (EX_CANTCREAT).
    case cannotCreate = 73
}
