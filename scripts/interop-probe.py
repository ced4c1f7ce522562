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
import hashlib
import json
import os
import secrets
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "SMTPTests", "Fixtures")
REQUIRE = os.environ.get("AUTHSHIFT_REQUIRE_INTEROP") == "1"
warnings.filterwarnings("ignore", message=".*login_data.*")

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(("FAIL " if REQUIRE else "SKIP ") + "interop peers missing: %s (pip install aiosmtpd cryptography)" % missing)
    sys.exit(1 if REQUIRE else 0)

USER = "scanner@contoso.com"
PASSWORD = "Interop-Password-" + secrets.token_hex(6)
CLIENT_ID = "6f1d2a3b-0000-4c5d-8e9f-0123456789ab"
CLIENT_SECRET = "interop~secret~" + secrets.token_hex(8)
TENANT = "contoso.onmicrosoft.com"
results = []
issued_tokens = {}  # token -> user it may be used for (any here)
assertions_seen = []
received_messages = []
secrets_to_hide = [PASSWORD, CLIENT_SECRET, base64.b64encode(PASSWORD.encode()).decode(),
                   base64.b64encode(("\0" + USER + "\0" + PASSWORD).encode()).decode()]


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:3000]), flush=True)


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# ---------------------------------------------------------------- token endpoint
CERT = x509.load_pem_x509_certificate(open(os.path.join(FIXTURES, "app.pem"), "rb").read())
CERT_DER = CERT.public_bytes(serialization.Encoding.DER)
PUBLIC_KEY = CERT.public_key()


def verify_assertion(jwt, token_url):
    """Returns None when the assertion is valid, else the reason."""
    try:
        head_b64, claims_b64, sig_b64 = jwt.split(".")
        header = json.loads(b64url_decode(head_b64))
        claims = json.loads(b64url_decode(claims_b64))
        signature = b64url_decode(sig_b64)
    except Exception as e:  # noqa: BLE001
        return "not a JWT: %s" % e
    signed = (head_b64 + "." + claims_b64).encode()
    alg = header.get("alg")
    try:
        if alg == "PS256":
            if header.get("x5t#S256") != b64url(hashlib.sha256(CERT_DER).digest()):
                return "x5t#S256 is not the certificate's SHA-256 thumbprint"
            PUBLIC_KEY.verify(signature, signed, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
        elif alg == "RS256":
            if header.get("x5t") != b64url(hashlib.sha1(CERT_DER).digest()):
                return "x5t is not the certificate's SHA-1 thumbprint"
            PUBLIC_KEY.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
        else:
            return "unexpected alg %r" % alg
    except InvalidSignature:
        return "AADSTS700027: Client assertion contains an invalid signature."
    now = time.time()
    if claims.get("aud") != token_url:
        return "aud %r is not the token URL %r" % (claims.get("aud"), token_url)
    if claims.get("iss") != CLIENT_ID or claims.get("sub") != CLIENT_ID:
        return "iss and sub must be the client ID"
    if not claims.get("jti"):
        return "no jti"
    if not (claims["nbf"] <= now + 60 and claims["exp"] > now and claims["exp"] - claims["nbf"] <= 600 and claims.get("iat") == claims["nbf"]):
        return "times out of range: %r" % claims
    assertions_seen.append(alg)
    return None


class TokenHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        token_url = "http://127.0.0.1:%d%s" % (self.server.server_address[1], self.path)
        error = None
        if self.path != "/%s/oauth2/v2.0/token" % TENANT:
            error = ("invalid_request", "AADSTS90002: Tenant not found.", 90002)
        elif self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            error = ("invalid_request", "wrong content type", 900144)
        elif form.get("grant_type") != "client_credentials" or form.get("client_id") != CLIENT_ID:
            error = ("unauthorized_client", "AADSTS700016: Application not found.", 700016)
        elif form.get("scope") != "https://outlook.office365.com/.default":
            error = ("invalid_scope", "AADSTS70011: The provided value for scope is not valid.", 70011)
        elif "client_assertion" in form:
            if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                error = ("invalid_request", "bad client_assertion_type", 900144)
            else:
                reason = verify_assertion(form["client_assertion"], token_url)
                if reason:
                    error = ("invalid_client", reason, 700027)
                secrets_to_hide.append(form["client_assertion"])
        elif form.get("client_secret") != CLIENT_SECRET:
            error = ("invalid_client", "AADSTS7000215: Invalid client secret provided.", 7000215)
        if error:
            body = json.dumps({"error": error[0], "error_description": error[1], "error_codes": [error[2]]}).encode()
            self.send_response(400 if error[2] != 700027 else 401)
        else:
            token = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(48)
            issued_tokens[token] = True
            secrets_to_hide.append(token)
            body = json.dumps({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}).encode()
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# ---------------------------------------------------------------- SMTP server
class Handler:
    async def handle_DATA(self, server, session, envelope):
        received_messages.append(envelope.content)
        return "250 2.0.0 OK queued"

    async def auth_XOAUTH2(self, server, args):
        blob = await server.challenge_auth("", encode_to_b64=False)
        if blob is None or blob is False or isinstance(blob, type(None)):
            return AuthResult(success=False)
        try:
            text = blob.decode() if isinstance(blob, bytes) else str(blob)
            fields = dict(part.split("=", 1) for part in text.split("\x01") if "=" in part)
            user, auth = fields.get("user"), fields.get("auth", "")
            token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
        except Exception:  # noqa: BLE001
            user = token = None
        secrets_to_hide.append(base64.b64encode(blob if isinstance(blob, bytes) else b"").decode())
        if user == USER and token in issued_tokens:
            return AuthResult(success=True, auth_data=user)
        # Exchange Online and Gmail send a JSON error in a 334, wait for an empty line, then 535.
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "https://outlook.office365.com/.default"})
        await server.challenge_auth(error)
        await server.push("535 5.7.3 Authentication unsuccessful [INTEROP.test]")
        return AuthResult(success=False, handled=True)


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD:
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


