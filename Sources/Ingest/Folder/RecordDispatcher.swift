/// Sends each record of a recognised export to its kind's reader and files the result
/// in the snapshot, with the per-kind warnings `inspect` shows.
enum RecordDispatcher {
    static func ingest(
        _ kind: ExportKind, _ r: ExportRecord, into s: inout TenantSnapshot, notes: inout FileNotes,
        signIns: SignInAccumulator
    ) throws {
        switch kind {
        case .signInPortalCSV, .signInLogAnalyticsCSV, .signInJSON:
            let event = try SignInJSONReader.event(r)
            notes.saw(event.time)
            signIns.add(event)
            if let appId = r.string(anyOf: SignInColumns.appId), !event.user.isEmpty {
                s.signInUsersByAppId[appId.lowercased(), default: []].insert(event.user)
            }
        case .signInSummary:
            try SignInSummaryRowReader.add(r, to: signIns, notes: &notes)
        case .casMailbox:
            let m = try CASMailboxReader.read(r)
            if m.smtpClientAuthenticationDisabled == .missingColumn {
                notes.warn(
                    "no SmtpClientAuthenticationDisabled column: per-mailbox SMTP AUTH is unknown, not inherited (Get-EXOCasMailbox returns it only with -Properties SmtpClientAuthenticationDisabled or -PropertySets All)"
                )
            }
            s.casMailboxes.append(m)
        case .transportConfig:
            let t = try TransportConfigReader.read(r)
            if t.smtpClientAuthenticationDisabled == .null {
                notes.warn(
                    "SmtpClientAuthenticationDisabled is blank at tenant level; the migration guide says to confirm mailbox behaviour and tenant history"
                )
            }
            s.transportConfigs.append(t)
        case .authenticationPolicy: s.authenticationPolicies.append(try AuthenticationPolicyReader.read(r))
        case .user: s.users.append(try UserReader.read(r))
        case .organizationConfig: s.organizationConfigs.append(try OrganizationConfigReader.read(r))
        case .acceptedDomain: s.acceptedDomains.append(try AcceptedDomainReader.read(r))
        case .inboundConnector:
            let c = try InboundConnectorReader.read(r)
            if c.senderIPAddresses == nil {
                notes.warn(
                    "SenderIPAddresses was written as a type name (Export-Csv cannot write lists); export connectors with ConvertTo-Json -Depth 5"
                )
            }
            s.inboundConnectors.append(c)
        case .messageTrace:
            let m = try MessageTraceReader.read(r)
            notes.saw(m.received)
            s.messageTrace.append(m)
        case .smtpAuthClientsReport: s.smtpAuthClients.append(try SmtpAuthClientsReader.read(r))
        case .emailAppUsage:
            let e = try EmailAppUsageReader.read(r)
            if e.concealed {
                notes.warn(
                    "user names are concealed (hashed) in this report; it cannot be joined to mailboxes. Turn off 'Display concealed user, group, and site names in all reports' (adminReportSettings.displayConcealedNames) and export again"
                )
            }
            s.emailAppUsage.append(e)
        case .securityDefaults: s.securityDefaults.append(try SecurityDefaultsReader.read(r))
        case .conditionalAccessPolicies: s.conditionalAccessPolicies.append(try ConditionalAccessReader.read(r))
        case .inventory: s.inventory.append(try InventoryReader.read(r))
        case .exceptions: s.exceptions.append(try ExceptionReader.read(r))
        case .applications: s.appRegistrations.append(try AppRegistrationReader.read(r, as: .application))
        case .servicePrincipals: s.appRegistrations.append(try AppRegistrationReader.read(r, as: .servicePrincipal))
        case .entraUsers: s.entraUsers.append(try EntraUserReader.read(r))
        }
    }
}
