#!/usr/bin/env python3
"""Interop and fault suite for `authshift bridge`, run by .ci/run (not by swift test).

Clients: Python smtplib and swaks (Debian). Upstreams: aiosmtpd with STARTTLS and an
auth_XOAUTH2 handler (the Exchange Online route), a plain aiosmtpd sink (a smarthost route), a
loopback token endpoint that verifies the bridge's client assertion, and a Graph sendMail
stand-in (scripts/interop_peers.py).

Faults: the upstream down for a while then back (everything delivered, in order per mailbox);
kill -9 of the bridge while clients send a few thousand messages (every message a client got
250 for is delivered after restart; duplicates counted); malformed commands, over-long lines, a
message over the size limit, a silent client, a relay attempt without authentication, repeated
bad passwords. Also SIGHUP reload, the metrics endpoint, the queue commands, SIGTERM; then the
inbound attacks of scripts/interop_bridge_inbound.py (open-relay configurations, SMTP
smuggling, malformed addresses, revoked sessions, idle sessions, lock-out).

Prints PASS/FAIL lines and a FIGURES line with the kill -9 and outage counts.
usage: scripts/interop-bridge.py PATH_TO_AUTHSHIFT_BINARY

Delivery (issue 11), on the XOAUTH2 and the connector route: the upstream answers 550 for one
recipient and 452 twice for another; the good recipient gets the message once, the sender gets
an RFC 3464 notice naming the refused one, the 452 one is delivered later on its own. Head of
line: a message waiting to retry does not hold back the messages behind it.
"""
import base64
import json
import os
import secrets
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_common import check, finish, load_peers  # noqa: E402

peers_module = load_peers(("swaks",))
import interop_bridge_inbound  # noqa: E402  (after load_peers, which checks aiosmtpd is installed)
CLIENT_ID = peers_module.CLIENT_ID
FIXTURES = peers_module.FIXTURES
TENANT = peers_module.TENANT
Peers = peers_module.Peers
free_port = peers_module.free_port

BINARY = sys.argv[1]
PASSWORD = "Printer-" + secrets.token_hex(6)
APP2_PASSWORD = "App2-" + secrets.token_hex(6)
PEERS = Peers("unused-client-secret-" + secrets.token_hex(4))
figures = {}



def hash_password(password):
    return subprocess.run([BINARY, "bridge", "hash-password"], input=password + "\n", capture_output=True, text=True, check=True).stdout.strip()


