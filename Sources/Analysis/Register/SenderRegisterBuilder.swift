import AuthShiftCore
import Ingest

/// Builds the sender register: one row per sender address and system, joining the SMTP
/// AUTH clients report, Authenticated SMTP sign-ins, the email apps usage report, the
/// mailbox's effective state, the message trace and the admins' inventory.
///
/// Systems: each inventory row for a sender is a system; source IPs go to the system whose
/// `sources` lists them, or to the only system when there is one; otherwise each source IP
/// is its own "unidentified system" row, so a sender used by two devices is two rows.
/// Rows are ordered Basic first, then by messages (the migration guide's triage order).
struct SenderRegisterBuilder {
    let snapshot: TenantSnapshot
    let evaluator: EffectiveStateEvaluator
    let options: AssessOptions
    let recipients: RecipientClassifier

    init(snapshot: TenantSnapshot, evaluator: EffectiveStateEvaluator, options: AssessOptions) {
        self.snapshot = snapshot
        self.evaluator = evaluator
        self.options = options
        self.recipients = RecipientClassifier(snapshot: snapshot)
    }

    func evidence() -> [String: SenderEvidence] {
        var all: [String: SenderEvidence] = [:]
        func touch(_ address: String) { if all[address] == nil { all[address] = SenderEvidence(address: address) } }
        for entry in snapshot.smtpAuthClients {
            touch(entry.sender)
            if (all[entry.sender]!.report?.messagesSent ?? -1) < (entry.messagesSent ?? 0) { all[entry.sender]!.report = entry }
        }
        // Only Authenticated SMTP groups matter here; sort just those (a tenant can have millions of groups).
        let smtp = snapshot.signIns.groups.filter { $0.key.clientApp.isAuthenticatedSMTP }
            .map { SignInSummary.Group(key: $0.key, stats: $0.value) }
            .sorted { SignInSummary.ordered($0.key, $1.key) }
        for group in smtp {
            touch(group.user)
            all[group.user]!.signInsByIP[group.ipAddress, default: []].append(group)
        }
        for usage in snapshot.emailAppUsage where usage.usedSMTP && !usage.concealed {
            touch(usage.userPrincipalName)
            all[usage.userPrincipalName]!.usage = usage
        }
        for item in snapshot.inventory {
            touch(item.sender)
            all[item.sender]!.inventory.append(item)
        }
        return all
    }

    func build() -> [SenderRow] {
        var rows: [SenderRow] = []
        for (_, ev) in evidence().sorted(by: { $0.key < $1.key }) {
            rows += self.rows(for: ev)
        }
        rows.sort { a, b in
            if a.currentAuth != b.currentAuth { return a.currentAuth < b.currentAuth }
            if (a.messages ?? -1) != (b.messages ?? -1) { return (a.messages ?? -1) > (b.messages ?? -1) }
            if a.sender != b.sender { return a.sender < b.sender }
            return a.system < b.system
        }
        return rows
    }

    /// The systems of one sender, each with its source IPs.
    func systems(_ ev: SenderEvidence) -> [(name: String, item: InventoryEntry?, ips: [String])] {
        let ips = ev.signInsByIP.keys.sorted()
        if ev.inventory.isEmpty {
            if ips.isEmpty { return [("unidentified system", nil, [])] }
            if ips.count == 1 { return [("unidentified system at \(ips[0])", nil, ips)] }
            return ips.map { ("unidentified system at \($0)", nil, [$0]) }
        }
        var result = ev.inventory.map {
            (name: $0.system ?? "unnamed system", item: Optional($0), ips: $0.sources.filter { ips.contains($0) })
        }
        let claimed = Set(result.flatMap(\.ips))
        let unclaimed = ips.filter { !claimed.contains($0) }
        if result.count == 1 {
            result[0].ips = (result[0].ips + unclaimed).sorted()
        } else {
            for ip in unclaimed { result.append(("unidentified system at \(ip)", nil, [ip])) }
        }
        return result
    }

