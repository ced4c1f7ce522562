import AuthShiftCore

/// Streams a sign-in CSV (portal download or Log Analytics export) into a
/// `SignInAccumulator`, touching only the columns the summary needs.
struct SignInCSVReader {
    let reader: CSVStreamReader
    let time, user, app, ip: Int
    let status, code, reason: Int?

    /// Oddities counted while reading, with the first line of each (relative to the
    /// reader's start, so a split file can shift them).
    struct Oddities {
        var narrowRows = 0
        var firstNarrowLine = 0
        var firstNarrowWidth = 0
        var badTimes = 0
        var firstBadTimeLine = 0
        var firstBadTime = ""
        /// What the time column's values say about its day/month order.
        var dates = DateTally()

        mutating func add(_ other: Oddities, lineOffset: Int) {
            dates.merge(other.dates, lineOffset: lineOffset)
            if narrowRows == 0 && other.narrowRows > 0 {
                firstNarrowLine = other.firstNarrowLine + lineOffset
                firstNarrowWidth = other.firstNarrowWidth
            }
            if badTimes == 0 && other.badTimes > 0 {
                firstBadTimeLine = other.firstBadTimeLine + lineOffset
                firstBadTime = other.firstBadTime
            }
            narrowRows += other.narrowRows
            badTimes += other.badTimes
        }

        func warnings(width: Int) -> [String] {
            var out: [String] = []
            if narrowRows > 0 {
                out.append(
                    "line \(firstNarrowLine): \(firstNarrowWidth) fields where the header has \(width); missing ones read as empty"
                        + (narrowRows > 1 ? " (\(narrowRows) such rows)" : ""))
            }
            if badTimes > 0 {
                out.append(
                    "line \(firstBadTimeLine): unreadable date \"\(firstBadTime)\"; such rows count without a time"
                        + (badTimes > 1 ? " (\(badTimes) such rows)" : ""))
            }
            return out
        }
    }

    init(reader: CSVStreamReader) throws {
        self.reader = reader
        let h = reader.header
        func required(_ aliases: [String]) throws -> Int {
            guard let i = h.index(ofAny: aliases) else {
                throw IngestError(.malformed, file: reader.fileName, line: 1, field: aliases[0], "sign-in export lacks this column")
            }
            return i
        }
        time = try required(SignInColumns.time)
        user = try required(SignInColumns.user)
        app = try required(SignInColumns.clientApp)
        ip = h.index(ofAny: SignInColumns.ipAddress) ?? -1
        status = h.index(ofAny: SignInColumns.status)
        code = h.index(ofAny: SignInColumns.errorCode)
        reason = h.index(ofAny: SignInColumns.failureReason)
    }

    /// Reads every record; `progress` is called every 64 Ki rows.
    func read(into acc: SignInAccumulator, dateOrder: DayMonthOrder? = nil, progress: (() -> Void)?) throws -> Oddities {
        let r = reader
        var odd = Oddities()
        let width = r.header.names.count
        while try r.nextRecord() {
            if r.fieldCount < width {
                if odd.narrowRows == 0 {
                    odd.firstNarrowLine = r.recordLine
                    odd.firstNarrowWidth = r.fieldCount
                }
                odd.narrowRows += 1
            }
            let errorCode: Int? = code.flatMap { c in r.withBytes(at: c) { SignInCSVReader.integer($0) } }
            let outcome = SignInCSVReader.outcome(reader: r, status: status, errorCode: errorCode)
            var evidence = ExportDate.OrderEvidence.noOrder
            let t = r.withBytes(at: time) { ExportDate.parse(bytes: $0, order: dateOrder, evidence: &evidence) }
            if t != nil, evidence != .noOrder { odd.dates.add(evidence, line: r.recordLine, value: r.string(at: time) ?? "") }
            if t == nil, !r.isEmpty(at: time) {
                if odd.badTimes == 0 {
                    odd.firstBadTimeLine = r.recordLine
                    odd.firstBadTime = r.string(at: time) ?? ""
                }
                odd.badTimes += 1
            }
            var reasonId: Int32? = nil
            if outcome != .success, let reason, !r.isEmpty(at: reason) || errorCode != nil {
                reasonId = acc.reasons.intern(SignInAccumulator.reasonText(code: errorCode.map(String.init), reason: r.string(at: reason)))
            }
            r.withBytes(at: user) { u in
                r.withBytes(at: app) { a in
                    r.withBytes(at: ip) { i in
                        acc.add(user: u, app: a, ip: i, outcome: outcome, time: t, reason: reasonId)
                    }
                }
            }
            if acc.rows & 0xFFFF == 0 { progress?() }
        }
        return odd
    }

    static func outcome(reader r: CSVStreamReader, status: Int?, errorCode: Int?) -> SignInEvent.Outcome {
        if let status {
            let fromStatus: SignInEvent.Outcome? = r.withBytes(at: status) { b in
                guard let first = b.first else { return nil }
                switch first | 0x20 {
                case UInt8(ascii: "s"): return equalsIgnoringCase(b, "success") ? .success : nil
                case UInt8(ascii: "f"): return equalsIgnoringCase(b, "failure") ? .failure : nil
                case UInt8(ascii: "i"): return equalsIgnoringCase(b, "interrupted") ? .interrupted : nil
                default: return nil
                }
            }
            if let fromStatus { return fromStatus }
        }
        if let errorCode { return errorCode == 0 ? .success : .failure }
        return .unknown
    }

    static func equalsIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for i in 0..<b.count where b[i] | 0x20 != p[i] { return false }
        return true
    }

    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var v = 0
        var digits = 0
        var negative = false
        for (i, c) in b.enumerated() {
            if i == 0, c == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard c >= 0x30, c <= 0x39, digits < 18 else { return nil }
            v = v * 10 + Int(c - 0x30)
            digits += 1
        }
        return digits == 0 ? nil : (negative ? -v : v)
    }
}
