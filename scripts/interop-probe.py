#!/usr/bin/env python3
"""Interop suite for `authshift probe` against real peers, run by .ci/run (not by swift test):

- aiosmtpd (PyPI) with STARTTLS (the test CA's certificate), AUTH LOGIN and PLAIN checked by an
  authenticator, and an auth_XOAUTH2 handler that accepts only bearer tokens the token endpoint
  issued for that user, and answers a bad token the way Exchange Online does (a 334 carrying a
  base64 JSON error, then 535 after the client's empty line);
- a loopback token endpoint (Microsoft identity platform v2.0 shape) that verifies the client
  assertion's signature with the certificate's public key (Python cryptography): PS256 with
  x5t#S256 or RS256 with x5t, aud, iss = sub = client ID, exp at most 10 minutes after nbf;
- a server that never answers, and one whose greeting is longer than RFC 5321 allows.

Every run's standard output and error, text and JSON, is searched for the password, the client
secret, the tokens issued, the XOAUTH2 payloads and the base64 AUTH payloads.

With AUTHSHIFT_REQUIRE_INTEROP=1 (set by .ci/run) a missing peer fails the run instead of
skipping it.

usage: scripts/interop-probe.py PATH_TO_AUTHSHIFT_BINARY
"""
import base64
import json
import os
import secrets
import socket
import subprocess
import tempfile
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_common import check, finish, load_peers  # noqa: E402

peers_module = load_peers(())
CLIENT_ID = peers_module.CLIENT_ID
FIXTURES = peers_module.FIXTURES
ROOT = peers_module.ROOT
TENANT = peers_module.TENANT
Peers = peers_module.Peers
free_port = peers_module.free_port

USER = "scanner@contoso.com"
PASSWORD = "Interop-Password-" + secrets.token_hex(6)
CLIENT_SECRET = "interop~secret~" + secrets.token_hex(8)
PEERS = Peers(CLIENT_SECRET)
secrets_to_hide = PEERS.secrets_to_hide
secrets_to_hide += [PASSWORD, base64.b64encode(PASSWORD.encode()).decode(),
                    base64.b64encode(("\0" + USER + "\0" + PASSWORD).encode()).decode()]



