import AuthShiftCore
import Ingest

/// 9. Direct send is used only for internal recipient scenarios (CIS 6.5.5: Direct Send rejected
/// where not needed); a direct-send recommendation next to RejectDirectSend = True is pointed out.
public enum DirectSendInternalItem: ChecklistItem {
    public static let number = 9
    public static let title = "Direct send is used only for internal recipient scenarios"
    public static let controls = ["CIS 6.5.5"]
    public static let required = true
    public static var examples: [ChecklistExample] {
        [ChecklistExample(.pass, .example())]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        let senders = facts.register.senders
        let directExternal = senders.filter {
            $0.recommendation.path == .directSend && ($0.recipients == .external || $0.recipients == .mixed)
        }
        let rejectDirectSend = facts.snapshot.organizationConfigs.first?.rejectDirectSend
        var evidence = directExternal.map { "\($0.sender) sends to external recipients" }
        if let reject = rejectDirectSend?.bool { evidence.append("Get-OrganizationConfig RejectDirectSend = \(reject ? "True" : "False")") }
        let directSenders = senders.filter { $0.recommendation.path == .directSend }
        if rejectDirectSend?.bool == true && !directSenders.isEmpty {
            evidence.append("\(directSenders.count) sender(s) are recommended direct send, which RejectDirectSend blocks: choose one")
        }
        return directExternal.isEmpty
            ? ChecklistOutcome(.pass, "no direct-send sender mails external recipients", evidence: evidence)
            : ChecklistOutcome(.fail, "\(directExternal.count) direct-send sender(s) mail external recipients", evidence: evidence)
    }
}
