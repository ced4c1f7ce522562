import Workspace

/// The URL of one sender's page: address, system and tenant together name one stored sender.
enum SenderLink {
    static func href(_ s: SenderSummary) -> String {
        "/sender" + QueryString.make([("address", s.sender), ("system", s.system), ("tenant", s.tenant)])
    }
}
