import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct APITests {
    @Test func openAPIDocumentListsEveryRoute() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                for (method, path) in APIRoutes.routes {
                    #expect(paths[path]?[method] != nil, "\(method) \(path) is missing from openapi.json")
                }
                let documented = paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } }
                #expect(
                    Set(documented) == Set(APIRoutes.routes.map { "\($0.method) \($0.path)" }), "no route documented that does not exist")
            }
        }
    }

    @Test func everyListedRouteAnswers() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            for (method, path) in APIRoutes.routes where method == "get" {
                let uri = path == "/api/v1/sender" ? path + "?address=scanner%40contoso.com" : path
                try await client.execute(uri: uri, method: .get, headers: browser.headers) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType] == "application/json")
                }
            }
        }
    }
}
