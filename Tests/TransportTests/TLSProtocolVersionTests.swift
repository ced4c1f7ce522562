import NIOSSL
import Testing
import Transport

@Suite struct TLSProtocolVersionTests {
    @Test func theFourNamesAdminsWriteParse() throws {
        #expect(try TLSProtocolVersion(parsing: "1.0").nio == .tlsv1)
        #expect(try TLSProtocolVersion(parsing: "1.1").nio == .tlsv11)
        #expect(try TLSProtocolVersion(parsing: "1.2").nio == .tlsv12)
        #expect(try TLSProtocolVersion(parsing: "1.3").nio == .tlsv13)
    }

    /// An unknown name must not become TLS 1.0 (the bridge's old index lookup fell back to it).
    @Test(arguments: ["1.4", "TLS1.2", "tls 1.2", "", "1", "1.2 "])
    func anUnknownNameIsAnErrorNeverTLS10(name: String) {
        #expect(throws: TLSProtocolVersion.UnknownName(name: name)) { try TLSProtocolVersion(parsing: name) }
    }

    @Test func theErrorNamesTheValueAndTheChoices() {
        #expect(TLSProtocolVersion.UnknownName(name: "1.4").description == "'1.4' is not a TLS version: use one of 1.0, 1.1, 1.2, 1.3")
    }

    @Test func versionsOrderOldestFirstAndRoundTripNIOSSL() {
        #expect(TLSProtocolVersion.allCases.sorted() == [.v10, .v11, .v12, .v13])
        #expect(TLSProtocolVersion.v11 < .v12 && !(TLSProtocolVersion.v13 < .v12))
        for version in TLSProtocolVersion.allCases { #expect(TLSProtocolVersion(version.nio) == version) }
    }
}
