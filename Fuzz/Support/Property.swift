// Shared by every fuzz target (compiled into each by Fuzz/run.sh).
#if canImport(Glibc)
import Glibc
#endif

/// Stops the run with a message when a property does not hold. libFuzzer treats the trap as a
/// finding and saves the input under Fuzz/build/findings/.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property violated: \(message())") }
}

/// Writes `bytes` to a per-process scratch file in memory-backed storage and returns its path,
/// for readers that take a file.
func scratchFile(_ bytes: UnsafeBufferPointer<UInt8>, suffix: String = "") -> String {
    let path = "/dev/shm/authshift-fuzz-\(getpid())\(suffix)"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot write the scratch file \(path)")
    var written = 0
    while written < bytes.count {
        let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
        precondition(n > 0, "cannot write the scratch file \(path)")
        written += n
    }
    close(fd)
    return path
}

/// Reads a fuzz target's switch from the environment ("1" turns it on).
func environmentFlag(_ name: String) -> Bool {
    guard let value = getenv(name) else { return false }
    return String(cString: value) == "1"
}
