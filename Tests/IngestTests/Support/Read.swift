@testable import Ingest

/// Reads one fixture file through the public entry point and returns what it found.
func readFile(_ path: String, tuning: ExportFileReader.Tuning = .init(threads: 1, minimumSplitBytes: 1 << 40)) -> (
    InspectedFile, TenantSnapshot
) {
    let result = ExportFileReader.read(path: path, displayPath: path, tuning: tuning)
    return (result.file, result.snapshot ?? TenantSnapshot())
}
