import Testing

@testable import SMTP

/// Transcript-like tests: each feeds the replies a server would send and checks the commands.
@Suite struct ClientStateMachineTests {
    static func r(_ code: Int, _ lines: String...) -> SMTPResponse { SMTPResponse(code: code, lines: lines) }
    static let ehloPlain = r(250, "mx.example", "SIZE 1000", "STARTTLS", "AUTH PLAIN")
    static let ehloTLS = r(250, "mx.example", "SIZE 2000", "AUTH LOGIN XOAUTH2")

    func plan(
        auth: SMTPClientPlan.Authentication? = .login(user: "u@contoso.com", password: "pw"), tls: SMTPClientPlan.TLSMode = .startTLS,
        quitAfter: ProbeStage = .auth, from: String? = nil, to: [String] = [], message: [UInt8]? = nil
    ) -> SMTPClientPlan {
        SMTPClientPlan(
            heloName: "probe.local", tls: tls, authentication: auth, from: from, recipients: to, message: message, quitAfter: quitAfter)
    }

    @Test func startTLSThenLoginSucceeds() {
        var m = SMTPClientStateMachine(plan: plan())
        #expect(m.replyReceived(Self.r(220, "hi")) == .send(.ehlo("probe.local")))
        #expect(m.replyReceived(Self.ehloPlain) == .send(.startTLS))
        #expect(m.replyReceived(Self.r(220, "go ahead")) == .startTLS)
        #expect(m.tlsEstablished() == .send(.ehlo("probe.local")))
        // RFC 3207 §4.2: the pre-TLS capabilities are gone (PLAIN was offered only before TLS).
        #expect(m.replyReceived(Self.ehloTLS) == .send(.auth(mechanism: "LOGIN", initialResponse: nil)))
        #expect(m.outcome.capabilities.authMechanisms == ["LOGIN", "XOAUTH2"])
        #expect(m.outcome.capabilities.sizeLimit == 2000)
        #expect(m.replyReceived(Self.r(334, "VXNlcm5hbWU6")) == .send(.saslResponse(SASL.login("u@contoso.com"))))
        #expect(m.notes == ["challenge decoded: Username:"])
        #expect(m.replyReceived(Self.r(334, "UGFzc3dvcmQ6")) == .send(.saslResponse(SASL.login("pw"))))
        #expect(m.replyReceived(Self.r(235, "2.7.0 Authentication successful")) == .send(.quit))
        #expect(m.replyReceived(Self.r(221, "bye")) == .finish)
        #expect(m.outcome.stages.map(\.stage) == [.connect, .tls, .auth])
        #expect(m.outcome.succeeded)
    }

    @Test func aRejectedPasswordFailsTheAuthStageAndQuits() {
        var m = SMTPClientStateMachine(plan: plan())
        _ = m.replyReceived(Self.r(220, "hi"))
        _ = m.replyReceived(Self.ehloPlain)
        _ = m.replyReceived(Self.r(220, "go"))
        _ = m.tlsEstablished()
        _ = m.replyReceived(Self.ehloTLS)
        _ = m.replyReceived(Self.r(334, "VXNlcm5hbWU6"))
        _ = m.replyReceived(Self.r(334, "UGFzc3dvcmQ6"))
        let refusal = Self.r(535, "5.7.139 Authentication unsuccessful, basic authentication is disabled.")
        #expect(m.replyReceived(refusal) == .send(.quit))
        #expect(m.outcome.failure == StageResult(stage: .auth, status: .rejected, reply: refusal, detail: "authentication failed"))
        #expect(m.replyReceived(Self.r(221, "bye")) == .finish)
    }

