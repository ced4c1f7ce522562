import Foundation
import Testing

@testable import Bridge

/// Password checks are counted when they start and bounded in flight: parallel connections get
/// no more guesses than the lock-out allows, and a stranger's decoy checks cannot queue the
/// devices' logins behind them (issue 11, item 9).
@Suite(.serialized) struct AuthAdmissionTests {
    static var limits: BridgeConfiguration.Limits {
        var l = AuthLockoutTests.limits
        l.authChecksInFlightPerSource = 100
        l.authChecksInFlight = 100
        return l
    }

    @Test func parallelChecksFromOneSourceStopAtTheLockoutCount() {
        let a = AdmissionControl()
        // Ten connections start their checks before any finishes: only three may run.
        let decisions = (0..<10).map { _ in a.beginAttempt(source: "10.9.9.9", user: "printer", limits: Self.limits) }
        let started = decisions.compactMap { if case .proceed(let attempt) = $0 { attempt } else { nil } }
        #expect(started.count == 3)
        #expect(decisions.dropFirst(3).allSatisfy { $0 == .lockedOut(.source) })
        for attempt in started { a.finishAttempt(attempt, succeeded: false, limits: Self.limits) }
        #expect(a.lockout(source: "10.9.9.9", user: "printer", limits: Self.limits) == .source)
    }

    /// Three wrong passwords one after another, each check taking 0.4 × `lockoutSeconds` (scrypt
    /// on a loaded host): counted from the answers they are 0.8 × apart and lock the source out;
    /// counted from the starts, the first had aged out when the third was answered.
    @Test func aSlowCheckCountsItsFailureFromTheAnswer() {
        let a = AdmissionControl()
        let check = Double(Self.limits.lockoutSeconds) * 0.4
        let start = Date()
        for n in 0..<3 {
            let begun = start.addingTimeInterval(Double(n) * check)
            guard case .proceed(let attempt) = a.beginAttempt(source: "10.9.9.9", user: "printer", limits: Self.limits, now: begun) else {
                Issue.record("attempt \(n + 1) refused")
                return
            }
            a.finishAttempt(attempt, succeeded: false, limits: Self.limits, now: begun.addingTimeInterval(check))
        }
        let answered = start.addingTimeInterval(3 * check)
        #expect(a.lockout(source: "10.9.9.9", user: "printer", limits: Self.limits, now: answered) == .source)
        // A reservation outlives the window while its check is under way.
        let b = AdmissionControl()
        let long = start.addingTimeInterval(Double(Self.limits.lockoutSeconds) * 2)
        var attempts: [AdmissionControl.AuthAttempt] = []
        for _ in 0..<3 {
            if case .proceed(let attempt) = b.beginAttempt(source: "10.9.9.8", user: "printer", limits: Self.limits, now: start) {
                attempts.append(attempt)
            }
        }
        #expect(attempts.count == 3)
        #expect(b.beginAttempt(source: "10.9.9.8", user: "printer", limits: Self.limits, now: long) == .lockedOut(.source))
    }

