import AuthShiftCore
import Foundation
import NIOCore
import NIOSSL
import OAuth
import SMTP
import Transport

/// Everything one probe is asked to do, as values: the target and TLS settings, who signs in and
/// with what, and how far to go. `ProbeSession.run(_:)` turns it into a `ProbeReport`; the
/// command line only fills it in, so the probe's decisions can be tested without a process.
///
/// Secrets and files are read through `Deferred` values, when the probe needs them, so that a
/// request can be checked (`problems`) before anything is read.
public struct ProbeRequest: Sendable {
    /// The SASL mechanism; nil in `mechanism` picks the default (see `resolvedMechanism`).
    public enum Mechanism: String, Sendable, CaseIterable { case none, plain, login, xoauth2 }

    /// A value read only when used (an environment variable, a file, standard input, a PFX); its
    /// errors are the caller's and pass through `ProbeSession.run` unchanged.
    public struct Deferred<Value: Sendable>: Sendable {
        public let read: @Sendable () throws -> Value
        public init(_ read: @escaping @Sendable () throws -> Value) { self.read = read }
    }

    /// The message sent after DATA: the generated test message or exactly what a device sends.
    public enum Message: Sendable {
        case generated(subject: String)
        case provided(Deferred<[UInt8]>)
    }

    public var target: ProbeTarget
    /// nil: what the target expects (`ProbeTarget.defaultTLS`).
    public var tls: SMTPClientPlan.TLSMode?
    public var trustRoots: [NIOSSLCertificate] = []
    /// Sent in SNI and verified instead of the target's host.
    public var tlsServerName: String?
    public var minimumTLSVersion: TLSProtocolVersion = .v12
    public var maximumTLSVersion: TLSProtocolVersion?
    public var mechanism: Mechanism?
    /// Send the first SASL response on the AUTH line instead of after a 334.
    public var initialResponse = false
    public var user: String?
    public var password: Deferred<Secret>?
    /// The app's client secret: the OAuth credential, or the ACS SMTP password.
    public var clientSecret: Deferred<Secret>?
    public var tenant: String?
    public var clientID: String?
    /// The certificate credential (PFX or PEM) or, given `clientSecret`, nil.
    public var certificate: Deferred<TokenRequest.Credential>?
    public var authority = TokenRequest.defaultAuthority
    public var scope = TokenRequest.smtpScope
    /// ACS resource name: with `clientID` and `tenant` it makes the ACS user name.
    public var acsResource: String?
    public var from: String?
    public var recipients: [String] = []
    public var message: Message = .generated(subject: "authshift probe")
    /// nil: the last stage the request allows (`stage`).
    public var quitAfter: ProbeStage?
    /// The EHLO name; nil: this host's name.
    public var heloName: String?
    public var timeout: TimeAmount = .seconds(30)
    /// Credentials without TLS, for loopback test servers only.
    public var allowPlaintextAuth = false
    /// Ends the sentence of a certificate name mismatch (how this caller names the fix).
    public var serverNameAdvice = "connect by a name the certificate lists"

    public init(target: ProbeTarget) {
        self.target = target
    }
}

extension ProbeRequest {
    public var resolvedTLS: SMTPClientPlan.TLSMode { tls ?? target.defaultTLS }

    /// The mechanism asked for, or: LOGIN for ACS (its SMTP takes Basic with the app's secret),
    /// XOAUTH2 for an app, LOGIN with a password, else no authentication.
    public var resolvedMechanism: Mechanism {
        if let mechanism { return mechanism }
        if target.kind == .acs { return .login }
        if clientID != nil { return .xoauth2 }
        return password != nil ? .login : .none
    }

    /// The SMTP AUTH user name. ACS SMTP takes `resource|appId|tenantId` with the app's client
    /// secret as the password (Microsoft Learn, "Send email with SMTP AUTH" for Azure
    /// Communication Services), built here when no user is given.
    public var userName: String? {
        if target.kind == .acs, resolvedMechanism != .xoauth2, user == nil, let acsResource, let clientID, let tenant {
            return "\(acsResource)|\(clientID)|\(tenant)"
        }
        return user
    }

    /// The password of PLAIN and LOGIN: for ACS the client secret stands in for a missing one.
    var basicSecret: Deferred<Secret>? { target.kind == .acs ? (password ?? clientSecret) : password }

    /// The envelope sender: `from`, or the user when a message is sent.
    public var sender: String? { from ?? (recipients.isEmpty ? nil : userName) }

    /// The stage to stop after: `quitAfter`, or the last one the request has what it needs for.
    public var stage: ProbeStage {
        if let quitAfter { return quitAfter }
        if !recipients.isEmpty { return .data }
        if sender != nil { return .mail }
        if resolvedMechanism != .none { return .auth }
        return resolvedTLS != .none ? .tls : .connect
    }
}
