import AuthShiftCore
import Ingest

/// Classifies a sender's recipients as internal, external or mixed from the message
/// trace, against the tenant's accepted domains (Get-AcceptedDomain). Internal means every
/// recipient's domain is an accepted domain (or a subdomain of one).
struct RecipientClassifier {
    let acceptedDomains: Set<String>
    let recipientsBySender: [String: Set<String>]
    let available: Bool

    init(snapshot: TenantSnapshot) {
        acceptedDomains = Set(snapshot.acceptedDomains.map(\.domainName))
        var bySender: [String: Set<String>] = [:]
        for m in snapshot.messageTrace { bySender[m.sender, default: []].insert(m.recipient) }
        recipientsBySender = bySender
        available = snapshot.has(.messageTrace) && snapshot.has(.acceptedDomain)
    }

    func isInternal(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        var domain = Substring(address[address.index(after: at)...])
        while true {
            if acceptedDomains.contains(String(domain)) { return true }
            guard let dot = domain.firstIndex(of: ".") else { return false }
            domain = domain[domain.index(after: dot)...]
        }
    }

    /// The classification and the evidence sentence.
    func classify(_ sender: String) -> (SenderRow.Recipients, String?) {
        guard available else { return (.unknown, nil) }
        guard let recipients = recipientsBySender[sender], !recipients.isEmpty else {
            return (.unknown, "no messages from it in the message trace window")
        }
        let internalCount = recipients.filter(isInternal).count
        let text = "\(recipients.count) distinct recipient(s) in the message trace, \(internalCount) internal"
        if internalCount == recipients.count { return (.internal, text) }
        if internalCount == 0 { return (.external, text) }
        return (.mixed, text)
    }
}