class TLSController(Controller):
    def factory(self):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(FIXTURES, "server.pem"), os.path.join(FIXTURES, "server-key.pem"))
        return SMTP(self.handler, tls_context=context, require_starttls=True, auth_require_tls=True,
                    authenticator=authenticator, hostname="interop.test")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


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
    token_server = ThreadingHTTPServer(("127.0.0.1", 0), TokenHandler)
    threading.Thread(target=token_server.serve_forever, daemon=True).start()
    authority = "http://127.0.0.1:%d" % token_server.server_address[1]
    smtp_port = free_port()
    controller = TLSController(Handler(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
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
    check("XOAUTH2 with a PS256 certificate assertion succeeds (exit 0)", p.returncode == 0 and "~> AUTH XOAUTH2" in p.stdout and "PS256" in assertions_seen, (p.returncode, p.stdout, p.stderr))
    no_secrets("XOAUTH2 PS256", p)
    before = len(received_messages)
    p, _ = run(binary, common + ["--user", USER, "--pfx", os.path.join(FIXTURES, "app.pfx"), "--pfx-password-env", "PFX_PW", "--jwt-alg", "rs256",
                                 "--send-to", "someone@fabrikam.com", "--format", "json"] + oauth, {"PFX_PW": "fixture-pass"})
    check("XOAUTH2 with an RS256 assertion from a PFX sends a message (exit 0)", p.returncode == 0 and "RS256" in assertions_seen and len(received_messages) == before + 1, (p.returncode, p.stdout[-1500:], p.stderr))
    no_secrets("XOAUTH2 RS256 json", p)
    if len(received_messages) > before:
        message = received_messages[-1].decode() if isinstance(received_messages[-1], bytes) else received_messages[-1]
        check("the message arrives with Date and Message-ID and its dot line un-stuffed",
              "\nDate: " in "\n" + message and "Message-ID: <" in message and "\r\n.A line that starts with a dot" in message, message[:800])

    # 4. A token for the wrong mailbox: the server's 334 error is acknowledged, then 535, exit 22.
    p, _ = run(binary, common + ["--user", "other@contoso.com", "--client-secret-env", "CS"] + oauth, {"CS": CLIENT_SECRET})
    check("XOAUTH2 refused: 334 JSON error acknowledged, 535, exit 22", p.returncode == 22 and '"status": "401"' in p.stdout and "<~ 535 5.7.3" in p.stdout, (p.returncode, p.stdout))
    no_secrets("XOAUTH2 refused", p)

    # 5. A wrong client secret: no token, exit 26 with the AADSTS advice.
    p, _ = run(binary, common + ["--user", USER, "--client-secret-env", "CS"] + oauth, {"CS": "wrong-secret-value"})
    secrets_to_hide.append("wrong-secret-value")
    check("a wrong client secret gives exit 26 and the AADSTS7000215 advice", p.returncode == 26 and "7000215" in p.stdout and "Value, not its ID" in p.stdout, (p.returncode, p.stdout))
    no_secrets("wrong client secret", p)

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
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
