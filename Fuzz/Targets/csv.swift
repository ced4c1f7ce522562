// libFuzzer target: the CSV reader, built and run by Fuzz/run.sh (not part of SwiftPM).
//
// The input is a file. Besides "no crash, no trap" through ExportFileReader (encoding
// sniffing, CSV parsing, detection, every reader, the sign-in path), these must hold:
// - chunking does not matter: CSVStreamReader with a 64-byte buffer and with a 1 MiB buffer
//   gives the same records and fields, and fails on the same inputs;
// - for a UTF-8 file the reader accepts, the fields re-joined (delimiter between fields,
//   quotes around the quoted ones, raw bytes) are the input's records byte for byte, with only
//   line breaks (and the #TYPE line) between them: nothing is lost, added or moved;
// - a field's text is its raw bytes, with `""` read as `"` inside quotes.
import Ingest

struct Field: Equatable {
    var raw: [UInt8]
    var quoted: Bool
    var text: String
}

struct Reading: Equatable {
    var encoding: SourceEncoding?
    var typeName: String?
    var delimiter: UInt8 = 0
    var records: [[Field]] = []
    var failed = false
}

func read(_ path: String, chunkSize: Int) -> Reading {
    var reading = Reading()
    guard let reader = try? CSVStreamReader(path: path, chunkSize: chunkSize) else {
        reading.failed = true
        return reading
    }
    reading.encoding = reader.source.encoding
    do {
        if try reader.readHeader() {
            reading.records.append(fields(of: reader))
            while reading.records.count < 100_000, try reader.nextRecord() { reading.records.append(fields(of: reader)) }
        }
    } catch {
        reading.failed = true
    }
    reading.typeName = reader.typeName
    reading.delimiter = reader.delimiter
    return reading
}

func fields(of reader: CSVStreamReader) -> [Field] {
    (0..<reader.fieldCount).map { i in
        let raw = reader.withBytes(at: i) { Array($0) }
        let quoted = reader.isQuoted(at: i)
        let text = reader.string(at: i) ?? ""
        var unescaped: [UInt8] = []
        var k = 0
        while k < raw.count {
            unescaped.append(raw[k])
            k += quoted && raw[k] == 0x22 && k + 1 < raw.count && raw[k + 1] == 0x22 ? 2 : 1
        }
        require(text == String(decoding: unescaped, as: UTF8.self), "field \(i) reads as \(text.debugDescription), its bytes say otherwise")
        return Field(raw: raw, quoted: quoted, text: text)
    }
}

/// Checks that `reading`'s records, re-joined, are `input` with only line breaks between them.
func checkRejoined(_ reading: Reading, input: [UInt8]) {
    let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, quote: UInt8 = 0x22
    var pos = 0
    func skipLineBreaks() { while pos < input.count, input[pos] == cr || input[pos] == lf { pos += 1 } }
    if reading.typeName != nil {
        require(input.starts(with: Array("#TYPE".utf8)), "a type name was read from a file that has no #TYPE line")
        while pos < input.count, input[pos] != cr, input[pos] != lf { pos += 1 }
    }
    for (n, record) in reading.records.enumerated() {
        skipLineBreaks()
        var text: [UInt8] = []
        for (i, field) in record.enumerated() {
            if i > 0 { text.append(reading.delimiter) }
            if field.quoted { text.append(quote) }
            text += field.raw
            if field.quoted { text.append(quote) }
        }
        let found = Array(input[pos..<min(input.count, pos + text.count)])
        require(found == text, "record \(n + 1) re-joined is \(String(decoding: text, as: UTF8.self).debugDescription), the input has \(String(decoding: found, as: UTF8.self).debugDescription)")
        pos += text.count
        require(pos == input.count || input[pos] == cr || input[pos] == lf, "record \(n + 1) ends before its line does")
    }
    skipLineBreaks()
    require(pos == input.count, "bytes after the last record were not read: \(String(decoding: input[pos...], as: UTF8.self).debugDescription)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let path = scratchFile(bytes)
    _ = ExportFileReader.read(path: path, displayPath: "fuzz", tuning: .init(threads: 2, minimumSplitBytes: 256))

    let small = read(path, chunkSize: 64)
    let large = read(path, chunkSize: 1 << 20)
    require(small == large, "a 64-byte buffer and a 1 MiB buffer read different records (or only one failed)")
    if !large.failed, large.encoding == .utf8, large.records.count < 100_000 {
        checkRejoined(large, input: Array(bytes))
    }
    return 0
}
