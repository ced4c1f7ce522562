#!/usr/bin/env python3
"""Writes a large SYNTHETIC tenant export folder for the assess scale benchmark.

MAILBOXES mailboxes (Get-CASMailbox CSV, Get-User CSV), SIGNINS portal sign-in rows over
those users (57-column CSV, via generate_signins.py), an SMTP AUTH clients report with one
sender in twenty, a message trace, tenant settings, security defaults, Conditional Access and
an inventory for a few senders. Deterministic (seeded).

Legacy clients (Authenticated SMTP, Exchange Online PowerShell, IMAP, POP) are used by one
user in twenty, the same users the SMTP AUTH clients report lists.

usage: generate_tenant.py OUT_DIR --mailboxes N --signins N
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mailboxes", type=int, default=100_000)
    ap.add_argument("--signins", type=int, default=2_000_000)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(7)
    n = a.mailboxes
    name = lambda i: "user%06d@contoso.example" % i
    with open(os.path.join(a.out, "CASMailbox.csv"), "w", newline="") as f:
        f.write('"PrimarySmtpAddress","DisplayName","SmtpClientAuthenticationDisabled"\r\n')
        for i in range(n):
            v = rnd.random()
            value = "" if v < 0.7 else ('"True"' if v < 0.9 else '"False"')
            f.write('"%s","User %06d",%s\r\n' % (name(i), i, value))
    with open(os.path.join(a.out, "User.csv"), "w", newline="") as f:
        f.write("UserPrincipalName,ExternalDirectoryObjectId,RecipientTypeDetails,AuthenticationPolicy\n")
        for i in range(n):
            policy = "Allow SMTP Basic" if i % 20 == 0 else ""
            f.write("%s,%08x-0000-4000-8000-%012x,UserMailbox,%s\n" % (name(i), i, i, policy))
    json.dump({"SmtpClientAuthenticationDisabled": True}, open(os.path.join(a.out, "TransportConfig.json"), "w"))
    json.dump([{"Name": "Block Basic", "AllowBasicAuthSmtp": False}, {"Name": "Allow SMTP Basic", "AllowBasicAuthSmtp": True}],
              open(os.path.join(a.out, "AuthenticationPolicy.json"), "w"))
    json.dump({"DefaultAuthenticationPolicy": "Block Basic"}, open(os.path.join(a.out, "OrganizationConfig.json"), "w"))
    json.dump([{"DomainName": "contoso.example", "DomainType": 0, "Default": True}], open(os.path.join(a.out, "AcceptedDomain.json"), "w"))
    json.dump({"id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults", "isEnabled": False},
              open(os.path.join(a.out, "SecurityDefaults.json"), "w"))
    json.dump({"value": [{"id": "p1", "displayName": "Block legacy authentication", "state": "enabled",
                          "conditions": {"clientAppTypes": ["other"], "applications": {"includeApplications": ["All"]},
                                         "users": {"includeUsers": ["All"], "excludeUsers": ["%08x-0000-4000-8000-%012x" % (i, i) for i in range(0, n, 20)]}},
                          "grantControls": {"builtInControls": ["block"]}}]}, open(os.path.join(a.out, "ConditionalAccessPolicies.json"), "w"))
    with open(os.path.join(a.out, "SmtpAuthClients.csv"), "w", newline="") as f:
        f.write("Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent,Authentication Protocol\r\n")
        for i in range(0, n, 20):
            f.write("%s,contoso.example,0%%,0%%,100%%,%d,%s\r\n" % (name(i), rnd.randrange(50000), "Basic" if i % 60 else "OAuth"))
    with open(os.path.join(a.out, "MessageTrace.csv"), "w", newline="") as f:
        f.write('"Received","SenderAddress","RecipientAddress","Subject","Status","FromIP"\r\n')
        for k in range(50_000):
            i = rnd.randrange(0, n, 20)
            rcpt = name(rnd.randrange(n)) if rnd.random() < 0.7 else "someone%d@fabrikam.example" % k
            f.write('"2026-11-2%dT10:00:00Z","%s","%s","Synthetic","Delivered","203.0.113.1"\r\n' % (rnd.randrange(8), name(i), rcpt))
    with open(os.path.join(a.out, "inventory.csv"), "w", newline="") as f:
        f.write("sender,system,owner,workload,oauth_capable,static_ip,notes\n")
        for i in range(0, min(n, 2000), 20):
            f.write("%s,System %d,Team %d,%s,%s,%s,\n" % (name(i), i, i % 7, ["printer", "scanner", "application", "monitoring"][i % 4],
                                                       ["yes", "no"][i % 2], ["no", "yes"][(i // 2) % 2]))
    subprocess.run([sys.executable, os.path.join(HERE, "generate_signins.py"), str(a.signins), os.path.join(a.out, "InteractiveSignIns.csv"),
                    "--users", str(n), "--domain", "contoso.example", "--name-width", "6", "--ips", "20000", "--legacy-every", "20"], check=True)


if __name__ == "__main__":
    main()
