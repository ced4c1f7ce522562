import Foundation
import NIOCore
import NIOSSL
import OAuth
import Transport

/// Delivers with Microsoft Graph `POST /users/{id}/sendMail`, the raw MIME base64-encoded with
/// `Content-Type: text/plain` (Microsoft Learn, user-sendmail). Graph reads recipients from the
/// headers only, so envelope recipients missing from To/Cc are added as Bcc (docs/relay.md#graph-sendmail). 202
/// means accepted; 429, 503 and 504 are throttling (Retry-After honoured, any letter case);
/// other 4xx are final (ErrorSendAsDenied, ErrorMimeContentInvalidBase64String).
///
/// One request carries the whole message, and Graph answers for the whole message: its 202
/// says nothing per recipient (a recipient Exchange Online cannot reach gets a non-delivery
/// report to the mailbox later, from Exchange itself), and its documented errors name no
/// recipient in a field a program can read. So every pending recipient gets the request's
/// result; a message partly delivered over SMTP (a route changed by a reload) sends only the
/// recipients still pending as envelope recipients, although Graph also delivers to those the
/// To and Cc headers name.
struct GraphUpstream: Sendable {
    let route: BridgeConfiguration.Route
    let tokens: TokenCache
    /// The shared https client; each delivery uses it with the route's deadline.
    let http: HTTPSPost

    /// The request's result, for every recipient in `recipients` (the pending ones).
    func deliver(_ envelope: Envelope, recipients: [String], data: [UInt8]) async -> [String: RecipientOutcome] {
        let result = await send(envelope, recipients: recipients, data: data)
        // Graph's throttling and outages concern the mailbox and the app, never one message.
        var routeWide = false
        if case .temporary = result { routeWide = true }
        return RecipientOutcome.all(recipients, RecipientOutcome(result, diagnostic: "x-graph; " + result.summary, routeWide: routeWide))
    }

    private func send(_ envelope: Envelope, recipients: [String], data: [UInt8]) async -> DeliveryResult {
        let mailbox = route.mailbox ?? envelope.from
        let token: AccessToken
        do { token = try await tokens.token(scope: TokenRequest.graphScope) } catch {
            return .temporary("\(route.name): no token: \(error)", retryAfter: nil)
        }
        let mime = MIMEHeaders.addingBcc(for: recipients, to: MIMEHeaders.quotingFromDisplayName(data))
        let body = Array(Data(mime).base64EncodedString().utf8)
        let encodedMailbox =
            mailbox.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? mailbox
        var base = route.graphBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        let http = self.http.with(timeout: .milliseconds(Int64(route.timeoutSeconds * 1000)))
        let response: HTTPSPost.Response
        do {
            response = try await http.post(
                url: "\(base)/users/\(encodedMailbox)/sendMail",
                headers: [("Authorization", "Bearer \(token.value.reveal())"), ("Content-Type", "text/plain")], body: body)
        } catch {
            return .temporary("\(route.name): \(error)", retryAfter: nil)
        }
        return Self.classify(response, route: route.name, tokens: tokens)
    }

    static func classify(_ response: HTTPSPost.Response, route: String, tokens: TokenCache? = nil) -> DeliveryResult {
        let code = Self.errorCode(response.body)
        let detail = "\(route): HTTP \(response.status)" + (code.map { " \($0)" } ?? "")
        switch response.status {
        case 202, 200:
            return .delivered("\(route): HTTP \(response.status) Accepted")
        case 429, 503, 504:
            return .temporary(detail, retryAfter: RetryAfter.parse(response.header("Retry-After")))
        case 401:
            if let tokens { Task { await tokens.invalidate(scope: TokenRequest.graphScope) } }
            return .temporary(detail, retryAfter: nil)
        case 500...599:
            return .temporary(detail, retryAfter: RetryAfter.parse(response.header("Retry-After")))
        default:
            return .permanent(detail)
        }
    }

    static func errorCode(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let error = object["error"] as? [String: Any]
        else { return nil }
        return error["code"] as? String
    }
}

/// Header edits the Graph route needs, on raw bytes so nothing else in the message changes.
enum MIMEHeaders {
    /// Adds `Bcc:` for envelope recipients that no To, Cc or Bcc header names.
    static func addingBcc(for recipients: [String], to message: [UInt8]) -> [UInt8] {
        let headerEnd = Self.headerEnd(message)
        let headerText = String(decoding: message[..<headerEnd], as: UTF8.self).lowercased()
        var named = Set<String>()
        // Unfold and collect addresses from the address headers.
        let unfolded = headerText.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") where line.hasPrefix("to:") || line.hasPrefix("cc:") || line.hasPrefix("bcc:")
        {
            for token in line.split(whereSeparator: { " ,<>;\"".contains($0) }) where token.contains("@") {
                named.insert(String(token))
            }
        }
        let missing = recipients.filter { !named.contains($0.lowercased()) }
        guard !missing.isEmpty else { return message }
        let bcc = Array("Bcc: \(missing.joined(separator: ", "))\r\n".utf8)
        return bcc + message
    }

    /// Quotes a From display name that contains "@" (`From: scan@contoso.com <scan@contoso.com>`,
    /// as many printers write it): Exchange Online and Graph refuse such a header, Graph with
    /// ErrorSendAsDenied (docs/relay.md#graph-sendmail, SMTP2Graph #28). Nothing else in the message changes.
    static func quotingFromDisplayName(_ message: [UInt8]) -> [UInt8] {
        let end = headerEnd(message)
        var lineStart = 0
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd + 1 < end, !(message[lineEnd] == 13 && message[lineEnd + 1] == 10) { lineEnd += 1 }
            let line = message[lineStart..<lineEnd]
            if line.count > 5, String(decoding: line.prefix(5), as: UTF8.self).lowercased() == "from:" {
                // Only a single-line From header is rewritten; folded ones are left as they are.
                let folded = lineEnd + 2 < message.count && (message[lineEnd + 2] == 32 || message[lineEnd + 2] == 9)
                let value = String(decoding: line.dropFirst(5), as: UTF8.self)
                guard !folded, let open = value.lastIndex(of: "<"),
                    value.hasSuffix(">") || value.trimmingCharacters(in: .whitespaces).hasSuffix(">")
                else { return message }
                let display = value[..<open].trimmingCharacters(in: .whitespaces)
                guard display.contains("@"), !display.hasPrefix("\"") else { return message }
                let escaped = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                let rewritten = Array("From: \"\(escaped)\" \(value[open...].trimmingCharacters(in: .whitespaces))".utf8)
                return Array(message[..<lineStart]) + rewritten + Array(message[lineEnd...])
            }
            lineStart = lineEnd + 2
        }
        return message
    }

    /// The offset just past the header block's last header line (before the blank line).
    static func headerEnd(_ message: [UInt8]) -> Int {
        var i = 0
        while i + 3 < message.count {
            if message[i] == 13 && message[i + 1] == 10 && message[i + 2] == 13 && message[i + 3] == 10 { return i + 2 }
            i += 1
        }
        return message.count
    }
}
