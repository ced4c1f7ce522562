#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Times the PowerShell front end on one core, the part of a scan that grows with the size of
/// the scripts: the tokenizer and the command parser, and then with the script context added.
/// Every PowerShell file under the roots is read into memory first, so the figures are the
/// code's speed, not the disk's (Benchmarks/scan_vs_ripgrep.py prints them as MB/s). The time
/// is the thread's CPU time, not the wall clock: on a machine shared with other builds the wall
/// clock counts the time the thread waited for a core.
public enum FrontEndBenchmark {
    public struct Result: Sendable {
        public var files: Int
        public var bytes: Int
        public var passes: Int
        /// Tokenizer and command parser.
        public var parseSeconds: Double
        /// Tokenizer, command parser and script context.
        public var contextSeconds: Double
        public var tokens: Int
        public var commands: Int
        /// Variables the script contexts hold (keeps the context pass from being optimized away).
        public var variables: Int

        public func megabytesPerSecond(_ seconds: Double) -> Double { Double(bytes * passes) / 1e6 / seconds }
    }

    public static func run(_ roots: [String], passes: Int) throws -> Result {
        var scripts: [[UInt8]] = []
        for file in try TreeScanner.files(under: roots) {
            guard SourceLanguage.of(fileName: String(file.path.split(separator: "/").last ?? "")) == .powershell else { continue }
            let (outcome, bytes) = FileBytes.read(path: file.path, limit: TreeScanner.maximumFileBytes)
            if case .text = outcome { scripts.append(bytes) }
        }
        var result = Result(
            files: scripts.count, bytes: scripts.reduce(0) { $0 + $1.count }, passes: max(1, passes),
            parseSeconds: 0, contextSeconds: 0, tokens: 0, commands: 0, variables: 0)
        var tokens = 0
        var commands = 0
        let parse = cpuSeconds {
            for _ in 0..<result.passes {
                for bytes in scripts {
                    let t = Tokenizer.code(bytes: bytes)
                    tokens += t.tokens.count
                    commands += CommandParser.commands(in: t).count
                }
            }
        }
        var variables = 0
        let context = cpuSeconds {
            for _ in 0..<result.passes {
                for bytes in scripts {
                    let t = Tokenizer.code(bytes: bytes)
                    let c = CommandParser.commands(in: t)
                    variables += ScriptContext.build(t, commands: c).variables.count
                }
            }
        }
        result.tokens = tokens / result.passes
        result.commands = commands / result.passes
        result.variables = variables / result.passes
        result.parseSeconds = parse
        result.contextSeconds = context
        return result
    }

    /// The CPU time this thread spent in `work`.
    static func cpuSeconds(_ work: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = now()
        work()
        return now() - start
    }
}
