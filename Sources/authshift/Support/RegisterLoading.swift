import AuthShiftCore
import Reports

/// Reads a register.json for a command (`diff`, `workspace import`): the error names the file
/// and what is wrong, and becomes the exit status `RegisterFile` gives it.
enum RegisterLoading {
    static func load(_ path: String) throws -> Register {
        do {
            return try RegisterFile.read(path)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitMapping.exit(error.status)
        }
    }
}
