import AuthShiftCore
import Foundation

/// Reads one file of any supported kind into a per-file snapshot and its inspection
/// record. Nothing is merged into the caller's snapshot unless the whole file reads
/// cleanly, so a file that fails half-way never contributes half its rows.
public enum ExportFileReader {
    public struct Result: Sendable {
        public var file: InspectedFile
        public var snapshot: TenantSnapshot?
    }

    /// How hard to work on large files.
    public struct Tuning: Sendable {
        /// Threads for one large sign-in CSV.
        public var threads: Int
        /// Sign-in CSVs smaller than this are read on one thread (splitting costs more than it saves).
        public var minimumSplitBytes: Int64
        /// How much of the modern sign-ins to keep (an assessment folds them).
        public var signInDetail: SignInDetail

        public init(threads: Int, minimumSplitBytes: Int64, signInDetail: SignInDetail = .everyGroup) {
            self.threads = threads
            self.minimumSplitBytes = minimumSplitBytes
            self.signInDetail = signInDetail
        }

        public static let `default` = Tuning(threads: max(1, ProcessInfo.processInfo.activeProcessorCount), minimumSplitBytes: 64 << 20)
    }

    /// Reads one file. `dateOrder` (`--date-order`) settles dates that could be day or month
    /// first where the file itself does not; a file whose columns prove an order some of their
    /// values were not read in is read a second time in that order (`DateColumnLog`).
    /// - Parameter wanted: the kinds to read past their header or first record; a file of
    ///   another kind is recognised (its `kind` set) but its rows are not read (`signins
    ///   summarize` on a folder does not read a message trace it will not use).
    public static func read(
        path: String, displayPath: String, progress: ProgressSink? = nil, tuning: Tuning = .default,
        dateOrder: DayMonthOrder? = nil, wanted: (@Sendable (ExportKind) -> Bool)? = nil
    ) -> Result {
        let dates = DateColumnLog(option: dateOrder)
        let first = readOnce(path: path, displayPath: displayPath, progress: progress, tuning: tuning, dates: dates, wanted: wanted)
        guard first.file.error == nil, let proven = dates.rereading() else { return first }
        return readOnce(
            path: path, displayPath: displayPath, progress: progress, tuning: tuning,
            dates: DateColumnLog(option: dateOrder, proven: proven), wanted: wanted)
    }

    static func readOnce(
        path: String, displayPath: String, progress: ProgressSink?, tuning: Tuning, dates: DateColumnLog,
        wanted: (@Sendable (ExportKind) -> Bool)?
    ) -> Result {
        var inspected = InspectedFile(path: displayPath, format: "csv")
        do {
            let format = try sniffFormat(path: path)
            inspected.format = format
            var snapshot = TenantSnapshot()
            var notes = FileNotes()
            var acc = SignInAccumulator(detail: tuning.signInDetail)
            if format == "json" {
                try readJSON(
                    path: path, display: displayPath, into: &snapshot, file: &inspected, notes: &notes, acc: acc, progress: progress,
                    dates: dates, wanted: wanted)
            } else {
                if let parallel = try readCSV(
                    path: path, display: displayPath, into: &snapshot, file: &inspected, notes: &notes,
                    acc: acc, progress: progress, tuning: tuning, dates: dates, wanted: wanted)
                {
                    acc = parallel
                }
            }
            progress?.finished(file: displayPath)
            inspected.dateOrders = dates.notes()
            for note in inspected.dateOrders where note.basis == .undecided || note.basis == .conflicting { notes.warn(note.sentence) }
            guard let kind = inspected.kind else { return Result(file: inspected, snapshot: nil) }
            if kind.isSignInLog {
                snapshot.signIns = acc.summary()
                inspected.rows = acc.rows
                notes.saw(acc.earliest)
                notes.saw(acc.latest)
            }
            inspected.firstTime = notes.firstTime
            inspected.lastTime = notes.lastTime
            inspected.warnings = notes.warnings
            snapshot.filesByKind[kind] = [displayPath]
            return Result(file: inspected, snapshot: snapshot)
        } catch var error as IngestError {
            progress?.finished(file: displayPath)
            error.file = displayPath
            inspected.error = error
            return Result(file: inspected, snapshot: nil)
        } catch {
            progress?.finished(file: displayPath)
            inspected.error = IngestError(.malformed, file: displayPath, "\(error)")
            return Result(file: inspected, snapshot: nil)
        }
    }

