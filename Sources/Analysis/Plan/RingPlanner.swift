import AuthShiftCore
import Ingest

/// Assigns every register row and automation item to a cutover ring and evaluates each
/// ring's exit criteria from the data.
///
/// Source: migration guide, "Cutover Plan". Evaluation:
/// - Discovery: every observed sender has an owner or a retire decision.
/// - Pilot, Internal high volume, External applications: no member still authenticates
///   with Basic (the replacement is in use: the report shows OAuth, or no Basic sign-ins).
/// - PowerShell automation: no account signs in with the Exchange Online PowerShell legacy
///   client.
/// - Enforcement: the tenant's SmtpClientAuthenticationDisabled is True, and every sender
///   still on Basic has a valid (complete, unexpired) exception.
public enum RingPlanner {
    public static func assignRings(_ register: inout Register, inventory: [InventoryEntry]) {
        var overrides: [String: Ring] = [:]
        for item in inventory {
            if let text = item.ring, let ring = Ring(inventory: text) { overrides[item.sender + "\u{0}" + (item.system ?? "")] = ring }
        }
        for i in register.senders.indices {
            let s = register.senders[i]
            register.senders[i].ring = (overrides[s.sender + "\u{0}" + s.system] ?? Ring.assign(s)).rawValue
        }
        for i in register.automation.indices { register.automation[i].ring = Ring.powershellAutomation.rawValue }
    }

    public static func evaluate(_ register: Register, validExceptions: Set<String>) -> [RingStatus] {
        Ring.allCases.map { ring in
            let members = register.senders.filter { $0.ring == ring.rawValue }
            var blockers: [String] = []
            var names = members.map { "\($0.sender) (\($0.system))" }
            switch ring {
            case .discovery:
                let unowned = register.senders.filter { ($0.owner ?? "").isEmpty && $0.recommendation.path != .retire }
                blockers = unowned.map { "\($0.sender) (\($0.system)) has no owner and no retire decision" }
            case .pilot, .internalHighVolume, .externalApplications:
                for m in members where m.currentAuth == .basic || m.currentAuth == .mixed {
                    blockers.append(
                        "\(m.sender) (\(m.system)) still authenticates with Basic; move it to \(m.recommendation.path.rawValue)")
                }
            case .powershellAutomation:
                names = register.automation.map(\.account) + (register.scripts ?? []).map(\.script)
                blockers = register.automation.map {
                    "\($0.account) signs in with the Exchange Online PowerShell legacy client (\($0.signIns.successes) successful sign-ins)"
                }
                for script in register.scripts ?? [] where script.currentAuth.blocksAutomationRing {
                    blockers.append("\(script.script) signs in with \(script.currentAuth.rawValue); replace with \(script.replacement)")
                }
            case .enforcement:
                names = register.senders.filter { $0.currentAuth == .basic || $0.currentAuth == .mixed }.map(\.sender)
                switch register.tenant.smtpClientAuthenticationDisabled {
                case .value(true)?: break
                case nil: blockers.append("the tenant's SmtpClientAuthenticationDisabled is unknown (export Get-TransportConfig)")
                case let value?: blockers.append("the tenant's SmtpClientAuthenticationDisabled is \(value.display), not True")
                }
                var seen = Set<String>()
                for s in register.senders
                where (s.currentAuth == .basic || s.currentAuth == .mixed) && s.recommendation.path != .retire
                    && !validExceptions.contains(s.sender) && seen.insert(s.sender).inserted
                {
                    blockers.append("\(s.sender) still uses Basic and has no valid exception")
                }
            }
            return RingStatus(
                ring: ring.rawValue, title: ring.title, exitCriteria: ring.exitCriteria, members: names,
                ready: blockers.isEmpty, blockers: blockers)
        }
    }
}
