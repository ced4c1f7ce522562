import AuthShiftCore

/// No owner and no recent use: retire the workflow rather than migrate it.
/// Source: migration guide, "Where a device cannot support OAuth: ... Retire the workflow
/// if nobody owns it", and the cutover plan's Discovery exit ("every observed sender has an
/// owner or retirement decision").
public enum RetireRule: AdviceRule {
    public static let id = "retire-unowned-unused"
    public static let path = MigrationPath.retire
    public static let source = References.migrationOptions
    public static let watchPoints = [
        "Confirm with the people who received its mail before switching it off.",
        "Then set the mailbox's SmtpClientAuthenticationDisabled to True (or back to inherit a disabled tenant).",
    ]
    public static let triggeringExamples = [
        SenderFacts.example {
            $0.owner = nil
            $0.usedRecently = false
        }
    ]
    public static let nonTriggeringExamples = [
        SenderFacts.example {
            $0.owner = nil
            $0.usedRecently = true
        },
        SenderFacts.example {
            $0.owner = "Facilities"
            $0.usedRecently = false
        },
    ]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard (f.owner ?? "").isEmpty, !f.usedRecently else { return nil }
        var why = ["No owner is recorded in the inventory."]
        if let last = f.lastUse {
            why.append("Last attempt \(last.day), longer ago than the recent-use window.")
        } else {
            why.append("No sign-in attempt in the exports.")
        }
        if f.messages == 0 { why.append("The SMTP AUTH clients report shows 0 messages.") }
        return why
    }
}
