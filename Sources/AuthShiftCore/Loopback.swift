/// Whether a host name or address is this machine's loopback (`localhost`, 127.0.0.0/8, ::1):
/// the one place that decides where plain http is allowed, which clients a listener without an
/// allow list accepts, and which bind addresses are private.
public enum Loopback {
    public static func contains(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.") || h == "::ffff:127.0.0.1"
    }
}
