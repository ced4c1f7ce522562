/// Exports that say Basic authentication for SMTP is blocked for an address, contradicted by
/// successful Basic SMTP sign-ins after those exports were taken: either an export is stale (the
/// setting changed since) or a policy does not apply as read (an exclusion, a group, a
/// different policy). Neither the exports nor the sign-ins can be trusted alone, so the row's
/// `basicAllowed` is unknown until a fresh export or a test settles it (issue 12).
public struct BasicContradiction: Sendable, Equatable, Codable {
    /// The layers the exports say block Basic, whose exports are older than the last success.
    public var layers: [BlockingLayer.Layer]
    /// Those exports (file names as given).
    public var exports: [String]
    /// When the newest of them was taken (its file's modification time).
    public var exportDate: Timestamp
    /// Successful Basic SMTP sign-ins for the address in the sign-in logs (all of the window).
    public var successes: Int
    /// The last of them, after `exportDate`.
    public var lastSuccess: Timestamp
    /// The contradiction in plain words, with what to do.
    public var meaning: String

    public init(
        layers: [BlockingLayer.Layer], exports: [String], exportDate: Timestamp, successes: Int, lastSuccess: Timestamp, meaning: String
    ) {
        self.layers = layers
        self.exports = exports
        self.exportDate = exportDate
        self.successes = successes
        self.lastSuccess = lastSuccess
        self.meaning = meaning
    }
}