    /// `json` when the first character that is not white space is `{` or `[`, else `csv`.
    static func sniffFormat(path: String) throws -> String {
        let probe = try UTF8ChunkSource(path: path)
        var head = [UInt8](repeating: 0, count: 4096)
        let n = try head.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
        for b in head[0..<n] {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return "json"
            default: return "csv"
            }
        }
        return "csv"
    }

    /// Reads a CSV export; returns the accumulator when a sign-in log was read on several threads.
    static func readCSV(
        path: String, display: String, into snapshot: inout TenantSnapshot, file: inout InspectedFile,
        notes: inout FileNotes, acc: SignInAccumulator, progress: ProgressSink?, tuning: Tuning,
        dates: DateColumnLog, wanted: ((ExportKind) -> Bool)? = nil
    ) throws -> SignInAccumulator? {
        let source = try UTF8ChunkSource(path: path)
        let reader = CSVStreamReader(source: source)
        file.encoding = source.encoding
        guard try reader.readHeader() else {
            file.unrecognizedReason = "empty file"
            return nil
        }
        file.delimiter = reader.delimiter == 0x09 ? "tab" : String(Character(Unicode.Scalar(reader.delimiter)))
        file.typeName = reader.typeName
        let header = reader.header
        guard let kind = ExportDetector.detect(csvColumns: header) else {
            file.unrecognizedReason = ExportDetector.reason(columns: header.names, json: false)
            return nil
        }
        file.kind = kind
        file.variant = csvVariant(kind: kind, header: header)
        if let wanted, !wanted(kind) { return nil }
        if kind == .signInPortalCSV || kind == .signInLogAnalyticsCSV {
            let signIns = try SignInCSVReader(reader: reader)
            let timeColumn = header.names[signIns.time]
            let order = dates.order(for: timeColumn)
            if tuning.threads > 1, source.totalBytes >= tuning.minimumSplitBytes, source.encoding == .utf8 || source.encoding == .utf8BOM,
                let (parallel, oddities) = try ParallelSignInCSVReader.read(
                    path: path, display: display, header: header, delimiter: reader.delimiter, dataStart: reader.unparsedOffset,
                    headerLines: reader.linesRead, size: source.totalBytes, threads: tuning.threads, detail: tuning.signInDetail,
                    dateOrder: order,
                    progress: progress.map { sink in
                        { bytes, rows in sink.progress(file: display, bytesRead: bytes, totalBytes: source.totalBytes, rows: rows) }
                    })
            {
                for w in oddities.warnings(width: header.names.count) { notes.warn(w) }
                dates.absorb(column: timeColumn, oddities.dates)
                return parallel
            }
            let oddities = try signIns.read(
                into: acc, dateOrder: order,
                progress: progress.map { sink in
                    { sink.progress(file: display, bytesRead: source.rawBytesRead, totalBytes: source.totalBytes, rows: acc.rows) }
                })
            for w in oddities.warnings(width: header.names.count) { notes.warn(w) }
            dates.absorb(column: timeColumn, oddities.dates)
            return nil
        }
        let width = header.names.count
        var typed: [ExportRecord] = []
        let typedFields = TypedDateOrder.fields(of: kind)
        while try reader.nextRecord() {
            if reader.fieldCount != width {
                notes.warn("line \(reader.recordLine): \(reader.fieldCount) fields where the header has \(width)")
            }
            var record = ExportRecord(file: display, line: reader.recordLine, header: header, cells: reader.allStrings())
            record.dates = dates
            if !typedFields.isEmpty {
                typed.append(record)
                continue
            }
            try RecordDispatcher.ingest(kind, record, into: &snapshot, notes: &notes, signIns: acc)
            file.rows += 1
        }
        try ingestTyped(kind, typed, into: &snapshot, file: &file, notes: &notes, signIns: acc, dates: dates)
        return nil
    }

    /// A people-written file is read whole first: its typed dates' day/month order is decided
    /// from all its rows (`TypedDateOrder`) before any row is read. These files are small.
    static func ingestTyped(
        _ kind: ExportKind, _ records: [ExportRecord], into snapshot: inout TenantSnapshot, file: inout InspectedFile,
        notes: inout FileNotes, signIns: SignInAccumulator, dates: DateColumnLog
    ) throws {
        guard !records.isEmpty else { return }
        let decision = try TypedDateOrder.decide(records, fields: TypedDateOrder.fields(of: kind), option: dates.option)
        dates.typedOrder = decision.order
        dates.typedNotes = decision.notes
        for record in records {
            try RecordDispatcher.ingest(kind, record, into: &snapshot, notes: &notes, signIns: signIns)
            file.rows += 1
        }
    }

    static func csvVariant(kind: ExportKind, header: CSVHeader) -> String {
        var parts = ["\(header.names.count) columns"]
        if kind == .signInPortalCSV {
            switch header.names.count {
            case 54: parts.append("portal layout of October 2024")
            case 55: parts.append("portal layout of November 2024 (Session ID)")
            case 57: parts.append("portal layout of 2025 (App owner and Resource owner tenant IDs)")
            default: parts.append("unfamiliar portal layout; columns matched by name")
            }
        }
        for name in header.duplicatedNames { parts.append("\"\(name)\" appears \(header.indices(of: name).count) times") }
        return parts.joined(separator: "; ")
    }

    static func readJSON(
        path: String, display: String, into snapshot: inout TenantSnapshot, file: inout InspectedFile,
        notes: inout FileNotes, acc: SignInAccumulator, progress: ProgressSink?, dates: DateColumnLog,
        wanted: ((ExportKind) -> Bool)? = nil
    ) throws {
        let source = try UTF8ChunkSource(path: path)
        file.encoding = source.encoding
        let stream = JSONElementStream(source: source)
        var kind: ExportKind?
        var typed: [ExportRecord] = []
        while let element = try stream.next() {
            guard case .object(let object) = element else {
                throw IngestError(
                    .malformed, file: display, line: stream.elementLine,
                    "expected a JSON object for each record, found \(ExportRecord.show(element))")
            }
            if kind == nil, stream.shape == .singleObject, let tables = object["tables"] {
                // The Log Analytics query API's answer: {"tables":[{"columns":[...],"rows":[[...]]}]}.
                kind = .signInSummary
                file.kind = kind
                if let wanted, !wanted(.signInSummary) { return }
                for var record in try SignInSummaryRowReader.records(tables: tables, file: display) {
                    record.dates = dates
                    try RecordDispatcher.ingest(.signInSummary, record, into: &snapshot, notes: &notes, signIns: acc)
                    file.rows += 1
                }
                continue
            }
            if kind == nil {
                kind = ExportDetector.detect(jsonKeys: object.keys)
                guard let detected = kind else {
                    file.unrecognizedReason = ExportDetector.reason(columns: object.keys, json: true)
                    return
                }
                file.kind = detected
                if let wanted, !wanted(detected) { return }
            }
            var record = ExportRecord(file: display, line: stream.elementLine, object: object)
            record.dates = dates
            if !TypedDateOrder.fields(of: kind!).isEmpty {
                typed.append(record)
                continue
            }
            try RecordDispatcher.ingest(kind!, record, into: &snapshot, notes: &notes, signIns: acc)
            file.rows += 1
            if file.rows & 0x3FFF == 0 {
                progress?.progress(file: display, bytesRead: source.rawBytesRead, totalBytes: source.totalBytes, rows: file.rows)
            }
        }
        if let kind { try ingestTyped(kind, typed, into: &snapshot, file: &file, notes: &notes, signIns: acc, dates: dates) }
        file.variant = stream.shape.rawValue
        if let next = stream.pageMembers.first(where: { $0.key == "@odata.nextLink" }), next.value != .null {
            notes.warn(
                "this Graph page has an @odata.nextLink: make sure the pages after it are exported too (each page can be its own file)")
        }
        if kind == nil {
            // An empty Graph page still says what it lists.
            let context = stream.pageMembers.first(where: { $0.key == "@odata.context" })?.value.stringValue ?? ""
            if context.contains("auditLogs/signIns") {
                kind = .signInJSON
            } else if context.contains("conditionalAccess/policies") {
                kind = .conditionalAccessPolicies
            } else if context.contains("#applications") {
                kind = .applications
            } else if context.contains("#servicePrincipals") {
                kind = .servicePrincipals
            } else if context.contains("#users") {
                kind = .entraUsers
            }
            file.kind = kind
            if kind == nil {
                file.unrecognizedReason =
                    stream.shape == .empty ? "empty file" : "no records, and no @odata.context naming a known Graph resource"
            }
        }
    }
}
