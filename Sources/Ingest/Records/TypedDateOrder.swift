import AuthShiftCore
import Foundation

/// Decides, before any row is read, the day/month order of a people-written file
/// (`exceptions.csv`, `inventory.csv`) from all its typed dates: a row whose date can only
/// be read one way settles it for the whole file; otherwise `--date-order`; otherwise a
/// date that could be read either way is an error (see `TypedDate`).
enum TypedDateOrder {
    /// The typed-date columns of each people-written kind.
    static func fields(of kind: ExportKind) -> [String] {
        switch kind {
        case .exceptions: return ["expires"]
        case .inventory: return ["cutover_date"]
        default: return []
        }
    }

    struct Decision {
        var order: DayMonthOrder?
        var notes: [DateOrderNote]
    }

    static func decide(_ records: [ExportRecord], fields: [String], option: DayMonthOrder?) throws -> Decision {
        var proof: [DayMonthOrder: (line: Int, field: String, value: String)] = [:]
        var firstAmbiguous: (record: ExportRecord, field: String, value: String, reading: TypedDate.Reading)?
        var ambiguous: [String: Int] = [:]
        for r in records {
            for field in fields {
                guard let text = r.string(field) else { continue }
                let reading: TypedDate.Reading
                do { reading = try TypedDate.read(text) } catch {
                    throw IngestError(.badValue, file: r.file, line: r.line, field: r.columnName([field]), error.message)
                }
                if case .numeric = reading {
                    ambiguous[field, default: 0] += 1
                    if firstAmbiguous == nil { firstAmbiguous = (r, field, text, reading) }
                } else if let order = provenOrder(text) {
                    if let other = proof[order == .dmy ? .mdy : .dmy] {
                        throw IngestError(
                            .badValue, file: r.file, line: r.line, field: r.columnName([field]),
                            "\"\(text)\" is \(order), but line \(other.line) (\"\(other.value)\") is \(order == .dmy ? DayMonthOrder.mdy : .dmy); write every date in this file as YYYY-MM-DD"
                        )
                    }
                    if proof[order] == nil { proof[order] = (r.line, field, text) }
                }
            }
        }
        if let found = proof.first {
            let (order, sample) = (found.key, found.value)
            if let option, option != order {
                throw IngestError(
                    .badValue, file: records.first?.file ?? "", line: sample.line, field: sample.field,
                    "\"\(sample.value)\" can only be \(order), but --date-order \(option.rawValue) was given; write the dates as YYYY-MM-DD or change --date-order"
                )
            }
            let notes = fields.filter { ambiguous[$0, default: 0] > 0 || $0 == sample.field }.map {
                DateOrderNote(
                    column: $0, order: order, basis: .proven, evidence: "line \(sample.line) (\"\(sample.value)\")",
                    ambiguousValues: ambiguous[$0, default: 0])
            }
            return Decision(order: order, notes: notes)
        }
        if let first = firstAmbiguous {
            guard let option else {
                do { _ = try TypedDate.day(first.reading, order: nil, raw: first.value) } catch {
                    throw IngestError(
                        .badValue, file: first.record.file, line: first.record.line, field: first.record.columnName([first.field]),
                        error.message)
                }
                return Decision(order: nil, notes: [])
            }
            return Decision(
                order: option,
                notes: fields.filter { ambiguous[$0, default: 0] > 0 }.map {
                    DateOrderNote(column: $0, order: option, basis: .option, evidence: nil, ambiguousValues: ambiguous[$0, default: 0])
                })
        }
        return Decision(order: option, notes: [])
    }

    /// The order a typed numeric date proves by itself (a number above 12), nil for ISO, serials and ambiguous ones.
    static func provenOrder(_ text: String) -> DayMonthOrder? {
        let date = text.trimmingCharacters(in: .whitespaces).prefix { $0 != " " }
        guard let separator = date.first(where: { !($0.isASCII && $0.isNumber) }), "/.-".contains(separator) else { return nil }
        let parts = date.split(separator: separator)
        guard parts.count == 3, parts[0].count <= 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return DayMonthOrder.proven(first: a, second: b)
    }
}