    @Test func xoauth2ErrorChallengeIsAcknowledgedWithAnEmptyLine() {
        var m = SMTPClientStateMachine(plan: plan(auth: .xoauth2(user: "app@contoso.com", accessToken: "tok")))
        _ = m.replyReceived(Self.r(220, "hi"))
        _ = m.replyReceived(Self.ehloPlain)
        _ = m.replyReceived(Self.r(220, "go"))
        _ = m.tlsEstablished()
        #expect(m.replyReceived(Self.ehloTLS) == .send(.auth(mechanism: "XOAUTH2", initialResponse: nil)))
        #expect(m.replyReceived(Self.r(334, "")) == .send(.saslResponse(SASL.xoauth2(user: "app@contoso.com", accessToken: "tok"))))
        #expect(m.replyReceived(Self.r(334, "eyJzdGF0dXMiOiI0MDEifQ==")) == .send(.saslResponse("")))
        #expect(m.notes == ["challenge decoded: {\"status\":\"401\"}"])
        #expect(m.replyReceived(Self.r(535, "5.7.3 Authentication unsuccessful")) == .send(.quit))
        #expect(m.outcome.failure?.stage == .auth)
    }

    @Test func anInitialResponseGoesOnTheAuthLine() {
        var auth = SMTPClientPlan.Authentication.xoauth2(user: "app@contoso.com", accessToken: "tok")
        auth.initialResponse = true
        var m = SMTPClientStateMachine(plan: plan(auth: auth))
        _ = m.replyReceived(Self.r(220, "hi"))
        _ = m.replyReceived(Self.ehloPlain)
        _ = m.replyReceived(Self.r(220, "go"))
        _ = m.tlsEstablished()
        #expect(
            m.replyReceived(Self.ehloTLS)
                == .send(.auth(mechanism: "XOAUTH2", initialResponse: SASL.xoauth2(user: "app@contoso.com", accessToken: "tok"))))
        // A refusal's 334 JSON challenge is still acknowledged with an empty line.
        #expect(m.replyReceived(Self.r(334, "eyJzdGF0dXMiOiI0MDEifQ==")) == .send(.saslResponse("")))
        #expect(m.replyReceived(Self.r(535, "5.7.3 Authentication unsuccessful")) == .send(.quit))
        var ok = SMTPClientStateMachine(plan: plan(auth: auth))
        _ = ok.replyReceived(Self.r(220, "hi"))
        _ = ok.replyReceived(Self.ehloPlain)
        _ = ok.replyReceived(Self.r(220, "go"))
        _ = ok.tlsEstablished()
        _ = ok.replyReceived(Self.ehloTLS)
        #expect(ok.replyReceived(Self.r(235, "2.7.0 Authentication successful")) == .send(.quit))
        #expect(ok.outcome.succeeded)
    }

    @Test func plaintextAfterTheStartTLSAnswerIsAnInjection() {
        var m = SMTPClientStateMachine(plan: plan())
        _ = m.replyReceived(Self.r(220, "hi"))
        _ = m.replyReceived(Self.ehloPlain)
        #expect(m.replyReceived(Self.r(220, "go")) == .startTLS)
        #expect(m.replyReceived(Self.r(250, "injected")) == .finish)
        #expect(m.outcome.failure?.status == .protocolError)
        #expect(m.outcome.failure?.stage == .tls)
    }

    /// Found by the client fuzzer: a reply "before" an implicit TLS handshake must not be answered.
    @Test func nothingIsSentBeforeAnImplicitTLSHandshake() {
        var m = SMTPClientStateMachine(plan: plan(tls: .implicit))
        #expect(m.replyReceived(Self.r(554, "go away")) == .finish)
        #expect(m.outcome.failure?.status == .protocolError)
    }

    @Test func missingStartTLSAndMissingMechanismAreNotOffered() {
        var m = SMTPClientStateMachine(plan: plan())
        _ = m.replyReceived(Self.r(220, "hi"))
        #expect(m.replyReceived(Self.r(250, "mx", "AUTH LOGIN")) == .send(.quit))
        #expect(m.outcome.failure?.status == .notOffered)
        #expect(m.outcome.failure?.stage == .tls)

        var n = SMTPClientStateMachine(plan: plan(auth: .plain(user: "u", password: "p")))
        _ = n.replyReceived(Self.r(220, "hi"))
        _ = n.replyReceived(Self.ehloPlain)
        _ = n.replyReceived(Self.r(220, "go"))
        _ = n.tlsEstablished()
        #expect(n.replyReceived(Self.ehloTLS) == .send(.quit))
        #expect(n.outcome.failure?.detail == "the server does not offer AUTH PLAIN (it offers LOGIN XOAUTH2)")
    }

    @Test func credentialsAreNeverSentWithoutTLSUnlessAllowed() {
        var m = SMTPClientStateMachine(plan: plan(tls: .none))
        _ = m.replyReceived(Self.r(220, "hi"))
        #expect(m.replyReceived(Self.r(250, "mx", "AUTH LOGIN")) == .send(.quit))
        #expect(m.outcome.failure?.status == .refused)
        var allowed = plan(tls: .none)
        allowed.allowPlaintextAuth = true
        var n = SMTPClientStateMachine(plan: allowed)
        _ = n.replyReceived(Self.r(220, "hi"))
        #expect(n.replyReceived(Self.r(250, "mx", "AUTH LOGIN")) == .send(.auth(mechanism: "LOGIN", initialResponse: nil)))
    }

    @Test func aFullSubmissionSendsTheDotStuffedMessage() {
        let message = Array("Subject: t\r\n\r\n.dot\r\n".utf8)
        var m = SMTPClientStateMachine(
            plan: plan(
                auth: nil, tls: .implicit, quitAfter: .data, from: "a@contoso.com", to: ["b@contoso.com", "c@contoso.com"], message: message
            ))
        #expect(m.currentStage == .tls)
        #expect(m.tlsEstablished() == .none)
        #expect(m.replyReceived(Self.r(220, "hi")) == .send(.ehlo("probe.local")))
        #expect(m.replyReceived(Self.ehloTLS) == .send(.mail(from: "a@contoso.com")))
        #expect(m.replyReceived(Self.r(250, "2.1.0 ok")) == .send(.rcpt(to: "b@contoso.com")))
        #expect(m.replyReceived(Self.r(250, "2.1.5 ok")) == .send(.rcpt(to: "c@contoso.com")))
        #expect(m.replyReceived(Self.r(250, "2.1.5 ok")) == .send(.data))
        #expect(m.replyReceived(Self.r(354, "go")) == .send(.message(DotStuffing.stuff(message))))
        #expect(m.replyReceived(Self.r(250, "2.0.0 queued")) == .send(.quit))
        #expect(m.outcome.stages.map(\.stage) == [.tls, .connect, .mail, .rcpt, .data])
        #expect(m.outcome.succeeded)
    }

    @Test func quitAfterStopsEarlyAndTimeoutsNameTheStage() {
        var m = SMTPClientStateMachine(plan: plan(quitAfter: .connect))
        _ = m.replyReceived(Self.r(220, "hi"))
        #expect(m.replyReceived(Self.ehloPlain) == .send(.quit))
        #expect(m.timedOut(after: 5) == .finish)
        #expect(m.outcome.succeeded)

        var silent = SMTPClientStateMachine(plan: plan())
        #expect(silent.timedOut(after: 2) == .finish)
        #expect(silent.outcome.failure == StageResult(stage: .connect, status: .timedOut, detail: "no answer within 2 s"))
        #expect(silent.replyReceived(Self.r(220, "late")) == .none)
    }

    @Test func aRefusedRecipientFailsTheRcptStage() {
        var m = SMTPClientStateMachine(plan: plan(auth: nil, tls: .none, quitAfter: .rcpt, from: "a@x.com", to: ["b@y.com"]))
        _ = m.replyReceived(Self.r(220, "hi"))
        _ = m.replyReceived(Self.r(250, "mx"))
        _ = m.replyReceived(Self.r(250, "ok"))
        #expect(m.replyReceived(Self.r(550, "5.7.64 TenantAttribution; Relay Access Denied")) == .send(.quit))
        #expect(m.outcome.failure?.stage == .rcpt)
    }
}
