import Foundation
import Testing

@testable import Transport

@Suite struct HTTPProxyTests {
    @Test func proxiesComeFromTheEnvironmentAndNoProxyExcludes() throws {
        let env = [
            "HTTPS_PROXY": "http://me:p%40ss@proxy.contoso.local:3128", "NO_PROXY": "localhost, .internal.contoso.com,graph.example",
        ]
        let p = try #require(HTTPProxy.fromEnvironment(for: "login.microsoftonline.com", environment: env))
        #expect(p.host == "proxy.contoso.local" && p.port == 3128)
        #expect(p.authorization == "Basic " + Data("me:p@ss".utf8).base64EncodedString())
        #expect(HTTPProxy.fromEnvironment(for: "localhost", environment: env) == nil)
        #expect(HTTPProxy.fromEnvironment(for: "a.internal.contoso.com", environment: env) == nil)
        #expect(HTTPProxy.fromEnvironment(for: "graph.example", environment: env) == nil)
        #expect(HTTPProxy.fromEnvironment(for: "x", environment: ["https_proxy": "proxy:8080"])?.port == 8080)
        #expect(HTTPProxy.fromEnvironment(for: "x", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"]) == nil)
        #expect(HTTPProxy.fromEnvironment(for: "x", environment: [:]) == nil)
        #expect(HTTPProxy(url: "socks5://p:1") == nil)
    }
}
