import Collect
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    @Test(arguments: [("120", 120.0), (" 0 ", 0.0), ("Sun, 06 Nov 1994 08:49:37 GMT", 60.0), ("Sun, 06 Nov 1994 08:48:00 GMT", 0.0)])
    func retryAfterInSecondsOrAsAnHTTPDate(header: String, seconds: Double) {
        let now = Date(timeIntervalSince1970: 784_111_717)  // Sun, 06 Nov 1994 08:48:37 GMT
        #expect(RetryPolicy.retryAfterSeconds(header, now: now) == seconds)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Sunday, 06-Nov-94 08:49:37 GMT"])
    func unreadableRetryAfterFallsBackToBackOff(header: String) {
        #expect(RetryPolicy.retryAfterSeconds(header) == nil)
        let policy = RetryPolicy(baseDelay: 1, maximumDelay: 60)
        #expect(policy.delay(attempt: 3, retryAfter: header) { $0.upperBound } == 4)
    }

    @Test func backOffDoublesUpToTheCeiling() {
        let policy = RetryPolicy(baseDelay: 1, maximumDelay: 10)
        #expect((1...6).map { policy.delay(attempt: $0, retryAfter: nil) { $0.upperBound } } == [1, 2, 4, 8, 10, 10])
        #expect(policy.delay(attempt: 4, retryAfter: nil) { $0.lowerBound } == 0)
    }
}
