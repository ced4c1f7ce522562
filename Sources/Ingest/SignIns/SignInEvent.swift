import AuthShiftCore

/// One sign-in, reduced to what the summary and the register need.
public struct SignInEvent: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, Comparable {
        case success, failure, interrupted, unknown
        public static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }
    }

    public var time: Timestamp?
    /// User principal name, lower-cased (Graph documents UPNs as always lower case).
    public var user: String
    public var clientApp: ClientApp
    public var ipAddress: String
    public var outcome: Outcome
    public var errorCode: Int?
    public var failureReason: String?
    public var application: String?
    public var authenticationProtocol: String?

    public init(
        time: Timestamp?, user: String, clientApp: ClientApp, ipAddress: String, outcome: Outcome,
        errorCode: Int? = nil, failureReason: String? = nil, application: String? = nil,
        authenticationProtocol: String? = nil
    ) {
        self.time = time
        self.user = user
        self.clientApp = clientApp
        self.ipAddress = ipAddress
        self.outcome = outcome
        self.errorCode = errorCode
        self.failureReason = failureReason
        self.application = application
        self.authenticationProtocol = authenticationProtocol
    }

    /// The outcome from a portal "Status" value (Success, Failure, Interrupted) and/or an
    /// error code (0 is success: signInStatus.errorCode, Log Analytics ResultType).
    public static func outcome(status: String?, errorCode: Int?) -> Outcome {
        if let status {
            switch status.lowercased() {
            case "success": return .success
            case "failure": return .failure
            case "interrupted": return .interrupted
            default: break
            }
        }
        if let errorCode { return errorCode == 0 ? .success : .failure }
        return .unknown
    }
}
