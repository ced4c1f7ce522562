"""The bridge's inbound side under attack (issue 11), run by scripts/interop-bridge.py against
the built binary with real clients (raw sockets, Python smtplib, swaks) and a real aiosmtpd sink:

- `bridge check-config` refuses the split-range open-relay configurations (and `*` senders);
- the six bare-CR/LF end-of-data forms never end DATA: 521 and closed where AUTH is offered,
  kept inside one message where bare line ends are normalised; nothing smuggled is delivered;
- malformed envelope addresses and source routes get 501/553, and the header From is checked;
- a session authenticated as an account that SIGHUP removed gets 421 and is closed; NOOPs do
  not keep a session open;
- a 1,500-octet text line inside DATA is accepted and delivered whole;
- an IPv4-mapped loopback client of an IPv6 socket is loopback;
- lock-out per source first, per account only after failures from several sources;
- every reply byte is US-ASCII.
"""
import base64
import os
import signal
import smtplib
import socket
import subprocess
import tempfile
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from interop_common import check

FORMS = [("<LF>.<LF>", b"\n.\n"), ("<LF>.<CRLF>", b"\n.\r\n"), ("<CRLF>.<LF>", b"\r\n.\n"),
         ("<CR>.<CR>", b"\r.\r"), ("<CR>.<CRLF>", b"\r.\r\n"), ("<CRLF>.<CR>", b"\r\n.\r")]
OPEN_RELAY_SETS = [["0.0.0.0/1", "128.0.0.0/1"], ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
                   ["::/1", "8000::/1"], ["::ffff:0.0.0.0/96"], ["10.0.0.0/8", "::ffff:8.8.8.8"]]


class LongLineSMTP(SMTP):
    """A sink that takes lines over 1,000 octets, as Exchange Online does."""
    line_length_limit = 1 << 20


class Sink(Controller):
    def __init__(self, port):
        self.received = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                return "250 2.0.0 OK queued"

        super().__init__(Handler(), hostname="127.0.0.1", port=port)

    def factory(self):
        return LongLineSMTP(self.handler, **self.SMTP_kwargs)