    func rows(for ev: SenderEvidence) -> [SenderRow] {
        let decision = evaluator.evaluate(ev.address)
        let (recipientClass, recipientEvidence) = recipients.classify(ev.address)
        let systems = systems(ev)
        return systems.map { system in
            var evidence: [String] = []
            var unknowns = decision.unknowns
            if let report = ev.report {
                evidence.append(
                    "SMTP AUTH clients report: \(report.messagesSent.map(String.init) ?? "?") messages"
                        + (report.authenticationProtocol.map { ", Authentication Protocol \($0)" } ?? "") + " (\(report.location))")
            }
            var facts = SignInFacts()
            for ip in system.ips {
                for g in ev.signInsByIP[ip] ?? [] {
                    facts.absorb(g)
                }
            }
            if facts.successes + facts.failures > 0 {
                evidence.append(
                    "Entra sign-ins (Authenticated SMTP, a legacy client, so Basic): \(facts.successes) succeeded, \(facts.failures) failed, from \(system.ips.joined(separator: ", "))"
                )
            }
            if let usage = ev.usage { evidence.append("Email apps usage report: SMTP App used (\(usage.location))") }
            if let recipientEvidence { evidence.append("Recipients: \(recipientEvidence)") }
            if let item = system.item { evidence.append("Inventory: \(item.location)") }
            // What the sign-ins prove about the mailbox (all its systems): Basic works, or the exports are contradicted.
            if let observed = decision.observed { evidence.append(observed.evidence) }
            if let contradiction = decision.contradiction { evidence.append("Contradiction: " + contradiction.meaning) }

            let currentAuth = self.currentAuth(report: ev.reportProtocol, signIns: facts)
            if currentAuth == .unknown {
                unknowns.append(
                    Unknown(
                        .authentication, "how it authenticates (Basic or OAuth)",
                        settledBy: [ExportKind.smtpAuthClientsReport.title + " (with Authentication Protocol)", "sign-in logs"]))
            }
            let messages = ev.report?.messagesSent
            let volume = band(messages)
            let basicSuccessToday =
                facts.successes > 0
                || ((ev.reportProtocol == .basic || ev.reportProtocol == .mixed) && (messages ?? 0) > 0 && ev.signInsByIP.isEmpty)
            let usesBasic = currentAuth == .basic || currentAuth == .mixed
            let breaks = usesBasic && basicSuccessToday && decision.basicAllowed != false
            let failing = usesBasic && ((facts.failures > 0 && facts.successes == 0) || decision.basicAllowed == false)
            let lastUse = facts.lastSeen
            // Any attempt counts as use: a sender whose attempts fail is still wanted by someone.
            let usedRecently: Bool = {
                if let last = lastUse, facts.successes + facts.failures > 0 {
                    return last.day.days(until: options.asOf) <= options.recentUseDays
                }
                return (messages ?? 0) > 0 && ev.signInsByIP.isEmpty
            }()
            let item = system.item
            let facts2 = SenderFacts(
                sender: ev.address, currentAuth: currentAuth, recipients: recipientClass, volume: volume,
                workload: item?.workload, oauthCapable: known(item?.oauthCapable), staticIP: known(item?.staticIP),
                owner: item?.owner, usedRecently: usedRecently, lastUse: lastUse, messages: messages)
            if recipientClass == .unknown {
                unknowns.append(
                    Unknown(
                        .recipients, "who it sends to (internal or external)",
                        settledBy: [ExportKind.messageTrace.title, ExportKind.acceptedDomain.title]))
            }
            var row = SenderRow(
                sender: ev.address, system: system.name, sources: system.ips, currentAuth: currentAuth, messages: messages, volume: volume,
                tls: ev.report.map { TLSMix(tls10: $0.tls10Percent, tls11: $0.tls11Percent, tls12: $0.tls12Percent) },
                signIns: facts, smtpAuth: decision.smtpAuth, basicAllowed: decision.basicAllowed, basicBlockedBy: decision.blockedBy,
                breaksAtDefaultChange: breaks, failingNow: failing, recipients: recipientClass, owner: item?.owner,
                workload: item?.workload, oauthCapable: item?.oauthCapable, staticIP: item?.staticIP, notes: item?.notes,
                recommendation: BuiltInAdviceRules.recommend(facts2), evidence: evidence, unknowns: unknowns,
                contradiction: decision.contradiction)
            row.cutoverDate = item?.cutoverDate
            row.systemInInventory = item != nil
            return row
        }
    }

    func known(_ value: String?) -> String? { value == "unknown" ? nil : value }

    /// Basic when a legacy Authenticated SMTP sign-in or the report says so; OAuth when the
    /// report says so; both is mixed. A legacy-client sign-in is Basic by definition
    /// (Entra "legacy authentication clients", howto-customize-filter-logs).
    func currentAuth(report: SenderRow.CurrentAuth?, signIns: SignInFacts) -> SenderRow.CurrentAuth {
        let basicSeen = signIns.successes + signIns.failures > 0
        switch (report, basicSeen) {
        case (.oauth?, true), (.mixed?, _): return .mixed
        case (.oauth?, false): return .oauth
        case (.basic?, _), (nil, true): return .basic
        default: return .unknown
        }
    }

    func band(_ messages: Int?) -> SenderRow.Volume {
        guard let messages else { return .unknown }
        if messages >= options.volumeThresholds.high { return .high }
        if messages >= options.volumeThresholds.medium { return .medium }
        return .low
    }
}
