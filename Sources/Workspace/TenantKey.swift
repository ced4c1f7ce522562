import AuthShiftCore

/// The key every workspace row is filed under: the name given with `--tenant`, else the
/// tenant's initial domain (`NAME.onmicrosoft.com`, which every tenant has and never changes)
/// from the accepted domains export, else its first accepted domain, else `default`.
public enum TenantKey {
    public static func resolve(explicit: String?, register: Register) -> String {
        if let explicit, !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return explicit.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let domains = register.tenant.acceptedDomains.map { $0.lowercased() }
        if let initial = domains.first(where: { $0.hasSuffix(".onmicrosoft.com") && !$0.hasSuffix(".mail.onmicrosoft.com") }) {
            return initial
        }
        return domains.sorted().first ?? "default"
    }
}
