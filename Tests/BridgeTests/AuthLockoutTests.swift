import Foundation
import Testing

@testable import Bridge

/// Lock-out per source first; an account only after failures from several sources, for a
/// shorter time (issue 11, item 9: anyone who knew an account name could lock a device out).
@Suite struct AuthLockoutTests {
    static var limits: BridgeConfiguration.Limits {
        var l = BridgeConfiguration.Limits()
        l.authFailuresBeforeLockout = 3
        l.lockoutSeconds = 900
        l.accountLockoutSources = 3
        l.accountLockoutSeconds = 300
        return l
    }

    @Test func oneHostGuessingLocksOnlyItselfNotTheDevice() {
        let a = AdmissionControl()
        let now = Date()
        for _ in 0..<10 { a.recordFailure(source: "10.9.9.9", user: "printer", limits: Self.limits, now: now) }
        #expect(a.lockout(source: "10.9.9.9", user: "printer", limits: Self.limits, now: now) == .source)
        // The printer itself, from its own address, still gets in.
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) == nil)
    }

    @Test func failuresFromSeveralSourcesLockTheAccountForAShorterTime() throws {
        let a = AdmissionControl()
        let now = Date()
        #expect(a.recordFailure(source: "10.0.0.1", user: "Printer", limits: Self.limits, now: now) == nil)
        #expect(a.recordFailure(source: "10.0.0.2", user: "printer", limits: Self.limits, now: now) == nil)
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) == nil)
        let until = try #require(a.recordFailure(source: "10.0.0.3", user: "printer", limits: Self.limits, now: now))
        #expect(until == now.addingTimeInterval(300))
        // Sources that failed are held back; a source without failures still gets its check (below).
        #expect(a.lockout(source: "10.0.0.2", user: "PRINTER", limits: Self.limits, now: now) == .account(until: until))
        #expect(a.lockout(source: "10.0.0.2", user: "scanner", limits: Self.limits, now: now) == nil)
        #expect(a.accountLockEnd(user: "printer", now: now) == until)
        // Shorter than a source lock-out, and it ends.
        #expect(a.lockout(source: "10.0.0.2", user: "printer", limits: Self.limits, now: now.addingTimeInterval(301)) == nil)
    }

    @Test func aSuccessClearsThatSourcesFailures() {
        let a = AdmissionControl()
        let now = Date()
        for _ in 0..<2 { a.recordFailure(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) }
        a.recordSuccess(source: "10.0.0.5", user: "printer")
        a.recordFailure(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now)
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) == nil)
    }

    @Test func anIPv6HostIsCountedByItsSlash64AndMappedIPv4AsIPv4() throws {
        let a = try #require(IPAddress("fd00:1:2:3:aaaa::1"))
        let b = try #require(IPAddress("fd00:1:2:3:ffff:1:2:3"))
        #expect(
            AdmissionControl.lockoutSource(a) == "fd00:1:2:3::/64" && AdmissionControl.lockoutSource(a) == AdmissionControl.lockoutSource(b)
        )
        #expect(AdmissionControl.lockoutSource(try #require(IPAddress("fd00:1:2:4::1"))) != AdmissionControl.lockoutSource(a))
        #expect(AdmissionControl.lockoutSource(try #require(IPAddress("::ffff:10.0.0.5"))) == "10.0.0.5")
    }

    @Test func theSettingsAreReadAndTheAccountLockDefaultsShorter() throws {
        let base = ConfigurationTests.yaml()
        let c = try BridgeConfiguration.parse(base + "\nlimits:\n  lockoutSeconds: 120\n", file: "b.yaml")
        #expect(c.limits.accountLockoutSources == 3 && c.limits.accountLockoutSeconds == 120)
        let d = try BridgeConfiguration.parse(base + "\nlimits:\n  accountLockoutSources: 5\n  accountLockoutSeconds: 60\n", file: "b.yaml")
        #expect(d.limits.accountLockoutSources == 5 && d.limits.accountLockoutSeconds == 60 && d.limits.lockoutSeconds == 900)
    }

    @Test func aLockedAccountStillLetsASourceWithoutFailuresTryOnceAtATime() throws {
        let a = AdmissionControl()
        let now = Date()
        for source in ["10.9.0.1", "10.9.0.2", "10.9.0.3"] {
            a.recordFailure(source: source, user: "printer", limits: Self.limits, now: now)
        }
        #expect(a.lockout(source: "10.9.0.1", user: "printer", limits: Self.limits, now: now) != nil)
        // The printer at its own address, which never failed: its check may run.
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) == nil)
        guard case .proceed(let attempt) = a.beginAttempt(source: "10.0.0.5", user: "printer", limits: AuthAdmissionTests.limits, now: now)
        else {
            Issue.record("the clean source was refused")
            return
        }
        // While its check runs, a second one from the same source waits for the lock.
        #expect(
            a.beginAttempt(source: "10.0.0.5", user: "printer", limits: AuthAdmissionTests.limits, now: now)
                == .lockedOut(.account(until: now.addingTimeInterval(300))))
        a.finishAttempt(attempt, succeeded: true, limits: Self.limits, now: now)
        #expect(a.lockout(source: "10.0.0.5", user: "printer", limits: Self.limits, now: now) == nil)
        // A wrong guess from a new source makes it a source with failures: held back from then on.
        guard case .proceed(let guess) = a.beginAttempt(source: "10.9.0.9", user: "printer", limits: AuthAdmissionTests.limits, now: now)
        else {
            Issue.record("refused")
            return
        }
        a.finishAttempt(guess, succeeded: false, limits: Self.limits, now: now)
        #expect(a.lockout(source: "10.9.0.9", user: "printer", limits: Self.limits, now: now) != nil)
    }
}
