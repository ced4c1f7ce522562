"""Real peers for the interop suites (scripts/interop-probe.py, scripts/interop-bridge.py):

- a loopback token endpoint in the shape of the Microsoft identity platform v2.0 endpoint that
  verifies client assertions (PS256 with x5t#S256, RS256 with x5t) with the test certificate's
  public key, or a client secret, and issues random bearer tokens;
- aiosmtpd with STARTTLS (the test CA's server certificate), AUTH LOGIN and PLAIN checked by an
  authenticator, and an auth_XOAUTH2 handler that accepts only tokens the endpoint issued and
  answers a bad one the way Exchange Online does (a 334 carrying base64 JSON, then 535);
- a loopback stand-in for Microsoft Graph's POST /users/{id}/sendMail.

Imports fail with ImportError when aiosmtpd or cryptography is missing; the suites decide
whether that skips or fails (AUTHSHIFT_REQUIRE_INTEROP=1).
"""
import base64
import hashlib
import json
import logging
import os
import secrets
import socket
import ssl
import threading
import time
import urllib.parse
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from interop_common import free_port  # noqa: F401 - the suites call interop_peers.free_port

warnings.filterwarnings("ignore", message=".*login_data.*")
# aiosmtpd logs a deprecation warning for every AUTH through its "mail.log" logger.
logging.getLogger("mail.log").setLevel(logging.ERROR)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "TestSupport", "Fixtures")
TENANT = "contoso.onmicrosoft.com"
CLIENT_ID = "6f1d2a3b-0000-4c5d-8e9f-0123456789ab"
SCOPES = {"https://outlook.office365.com/.default", "https://graph.microsoft.com/.default"}


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Peers:
    """Shared state of the peers: issued tokens, values that must never appear in output."""

    def __init__(self, client_secret):
        self.client_secret = client_secret
        self.issued_tokens = set()
        self.assertions_seen = []
        self.secrets_to_hide = [client_secret]
        self.cert = x509.load_pem_x509_certificate(open(os.path.join(FIXTURES, "app.pem"), "rb").read())
        self.cert_der = self.cert.public_bytes(serialization.Encoding.DER)
        self.lock = threading.Lock()

    # ------------------------------------------------------------ token endpoint
    def verify_assertion(self, jwt, token_url):
        """None when the assertion is valid, else the reason."""
        try:
            head_b64, claims_b64, sig_b64 = jwt.split(".")
            header = json.loads(b64url_decode(head_b64))
            claims = json.loads(b64url_decode(claims_b64))
            signature = b64url_decode(sig_b64)
        except Exception as e:  # noqa: BLE001
            return "not a JWT: %s" % e
        signed = (head_b64 + "." + claims_b64).encode()
        alg = header.get("alg")
        key = self.cert.public_key()
        try:
            if alg == "PS256":
                if header.get("x5t#S256") != b64url(hashlib.sha256(self.cert_der).digest()):
                    return "x5t#S256 is not the certificate's SHA-256 thumbprint"
                key.verify(signature, signed, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())
            elif alg == "RS256":
                if header.get("x5t") != b64url(hashlib.sha1(self.cert_der).digest()):
                    return "x5t is not the certificate's SHA-1 thumbprint"
                key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
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
        self.assertions_seen.append(alg)
        return None

    def start_token_endpoint(self, tls=False):
        """The endpoint over http on 127.0.0.1, or over https with the test CA's localhost certificate."""
        peers = self
        scheme = "https" if tls else "http"

        class TokenHandler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                token_url = "%s://%s%s" % (scheme, self.headers.get("Host"), self.path)
                error = None
                if self.path != "/%s/oauth2/v2.0/token" % TENANT:
                    error = ("invalid_request", "AADSTS90002: Tenant not found.", 90002)
                elif self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
                    error = ("invalid_request", "wrong content type", 900144)
                elif form.get("grant_type") != "client_credentials" or form.get("client_id") != CLIENT_ID:
                    error = ("unauthorized_client", "AADSTS700016: Application not found.", 700016)
                elif form.get("scope") not in SCOPES:
                    error = ("invalid_scope", "AADSTS70011: The provided value for scope is not valid.", 70011)
                elif "client_assertion" in form:
                    peers.secrets_to_hide.append(form["client_assertion"])
                    if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
                        error = ("invalid_request", "bad client_assertion_type", 900144)
                    else:
                        reason = peers.verify_assertion(form["client_assertion"], token_url)
                        if reason:
                            error = ("invalid_client", reason, 700027)
                elif form.get("client_secret") != peers.client_secret:
                    error = ("invalid_client", "AADSTS7000215: Invalid client secret provided.", 7000215)
                if error:
                    body = json.dumps({"error": error[0], "error_description": error[1], "error_codes": [error[2]]}).encode()
                    self.send_response(400 if error[2] != 700027 else 401)
                else:
                    token = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(48)
                    with peers.lock:
                        peers.issued_tokens.add(token)
                        peers.secrets_to_hide.append(token)
                    body = json.dumps({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}).encode()
                    self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), TokenHandler)
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(os.path.join(FIXTURES, "server.pem"), os.path.join(FIXTURES, "server-key.pem"))
            server.socket = context.wrap_socket(server.socket, server_side=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            return server, "https://localhost:%d" % server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, "http://127.0.0.1:%d" % server.server_address[1]

    # ------------------------------------------------------------ HTTP CONNECT proxy
    @staticmethod
    def start_connect_proxy(refuse=False):
        """A minimal HTTP CONNECT proxy (RFC 9110 section 9.3.6) that records each request's target
        and Proxy-Authorization, then relays bytes both ways; with refuse=True it answers 407."""
        seen = []
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)

        def pipe(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data:
                        break
                    b.sendall(data)
            except OSError:
                pass
            finally:
                for s in (a, b):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        def serve(client):
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            lines = head.split(b"\r\n")
            method, target = lines[0].split(b" ")[:2]
            auth = next((l.split(b":", 1)[1].strip().decode() for l in lines if l.lower().startswith(b"proxy-authorization:")), None)
            seen.append((method.decode(), target.decode(), auth))
            if refuse or method != b"CONNECT":
                client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            host, port = target.decode().rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            pipe(upstream, client)

        def loop():
            while True:
                try:
                    client, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=serve, args=(client,), daemon=True).start()

        threading.Thread(target=loop, daemon=True).start()
        return listener, "http://proxyuser:proxy%%20pass@127.0.0.1:%d" % listener.getsockname()[1], seen

    # ------------------------------------------------------------ SMTP upstream
    def smtp_controller(self, port, xoauth2_users=None, basic_users=None, tls=True, reject_recipients=(), defer_recipients=None):
        """aiosmtpd on 127.0.0.1:port. xoauth2_users: users XOAUTH2 may name (None = any);
        basic_users: {user: password} for LOGIN/PLAIN; reject_recipients get 550 at RCPT;
        defer_recipients: {address: N} get 452 at RCPT N times (None: always), then 250.
        Received messages: controller.received (list of (mail_from, rcpt_tos, content bytes));
        every RCPT asked: controller.rcpt_log."""
        peers = self
        received = []
        rcpt_log = []
        deferrals = dict(defer_recipients or {})

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                rcpt_log.append(address)
                if address in reject_recipients:
                    return "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
                if address in deferrals and (deferrals[address] is None or deferrals[address] > 0):
                    if deferrals[address] is not None:
                        deferrals[address] -= 1
                    return "452 4.2.2 Mailbox full; try again later"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                with peers.lock:
                    received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                return "250 2.0.0 OK queued"

            async def auth_XOAUTH2(self, server, args):
                # "AUTH XOAUTH2 <base64>" (initial response) or "AUTH XOAUTH2", 334, then the base64.
                if len(args) > 1:
                    try:
                        blob = base64.b64decode(args[1], validate=True)
                    except Exception:  # noqa: BLE001
                        blob = None
                else:
                    blob = await server.challenge_auth("", encode_to_b64=False)
                if not isinstance(blob, bytes):
                    return AuthResult(success=False)
                try:
                    fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
                    user, auth = fields.get("user"), fields.get("auth", "")
                    token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
                except Exception:  # noqa: BLE001
                    user = token = None
                peers.secrets_to_hide.append(base64.b64encode(blob).decode())
                if token in peers.issued_tokens and (xoauth2_users is None or user in xoauth2_users):
                    return AuthResult(success=True, auth_data=user)
                error = json.dumps({"status": "401", "schemes": "bearer", "scope": "https://outlook.office365.com/.default"})
                await server.challenge_auth(error)
                await server.push("535 5.7.3 Authentication unsuccessful [INTEROP.test]")
                return AuthResult(success=False, handled=True)

        def authenticator(server, session, envelope, mechanism, auth_data):
            if isinstance(auth_data, LoginPassword) and basic_users and basic_users.get(auth_data.login.decode()) == auth_data.password.decode():
                return AuthResult(success=True)
            return AuthResult(success=False, handled=False)

        class TLSController(Controller):
            def factory(self):
                context = None
                if tls:
                    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                    context.load_cert_chain(os.path.join(FIXTURES, "server.pem"), os.path.join(FIXTURES, "server-key.pem"))
                return SMTP(self.handler, tls_context=context, require_starttls=tls, auth_require_tls=tls,
                            authenticator=authenticator, hostname="interop.test")

        controller = TLSController(Handler(), hostname="127.0.0.1", port=port)
        controller.received = received
        controller.rcpt_log = rcpt_log
        return controller

    # ------------------------------------------------------------ Graph sendMail
    def start_graph(self, throttle_first=0, retry_after_header="Retry-After"):
        """A stand-in for POST /v1.0/users/{id}/sendMail: checks the bearer token, decodes the
        base64 MIME, answers 202; the first `throttle_first` requests get 429 with Retry-After."""
        peers = self
        state = {"received": [], "throttled": 0}

        class GraphHandler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                auth = self.headers.get("Authorization", "")
                parts = self.path.split("/")
                if auth[len("Bearer "):] not in peers.issued_tokens:
                    return self.reply(401, {"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}})
                if len(parts) != 5 or parts[1] != "v1.0" or parts[2] != "users" or parts[4] != "sendMail":
                    return self.reply(404, {"error": {"code": "ResourceNotFound"}})
                if self.headers.get("Content-Type") != "text/plain":
                    return self.reply(400, {"error": {"code": "ErrorMimeContentInvalidBase64String"}})
                if state["throttled"] < throttle_first:
                    state["throttled"] += 1
                    return self.reply(429, {"error": {"code": "ApplicationThrottled"}}, {retry_after_header: "1"})
                try:
                    mime = base64.b64decode(body, validate=True)
                except Exception:  # noqa: BLE001
                    return self.reply(400, {"error": {"code": "ErrorMimeContentInvalidBase64String"}})
                with peers.lock:
                    state["received"].append((urllib.parse.unquote(parts[3]), mime))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def reply(self, status, obj, headers=None):
                data = json.dumps(obj).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        server = ThreadingHTTPServer(("127.0.0.1", 0), GraphHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, "http://127.0.0.1:%d/v1.0" % server.server_address[1], state
