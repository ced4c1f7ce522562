import AuthShiftCore
import Foundation
import Testing

@testable import Analysis

/// Runs every prevention checklist item's own examples (as the advice rules' are), and checks the
/// list: sixteen items in the guide's order, every file in Plan/Checklist/ registered.
@Suite struct ChecklistItemTests {
    struct ItemCase: CustomTestStringConvertible, Sendable {
        let item: any ChecklistItem.Type
        var testDescription: String { "\(item.number) \(item.title)" }
    }

    static let items = PreventionChecklist.items.map(ItemCase.init)

    @Test(arguments: items)
    func examplesGiveTheirStatus(c: ItemCase) {
        #expect(!c.item.examples.isEmpty)
        for example in c.item.examples {
            let result = c.item.result(example.facts)
            #expect(result.status == example.status, "\(result.message)")
            #expect(result.check == String(format: "checklist-%02d", c.item.number) && !result.message.isEmpty)
            if result.status == .unknown { #expect(result.decidedBy != nil, "an unknown item says what would decide it") }
        }
    }

    @Test func sixteenItemsInTheGuidesOrderEveryFileRegistered() throws {
        #expect(PreventionChecklist.items.map { $0.number } == Array(1...16))
        let folder = #filePath.components(separatedBy: "/Tests/")[0] + "/Sources/Analysis/Plan/Checklist"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".swift") && $0 != "ChecklistItem.swift"
        }
        #expect(Set(files.map { String($0.dropLast(6)) }) == Set(PreventionChecklist.items.map { String(describing: $0) }))
        // 13 is required since app registrations decide it: an expired sending credential stops mail.
        #expect(PreventionChecklist.items.filter { $0.required }.map { $0.number } == [1, 2, 9, 10, 12, 13, 15])
    }
}