class Raw:
    """A raw-socket SMTP client: exactly the bytes given, replies read as they come."""

    def __init__(self, port, source=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0) if source else None)
        self.buffer = b""
        self.transcript = b""
        self.closed = False

    def reply(self, timeout=5):
        deadline = time.time() + timeout
        lines = []
        while time.time() < deadline:
            if b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                lines.append(line.rstrip(b"\r").decode("ascii", errors="replace"))
                if len(line) >= 4 and line[3:4] == b" ":
                    break
                continue
            if self.closed:
                break
            self.sock.settimeout(max(0.05, deadline - time.time()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
            self.buffer += chunk
            self.transcript += chunk
        return "\n".join(lines)

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def cmd(self, line, timeout=5):
        self.send(line.encode() + b"\r\n")
        return self.reply(timeout)

    def is_closed(self, timeout=3):
        deadline = time.time() + timeout
        while not self.closed and time.time() < deadline:
            if self.reply(timeout=0.3) == "" and not self.closed:
                continue
        return self.closed

    def close(self):
        self.sock.close()


def run(binary, bridge_class, hash_password, free_port):
    """The inbound checks, on a bridge of their own (its own spool, listeners and sink)."""
    work = tempfile.mkdtemp(prefix="authshift-inbound-")
    password = "Inbound-" + base64.b16encode(os.urandom(6)).decode()
    sink_port = free_port()
    sink = Sink(sink_port)
    sink.start()
    ports = {name: free_port() for name in ("auth", "relay", "mapped")}
    printer_hash = hash_password(password)
    transcripts = []

    def config(app2=True):
        return """hostname: bridge.inbound
spool: {work}/spool
listeners:
  - name: auth
    port: {auth}
    tls: none
    trustedLanPlain: true
    allow: [127.0.0.0/8]
  - name: relay
    port: {relay}
    tls: none
    allow: [127.0.0.0/8]
    relayWithoutAuth: [127.0.0.1/32]
    relaySenders: ["*@bulk.contoso.com"]
  - name: mapped
    address: "::ffff:127.0.0.1"
    port: {mapped}
    tls: none
accounts:
  - name: printer
    passwordHash: "{h}"
    senders: ["scanner@contoso.com"]
{app2}
limits:
  idleTimeoutSeconds: 2
  authFailuresBeforeLockout: 3
  lockoutSeconds: 30
  accountLockoutSources: 3
  accountLockoutSeconds: 2
  messagesPerMinutePerSource: 0
routes:
  - name: sink
    type: smtp
    host: 127.0.0.1
    port: {sink}
    tls: none
retry:
  initialSeconds: 0.5
  maximumSeconds: 2
""".format(work=work, sink=sink_port, h=printer_hash, app2=('  - name: app2\n    passwordHash: "%s"\n    senders: ["app2@contoso.com"]' % printer_hash) if app2 else "",
           **ports)

    # ---- check-config: split ranges, mapped ranges and "*" senders are refused.
    def check_config(text):
        path = os.path.join(work, "candidate.yaml")
        with open(path, "w") as f:
            f.write(text)
        return subprocess.run([binary, "bridge", "check-config", "--config", path], capture_output=True, text=True)

    base = config()
    outcomes = []
    for networks in OPEN_RELAY_SETS:
        listed = "[" + ", ".join('"%s"' % n for n in networks) + "]"
        for key in ("relayWithoutAuth", "allow"):
            text = base.replace("    relayWithoutAuth: [127.0.0.1/32]", "    relayWithoutAuth: %s" % listed) if key == "relayWithoutAuth" \
                else base.replace("    allow: [127.0.0.0/8]\n    relayWithoutAuth", "    allow: %s\n    relayWithoutAuth" % listed)
            r = check_config(text)
            outcomes.append((key, networks, r.returncode, r.stderr.strip()))
    refused_all = all(code == 65 and ("public addresses" in err or "whole Internet" in err) for _, _, code, err in outcomes)
    outcomes = [(k, n, c, e[-160:]) for k, n, c, e in outcomes]
    star = check_config(base.replace('relaySenders: ["*@bulk.contoso.com"]', 'relaySenders: ["*"]'))
    wide = check_config(base.replace('relaySenders: ["*@bulk.contoso.com"]', 'relaySenders: ["*@*.contoso.com"]'))
    ok = check_config(base)
    check("check-config refuses split-range and IPv4-mapped open-relay sets in relayWithoutAuth and allow (exit 65), and '*' senders",
          refused_all and star.returncode == 65 and "every domain" in star.stderr and wide.returncode == 65 and ok.returncode == 0,
          (outcomes, star.stderr, wide.stderr, ok.returncode, ok.stderr))

    bridge = bridge_class(work, base)
    bridge.start()
    try:
        _run_sessions(bridge, sink, ports, password, transcripts, config)
    finally:
        bridge.process.send_signal(signal.SIGTERM)
        try:
            bridge.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            bridge.kill9()
        sink.stop()


def _login(port, user, password, source=None):
    c = Raw(port, source)
    c.reply()
    c.cmd("EHLO attacker")
    return c, c.cmd("AUTH PLAIN " + base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode())


def _run_sessions(bridge, sink, ports, password, transcripts, config):
    # ---- SMTP smuggling: six forms against the AUTH listener (refused) and the relay listener (normalised).
    def smuggle(c, sender, form):
        c.cmd("MAIL FROM:<%s>" % sender)
        c.cmd("RCPT TO:<a@fabrikam.com>")
        c.cmd("DATA")
        c.send(b"From: " + sender.encode() + b"\r\nSubject: smuggle\r\n\r\nfirst" + form
               + b"MAIL FROM:<ceo@contoso.com>\r\nRCPT TO:<victim@fabrikam.com>\r\nDATA\r\nFrom: ceo@contoso.com\r\n\r\nsmuggled\r\n.\r\n")
        replies = []
        while True:
            r = c.reply(timeout=1.5)
            if not r:
                break
            replies.append(r)
        return replies

    refused = []
    for name, form in FORMS:
        c, auth = _login(ports["auth"], "printer", password)
        replies = smuggle(c, "scanner@contoso.com", form)
        refused.append((name, auth, replies, c.is_closed()))
        transcripts.append(c.transcript)
        c.close()
    check("the six bare-CR/LF end-of-data forms on an AUTH listener get 521 5.5.2 and the connection closes, nothing smuggled",
          all(a.startswith("235") and r == ["521 5.5.2 Bare CR or LF in message data; lines must end with CRLF (RFC 5321 section 2.3.8)"] and closed
              for _, a, r, closed in refused), refused)
    normalised = []
    for name, form in FORMS:
        c = Raw(ports["relay"])
        c.reply()
        c.cmd("EHLO scanner")
        replies = smuggle(c, "scan@bulk.contoso.com", form)
        normalised.append((name, replies))
        transcripts.append(c.transcript)
        c.close()
    delivered = lambda: [r for r in sink.received if b"Subject: smuggle" in r[2]]  # noqa: E731
    arrived = _wait(lambda: len(delivered()) >= 6, 20)
    one_each = all(len(r) == 1 and r[0].startswith("250 2.0.0 Ok: queued") for _, r in normalised)
    clean = all(f == "scan@bulk.contoso.com" and t == ["a@fabrikam.com"] and b"\r\nMAIL FROM:<ceo@contoso.com>\r\n" in body for f, t, body in delivered())
    no_ceo = not any(f == "ceo@contoso.com" or "victim@fabrikam.com" in t for f, t, _ in sink.received)
    check("on a normalising listener each form stays inside one message (one 250), delivered once with the would-be commands as text",
          arrived and one_each and clean and no_ceo and len(delivered()) == 6, (normalised, [(f, t) for f, t, _ in sink.received]))

    # ---- Malformed envelope addresses.
    c, auth = _login(ports["auth"], "printer", password)
    answers = [c.cmd(line) for line in ("MAIL FROM:<ceo@victim.example@contoso.com>", "MAIL FROM:<@evil.example:scanner@contoso.com>",
                                        "MAIL FROM:<scanner@contoso.com.>", "MAIL FROM:<scanner@contoso.com>", "RCPT TO:<a@b@fabrikam.com>",
                                        "RCPT TO:<@relay.example:victim@example.org>", "RCPT TO:<a..b@fabrikam.com>", "RCPT TO:<victim%example.org@contoso.com>",
                                        "RCPT TO:<ok@fabrikam.com>")]
    transcripts.append(c.transcript)
    c.close()
    expected = ["501 5.1.7", "553 5.1.7", "501 5.1.7", "250 ", "501 5.1.3", "553 5.1.3", "501 5.1.3", "553 5.1.3", "250 "]
    raw_ok = all(a.startswith(e) for a, e in zip(answers, expected))
    s = smtplib.SMTP("127.0.0.1", ports["auth"], timeout=10)
    s.login("printer", password)
    try:
        s.sendmail("ceo@victim.example@contoso.com", ["a@fabrikam.com"], "Subject: x\r\n\r\nx\r\n")
        smtplib_code = 250
    except smtplib.SMTPSenderRefused as e:
        smtplib_code = e.smtp_code
    s.quit()
    swaks = subprocess.run(["swaks", "--server", "127.0.0.1:%d" % ports["auth"], "--auth", "PLAIN", "--auth-user", "printer", "--auth-password", password,
                            "--from", "scanner@contoso.com", "--to", "a@fabrikam.com", "--header", "From: CEO <ceo@contoso.com>", "--timeout", "10"],
                           capture_output=True, text=True)
    check("malformed addresses and source routes get 501/553 (raw socket, smtplib); a forged header From gets 550 5.7.1 (swaks)",
          raw_ok and smtplib_code == 501 and "550 5.7.1 Header From <ceo@contoso.com>" in swaks.stdout,
          (answers, smtplib_code, swaks.stdout[-600:]))

    # ---- A long text line (an old scanner's single-line base64) is accepted and delivered whole.
    line = base64.b64encode(os.urandom(1200)).decode()
    s = smtplib.SMTP("127.0.0.1", ports["auth"], timeout=10)
    s.login("printer", password)
    s.sendmail("scanner@contoso.com", ["scan@fabrikam.com"], "From: scanner@contoso.com\r\nSubject: long line\r\n\r\n%s\r\n" % line)
    s.quit()
    got = _wait(lambda: any(line.encode() in body for _, _, body in sink.received), 20)
    check("a %d-octet text line inside DATA is accepted (250) and delivered whole" % len(line), got, len(sink.received))

    # ---- Revocation: SIGHUP removes app2; its open session gets 421 at the next command and is closed.
    held, auth = _login(ports["auth"], "app2", password)
    before = held.cmd("NOOP")
    with open(bridge.config, "w") as f:
        f.write(config(app2=False))
    bridge.process.send_signal(signal.SIGHUP)
    time.sleep(0.8)
    after = held.cmd("NOOP")
    closed = held.is_closed()
    transcripts.append(held.transcript)
    held.close()
    s = smtplib.SMTP("127.0.0.1", ports["auth"], timeout=10)
    try:
        s.login("app2", password)
        relogin = 235
    except smtplib.SMTPAuthenticationError as e:
        relogin = e.smtp_code
    except smtplib.SMTPServerDisconnected:
        relogin = 421
    s.close()
    check("after SIGHUP removes an account, its authenticated session gets 421 at its next command and is closed; a new login is refused",
          auth.startswith("235") and before.startswith("250") and after.startswith("421 4.7.0") and closed and relogin == 535, (auth, before, after, closed, relogin))

    # ---- The idle limit counts NOOP and RSET as idle.
    c, _ = _login(ports["auth"], "printer", password)
    started = time.time()
    last = ""
    while time.time() - started < 8 and not c.closed:
        last = c.cmd("NOOP" if int(time.time() * 2) % 2 else "RSET", timeout=1)
        if last.startswith("421"):
            break
        time.sleep(0.4)
    waited = time.time() - started
    transcripts.append(c.transcript)
    c.close()
    check("a session that only sends NOOP/RSET is closed with 421 4.4.2 after the 2 s idle limit", last.startswith("421 4.4.2") and waited < 4, (last, waited))

    # ---- An IPv4-mapped loopback client (::ffff:127.0.0.2 on an IPv6 socket) is loopback.
    try:
        c = Raw(ports["mapped"], source="127.0.0.2")
        greeting = c.reply()
        transcripts.append(c.transcript)
        c.close()
    except OSError as e:
        greeting = str(e)
    check("a client at ::ffff:127.0.0.2 of a listener on an IPv6 socket with no allow list is taken as loopback (220)",
          greeting.startswith("220 bridge.inbound"), greeting)

    # ---- Lock-out: per source first; the account only after failures from 3 sources, briefly.
    codes = []
    for _ in range(4):
        c, answer = _login(ports["auth"], "printer", "wrong", source="127.0.0.2")
        codes.append(answer[:3])
        c.close()
    _, own = _login(ports["auth"], "printer", password, source="127.0.0.1")
    _, third = _login(ports["auth"], "printer", "wrong", source="127.0.0.3")
    _, fourth = _login(ports["auth"], "printer", "wrong", source="127.0.0.4")
    _, locked = _login(ports["auth"], "printer", password, source="127.0.0.1")
    time.sleep(2.5)
    _, unlocked = _login(ports["auth"], "printer", password, source="127.0.0.1")
    logged = "account-locked" in bridge.all_logs()
    check("one source's failures lock only that source (the device still logs in); failures from 3 sources lock the account for 2 s, logged",
          codes == ["535", "535", "421", "421"] and own.startswith("235") and third.startswith("535") and fourth.startswith("421")
          and locked.startswith("421") and unlocked.startswith("235") and logged, (codes, own, third, fourth, locked, unlocked, logged))

    # ---- Every reply byte of every session above is US-ASCII.
    everything = b"".join(transcripts)
    check("every reply the bridge sent in these sessions is US-ASCII (%d octets)" % len(everything), all(b < 128 for b in everything) and len(everything) > 1000)


def _wait(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()
