import Foundation
import TestSupport

/// A loopback stand-in for the token endpoint and Microsoft Graph, written for these tests: plain http
/// on 127.0.0.1 at a port the system picks (TestSupport's LoopbackHTTPServer). `respond` decides each
/// answer; every request is recorded.
typealias GraphStandIn = LoopbackHTTPServer

extension LoopbackHTTPServer.Request {
    /// `http://host:port` of the stand-in, from the Host header, for links in answers.
    var base: String { "http://" + (header("Host") ?? "") }
    var bearer: String? { header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } }
}
