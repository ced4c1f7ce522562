/// A Microsoft Graph `user` (`collect graph` writes `Users-page*.json` with id,
/// userPrincipalName, mail, accountEnabled and userType). It carries no Exchange
/// authentication policy, so it never stands in for Get-User there; `assess` uses it for what
/// it does say: the Entra object ID Conditional Access policies name users by, the display
/// name, and whether the account can sign in at all.
public struct EntraUser: Sendable, Equatable, Codable {
    /// Lower-cased.
    public var userPrincipalName: String
    /// The Entra object ID, lower-cased.
    public var objectId: String?
    /// `mail`, lower-cased, when it differs from the UPN.
    public var mail: String?
    public var displayName: String?
    /// nil when the export did not select `accountEnabled`.
    public var accountEnabled: Bool?
    /// `Member` or `Guest`.
    public var userType: String?
    public var location: ExportLocation
}
