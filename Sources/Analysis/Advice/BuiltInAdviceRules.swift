import AuthShiftCore

/// Every advice rule, in the order they are tried. The first that applies decides.
public enum BuiltInAdviceRules {
    public static let all: [any AdviceRule.Type] = [
        AlreadyOnOAuthRule.self,
        RetireRule.self,
        OAuthCapableRule.self,
        InternalHighVolumeRule.self,
        ExternalApplicationRule.self,
        StaticIPRelayRule.self,
        InternalDeviceDirectSendRule.self,
        LocalBridgeRule.self,
        ProvisionalDefaultRule.self,
    ]

    public static func recommend(_ facts: SenderFacts) -> Recommendation {
        for rule in all {
            if rule.id == ProvisionalDefaultRule.id { break }
            if let r = rule.recommendation(for: facts) { return r }
        }
        return ProvisionalDefaultRule.recommendation(for: facts)!
    }
}