def start_raw_server(greeting):
    """A TCP server that sends `greeting` (or nothing) and then never answers."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held = []

    def loop():
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            held.append(conn)
            if greeting:
                conn.sendall(greeting)

    threading.Thread(target=loop, daemon=True).start()
    return sock.getsockname()[1]


def run(binary, args, env_extra=None, timeout=60):
    env = dict(os.environ)
    env.update(env_extra or {})
    started = time.time()
    p = subprocess.run([binary, "probe"] + args, capture_output=True, text=True, env=env, timeout=timeout)
    return p, time.time() - started


def no_secrets(name, p):
    out = p.stdout + p.stderr
    leaked = [s for s in secrets_to_hide if s and len(s) >= 6 and s in out]
    check(name + ": no password, secret, token or AUTH payload in the output", not leaked, "leaked %d value(s)" % len(leaked))


def main():
    binary = sys.argv[1]
    token_server, authority = PEERS.start_token_endpoint()
    smtp_port = free_port()
    controller = PEERS.smtp_controller(smtp_port, xoauth2_users={USER}, basic_users={USER: PASSWORD})
    controller.start()
    received_messages = controller.received
    target = "localhost:%d" % smtp_port
    ca = os.path.join(FIXTURES, "ca.pem")
    common = ["--target", target, "--tls", "starttls", "--tls-ca", ca, "--timeout", "10", "--ehlo", "probe.interop"]
    pw_env = {"PROBE_PW": PASSWORD}
    oauth = ["--tenant", TENANT, "--client-id", CLIENT_ID, "--authority", authority]

    # 1. STARTTLS then AUTH LOGIN, success.
    p, _ = run(binary, common + ["--user", USER, "--password-env", "PROBE_PW", "--auth", "login"], pw_env)
    check("STARTTLS + AUTH LOGIN succeeds (exit 0)", p.returncode == 0, p.stdout + p.stderr)
    check("transcript shows STARTTLS in plaintext and AUTH inside TLS", "-> STARTTLS" in p.stdout and "~> AUTH LOGIN" in p.stdout and "<~ 235" in p.stdout, p.stdout)
    no_secrets("AUTH LOGIN text", p)
    p, _ = run(binary, common + ["--user", USER, "--password-env", "PROBE_PW", "--auth", "plain", "--format", "json"], pw_env)
    doc = json.loads(p.stdout or "{}")
    check("AUTH PLAIN succeeds, JSON stages connect, tls, auth", p.returncode == 0 and [s["stage"] for s in doc.get("probe", {}).get("stages", [])] == ["connect", "tls", "auth"], p.stdout + p.stderr)
    no_secrets("AUTH PLAIN json", p)

    # 2. A wrong password: 535 at the AUTH stage, exit 22.
    p, _ = run(binary, common + ["--user", USER, "--password-env", "PROBE_PW"], {"PROBE_PW": "not-the-password-1"})
    secrets_to_hide.append("not-the-password-1")
    check("a wrong password gives 535 and exit status 22 (auth)", p.returncode == 22 and "<~ 535" in p.stdout, (p.returncode, p.stdout))
    no_secrets("wrong password", p)

    # 2b. The same refusal joined with what the sample tenant's exports say about the mailbox.
    p, _ = run(binary, common + ["--user", "scanner-hq@contoso.com", "--password-env", "PROBE_PW", "--exports", os.path.join(ROOT, "Examples", "contoso")],
               {"PROBE_PW": "not-the-password-1"})
    check("--exports adds what the exports say about the mailbox", p.returncode == 22 and "What the exports say about scanner-hq@contoso.com" in p.stdout
          and "What the reply means" in p.stdout, (p.returncode, p.stdout[-2000:], p.stderr))

    # 3. XOAUTH2 with a token from a certificate assertion, PS256 (PEM) and RS256 (PFX); a full message.
    p, _ = run(binary, common + ["--user", USER, "--certificate", os.path.join(FIXTURES, "app.pem"), "--key", os.path.join(FIXTURES, "app-key.pem")] + oauth)
    check("XOAUTH2 with a PS256 certificate assertion succeeds (exit 0)", p.returncode == 0 and "~> AUTH XOAUTH2" in p.stdout and "PS256" in PEERS.assertions_seen, (p.returncode, p.stdout, p.stderr))
    no_secrets("XOAUTH2 PS256", p)
    before = len(received_messages)
    p, _ = run(binary, common + ["--user", USER, "--pfx", os.path.join(FIXTURES, "app.pfx"), "--pfx-password-env", "PFX_PW", "--jwt-alg", "rs256",
                                 "--send-to", "someone@fabrikam.com", "--format", "json"] + oauth, {"PFX_PW": "fixture-pass"})
    check("XOAUTH2 with an RS256 assertion from a PFX sends a message (exit 0)", p.returncode == 0 and "RS256" in PEERS.assertions_seen and len(received_messages) == before + 1, (p.returncode, p.stdout[-1500:], p.stderr))
    no_secrets("XOAUTH2 RS256 json", p)
    if len(received_messages) > before:
        content = received_messages[-1][2]
        message = content.decode() if isinstance(content, bytes) else content
        check("the message arrives with Date and Message-ID and its dot line un-stuffed",
              "\nDate: " in "\n" + message and "Message-ID: <" in message and "\r\n.A line that starts with a dot" in message, message[:800])

    # 3b. --data sends a given message exactly (dot-stuffed on the wire, un-stuffed on arrival).
    raw = os.path.join(tempfile.mkdtemp(), "device.eml")
    with open(raw, "wb") as f:
        f.write(b"From: MFP <scanner@contoso.com>\nTo: <someone@fabrikam.com>\nSubject: Scan 0042\n\n.starts with a dot\nlast line\n")
    before = len(received_messages)
    p, _ = run(binary, common + ["--user", USER, "--password-env", "PROBE_PW", "--send-to", "someone@fabrikam.com", "--data", raw], pw_env)
    arrived = received_messages[-1][2] if len(received_messages) > before else b""
    check("--data sends the given message with CRLF line ends and its dot line intact", p.returncode == 0 and b"Subject: Scan 0042\r\n" in arrived
          and b"\r\n.starts with a dot\r\nlast line\r\n" in arrived, (p.returncode, arrived[:300], p.stdout[-500:]))

    # 3c. The single-line form, AUTH XOAUTH2 <base64>, as Microsoft's page writes the command.
    p, _ = run(binary, common + ["--user", USER, "--certificate", os.path.join(FIXTURES, "app.pem"), "--key", os.path.join(FIXTURES, "app-key.pem"),
                                 "--initial-response"] + oauth)
    check("XOAUTH2 with the initial response on the AUTH line succeeds, payload masked", p.returncode == 0 and "~> AUTH XOAUTH2 ********" in p.stdout,
          (p.returncode, p.stdout[-800:]))
    no_secrets("XOAUTH2 initial response", p)

    # 4. A token for the wrong mailbox: the server's 334 error is acknowledged, then 535, exit 22.
    p, _ = run(binary, common + ["--user", "other@contoso.com", "--client-secret-env", "CS"] + oauth, {"CS": CLIENT_SECRET})
    check("XOAUTH2 refused: 334 JSON error acknowledged, 535, exit 22", p.returncode == 22 and '"status": "401"' in p.stdout and "<~ 535 5.7.3" in p.stdout, (p.returncode, p.stdout))
    no_secrets("XOAUTH2 refused", p)

    # 4b. The token endpoint over https through an HTTP CONNECT proxy (HTTPS_PROXY, with credentials).
    tls_token_server, tls_authority = PEERS.start_token_endpoint(tls=True)
    proxy, proxy_url, proxy_seen = PEERS.start_connect_proxy()
    tls_oauth = ["--tenant", TENANT, "--client-id", CLIENT_ID, "--authority", tls_authority]
    p, _ = run(binary, common + ["--user", USER, "--certificate", os.path.join(FIXTURES, "app.pem"), "--key", os.path.join(FIXTURES, "app-key.pem")] + tls_oauth,
               {"HTTPS_PROXY": proxy_url, "NO_PROXY": ""})
    target = "localhost:%d" % tls_token_server.server_address[1]
    check("the token comes over https through an HTTPS_PROXY tunnel (CONNECT, Proxy-Authorization), then XOAUTH2 succeeds",
          p.returncode == 0 and any(m == "CONNECT" and t == target and a == "Basic " + base64.b64encode(b"proxyuser:proxy pass").decode() for m, t, a in proxy_seen),
          (p.returncode, proxy_seen, p.stdout[-600:]))
    p, _ = run(binary, common + ["--user", USER, "--certificate", os.path.join(FIXTURES, "app.pem"), "--key", os.path.join(FIXTURES, "app-key.pem")] + tls_oauth,
               {"HTTPS_PROXY": proxy_url, "NO_PROXY": "localhost"})
    check("NO_PROXY bypasses the proxy", p.returncode == 0 and len(proxy_seen) == 1, (p.returncode, proxy_seen))
    refusing, refusing_url, _ = PEERS.start_connect_proxy(refuse=True)
    p, _ = run(binary, common + ["--user", USER, "--certificate", os.path.join(FIXTURES, "app.pem"), "--key", os.path.join(FIXTURES, "app-key.pem")] + tls_oauth,
               {"HTTPS_PROXY": refusing_url})
    check("a proxy that refuses the tunnel gives exit 26 naming the proxy's answer", p.returncode == 26 and "407" in p.stdout, (p.returncode, p.stdout[-600:]))

    # 5. A wrong client secret: no token, exit 26 with the AADSTS advice.
    p, _ = run(binary, common + ["--user", USER, "--client-secret-env", "CS"] + oauth, {"CS": "wrong-secret-value"})
    secrets_to_hide.append("wrong-secret-value")
    check("a wrong client secret gives exit 26 and the AADSTS7000215 advice", p.returncode == 26 and "7000215" in p.stdout and "Value, not its ID" in p.stdout, (p.returncode, p.stdout))
    no_secrets("wrong client secret", p)

    # 5b. A device limited to TLS 1.1: refused by a server that requires TLS 1.2 (as smtp.office365.com does).
    p, _ = run(binary, common + ["--tls-min", "1.0", "--tls-max", "1.1", "--quit-after", "tls"])
    check("a client limited to TLS 1.1 fails the TLS stage against a TLS 1.2+ server (exit 21), said plainly",
          p.returncode == 21 and ("share no TLS version" in p.stdout or "accepts none of the TLS versions offered" in p.stdout), (p.returncode, p.stdout[-800:]))
    # 5c. The TLS server name: sent in SNI and verified instead of the IP address in --target.
    by_ip = ["--target", "127.0.0.1:%d" % smtp_port, "--tls", "starttls", "--tls-ca", ca, "--timeout", "10", "--ehlo", "probe.interop", "--quit-after", "tls"]
    p, _ = run(binary, by_ip + ["--tls-server-name", "localhost"])
    check("an IP target with --tls-server-name localhost passes TLS (exit 0)", p.returncode == 0, (p.returncode, p.stdout[-800:]))
    p, _ = run(binary, by_ip + ["--tls-server-name", "mail.contoso.com"])
    check("a TLS server name the certificate does not list is a TLS failure naming the certificate's names (exit 21)",
          p.returncode == 21 and "not `mail.contoso.com`" in p.stdout and "`localhost`" in p.stdout, (p.returncode, p.stdout[-800:]))
    p, _ = run(binary, common + ["--tls-max", "1.1"])
    check("--tls-max below --tls-min is a usage error (exit 64)", p.returncode == 64, (p.returncode, p.stderr))

    # 6. A server that never answers: timeout exit status 28 within the timeout.
    silent = start_raw_server(None)
    p, elapsed = run(binary, ["--target", "127.0.0.1:%d" % silent, "--tls", "starttls", "--timeout", "1"])
    check("a server that never answers gives exit 28 after about --timeout", p.returncode == 28 and elapsed < 8, (p.returncode, elapsed, p.stdout))

    # 7. A greeting longer than RFC 5321's 512 octets: protocol error, exit 29.
    long_server = start_raw_server(b"220 " + b"x" * 700 + b"\r\n")
    p, _ = run(binary, ["--target", "127.0.0.1:%d" % long_server, "--tls", "starttls", "--timeout", "5"])
    check("a reply line over 512 octets gives exit 29", p.returncode == 29 and "512 octets" in p.stdout, (p.returncode, p.stdout))

    # 8. Explain of the 535 through --exports is covered in swift test; here: unknown target is a usage error.
    p, _ = run(binary, ["--target", "not a target:xx"])
    check("a bad --target is a usage error (exit 64)", p.returncode == 64, (p.returncode, p.stderr))

    controller.stop()
    token_server.shutdown()
    finish()


if __name__ == "__main__":
    main()
