import Foundation
import TestSupport

/// The CLI tests run the built `authshift` through TestSupport's one runner.
typealias CLI = AuthShiftBinary
typealias CLIResult = AuthShiftBinary.Result

/// A fresh temporary folder.
func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
