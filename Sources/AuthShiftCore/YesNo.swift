/// The one way every output shows a three-state answer (SMTP AUTH enabled, Basic allowed):
/// `yes`, `no`, or `unknown` when the exports cannot decide it.
public enum YesNo {
    public static func text(_ value: Bool?) -> String {
        switch value {
        case true?: return "yes"
        case false?: return "no"
        case nil: return "unknown"
        }
    }
}
