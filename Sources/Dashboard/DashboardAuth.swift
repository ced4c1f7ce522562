/// How people sign in.
public enum DashboardAuth: Sendable {
    /// One person on this machine: a one-time link printed at start signs them in as `user`, an editor.
    case loopback(user: DashboardUser)
    /// A team: the sign-in names each person and their role (Microsoft Entra ID in production).
    case team(any TeamSignIn)

    var isTeam: Bool {
        if case .team = self { return true }
        return false
    }
}
