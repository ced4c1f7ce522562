import AuthShiftCore
import Foundation

/// One field a person sets on a sender. Values are checked here, once, for the CLI, the
/// inventory import and the dashboard alike; `nil` clears the field.
public struct SenderEdit: Sendable, Equatable {
    public var field: SenderField
    public var value: String?

    /// Checks and normalises a value: a path must be one of authshift's migration paths, a
    /// cutover date a real `YYYY-MM-DD` day, a state one that people may set.
    public init(_ field: SenderField, _ value: String?, file: String = "command line") throws {
        self.field = field
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let text = trimmed, !text.isEmpty else {
            if field == .state { throw WorkspaceError(.badValue, file: file, field: field.rawValue, "a state cannot be cleared") }
            self.value = nil
            return
        }
        // A control character (NUL above all: SQLite's C strings end there, silently cutting the
        // value) has no place in an owner, ticket or note; tab and line breaks in a note do.
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !"\t\r\n".unicodeScalars.contains($0) }
        ) {
            throw WorkspaceError(
                .badValue, file: file, field: field.rawValue,
                "holds the control character U+\(String(format: "%04X", bad.value)); type the value without it")
        }
        switch field {
        case .path:
            guard MigrationPath(rawValue: text) != nil else {
                throw WorkspaceError(
                    .badValue, file: file, field: field.rawValue,
                    "\"\(text)\" is not a migration path; use one of \(MigrationPath.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        case .cutoverDate:
            guard CalendarDay(iso: text) != nil else {
                throw WorkspaceError(.badValue, file: file, field: field.rawValue, "\"\(text)\" is not a date like 2026-12-15")
            }
        case .state:
            guard let state = LifecycleState(rawValue: text) else {
                throw WorkspaceError(
                    .badValue, file: file, field: field.rawValue,
                    "\"\(text)\" is not a lifecycle state; use one of "
                        + "\(LifecycleState.allCases.filter(\.isManual).map(\.rawValue).joined(separator: ", "))"
                )
            }
            guard state.isManual else {
                throw WorkspaceError(
                    .badValue, file: file, field: field.rawValue,
                    "\(state.rawValue) is set by the evidence of later runs, not by hand")
            }
        case .owner, .ticket, .note:
            break
        }
        self.value = text
    }
}

/// Who made an edit and on which day it took effect.
public struct EditAuthor: Sendable, Equatable {
    public var name: String
    /// When the edit is recorded.
    public var at: Timestamp
    /// The day the change happened (a cut-over done last week): starts the verification period.
    public var effectiveDay: CalendarDay

    public init(name: String, at: Timestamp, effectiveDay: CalendarDay? = nil) {
        self.name = name
        self.at = at
        self.effectiveDay = effectiveDay ?? at.day
    }
}
