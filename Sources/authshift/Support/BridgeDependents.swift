import AuthShiftCore
import Bridge

/// The bridge routes that sign in with an app's credentials (`assess --bridge-config`): every
/// `graph` and `smtp-xoauth2` route uses the configuration's one OAuth client ID, so an expiring
/// credential of that app stops them.
enum BridgeDependents {
    /// Application ID → "bridge route NAME (FILE)"; empty without an `oauth` section.
    static func read(_ path: String) throws -> [String: [String]] {
        let config: BridgeConfiguration
        do { config = try BridgeConfiguration.load(path: path) } catch {
            StandardError.write("error: \(error)\n")
            throw ExitMapping.exit(.dataError)
        }
        guard let oauth = config.oauth else { return [:] }
        let routes = config.routes.filter { $0.kind != .smtp }.map { "bridge route \($0.name) (\(path))" }
        return routes.isEmpty ? [:] : [oauth.clientID.lowercased(): routes]
    }
}
