import Foundation

/// The SMTP AUTH Basic Authentication deprecation timeline that every forecast in
/// authshift is computed against.
///
/// This is the one place the dates live. Microsoft has moved them before (earlier
/// announcements named March and April 2026), so every command that forecasts takes
/// `--default-change-date` to override `defaultChangeDate`.
///
/// Source: Exchange Team blog, "Updated Exchange Online SMTP AUTH Basic Authentication
/// Deprecation Timeline", 27 January 2026.
public struct Timeline: Sendable, Equatable, Codable {
    /// The day on which SMTP AUTH Basic Authentication is disabled by default for existing
    /// tenants ("End of December 2026"). Administrators can still re-enable it afterwards.
    public var defaultChangeDate: CalendarDay
    /// What happens to tenants created after the default change.
    public var newTenantRule: String
    /// When the final removal date is to be announced (no date is known yet).
    public var finalRemoval: String
    /// Where these facts come from, shown to the user beside every forecast.
    public var source: String

    public init(defaultChangeDate: CalendarDay, newTenantRule: String, finalRemoval: String, source: String) {
        self.defaultChangeDate = defaultChangeDate
        self.newTenantRule = newTenantRule
        self.finalRemoval = finalRemoval
        self.source = source
    }

    /// Microsoft's timeline as published on 27 January 2026.
    public static let current = Timeline(
        defaultChangeDate: CalendarDay(year: 2026, month: 12, day: 31),
        newTenantRule:
            "Tenants created after December 2026 have SMTP AUTH Basic Authentication unavailable by default; OAuth is the supported method.",
        finalRemoval: "Microsoft will announce the final removal date in the second half of 2027.",
        source:
            "https://techcommunity.microsoft.com/blog/exchange/updated-exchange-online-smtp-auth-basic-authentication-deprecation-timeline/4489835"
    )

    /// The same timeline with the default-change date replaced (for `--default-change-date`).
    public func withDefaultChangeDate(_ day: CalendarDay) -> Timeline {
        var copy = self
        copy.defaultChangeDate = day
        return copy
    }
}
