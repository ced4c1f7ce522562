import AuthShiftCore
import Testing

@testable import Reports

/// inventory-todo.csv leaves the system column empty for a sender the inventory does not name
/// yet, decided by the register's typed fact, not by how the system's text begins.
@Suite struct InventoryTodoTests {
    static func systemColumn(system: String, inInventory: Bool) throws -> String {
        var sender = JSONKeysTests.unknownSender
        sender.system = system
        sender.systemInInventory = inInventory
        var register = JSONKeysTests.register
        register.senders = [sender]
        let lines = InventoryTodo.render(register).split(whereSeparator: \.isNewline)
        try #require(lines.count == 2)
        return String(lines[1].split(separator: ",", omittingEmptySubsequences: false)[1])
    }

    @Test func anUnidentifiedSystemIsLeftForTheAdminsToName() throws {
        #expect(try Self.systemColumn(system: "unidentified system at 203.0.113.7", inInventory: false) == "")
    }

    @Test func anInventoryNameIsKeptWhateverItsWords() throws {
        #expect(try Self.systemColumn(system: "Scanner 3F", inInventory: true) == "Scanner 3F")
        #expect(try Self.systemColumn(system: "unidentified system lab rack", inInventory: true) == "unidentified system lab rack")
    }
}