class Bridge:
    def __init__(self, workdir, config_text):
        self.workdir = workdir
        self.config = os.path.join(workdir, "bridge.yaml")
        with open(self.config, "w") as f:
            f.write(config_text)
        self.process = None
        self.logs = []

    def start(self):
        log = open(os.path.join(self.workdir, "bridge-%d.err" % len(self.logs)), "w")
        self.logs.append(log.name)
        self.process = subprocess.Popen([BINARY, "bridge", "run", "--config", self.config], stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if "\"started\"" in open(log.name).read():
                return
            if self.process.poll() is not None:
                raise RuntimeError("bridge exited: " + open(log.name).read())
            time.sleep(0.05)
        raise RuntimeError("bridge did not start: " + open(log.name).read())

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def all_logs(self):
        text = "".join(open(n).read() for n in self.logs)
        delivery = os.path.join(self.workdir, "spool", "delivery.log")
        return text + (open(delivery).read() if os.path.exists(delivery) else "")

    def queue(self, *args):
        return subprocess.run([BINARY, "bridge", "queue"] + list(args) + ["--config", self.config], capture_output=True, text=True)


def message(sender, to, message_id, body="test", extra_headers=""):
    return ("From: <%s>\r\nTo: <%s>\r\nSubject: interop\r\nMessage-ID: <%s>\r\n%s\r\n%s\r\n" % (sender, to, message_id, extra_headers, body))


def message_id_of(content):
    text = content.decode(errors="replace") if isinstance(content, bytes) else content
    for line in text.split("\n"):
        if line.lower().startswith("message-id:"):
            return line.split(":", 1)[1].strip().strip("<>")
    return None


def wait_for(predicate, timeout, step=0.1):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def raw_session(port, lines, read_timeout=5):
    """Sends raw lines (bytes) one by one, returns everything the server said."""
    s = socket.create_connection(("127.0.0.1", port), timeout=read_timeout)
    out = b""
    try:
        out += s.recv(4096)
        for line in lines:
            s.sendall(line)
            time.sleep(0.15)
            try:
                out += s.recv(65536)
            except socket.timeout:
                pass
    finally:
        s.close()
    return out.decode(errors="replace")


def main():
    work = tempfile.mkdtemp(prefix="authshift-bridge-")
    token_server, authority = PEERS.start_token_endpoint()
    graph_server, graph_url, graph = PEERS.start_graph(throttle_first=1, retry_after_header="retry-after")
    exo_port, sink_port = free_port(), free_port()
    # Per-recipient answers: reject@ gets 550, later@ gets 452 twice then 250, busy@ always 452.
    exo = PEERS.smtp_controller(exo_port, reject_recipients=("reject@fabrikam.com",), defer_recipients={"later@fabrikam.com": 2, "busy@fabrikam.com": None})
    sink = PEERS.smtp_controller(sink_port, tls=False, reject_recipients=("reject@fabrikam.com",), defer_recipients={"later@fabrikam.com": 2})
    sink.start()
    ports = {name: free_port() for name in ("tls", "tls12", "implicit", "plain", "bulk", "metrics")}
    printer_hash, app2_hash = hash_password(PASSWORD), hash_password(APP2_PASSWORD)
    config = """hostname: bridge.interop
spool: {work}/spool
listeners:
  - name: tls
    port: {tls}
    tls: starttls
    certificate: {fx}/server.pem
    key: {fx}/server-key.pem
    allow: [127.0.0.0/8]
  - name: tls12-only
    port: {tls12}
    tls: starttls
    minimumTLSVersion: "1.2"
    certificate: {fx}/server.pem
    key: {fx}/server-key.pem
    allow: [127.0.0.0/8]
  - name: implicit
    port: {implicit}
    tls: implicit
    certificate: {fx}/server.pem
    key: {fx}/server-key.pem
    allow: [127.0.0.0/8]
  - name: lan-plain
    port: {plain}
    tls: none
    trustedLanPlain: true
    allow: [127.0.0.0/8]
  - name: bulk
    port: {bulk}
    tls: none
    allow: [127.0.0.0/8]
    relayWithoutAuth: [127.0.0.1/32]
    relaySenders: ["*@bulk.contoso.com"]
accounts:
  - name: printer
    passwordHash: "{printer_hash}"
    senders: ["*@contoso.com", "*@graph.contoso.com"]
#APP2
limits:
  maxMessageSize: 100000
  idleTimeoutSeconds: 2
  authFailuresBeforeLockout: 3
  lockoutSeconds: 600
  messagesPerMinutePerSource: 0
  maxConnectionsPerSource: 500
oauth:
  authority: {authority}
  tenant: {tenant}
  clientId: {client}
  certificate: {fx}/app.pem
  key: {fx}/app-key.pem
routes:
  - name: bulk-sink
    type: smtp
    senderDomains: [bulk.contoso.com]
    host: 127.0.0.1
    port: {sink}
    tls: none
  - name: graph
    type: graph
    senderDomains: [graph.contoso.com]
    graphBaseUrl: {graph_url}
  - name: exo
    type: smtp-xoauth2
    host: localhost
    port: {exo}
    trustRootsFile: {fx}/ca.pem
    messagesPerMinutePerMailbox: 0
retry:
  initialSeconds: 0.5
  maximumSeconds: 2
  giveUpAfterSeconds: 600
  notifySender: true
metrics:
  address: 127.0.0.1
  port: {metrics}
delivery:
  concurrency: 16
""".format(work=work, fx=FIXTURES, printer_hash=printer_hash, authority=authority, tenant=TENANT, client=CLIENT_ID, sink=sink_port,
           graph_url=graph_url, exo=exo_port, **ports)
    bridge = Bridge(work, config)
    check("check-config accepts the configuration", subprocess.run([BINARY, "bridge", "check-config", "--config", bridge.config], capture_output=True).returncode == 0)
    bridge.start()

    # ---- Outage: the Exchange Online upstream is down while 3 mailboxes send 30 messages, then back.
    sent_order = {}
    s = smtplib.SMTP("127.0.0.1", ports["tls"], timeout=10)
    s.starttls()
    s.login("printer", PASSWORD)
    for n in range(30):
        sender = "mbx%d@contoso.com" % (n % 3)
        mid = "outage-%d-%02d@interop" % (n % 3, n)
        s.sendmail(sender, ["to@fabrikam.com"], message(sender, "to@fabrikam.com", mid))
        sent_order.setdefault(sender, []).append(mid)
    s.quit()
    time.sleep(2.5)
    queued = bridge.queue("list", "--format", "json")
    deferred = [r for r in json.loads(queued.stdout or "[]") if r["state"]["attempts"] > 0]
    check("during the outage every message is spooled and deferred, none lost", len(json.loads(queued.stdout or "[]")) == 30 and len(deferred) >= 1, queued.stdout[-500:])
    exo.start()
    delivered = wait_for(lambda: len(exo.received) >= 30, 60)
    got = {}
    for mail_from, _, content in exo.received:
        got.setdefault(mail_from, []).append(message_id_of(content))
    in_order = all(got.get(sender) == ids for sender, ids in sent_order.items())
    check("after the outage all 30 are delivered over XOAUTH2, in order per mailbox", delivered and in_order, (len(exo.received), got))
    figures["outage"] = {"sent": 30, "delivered": len(exo.received), "in_order_per_mailbox": in_order}

    # ---- STARTTLS + AUTH LOGIN from smtplib and from swaks, delivered over XOAUTH2.
    before = len(exo.received)
    s = smtplib.SMTP("127.0.0.1", ports["tls"], timeout=10)
    s.starttls()
    s.login("printer", PASSWORD)
    s.sendmail("scanner@contoso.com", ["a@fabrikam.com"], message("scanner@contoso.com", "a@fabrikam.com", "smtplib-1@interop", body=".leading dot\r\nline"))
    s.quit()
    p = subprocess.run(["swaks", "--server", "127.0.0.1:%d" % ports["tls"], "--tls", "--auth", "LOGIN", "--auth-user", "printer", "--auth-password", PASSWORD,
                        "--from", "scanner@contoso.com", "--to", "b@fabrikam.com", "--timeout", "10"],
                       capture_output=True, text=True)
    check("swaks STARTTLS + AUTH LOGIN is accepted (250)", p.returncode == 0 and "queued as" in p.stdout, p.stdout[-1500:] + p.stderr)
    context = ssl.create_default_context(cafile=os.path.join(FIXTURES, "ca.pem"))
    s = smtplib.SMTP_SSL("localhost", ports["implicit"], timeout=10, context=context)
    s.login("printer", PASSWORD)
    s.sendmail("scanner@contoso.com", ["c@fabrikam.com"], message("scanner@contoso.com", "c@fabrikam.com", "implicit-1@interop"))
    s.quit()
    ok = wait_for(lambda: len(exo.received) >= before + 3, 20)
    ids = [message_id_of(c) for _, _, c in exo.received[before:]]
    swaks_arrived = any(rcpts == ["b@fabrikam.com"] and b"X-Mailer: swaks" in c for _, rcpts, c in exo.received[before:])
    dot_kept = any(b"\r\n.leading dot" in c for _, _, c in exo.received[before:])
    check("smtplib (STARTTLS and implicit TLS) and swaks messages reach the upstream over XOAUTH2, dot line intact",
          ok and "smtplib-1@interop" in ids and "implicit-1@interop" in ids and swaks_arrived and dot_kept, ids)

    # ---- An old device's TLS 1.1 (imitated by authshift probe): taken by default, refused where minimumTLSVersion is 1.2.
    old = ["probe", "--tls", "starttls", "--tls-min", "1.0", "--tls-max", "1.1", "--tls-ca", os.path.join(FIXTURES, "ca.pem"), "--quit-after", "tls", "--timeout", "10"]
    legacy_ok = subprocess.run([BINARY] + old + ["--target", "localhost:%d" % ports["tls"]], capture_output=True, text=True)
    legacy_refused = subprocess.run([BINARY] + old + ["--target", "localhost:%d" % ports["tls12"]], capture_output=True, text=True)
    check("a TLS 1.1 device is accepted by default and refused by a listener with minimumTLSVersion 1.2",
          legacy_ok.returncode == 0 and "TLS version tlsv11" in legacy_ok.stdout and legacy_refused.returncode == 21,
          (legacy_ok.returncode, legacy_ok.stdout[-400:], legacy_refused.returncode, legacy_refused.stdout[-400:]))

    # ---- Graph route: throttled once (lower-case retry-after honoured), envelope-only recipient as Bcc.
    s = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=10)
    s.login("printer", PASSWORD)
    s.sendmail("scan@graph.contoso.com", ["shown@fabrikam.com", "hidden@fabrikam.com"],
               message("scan@graph.contoso.com", "shown@fabrikam.com", "graph-1@interop"))
    s.quit()
    ok = wait_for(lambda: len(graph["received"]) >= 1, 20)
    mailbox, mime = graph["received"][0] if graph["received"] else ("", b"")
    check("Graph sendMail gets the raw MIME in base64 after one 429, with the envelope-only recipient as Bcc",
          ok and graph["throttled"] == 1 and mailbox == "scan@graph.contoso.com" and b"Bcc: hidden@fabrikam.com" in mime and b"graph-1@interop" in mime,
          (graph["throttled"], mailbox, mime[:300]))

    # ---- Never an open relay: no AUTH and not allow-listed.
    s = smtplib.SMTP("127.0.0.1", ports["tls"], timeout=10)
    s.starttls()
    refused = False
    try:
        s.sendmail("scanner@contoso.com", ["victim@example.org"], "Subject: relay\r\n\r\nx\r\n")
    except smtplib.SMTPSenderRefused as e:
        refused = e.smtp_code == 530
    s.close()
    raw = raw_session(ports["plain"], [b"EHLO spammer\r\n", b"MAIL FROM:<x@contoso.com>\r\n", b"RCPT TO:<victim@example.org>\r\n", b"DATA\r\n"])
    check("an unauthenticated, non-allow-listed client cannot relay (530 at MAIL, RCPT and DATA refused)",
          refused and "530 5.7.0" in raw and "503 5.5.1 Need MAIL before RCPT" in raw and "503 5.5.1 Need MAIL command" in raw, raw)

    # ---- Malformed and over-long input, the size limit, a silent client.
    raw = raw_session(ports["bulk"], [b"EHLO c\r\n", b"FOO BAR\r\n", b"MAIL FROM:bad\r\n", b"NOOP " + b"x" * 700 + b"\r\n", b"NOOP\r\n"])
    check("malformed commands get 502/501 and an over-long line 500, and the session goes on",
          "502 5.5.2" in raw and "501 5.5.4" in raw and "500 5.5.2 Line too long" in raw and raw.rstrip().endswith("250 2.0.0 Ok"), raw)
    big = ("x" * 70 + "\r\n") * 2000
    raw = raw_session(ports["bulk"], [b"EHLO c\r\n", b"MAIL FROM:<s@bulk.contoso.com>\r\n", b"RCPT TO:<r@fabrikam.com>\r\n", b"DATA\r\n",
                                      ("Subject: big\r\n\r\n" + big + ".\r\n").encode()])
    check("a message over the size limit gets 552 5.3.4", "552 5.3.4" in raw, raw[-400:])
    s = socket.create_connection(("127.0.0.1", ports["bulk"]), timeout=10)
    started = time.time()
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    check("a silent client is closed with 421 4.4.2 after the idle timeout", b"421 4.4.2" in data and 1.5 < time.time() - started < 8, (data, time.time() - started))

    # ---- Lock-out after repeated bad passwords, from an address of its own (127.0.0.9): the window
    # (lockoutSeconds 600) outlasts any run however loaded, and the lock holds back only that
    # source, so the device's own address (127.0.0.1) still logs in and the later checks need no wait.
    def plain_auth(user, password, source):
        s = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=30, source_address=(source, 0))
        s.ehlo()
        try:
            code = s.docmd("AUTH", "PLAIN " + base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode())[0]
        except smtplib.SMTPServerDisconnected:
            code = 421
        try:
            s.close()
        except Exception:  # noqa: BLE001
            pass
        return code

    codes = [plain_auth("printer", "wrong-password", "127.0.0.9") for _ in range(3)]
    codes.append(plain_auth("printer", PASSWORD, "127.0.0.9"))
    codes.append(plain_auth("printer", PASSWORD, "127.0.0.1"))
    check("repeated bad passwords lock the source out (535, 535, 421; then the right password is refused there, accepted from another source)",
          codes == [535, 535, 421, 421, 235], codes)

    # ---- A permanent upstream refusal dead-letters; the queue commands show, retry, export and delete it.
    s = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=10)
    s.login("printer", PASSWORD)
    s.sendmail("scanner@contoso.com", ["reject@fabrikam.com"], message("scanner@contoso.com", "reject@fabrikam.com", "dead-1@interop"))
    s.quit()
    listed = lambda: [r for r in json.loads(bridge.queue("list", "--format", "json").stdout or "[]") if r["folder"] == "dead"]  # noqa: E731
    ok = wait_for(lambda: len(listed()) == 1, 20)
    dead = listed()
    dead_id = dead[0]["envelope"]["id"] if dead else "none"
    check("a 550 from the upstream moves the message to dead-letter with the reply", ok and "5.1.10" in dead[0]["state"]["lastResult"], dead)
    dsn = wait_for(lambda: any(rcpts == ["scanner@contoso.com"] and b"report-type=delivery-status" in c and b"5.1.10" in c for _, rcpts, c in exo.received), 20)
    check("the sender gets a delivery status notification (multipart/report) naming the upstream's reply", dsn,
          [(f, r) for f, r, _ in exo.received[-3:]])
    show = bridge.queue("show", dead_id)
    export_path = os.path.join(work, "dead.eml")
    export = bridge.queue("export", dead_id, "--output", export_path)
    retry = bridge.queue("retry", dead_id)
    requeued = wait_for(lambda: len(listed()) == 1 and listed()[0]["state"]["attempts"] >= 2, 20)
    delete = bridge.queue("delete", dead_id)
    check("queue show, export, retry and delete work on it",
          "dead-1@interop" in show.stdout and export.returncode == 0 and b"dead-1@interop" in open(export_path, "rb").read()
          and retry.returncode == 0 and requeued and delete.returncode == 0 and not listed(),
          (show.stdout[-300:], export.stderr, retry.stdout, delete.stdout))

    # ---- Per recipient (RFC 5321 section 3.3), on the XOAUTH2 route and on a connector (smtp) route:
    # ok@ accepted, reject@ refused with 550, later@ refused with 452 twice.
    for label, upstream, sender, port, login in (("XOAUTH2", exo, "partial@contoso.com", ports["plain"], True),
                                                 ("connector (smtp)", sink, "partial@bulk.contoso.com", ports["bulk"], False)):
        mid = "partial-%s@interop" % ("exo" if login else "sink")
        before = len(upstream.received)
        s = smtplib.SMTP("127.0.0.1", port, timeout=10)
        if login:
            s.login("printer", PASSWORD)
        refused_at_submission = s.sendmail(sender, ["ok@fabrikam.com", "reject@fabrikam.com", "later@fabrikam.com"], message(sender, "ok@fabrikam.com", mid))
        s.quit()
        copies = lambda: [r for _, r, c in upstream.received[before:] if message_id_of(c) == mid]  # noqa: E731
        notices = lambda: [c for _, r, c in upstream.received[before:] if r == [sender] and b"report-type=delivery-status" in c]  # noqa: E731
        dead_entry = lambda: [r for r in json.loads(bridge.queue("list", "--format", "json").stdout or "[]") if r["folder"] == "dead" and r["envelope"]["from"] == sender]  # noqa: E731
        ok = wait_for(lambda: len(copies()) >= 2 and notices() and dead_entry(), 30)
        dsn = (notices() or [b""])[0]
        entry = dead_entry()
        states = [(x["address"], x["status"]) for x in entry[0]["state"].get("recipients", [])] if entry else []
        check("%s route: ok@ gets the message once, the 550 recipient is bounced to the sender (RFC 3464 report naming it alone), "
              "the 452 recipient stays queued alone and is delivered on a later attempt" % label,
              ok and not refused_at_submission and copies() == [["ok@fabrikam.com"], ["later@fabrikam.com"]] and upstream.rcpt_log.count("ok@fabrikam.com") == 1
              and b"Final-Recipient: rfc822; reject@fabrikam.com" in dsn and b"Status: 5.1.10" in dsn and mid.encode() in dsn
              and b"Final-Recipient: rfc822; ok@fabrikam.com" not in dsn and b"Final-Recipient: rfc822; later@fabrikam.com" not in dsn
              and states == [("ok@fabrikam.com", "delivered"), ("reject@fabrikam.com", "failed"), ("later@fabrikam.com", "delivered")],
              (copies(), upstream.rcpt_log[-8:], dsn[:1500], entry))
        figures.setdefault("per_recipient", {})[label] = {"copies": copies(), "notices": len(notices()), "states": states}
        if entry:
            bridge.queue("delete", entry[0]["envelope"]["id"])

    # ---- Head of line: on the XOAUTH2 route (one message at a time per mailbox, in order), a message
    # waiting to retry after a 452 steps out of the line; the three behind it are delivered in order.
    before = len(exo.received)
    s = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=10)
    s.login("printer", PASSWORD)
    s.sendmail("hol@contoso.com", ["busy@fabrikam.com"], message("hol@contoso.com", "busy@fabrikam.com", "hol-0@interop"))
    for n in range(1, 4):
        s.sendmail("hol@contoso.com", ["to@fabrikam.com"], message("hol@contoso.com", "to@fabrikam.com", "hol-%d@interop" % n))
    s.quit()
    behind = lambda: [message_id_of(c) for f, _, c in exo.received[before:] if f == "hol@contoso.com"]  # noqa: E731
    ok = wait_for(lambda: behind() == ["hol-1@interop", "hol-2@interop", "hol-3@interop"], 20)
    waiting = [r for r in json.loads(bridge.queue("list", "--format", "json").stdout or "[]") if r["envelope"]["from"] == "hol@contoso.com"]
    check("a message in back-off (452) does not hold back its mailbox queue: the three behind it are delivered, in order, while it waits",
          ok and len(waiting) == 1 and waiting[0]["folder"] == "queued" and waiting[0]["state"]["attempts"] >= 1, (behind(), waiting))
    figures["head_of_line"] = {"delivered_behind": behind(), "still_waiting": len(waiting)}
    for r in waiting:
        bridge.queue("delete", r["envelope"]["id"])

    # ---- SIGHUP: a new account works without a restart and without dropping an open session.
    held = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=10)
    held.ehlo()
    with open(bridge.config) as f:
        text = f.read()
    with open(bridge.config, "w") as f:
        f.write(text.replace("#APP2", '  - name: app2\n    passwordHash: "%s"\n    senders: ["app2@contoso.com"]' % app2_hash))
    bridge.process.send_signal(signal.SIGHUP)
    time.sleep(0.7)
    s = smtplib.SMTP("127.0.0.1", ports["plain"], timeout=10)
    reloaded = True
    try:
        s.login("app2", APP2_PASSWORD)
        s.quit()
    except smtplib.SMTPException:
        reloaded = False
    held_ok = held.noop()[0] == 250
    held.quit()
    check("SIGHUP reloads the accounts and keeps open sessions", reloaded and held_ok, bridge.all_logs()[-800:])

    # ---- A spool without room: 452 4.3.1 before DATA, not a failure half-way (RFC 5321 section 6.1).
    with open(bridge.config) as f:
        roomy = f.read()
    with open(bridge.config, "w") as f:
        f.write(roomy.replace("  messagesPerMinutePerSource: 0", "  messagesPerMinutePerSource: 0\n  minimumFreeSpace: 2000000000000"))
    bridge.process.send_signal(signal.SIGHUP)
    time.sleep(0.7)
    raw = raw_session(ports["bulk"], [b"EHLO c\r\n", b"MAIL FROM:<s@bulk.contoso.com>\r\n", b"RCPT TO:<r@fabrikam.com>\r\n", b"DATA\r\n"])
    with open(bridge.config, "w") as f:
        f.write(roomy)
    bridge.process.send_signal(signal.SIGHUP)
    time.sleep(0.7)
    check("when the spool's disk is short of the reserve, DATA gets 452 4.3.1", "452 4.3.1" in raw and "354" not in raw, raw)

    # ---- Metrics on loopback.
    text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % ports["metrics"], timeout=5).read().decode()
    check("the metrics endpoint reports accepted, delivered and latency", "authshift_bridge_accepted_total" in text
          and "authshift_bridge_delivered_total" in text and "authshift_bridge_delivery_latency_seconds_count" in text, text[:500])

    # ---- kill -9 while clients send a few thousand messages.
    acknowledged = set()
    lock = threading.Lock()
    stop = threading.Event()
    attempts = [0]

    def client(number):
        n = 0
        sender = "c%d@bulk.contoso.com" % number
        while not stop.is_set() and n < 450:
            try:
                s = smtplib.SMTP("127.0.0.1", ports["bulk"], timeout=10)
                while n < 450 and not stop.is_set():
                    mid = "kill-%d-%d@interop" % (number, n)
                    with lock:
                        attempts[0] += 1
                    s.sendmail(sender, ["sink@fabrikam.com"], message(sender, "sink@fabrikam.com", mid))
                    with lock:
                        acknowledged.add(mid)
                    n += 1
                s.quit()
            except (OSError, smtplib.SMTPException):
                n += 1  # no 250: this one is not counted as acknowledged; the next one gets a new ID
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    wait_for(lambda: len(acknowledged) >= 1200, 120, step=0.01)
    acknowledged_before_kill = len(acknowledged)
    bridge.kill9()
    time.sleep(0.5)
    bridge.start()
    for t in threads:
        t.join(timeout=300)
    stop.set()
    delivered_ids = lambda: [message_id_of(c) for _, _, c in sink.received if (message_id_of(c) or "").startswith("kill-")]  # noqa: E731
    wait_for(lambda: acknowledged <= set(delivered_ids()), 180, step=0.5)
    ids = delivered_ids()
    missing = acknowledged - set(ids)
    duplicates = len(ids) - len(set(ids))
    figures["kill9"] = {"client_attempts": attempts[0], "acknowledged": len(acknowledged), "acknowledged_before_kill": acknowledged_before_kill,
                        "delivered_unique": len(set(ids)), "delivered_total": len(ids), "duplicates": duplicates, "missing": len(missing),
                        "delivered_without_ack": len(set(ids) - acknowledged)}
    check("kill -9 under load: every acknowledged message is delivered after restart (%d acknowledged, %d duplicates)" % (len(acknowledged), duplicates),
          len(acknowledged) >= 2000 and not missing, figures["kill9"])

    # ---- No secret in any log.
    logs = bridge.all_logs()
    leaked = [x for x in PEERS.secrets_to_hide + [PASSWORD, APP2_PASSWORD, base64.b64encode(PASSWORD.encode()).decode()] if len(x) >= 6 and x in logs]
    check("no password, token or client assertion in the logs or the delivery log", not leaked, len(leaked))

    # ---- SIGTERM: graceful stop.
    bridge.process.send_signal(signal.SIGTERM)
    try:
        code = bridge.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        code = None
        bridge.kill9()
    check("SIGTERM stops the bridge gracefully (exit 0)", code == 0, code)

    # ---- The inbound side under attack (issue 11): open-relay configurations, smuggling,
    # malformed addresses, revocation, idle sessions, lock-out (scripts/interop_bridge_inbound.py).
    interop_bridge_inbound.run(BINARY, Bridge, hash_password, free_port)

    exo.stop()
    sink.stop()
    token_server.shutdown()
    graph_server.shutdown()
    print("FIGURES " + json.dumps(figures, sort_keys=True))
    finish()


if __name__ == "__main__":
    main()