    @Test func aSucceededCheckWithdrawsItsReservation() throws {
        let a = AdmissionControl()
        for _ in 0..<2 {
            guard case .proceed(let attempt) = a.beginAttempt(source: "10.0.0.5", user: "printer", limits: Self.limits) else {
                Issue.record("refused")
                return
            }
            a.finishAttempt(attempt, succeeded: true, limits: Self.limits)
        }
        for _ in 0..<2 {
            guard case .proceed(let attempt) = a.beginAttempt(source: "10.0.0.5", user: "printer", limits: Self.limits) else {
                Issue.record("refused")
                return
            }
            a.finishAttempt(attempt, succeeded: false, limits: Self.limits)
        }
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits) == nil)
    }

    @Test func checksInFlightAreBoundedPerSourceAndInTotal() {
        var limits = Self.limits
        limits.authChecksInFlightPerSource = 2
        limits.authChecksInFlight = 3
        let a = AdmissionControl()
        let first = a.beginAttempt(source: "10.9.9.9", user: "x", limits: limits)
        _ = a.beginAttempt(source: "10.9.9.9", user: "y", limits: limits)
        #expect(a.beginAttempt(source: "10.9.9.9", user: "z", limits: limits) == .busy)
        guard case .proceed = a.beginAttempt(source: "10.0.0.5", user: "printer", limits: limits) else {
            Issue.record("a second source is refused")
            return
        }
        #expect(a.beginAttempt(source: "10.0.0.6", user: "printer", limits: limits) == .busy)
        guard case .proceed(let attempt) = first else {
            Issue.record("first check refused")
            return
        }
        a.finishAttempt(attempt, succeeded: false, limits: limits)
        guard case .proceed = a.beginAttempt(source: "10.0.0.6", user: "printer", limits: limits) else {
            Issue.record("a freed place is not reused")
            return
        }
    }

    static func yaml(inFlight: Int) -> String {
        InboundSessionTests.yaml().replacingOccurrences(
            of: "limits:\n",
            with: "limits:\n  authChecksInFlight: \(inFlight)\n  authChecksInFlightPerSource: 1\n  authFailuresBeforeLockout: 2\n")
    }

    @Test func aFullPoolAnswers454ButAKnownPasswordStillGetsIn() async throws {
        let server = try await InboundServer.start(Self.yaml(inFlight: 1))
        defer { Task { await server.stop() } }
        // The device logged in once: its password is verified and remembered.
        _ = try InboundSessionTests.login(server.port)
        // A stranger's check holds the only place.
        let decoy = server.admission.beginAttempt(source: "10.9.9.9", user: "printer", limits: server.box.current.limits)
        guard case .proceed(let held) = decoy else {
            Issue.record("decoy refused")
            return
        }
        let stranger = try RawClient(port: server.port)
        _ = stranger.reply()
        _ = stranger.command("EHLO t")
        #expect(stranger.command("AUTH PLAIN " + Data("\u{0}printer\u{0}guess".utf8).base64EncodedString()).hasPrefix("454 4.7.0 "))
        // The device is answered from memory, without waiting for a place.
        _ = try InboundSessionTests.login(server.port)
        server.admission.finishAttempt(held, succeeded: false, limits: server.box.current.limits)
    }

    @Test func aCheckUnderWayCountsAgainstTheSourceAtOnce() async throws {
        let server = try await InboundServer.start(Self.yaml(inFlight: 10))
        defer { Task { await server.stop() } }
        // Two checks from 127.0.0.1 are under way (e.g. on parallel connections): a third is locked out.
        var held: [AdmissionControl.AuthAttempt] = []
        for _ in 0..<2 {
            var limits = server.box.current.limits
            limits.authChecksInFlightPerSource = 10
            if case .proceed(let attempt) = server.admission.beginAttempt(source: "127.0.0.1", user: "printer", limits: limits) {
                held.append(attempt)
            }
        }
        #expect(held.count == 2)
        let c = try RawClient(port: server.port)
        _ = c.reply()
        _ = c.command("EHLO t")
        #expect(
            c.command("AUTH PLAIN " + Data("\u{0}printer\u{0}printer-pass".utf8).base64EncodedString()).hasPrefix(
                "421 4.7.0 Too many failed"))
    }

    @Test func aUserNameThatIsNoAccountIsMaskedInTheLog() {
        let accounts = [
            BridgeConfiguration.Account(
                name: "printer", passwordHash: PasswordHash(encoded: InboundSessionTests.passwordHash)!, senders: ["a@contoso.com"])
        ]
        #expect(SMTPServerHandler.loggedUser("Printer", accounts: accounts) == "Printer")
        let masked = SMTPServerHandler.loggedUser("Secret-Pass-123", accounts: accounts)
        #expect(!masked.contains("Secret") && !masked.contains("123") && masked.contains("15 characters"))
    }
}
