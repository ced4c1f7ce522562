import AuthShiftCore
import Dispatch

/// Reads one large UTF-8 sign-in CSV on several threads.
///
/// The file is cut just after a line feed near each 1/n mark, and each part is parsed by
/// its own reader and accumulator. A cut is right only if it is not inside a quoted field;
/// the part before it proves that: it ends cleanly at the cut, or it ends inside quotes.
/// When any cut proves wrong, the whole file is read again on one thread, so the answer
/// is always the single-threaded one. Errors in later parts are reported with line
/// numbers counted from the start of the file.
enum ParallelSignInCSVReader {
    struct Part {
        var acc = SignInAccumulator()
        var oddities = SignInCSVReader.Oddities()
        var lines = 0
        var error: IngestError?
        var endedInsideQuotes = false
    }

    /// Cut points after the header: offsets where parts begin (the first is `dataStart`).
    static func cutPoints(path: String, dataStart: Int64, size: Int64, parts: Int) throws -> [Int64] {
        var cuts = [dataStart]
        for k in 1..<parts {
            let guess = dataStart + (size - dataStart) * Int64(k) / Int64(parts)
            let window = try UTF8ChunkSource(path: path, byteRange: guess..<min(size, guess + (1 << 20)))
            var bytes = [UInt8](repeating: 0, count: 1 << 20)
            let n = try bytes.withUnsafeMutableBufferPointer { try window.read(into: $0) }
            guard let lf = bytes[0..<n].firstIndex(of: 0x0A) else { continue }
            let cut = guess + Int64(lf) + 1
            if cut > cuts.last! && cut < size { cuts.append(cut) }
        }
        return cuts
    }

    /// Reads the data after `header` (which ends at `dataStart`, after `headerLines` lines).
    /// Returns nil when a cut fell inside a quoted field (the caller reads on one thread).
    static func read(
        path: String, display: String, header: CSVHeader, delimiter: UInt8, dataStart: Int64, headerLines: Int,
        size: Int64, threads: Int, detail: SignInDetail = .everyGroup, dateOrder: DayMonthOrder?, progress: ((Int64, Int) -> Void)?
    ) throws -> (SignInAccumulator, SignInCSVReader.Oddities)? {
        let cuts = try cutPoints(path: path, dataStart: dataStart, size: size, parts: threads)
        let count = cuts.count
        let parts = UnsafeMutableBufferPointer<Part>.allocate(capacity: count)
        parts.initialize(repeating: Part())
        defer {
            parts.deinitialize()
            parts.deallocate()
        }
        let box = PartsBox(parts, progress: progress)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let range = cuts[i]..<(i + 1 < count ? cuts[i + 1] : size)
            var part = Part()
            part.acc = SignInAccumulator(detail: detail)
            var partReader: CSVStreamReader?
            do {
                let source = try UTF8ChunkSource(path: path, byteRange: range)
                let reader = CSVStreamReader(source: source)
                partReader = reader
                reader.adopt(header: header, delimiter: delimiter)
                let signIns = try SignInCSVReader(reader: reader)
                let report: (() -> Void)? =
                    i == 0
                    ? box.progress.map { p in
                        { p(source.rawBytesRead * Int64(count), part.acc.rows * count) }
                    } : nil
                part.oddities = try signIns.read(into: part.acc, dateOrder: dateOrder, progress: report)
                part.lines = reader.linesRead
            } catch let error as IngestError {
                part.error = error
                // The reader says so itself; its message is for people and may be reworded.
                part.endedInsideQuotes = partReader?.endedInsideQuotes ?? false
            } catch {
                part.error = IngestError(.malformed, file: display, "\(error)")
            }
            box.parts[i] = part
        }
        var linesBefore = headerLines
        var oddities = SignInCSVReader.Oddities()
        for i in 0..<count {
            let part = parts[i]
            if var error = part.error {
                if part.endedInsideQuotes && i + 1 < count { return nil }  // the cut was inside quotes
                if let line = error.line { error.line = line + linesBefore }
                error.file = display
                throw error
            }
            oddities.add(part.oddities, lineOffset: linesBefore)
            linesBefore += part.lines
        }
        let merged = parts[0].acc
        for i in 1..<count { merged.absorb(parts[i].acc) }
        return (merged, oddities)
    }
}

/// Lets the worker closures write their own slot of a shared buffer (each index is
/// written by exactly one worker, and read only after all have finished).
/// Progress is reported by the first worker only.
private final class PartsBox: @unchecked Sendable {
    let parts: UnsafeMutableBufferPointer<ParallelSignInCSVReader.Part>
    let progress: ((Int64, Int) -> Void)?
    init(_ parts: UnsafeMutableBufferPointer<ParallelSignInCSVReader.Part>, progress: ((Int64, Int) -> Void)?) {
        self.parts = parts
        self.progress = progress
    }
}
