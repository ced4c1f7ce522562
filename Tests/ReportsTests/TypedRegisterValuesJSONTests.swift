import AuthShiftCore
import Foundation
import Testing

@testable import Reports

/// The register's typed values (tenant setting, exception status) write the same text as the
/// strings they replaced, and read back to the same values: register.json does not change.
@Suite struct TypedRegisterValuesJSONTests {
    static func tenantJSON(_ value: ExportedBool?) throws -> Any? {
        var register = JSONKeysTests.register
        register.tenant.smtpClientAuthenticationDisabled = value
        var streamed = Data()
        try RegisterJSON.write(register) { streamed.append($0) }
        let top = try #require(try JSONSerialization.jsonObject(with: streamed) as? [String: Any])
        return (top["tenant"] as? [String: Any])?["smtpClientAuthenticationDisabled"]
    }

    @Test func theTenantSettingIsWrittenAsItsExportedText() throws {
        #expect(try Self.tenantJSON(.value(true)) as? String == "True")
        #expect(try Self.tenantJSON(.value(false)) as? String == "False")
        #expect(try Self.tenantJSON(.null) as? String == "null")
        #expect(try Self.tenantJSON(.missingColumn) as? String == "missing")
        #expect(try Self.tenantJSON(nil) is NSNull)
    }

    @Test func theTenantSettingReadsBack() throws {
        for value in [ExportedBool.value(true), .value(false), .null, .missingColumn] {
            var register = JSONKeysTests.register
            register.tenant.smtpClientAuthenticationDisabled = value
            let decoded = try JSONDecoder().decode(TenantSettings.self, from: try JSONEncoder().encode(register.tenant))
            #expect(decoded.smtpClientAuthenticationDisabled == value)
        }
        let text = #"{"smtpClientAuthenticationDisabled":"yes","legacyBlockingConditionalAccessPolicies":[],"acceptedDomains":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TenantSettings.self, from: Data(text.utf8)) }
    }

    @Test func exceptionStatusesKeepTheirWords() throws {
        #expect(ExceptionStatus.allCases.map(\.rawValue) == ["valid", "expiring", "expired", "incomplete"])
        #expect(ExceptionStatus.allCases.filter(\.holds) == [.valid, .expiring])
        let record = ExceptionRecord(
            mailbox: "a@contoso.com", system: nil, owner: nil, expires: nil, replacement: nil, ticket: nil, status: .expiring)
        let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record)) as? [String: Any])
        #expect(object["status"] as? String == "expiring")
        #expect(try JSONDecoder().decode(ExceptionRecord.self, from: try JSONEncoder().encode(record)) == record)
    }
}
