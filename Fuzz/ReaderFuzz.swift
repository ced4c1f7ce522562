// libFuzzer target for authshift's readers, built by Fuzz/run.sh (not part of SwiftPM).
//
// AUTHSHIFT_FUZZ_TARGET selects what the input feeds:
//   csv  - the input as a file through ExportFileReader (encoding sniffing, CSV parsing,
//          detection, every reader, the sign-in path) and CSVStreamReader with a tiny buffer
//   json - JSONParser on the bytes, and the input as a file through ExportFileReader
//   date - ExportDate on the bytes
//   scan - the PowerShell tokenizer, command parser, script context and every scan rule,
//          and the code and configuration rules for every language
// Any crash, trap or sanitizer report is a finding; errors thrown by the readers are fine.
import AuthShiftCore
import Foundation
import Ingest
import Scan

let target = ProcessInfo.processInfo.environment["AUTHSHIFT_FUZZ_TARGET"] ?? "csv"
let scratch = "/dev/shm/authshift-fuzz-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch target {
    case "date":
        _ = ExportDate.parse(bytes: bytes)
    case "scan":
        _ = PowerShellScanner.scan(bytes: Array(bytes), file: "fuzz.ps1")
        for language in [SourceLanguage.csharp, .python, .javascript, .php, .java, .go, .visualBasic, .xmlConfig, .jsonConfig, .dotenv, .yaml, .ini] {
            for rule in BuiltInScanRules.fileRules { _ = rule.check(bytes: Array(bytes), language: language) }
        }
    case "json":
        _ = try? JSONParser.parseDocument(Array(bytes))
        readAsFile(bytes)
    default:
        readAsFile(bytes)
        if let reader = try? CSVStreamReader(path: scratch, chunkSize: 64) {
            _ = try? reader.readHeader()
            var n = 0
            while (try? reader.nextRecord()) == true, n < 10_000 {
                for i in 0..<reader.fieldCount { _ = reader.string(at: i) }
                n += 1
            }
        }
    }
    return 0
}

func readAsFile(_ bytes: UnsafeBufferPointer<UInt8>) {
    _ = FileManager.default.createFile(atPath: scratch, contents: Data(buffer: bytes))
    _ = ExportFileReader.read(path: scratch, displayPath: "fuzz", tuning: .init(threads: 2, minimumSplitBytes: 256))
}
