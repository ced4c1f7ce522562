import Analysis
import AuthShiftCore
import Ingest

/// Turns the register, the exception register and the raw mailbox values into the
/// `ChangeSet` the plan's scripts act on.
public enum ChangeSetBuilder {
    public static func build(snapshot: TenantSnapshot, register: Register, checker: ExceptionChecker, generatedAt: String) -> ChangeSet {
        var raw: [String: ExportedBool] = [:]
        for m in snapshot.casMailboxes where raw[m.address] == nil {
            raw[m.address] = m.smtpClientAuthenticationDisabled
        }
        /// A mailbox not in the export is as unknown as one without the column.
        func previous(_ mailbox: String) -> ExportedBool { raw[mailbox] ?? .missingColumn }
        let valid = snapshot.exceptions.filter(checker.isValid)
        let expired = snapshot.exceptions.filter { checker.status($0) == .expired }
        let validSet = Set(valid.map(\.mailbox))
        func reason(_ e: ExceptionEntry) -> String {
            "exception \(e.ticket ?? "without ticket") for \(e.system ?? "unnamed system"), expires \(e.expires?.description ?? "?") (\(e.location))"
        }
        let users = Dictionary(snapshot.users.map { ($0.userPrincipalName, $0) }, uniquingKeysWith: { a, _ in a })
        let shadow = snapshot.casMailboxes.filter { $0.smtpClientAuthenticationDisabled == .value(false) && !validSet.contains($0.address) }
        return ChangeSet(
            generatedBy: register.generatedBy, generatedAt: generatedAt, inputs: register.inputs,
            tenantDisabled: register.tenant.smtpClientAuthenticationDisabled,
            exceptionMailboxes: valid.map { .init(mailbox: $0.mailbox, target: false, previous: previous($0.mailbox), reason: reason($0)) },
            expiredMailboxes: expired.map { .init(mailbox: $0.mailbox, target: nil, previous: previous($0.mailbox), reason: reason($0)) },
            shadowMailboxes: shadow.map {
                .init(
                    mailbox: $0.address, target: nil, previous: .value(false),
                    reason: "SmtpClientAuthenticationDisabled False without a valid exception (\($0.location))")
            },
            temporaryPolicyUsers: valid.map {
                (user: $0.mailbox, previousPolicy: users[$0.mailbox]?.authenticationPolicy, reason: reason($0))
            })
    }
}
