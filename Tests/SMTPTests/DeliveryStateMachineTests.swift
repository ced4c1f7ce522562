import Testing

@testable import SMTP

/// The relay's delivery session, transcript by transcript: a refused recipient concerns that
/// recipient alone (RFC 5321 §3.3), no DATA when none is accepted, RSET between the messages of
/// one session, and a broken session defers what it had not settled.
@Suite struct DeliveryStateMachineTests {
    static func r(_ code: Int, _ lines: String...) -> SMTPResponse { SMTPResponse(code: code, lines: lines) }
    static let message = Array("Subject: t\r\n\r\n.dot\r\n".utf8)

    /// A session opened without TLS or AUTH, idle.
    static func openSession() -> SMTPDeliveryStateMachine {
        var m = SMTPDeliveryStateMachine(plan: SMTPClientPlan(heloName: "bridge.local", tls: .none, quitAfter: .data))
        #expect(m.replyReceived(r(220, "hi")) == .send(.ehlo("bridge.local")))
        #expect(m.replyReceived(r(250, "sink", "PIPELINING")) == .opened)
        #expect(m.isIdle)
        return m
    }

    static func statuses(_ action: SMTPDeliveryStateMachine.Action) -> [String: RecipientResult.Status] {
        guard case .completed(let results) = action else { return [:] }
        return Dictionary(uniqueKeysWithValues: results.map { ($0.recipient, $0.status) })
    }

