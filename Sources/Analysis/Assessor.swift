import AuthShiftCore
import Ingest

/// `assess`: from a snapshot to the register (senders, mailboxes, automation, unknowns).
public enum Assessor {
    /// - Parameters:
    ///   - files: the files read; those with a kind and no error become the register's inputs.
    ///   - digests: SHA-256 of each input by path, computed by whoever read the bytes (none: `sha256` is null).
    public static func assess(_ snapshot: TenantSnapshot, files: [InspectedFile], digests: [String: String] = [:], options: AssessOptions)
        -> Register
    {
        let index = TenantIndex(snapshot)
        let evaluator = EffectiveStateEvaluator(index: index)
        let senders = SenderRegisterBuilder(snapshot: snapshot, evaluator: evaluator, options: options).build()
        let mailboxes = mailboxRows(index: index, evaluator: evaluator, senders: senders)
        let automation = AutomationFinder.find(in: snapshot.signIns)
        let tenant = TenantSettings(
            smtpClientAuthenticationDisabled: index.transport.map(\.smtpClientAuthenticationDisabled),
            defaultAuthenticationPolicy: index.organization?.defaultAuthenticationPolicy,
            securityDefaultsEnabled: index.securityDefaults?.isEnabled,
            legacyBlockingConditionalAccessPolicies: index.conditionalAccess.filter(\.blocksLegacyAuthentication).map(\.displayName),
            acceptedDomains: index.acceptedDomains.sorted())
        let inputs = files.filter { $0.kind != nil && $0.error == nil }.map {
            InputFile(path: $0.path, kind: $0.kind!.rawValue, rows: $0.rows, sha256: digests[$0.path])
        }
        var register = Register(
            generatedBy: options.generatedBy, asOf: options.asOf, timeline: options.timeline, assumption: options.assumption,
            tenant: tenant, inputs: inputs, senders: senders, mailboxes: mailboxes, automation: automation,
            unknowns: summarize(senders: senders, mailboxes: mailboxes))
        if snapshot.has(.exceptions) {
            register.exceptions =
                ExceptionChecker(snapshot: snapshot, register: register, asOf: options.asOf, warnDays: options.warnDays).records
        }
        register.appCredentials = AppCredentialRegisterBuilder.build(
            snapshot, asOf: options.asOf, warningDays: options.credentialWarnDays)
        if let unresolved = AppCredentialRegisterBuilder.unresolvedGrants(snapshot) { register.unknowns.append(unresolved) }
        RingPlanner.assignRings(&register, inventory: snapshot.inventory)
        return register
    }

    /// One row per mailbox known from Get-CASMailbox, Get-User or the register, evaluated when
    /// asked for (MailboxRows): what is kept is the sorted addresses, not the rows.
    static func mailboxRows(index: TenantIndex, evaluator: EffectiveStateEvaluator, senders: [SenderRow]) -> MailboxRows {
        var unique = Set(index.casByAddress.keys)
        for u in index.snapshot.users { unique.insert(u.userPrincipalName) }
        let observed = Set(
            senders.filter { $0.currentAuth != .unknown || $0.signIns.successes + $0.signIns.failures > 0 || $0.messages != nil }.map(
                \.sender))
        for s in senders { unique.insert(s.sender) }
        let addresses = unique.sorted()
        unique = []
        return MailboxRows(count: addresses.count) { position in
            let address = addresses[position]
            let d = evaluator.evaluate(address)
            let cas = index.casByAddress[address]
            let user = index.usersByAddress[address]
            return MailboxRow(
                address: address, displayName: cas?.displayName ?? index.entraUsersByAddress[address]?.displayName,
                recipientType: user?.recipientTypeDetails,
                smtpAuth: d.smtpAuth, basicAllowed: d.basicAllowed, basicBlockedBy: d.blockedBy, policy: d.policy,
                policySource: d.policySource, observedSmtpAuth: observed.contains(address), explanation: d.explanation,
                unknowns: d.unknowns, contradiction: d.contradiction)
        }
    }

    /// Unknowns counted across rows, with what would settle them.
    static func summarize(senders: [SenderRow], mailboxes: MailboxRows) -> [UnknownSummary] {
        var counts: [Unknown: Int] = [:]
        for m in mailboxes { for u in Set(m.unknowns) { counts[Self.generic(u), default: 0] += 1 } }
        for s in senders { for u in Set(s.unknowns) where !u.kind.isMailboxLayer { counts[Self.generic(u), default: 0] += 1 } }
        return counts.map { UnknownSummary(what: $0.key.what, count: $0.value, settledBy: $0.key.settledBy) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.what < $1.what }
    }

    /// Folds per-policy wording so one missing export is one line in the summary.
    static func generic(_ u: Unknown) -> Unknown {
        switch u.kind {
        case .policySettings: return Unknown(u.kind, "settings of an assigned authentication policy", settledBy: u.settledBy)
        case .conditionalAccessScope:
            return Unknown(u.kind, "whether a legacy-blocking Conditional Access policy applies", settledBy: u.settledBy)
        default: return u
        }
    }
}
