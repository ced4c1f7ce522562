import Foundation

/// A Graph answer checked before anything of it is written: a JSON object, with a `value` list
/// for a collection, and an `@odata.nextLink` (when there is one) on the same https origin as
/// the request, so the bearer token is never sent to another host.
struct GraphPage {
    let items: Int
    let nextLink: String?

    init(_ body: [UInt8], paged: Bool, requestURL: String) throws(GraphPageProblem) {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(body)) } catch {
            throw GraphPageProblem(reason: "not JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")")
        }
        guard let object = parsed as? [String: Any] else { throw GraphPageProblem(reason: "not a JSON object") }
        guard paged else {
            items = 1
            nextLink = nil
            return
        }
        guard let value = object["value"] as? [Any] else { throw GraphPageProblem(reason: "no \"value\" list") }
        items = value.count
        switch object["@odata.nextLink"] {
        case nil, is NSNull:
            nextLink = nil
        case let link as String:
            guard Self.sameOrigin(link, requestURL) else {
                throw GraphPageProblem(reason: "@odata.nextLink \(link) leaves the origin of \(requestURL); the token is not sent there")
            }
            nextLink = link
        default:
            throw GraphPageProblem(reason: "@odata.nextLink is not a string")
        }
    }

    static func sameOrigin(_ a: String, _ b: String) -> Bool {
        guard let x = URLComponents(string: a), let y = URLComponents(string: b) else { return false }
        return x.scheme?.lowercased() == y.scheme?.lowercased() && x.host?.lowercased() == y.host?.lowercased() && x.port == y.port
    }
}

struct GraphPageProblem: Error {
    let reason: String
}
