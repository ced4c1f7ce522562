import Foundation

struct TemporaryFolderForAnalysis {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-analysis-\(UUID().uuidString)")
    var path: String { url.path }

    init() { try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func write(_ name: String, _ text: String) {
        try! text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}
