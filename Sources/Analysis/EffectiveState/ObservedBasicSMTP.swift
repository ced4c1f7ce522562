import AuthShiftCore
import Foundation
import Ingest

/// What the sign-in logs prove about Basic authentication for SMTP, per address: successful
/// Authenticated SMTP sign-ins. Authenticated SMTP is a legacy authentication client, so every
/// such sign-in is Basic (Entra "legacy authentication clients", howto-customize-filter-logs),
/// and a success means Basic SMTP worked for that mailbox at that moment, whatever the exports
/// say (issue 12).
struct ObservedBasicSMTP: Sendable, Equatable {
    var successes: Int
    var lastSuccess: Timestamp

    /// The sentence every output shows as evidence.
    var evidence: String { "observed: \(successes) successful Basic SMTP sign-in\(successes == 1 ? "" : "s"), last \(lastSuccess)" }

    /// Successful Authenticated SMTP sign-ins with a time, folded per lower-case address.
    static func index(_ signIns: SignInSummary) -> [String: ObservedBasicSMTP] {
        var byAddress: [String: ObservedBasicSMTP] = [:]
        for (key, stats) in signIns.groups where key.outcome == .success && key.clientApp.isAuthenticatedSMTP {
            guard let last = stats.lastSeen else { continue }
            let address = key.user.lowercased()
            if var seen = byAddress[address] {
                seen.successes += stats.count
                seen.lastSuccess = max(seen.lastSuccess, last)
                byAddress[address] = seen
            } else {
                byAddress[address] = ObservedBasicSMTP(successes: stats.count, lastSuccess: last)
            }
        }
        return byAddress
    }
}

/// When each configuration export was taken: its file's modification time, which is when
/// Export-Csv or ConvertTo-Json wrote it (a copy that does not keep times makes the export look
/// newer, which can hide a contradiction but never invent one). Read once per file.
enum ExportFileDates {
    static func read(_ files: Set<String>) -> [String: Timestamp] {
        var dates: [String: Timestamp] = [:]
        for file in files {
            if let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date {
                dates[file] = Timestamp(modified)
            }
        }
        return dates
    }

    /// The files of the exports that can block Basic SMTP.
    static func configurationFiles(_ s: TenantSnapshot) -> Set<String> {
        var files = Set<String>()
        var lastCAS = ""
        for m in s.casMailboxes where m.location.file != lastCAS {
            lastCAS = m.location.file
            files.insert(lastCAS)
        }
        for t in s.transportConfigs { files.insert(t.location.file) }
        for p in s.authenticationPolicies { files.insert(p.location.file) }
        for d in s.securityDefaults { files.insert(d.location.file) }
        for p in s.conditionalAccessPolicies { files.insert(p.location.file) }
        return files
    }
}
