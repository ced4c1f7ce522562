import Foundation

/// The folder `--out` names. authshift writes into a folder it created or wrote before
/// (marked by `.authshift-output`); an existing folder with other content is refused
/// unless `--force`, so nothing the user keeps there is overwritten without asking.
struct OutputFolder {
    static let marker = ".authshift-output"
    let url: URL

    init(path: String, force: Bool) throws {
        url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError("\(path) exists and is not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            if !contents.isEmpty && !contents.contains(OutputFolder.marker) && !force {
                throw OutputError("\(path) already has files that authshift did not write; choose another --out or add --force")
            }
        } else {
            do { try fm.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw OutputError("cannot create \(path): \(error.localizedDescription)")
            }
        }
        try write(OutputFolder.marker, "This folder holds authshift outputs; authshift may replace its files when run again.\n")
    }

    /// Writes atomically (a temporary file renamed into place).
    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        do { try data.write(to: url.appendingPathComponent(name), options: .atomic) } catch {
            throw OutputError("cannot write \(url.appendingPathComponent(name).path): \(error.localizedDescription)")
        }
    }

    /// Writes a large file in pieces into a temporary name, then renames it into place.
    func writeStreaming(_ name: String, _ body: ((Data) throws -> Void) throws -> Void) throws {
        let final = url.appendingPathComponent(name)
        let temporary = url.appendingPathComponent(".\(name).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw OutputError("cannot write \(temporary.path)")
        }
        do {
            try body { try handle.write(contentsOf: $0) }
            try handle.close()
            _ = try? FileManager.default.removeItem(at: final)
            try FileManager.default.moveItem(at: temporary, to: final)
        } catch let error as OutputError {
            try? handle.close()
            throw error
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError("cannot write \(final.path): \(error.localizedDescription)")
        }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

struct OutputError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
