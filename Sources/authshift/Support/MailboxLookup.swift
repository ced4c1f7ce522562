import AuthShiftCore

/// What the exports folder says about one mailbox (its effective SMTP AUTH state and why), for
/// `explain` and `probe`.
enum MailboxLookup {
    static func find(_ mailbox: String, in exports: String) throws -> MailboxRow? {
        let input = try ExportInputOptions.parse([exports, "--keep-going"])
        let run = try AssessmentRun(input: input, assessment: try AssessmentOptions.parse([]), hashInputs: false)
        return run.register.mailboxes.first { $0.address == mailbox.lowercased() }
    }
}
