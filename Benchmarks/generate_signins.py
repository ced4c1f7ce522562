#!/usr/bin/env python3
"""Writes a synthetic Entra portal sign-in CSV in the 57-column 2025 layout.

The header is Microsoft's literal (docs/exports.md#sign-in-logs-csv): every field quoted, "Application ID "
and "Resource ID " with a trailing space, "Autonomous system  number" with two spaces,
and "Incoming token type" twice. Values are synthetic and deterministic (seeded).

usage: generate_signins.py ROWS OUT.csv [--users N] [--ips N] [--domain D] [--name-width W]
"""
import argparse
import random
import uuid

HEADER = ["Date (UTC)", "Request ID", "User agent", "Correlation ID", "User ID", "User", "Username", "User type",
          "Cross tenant access type", "Incoming token type", "Authentication Protocol", "Unique token identifier",
          "Original transfer method", "Client credential type", "Token Protection - Sign In Session",
          "Token Protection - Sign In Session StatusCode", "Application", "Application ID ", "App owner tenant ID",
          "Resource", "Resource ID ", "Resource tenant ID", "Resource owner tenant ID", "Home tenant ID",
          "Home tenant name", "IP address", "Location", "Status", "Sign-in error code", "Failure reason", "Client app",
          "Device ID", "Browser", "Operating System", "Compliant", "Managed", "Join Type",
          "Multifactor authentication result", "Multifactor authentication auth method",
          "Multifactor authentication auth detail", "Authentication requirement", "Sign-in identifier", "Session ID",
          "IP address (seen by resource)", "Through Global Secure Access", "Global Secure Access IP address",
          "Autonomous system  number", "Flagged for review", "Token issuer type", "Incoming token type",
          "Token issuer name", "Latency", "Conditional Access", "Managed Identity type", "Associated Resource Id",
          "Federated Token Id", "Federated Token Issuer"]
assert len(HEADER) == 57

CLIENT_APPS = [("Authenticated SMTP", 30), ("Mobile Apps and Desktop clients", 30), ("Browser", 25),
               ("Exchange Online PowerShell", 4), ("IMAP4", 4), ("POP3", 2), ("Exchange ActiveSync", 3),
               ("Other clients", 2)]
FAILURES = [("50126", "Invalid username or password or Invalid on-premise username or password."),
            ("50053", "Account is locked because user tried to sign in too many times with an incorrect user ID or password."),
            ("53003", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."),
            ("50074", "Strong Authentication is required.")]
AGENTS = ["BAV2ROPC", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
          "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)", ""]


def q(v):
    return '"' + v.replace('"', '""') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--users", type=int, default=5000)
    ap.add_argument("--ips", type=int, default=2000)
    ap.add_argument("--domain", default="contoso.example")
    ap.add_argument("--name-width", type=int, default=5)
    ap.add_argument("--legacy-every", type=int, default=1,
                    help="only every Nth user signs in with legacy clients (SMTP, PowerShell, IMAP, POP); the rest use modern clients")
    a = ap.parse_args()
    rnd = random.Random(20261231)
    tenant = str(uuid.UUID(int=rnd.getrandbits(128)))
    exo = "00000002-0000-0ff1-ce00-000000000000"
    w = a.name_width
    users = [(str(uuid.UUID(int=rnd.getrandbits(128))), f"User {i:0{w}d}", f"user{i:0{w}d}@{a.domain}") for i in range(a.users)]
    ips = [f"198.51.{i // 256 % 256}.{i % 256}" for i in range(a.ips)]
    # Real sign-ins come from a few addresses per user (office, home, a device's static IP).
    user_ips = [[ips[rnd.randrange(len(ips))] for _ in range(2)] for _ in users]
    apps = [name for name, w in CLIENT_APPS for _ in range(w)]
    base = 1793491200  # 2026-11-01T00:00:00Z
    with open(a.out, "w", newline="") as f:
        f.write(",".join(q(h) for h in HEADER) + "\r\n")
        buf = []
        for n in range(a.rows):
            which = rnd.randrange(len(users))
            uid, name, upn = users[which]
            app = apps[rnd.randrange(len(apps))]
            if which % a.legacy_every and app not in ("Browser", "Mobile Apps and Desktop clients"):
                app = "Browser"
            ok = rnd.random() < 0.85
            code, reason = ("0", "") if ok else FAILURES[rnd.randrange(len(FAILURES))]
            t = base + n * 2592000 // a.rows
            date = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (2026, 11, 1 + t // 86400 - base // 86400, t % 86400 // 3600, t % 3600 // 60, t % 60)
            ip = user_ips[which][rnd.randrange(2)]
            rid = "%032x" % rnd.getrandbits(128)
            row = [date, rid[:8] + "-" + rid[8:12] + "-" + rid[12:16] + "-" + rid[16:20] + "-" + rid[20:],
                   AGENTS[rnd.randrange(len(AGENTS))], rid[::-1], uid, name, upn, "Member", "None", "None",
                   "ROPC" if app == "Authenticated SMTP" else "None", "%022x" % rnd.getrandbits(88), "None", "None",
                   "Unbound", "", "Office 365 Exchange Online", exo, tenant, "Office 365 Exchange Online", exo, tenant,
                   tenant, tenant, "Contoso (synthetic)", ip, "Seattle, Washington, US", "Success" if ok else "Failure",
                   code, reason, app, "", "", "Windows 10", "False", "False", "", "", "", "",
                   "Single-factor authentication", upn, rid[4:36], ip, "False", "", "8075", "False", "AzureAD", "None",
                   "", str(50 + rnd.randrange(300)), "Not Applied", "", "", "", ""]
            buf.append(",".join(q(v) for v in row))
            if len(buf) == 10000:
                f.write("\r\n".join(buf) + "\r\n")
                buf = []
        if buf:
            f.write("\r\n".join(buf) + "\r\n")


if __name__ == "__main__":
    main()