    @Test func aRefusedRecipientDoesNotStopTheOthers() {
        var m = Self.openSession()
        let t = SMTPTransaction(
            from: "s@contoso.com", recipients: ["ok@fabrikam.com", "bad@fabrikam.com", "later@fabrikam.com", "ok2@fabrikam.com"],
            message: Self.message)
        #expect(m.begin(t) == .send(.mail(from: "s@contoso.com")))
        #expect(m.replyReceived(Self.r(250, "ok")) == .send(.rcpt(to: "ok@fabrikam.com")))
        #expect(m.replyReceived(Self.r(250, "ok")) == .send(.rcpt(to: "bad@fabrikam.com")))
        let refused = Self.r(550, "5.1.10 RESOLVER.ADR.RecipientNotFound")
        #expect(m.replyReceived(refused) == .send(.rcpt(to: "later@fabrikam.com")))
        #expect(m.replyReceived(Self.r(452, "4.5.3 Too many recipients")) == .send(.rcpt(to: "ok2@fabrikam.com")))
        #expect(m.replyReceived(Self.r(251, "will forward")) == .send(.data))
        #expect(m.replyReceived(Self.r(354, "go")) == .send(.message(DotStuffing.stuff(Self.message))))
        let done = m.replyReceived(Self.r(250, "2.0.0 queued"))
        #expect(
            Self.statuses(done) == [
                "ok@fabrikam.com": .delivered, "bad@fabrikam.com": .failed, "later@fabrikam.com": .deferred, "ok2@fabrikam.com": .delivered,
            ])
        if case .completed(let results) = done {
            #expect(results.map(\.recipient) == t.recipients)
            #expect(results[1] == RecipientResult(recipient: "bad@fabrikam.com", status: .failed, stage: .rcpt, reply: refused))
            #expect(results[1].summary == "rcpt: 550 5.1.10 RESOLVER.ADR.RecipientNotFound")
            #expect(results[0].stage == .data)
        }
        #expect(m.isIdle)
    }

    @Test func noRecipientAcceptedMeansNoDataAndTheNextMessageStartsWithRset() {
        var m = Self.openSession()
        _ = m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["a@x.com", "b@x.com"], message: Self.message))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(550, "no"))
        let done = m.replyReceived(Self.r(450, "later"))
        #expect(Self.statuses(done) == ["a@x.com": .failed, "b@x.com": .deferred])
        #expect(m.isIdle)
        #expect(m.begin(SMTPTransaction(from: "t@contoso.com", recipients: ["c@x.com"], message: Self.message)) == .send(.rset))
        #expect(m.replyReceived(Self.r(250, "reset")) == .send(.mail(from: "t@contoso.com")))
        #expect(m.replyReceived(Self.r(250, "ok")) == .send(.rcpt(to: "c@x.com")))
        #expect(m.replyReceived(Self.r(250, "ok")) == .send(.data))
        _ = m.replyReceived(Self.r(354, "go"))
        #expect(Self.statuses(m.replyReceived(Self.r(250, "queued"))) == ["c@x.com": .delivered])
        #expect(m.transactionsCompleted == 2)
        #expect(m.quit() == .send(.quit))
        #expect(m.replyReceived(Self.r(221, "bye")) == .close)
    }

    @Test func mailAndEndOfDataRepliesConcernTheAcceptedRecipientsOnly() {
        var m = Self.openSession()
        _ = m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["a@x.com"], message: Self.message))
        #expect(Self.statuses(m.replyReceived(Self.r(452, "4.3.1 out of storage"))) == ["a@x.com": .deferred])
        _ = m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["a@x.com", "b@x.com"], message: Self.message))
        _ = m.replyReceived(Self.r(250, "reset"))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(550, "no such user"))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(354, "go"))
        let done = m.replyReceived(Self.r(554, "5.6.0 content refused"))
        #expect(Self.statuses(done) == ["a@x.com": .failed, "b@x.com": .failed])
        if case .completed(let results) = done { #expect(results.map(\.stage) == [.rcpt, .data]) }
    }

    @Test func aConnectionLostAfterTheFinalDotDefersAndTheSessionIsNotReused() {
        var m = Self.openSession()
        _ = m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["a@x.com", "b@x.com"], message: Self.message))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(550, "no"))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(354, "go"))
        #expect(m.awaitingDataTermination)
        let done = m.timedOut(after: 600)
        #expect(Self.statuses(done) == ["a@x.com": .failed, "b@x.com": .deferred])
        if case .completed(let results) = done { #expect(results[1].detail == "no answer within 600 s") }
        #expect(!m.isIdle)
        #expect(m.transactionStarted)
        #expect(
            Self.statuses(m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["c@x.com"], message: Self.message))) == [
                "c@x.com": .deferred
            ])
        #expect(!m.transactionStarted)
    }

    @Test func aRefusedRsetDefersWithoutSendingMail() {
        var m = Self.openSession()
        _ = m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["a@x.com"], message: Self.message))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(250, "ok"))
        _ = m.replyReceived(Self.r(354, "go"))
        _ = m.replyReceived(Self.r(250, "ok"))
        #expect(m.begin(SMTPTransaction(from: "s@contoso.com", recipients: ["b@x.com"], message: Self.message)) == .send(.rset))
        #expect(Self.statuses(m.replyReceived(Self.r(421, "closing"))) == ["b@x.com": .deferred])
        #expect(!m.transactionStarted)
        #expect(m.quit() == .send(.quit))
    }

    @Test func openingIsTheProbesOpeningWithTLSAndAuth() {
        var m = SMTPDeliveryStateMachine(
            plan: SMTPClientPlan(
                heloName: "b", tls: .startTLS, authentication: .xoauth2(user: "m@contoso.com", accessToken: "t"), quitAfter: .data))
        _ = m.replyReceived(Self.r(220, "hi"))
        #expect(m.replyReceived(Self.r(250, "mx", "STARTTLS")) == .send(.startTLS))
        #expect(m.replyReceived(Self.r(220, "go")) == .startTLS)
        #expect(m.tlsEstablished() == .send(.ehlo("b")))
        #expect(m.replyReceived(Self.r(250, "mx", "AUTH XOAUTH2")) == .send(.auth(mechanism: "XOAUTH2", initialResponse: nil)))
        _ = m.replyReceived(Self.r(334, ""))
        #expect(m.replyReceived(Self.r(235, "ok")) == .opened)
        #expect(m.tlsActive)
    }

    @Test func aRefusedOpeningIsReportedAsTheProbeWould() {
        var m = SMTPDeliveryStateMachine(plan: SMTPClientPlan(heloName: "b", tls: .none, quitAfter: .data))
        let refusal = Self.r(554, "5.7.1 no service")
        #expect(m.replyReceived(refusal) == .send(.quit))
        #expect(m.openFailure?.reply == refusal)
        #expect(m.replyReceived(Self.r(221, "bye")) == .close)
        #expect(m.isClosed)
    }
}
