import AuthShiftCore
import Foundation

/// Writes `register.json` piece by piece: the top-level members in sorted order, and the
/// large arrays one element per line, so a tenant with a hundred thousand mailboxes is not
/// encoded into one buffer. The result parses to the same value as `JSONOutput.encode`.
public enum RegisterJSON {
    public static func write(_ r: Register, emit: (Data) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func value<T: Encodable>(_ v: T) throws -> Data { try encoder.encode(v) }
        // A collection, not an array: the mailbox rows are evaluated one at a time as they are
        // written (MailboxRows), so only the pending megabyte is held.
        func array<C: Collection>(_ items: C) throws where C.Element: Encodable {
            let count = items.count
            if count == 0 {
                try emit(Data("[]".utf8))
                return
            }
            try emit(Data("[\n".utf8))
            var pending = Data()
            for (i, item) in items.enumerated() {
                pending.append(contentsOf: "    ".utf8)
                pending.append(try encoder.encode(item))
                pending.append(contentsOf: (i + 1 < count ? ",\n" : "\n").utf8)
                if pending.count > 1 << 20 {
                    try emit(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try emit(pending)
            try emit(Data("  ]".utf8))
        }
        // Members in the order JSONEncoder's .sortedKeys gives them.
        // Every key, `null` where there is nothing (no exception register, no --scripts), as
        // Register.CodingKeys promises.
        let keys = [
            "appCredentials", "asOf", "assumption", "automation", "defaultChangeDate", "exceptions", "generatedBy", "inputs", "mailboxes",
            "schema",
            "scripts", "senders", "tenant", "timeline", "unknowns",
        ]
        try emit(Data("{\n".utf8))
        for (i, key) in keys.enumerated() {
            try emit(Data("  \"\(key)\" : ".utf8))
            switch key {
            case "appCredentials":
                if let credentials = r.appCredentials { try array(credentials) } else { try emit(Data("null".utf8)) }
            case "asOf": try emit(value(r.asOf))
            case "assumption": try emit(value(r.assumption))
            case "automation": try array(r.automation)
            case "defaultChangeDate": try emit(value(r.defaultChangeDate))
            case "exceptions": if let exceptions = r.exceptions { try array(exceptions) } else { try emit(Data("null".utf8)) }
            case "generatedBy": try emit(value(r.generatedBy))
            case "inputs": try array(r.inputs)
            case "mailboxes": try array(r.mailboxes)
            case "schema": try emit(value(r.schema))
            case "scripts": if let scripts = r.scripts { try array(scripts) } else { try emit(Data("null".utf8)) }
            case "senders": try array(r.senders)
            case "tenant": try emit(value(r.tenant))
            case "timeline": try emit(value(r.timeline))
            default: try array(r.unknowns)
            }
            try emit(Data((i + 1 < keys.count ? ",\n" : "\n").utf8))
        }
        try emit(Data("}\n".utf8))
    }
}
