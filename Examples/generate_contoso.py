#!/usr/bin/env python3
"""Generates Examples/contoso: a SYNTHETIC Microsoft 365 tenant export folder.

Every name, address, ID and number here is made up. The files reproduce the shapes and
quirks Microsoft's tools write (see docs/exports.md), so that authshift's
readers and analysis can be tried end to end without a real tenant:

- sign-in logs as a 57-column portal CSV (with "Incoming token type" twice), a 55-column
  portal CSV, portal JSON, two Graph pages joined by @odata.nextLink, JSON lines and a Log
  Analytics CSV export with US-formatted times;
- the EAC SMTP AUTH clients report with "40%"-style values and the Authentication Protocol
  column; the Graph email apps usage report with a UTF-8 BOM;
- Get-CASMailbox as Windows PowerShell 5.1 writes it with -Encoding Unicode -Delimiter ';'
  (UTF-16LE, #TYPE line); Get-User as PowerShell 7 writes it with -UseQuotes AsNeeded;
  Get-TransportConfig and Get-AcceptedDomain as 5.1 ConvertTo-Json (4-space indent,
  \\/Date(ms)\\/ dates, enums as numbers); the rest as PowerShell 7 ConvertTo-Json;
- Graph security defaults and Conditional Access policies; a message trace; inventory.csv.

Run: python3 Examples/generate_contoso.py  (rewrites Examples/contoso deterministically)
"""
import json
import os
import random
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "contoso")
rnd = random.Random(42)
TENANT = "4f1c2b7e-1d2a-4c39-9a51-0c0ffee00001"
EXO_APP = "00000002-0000-0ff1-ce00-000000000000"
DAYS = 27  # 2026-11-01 .. 2026-11-27
# The month of the run: 11 for Examples/contoso, 12 for the run a month later (december()).
MONTH = "11"


def guid():
    return str(uuid.UUID(int=rnd.getrandbits(128)))


def oid(name):
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, name + ".contoso.synthetic"))


# Mailboxes: address, display name, CAS SmtpClientAuthenticationDisabled (True/False/None), policy, type
MAILBOXES = [
    ("scanner-hq@contoso.com", "Scanner HQ (MFP)", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("scanner-branch@contoso.com", "Branch office scanner", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("erp@contoso.com", "ERP notifications", False, "Allow SMTP Basic (temporary)", "UserMailbox"),
    ("monitoring@contoso.com", "Monitoring alerts", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("billing@contoso.com", "Billing system", False, "Allow SMTP Basic (temporary)", "UserMailbox"),
    ("plant-printer@contoso.com", "Plant floor printer", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("alarm-panel@contoso.com", "Fire alarm panel", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("old-scanner@contoso.com", "Old scanner (2nd floor)", False, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("crm@contoso.com", "CRM outbound", False, None, "UserMailbox"),
    ("jdoe@contoso.com", "Jane Doe", False, "Allow SMTP Basic (temporary)", "UserMailbox"),
    ("reports@contoso.com", "Report server", None, "Allow SMTP Basic (temporary)", "SharedMailbox"),
    ("hr-notify@contoso.com", "HR notifications", False, None, "SharedMailbox"),
    ("ops-admin@contoso.com", "Ops admin (automation)", True, None, "UserMailbox"),
    ("asmith@contoso.com", "Alex Smith", None, None, "UserMailbox"),
    ("bwong@contoso.com", "Bo Wong", None, None, "UserMailbox"),
    ("room-101@contoso.com", "Room 101", True, None, "RoomMailbox"),
]

# Sign-in plans: upn, client app, ip, successes, failures [(code, reason, n)], user agent
PLANS = [
    ("scanner-hq@contoso.com", "Authenticated SMTP", "203.0.113.10", 180, [], "BAV2ROPC"),
    ("scanner-branch@contoso.com", "Authenticated SMTP", "198.51.100.120", 66, [], "BAV2ROPC"),
    ("erp@contoso.com", "Authenticated SMTP", "203.0.113.20", 420, [("50126", "Invalid username or password or Invalid on-premise username or password.", 3)], "BAV2ROPC"),
    ("monitoring@contoso.com", "Authenticated SMTP", "203.0.113.30", 900, [], "BAV2ROPC"),
    ("monitoring@contoso.com", "Authenticated SMTP", "203.0.113.31", 120, [], "BAV2ROPC"),
    ("billing@contoso.com", "Authenticated SMTP", "198.51.100.40", 640, [], "BAV2ROPC"),
    ("plant-printer@contoso.com", "Authenticated SMTP", "192.0.2.50", 75, [], "BAV2ROPC"),
    ("alarm-panel@contoso.com", "Authenticated SMTP", "203.0.113.60", 12, [], "BAV2ROPC"),
    ("crm@contoso.com", "Mobile Apps and Desktop clients", "198.51.100.80", 300, [], "python-requests/2.32"),
    ("jdoe@contoso.com", "Authenticated SMTP", "198.51.100.90", 0, [("53003", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", 44)], "BAV2ROPC"),
    ("jdoe@contoso.com", "Browser", "198.51.100.90", 61, [], "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"),
    ("reports@contoso.com", "Authenticated SMTP", "203.0.113.70", 0, [("50126", "Invalid username or password or Invalid on-premise username or password.", 2)], "BAV2ROPC"),
    ("hr-notify@contoso.com", "Authenticated SMTP", "203.0.113.75", 0, [("50126", "Invalid username or password or Invalid on-premise username or password.", 30)], "BAV2ROPC"),
    ("ops-admin@contoso.com", "Exchange Online PowerShell", "203.0.113.90", 58, [("50076", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access.", 4)], "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1"),
    ("asmith@contoso.com", "Exchange Online PowerShell", "198.51.100.95", 9, [], "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) PowerShell/7.4"),
    ("asmith@contoso.com", "Mobile Apps and Desktop clients", "198.51.100.95", 140, [], "Microsoft Office/16.0"),
    ("bwong@contoso.com", "IMAP4", "198.51.100.99", 25, [], "BAV2ROPC"),
    ("bwong@contoso.com", "MAPI Over HTTP", "198.51.100.99", 8, [], "Microsoft Office/16.0"),
]


# EAC SMTP AUTH clients report rows: sender, protocol, TLS 1.0/1.1/1.2 percent, messages.
REPORT = [("scanner-hq@contoso.com", "Basic", 0, 0, 100, 1843), ("scanner-branch@contoso.com", "Basic", 0, 0, 100, 212), ("erp@contoso.com", "Basic", 0, 0, 100, 5120),
          ("monitoring@contoso.com", "Basic", 40, 0, 60, 48210), ("billing@contoso.com", "Basic", 0, 0, 100, 22950),
          ("plant-printer@contoso.com", "Basic", 0, 100, 0, 610), ("alarm-panel@contoso.com", "Basic", 0, 0, 100, 37),
          ("crm@contoso.com", "OAuth", 0, 0, 100, 9400), ("old-scanner@contoso.com", "Basic", 0, 0, 100, 0)]


README = ("# Contoso sample tenant (SYNTHETIC)\n\nEvery file in this folder is synthetic, made by "
          "`Examples/generate_contoso.py`. No real tenant, person, address or ID appears here. The files reproduce the "
          "shapes and quirks of Microsoft's exports so that `authshift` can be tried end to end.\n")


def events():
    out = []
    for upn, app, ip, ok, fails, agent in PLANS:
        for code, reason, n in [("0", "", ok)] + fails:
            for _ in range(n):
                day = 1 + rnd.randrange(DAYS)
                t = "2026-%s-%02dT%02d:%02d:%02dZ" % (MONTH, day, rnd.randrange(24), rnd.randrange(60), rnd.randrange(60))
                out.append(dict(time=t, upn=upn, app=app, ip=ip, code=code, reason=reason, agent=agent))
    out.sort(key=lambda e: e["time"])
    return out


PORTAL57 = ["Date (UTC)", "Request ID", "User agent", "Correlation ID", "User ID", "User", "Username", "User type",
            "Cross tenant access type", "Incoming token type", "Authentication Protocol", "Unique token identifier",
            "Original transfer method", "Client credential type", "Token Protection - Sign In Session",
            "Token Protection - Sign In Session StatusCode", "Application", "Application ID ", "App owner tenant ID",
            "Resource", "Resource ID ", "Resource tenant ID", "Resource owner tenant ID", "Home tenant ID",
            "Home tenant name", "IP address", "Location", "Status", "Sign-in error code", "Failure reason",
            "Client app", "Device ID", "Browser", "Operating System", "Compliant", "Managed", "Join Type",
            "Multifactor authentication result", "Multifactor authentication auth method",
            "Multifactor authentication auth detail", "Authentication requirement", "Sign-in identifier",
            "Session ID", "IP address (seen by resource)", "Through Global Secure Access",
            "Global Secure Access IP address", "Autonomous system  number", "Flagged for review",
            "Token issuer type", "Incoming token type", "Token issuer name", "Latency", "Conditional Access",
            "Managed Identity type", "Associated Resource Id", "Federated Token Id", "Federated Token Issuer"]
# The 55-column layout of November 2024: no App owner / Resource owner tenant IDs.
PORTAL55 = [h for h in PORTAL57 if h not in ("App owner tenant ID", "Resource owner tenant ID")]
NAMES = {m[0]: m[1] for m in MAILBOXES}


def portal_row(e, header):
    ok = e["code"] == "0"
    blocked = e["code"] == "53003"
    values = {
        "Date (UTC)": e["time"], "Request ID": guid(), "User agent": e["agent"], "Correlation ID": guid(),
        "User ID": oid(e["upn"]), "User": NAMES.get(e["upn"], e["upn"]), "Username": e["upn"], "User type": "Member",
        "Cross tenant access type": "None", "Incoming token type": "None",
        "Authentication Protocol": "ROPC" if e["agent"] == "BAV2ROPC" else "None",
        "Unique token identifier": guid()[:22], "Original transfer method": "None", "Client credential type": "None",
        "Token Protection - Sign In Session": "Unbound", "Token Protection - Sign In Session StatusCode": "",
        "Application": "Office 365 Exchange Online", "Application ID ": EXO_APP, "App owner tenant ID": TENANT,
        "Resource": "Office 365 Exchange Online", "Resource ID ": EXO_APP, "Resource tenant ID": TENANT,
        "Resource owner tenant ID": TENANT, "Home tenant ID": TENANT, "Home tenant name": "Contoso (synthetic)",
        "IP address": e["ip"], "Location": "Seattle, Washington, US", "Status": "Success" if ok else "Failure",
        "Sign-in error code": e["code"], "Failure reason": e["reason"], "Client app": e["app"],
        "Operating System": "", "Compliant": "False", "Managed": "False",
        "Authentication requirement": "Single-factor authentication", "Sign-in identifier": e["upn"],
        "Session ID": guid(), "IP address (seen by resource)": e["ip"], "Through Global Secure Access": "False",
        "Autonomous system  number": "64500", "Flagged for review": "False", "Token issuer type": "AzureAD",
        "Latency": str(40 + rnd.randrange(200)), "Conditional Access": "Failure" if blocked else "Not Applied",
    }
    return [values.get(h, "") for h in header]


def csv_quote_all(cells):
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def graph_signin(e):
    ok = e["code"] == "0"
    return {
        "id": guid(), "createdDateTime": e["time"], "userDisplayName": NAMES.get(e["upn"], e["upn"]),
        "userPrincipalName": e["upn"], "userId": oid(e["upn"]), "appId": EXO_APP,
        "appDisplayName": "Office 365 Exchange Online", "ipAddress": e["ip"], "clientAppUsed": e["app"],
        "userAgent": e["agent"], "correlationId": guid(), "conditionalAccessStatus": "failure" if e["code"] == "53003" else "notApplied",
        "isInteractive": False, "authenticationProtocol": "ropc" if e["agent"] == "BAV2ROPC" else "none",
        "status": {"errorCode": int(e["code"]), "failureReason": "Other." if ok else e["reason"], "additionalDetails": None},
        "location": {"city": "Seattle", "state": "Washington", "countryOrRegion": "US"},
    }


def us_time(iso):
    # "2026-11-05T14:03:09Z" -> "11/5/2026, 2:03:09.000 PM" as the Log Analytics portal exports it
    d, t = iso[:-1].split("T")
    y, m, dd = d.split("-")
    h, mi, s = t.split(":")
    h = int(h)
    ampm = "PM" if h >= 12 else "AM"
    h12 = h % 12 or 12
    return "%d/%d/%s, %d:%s:%s.000 %s" % (int(m), int(dd), y, h12, mi, s, ampm)


def write(name, text, encoding="utf-8", newline="\n"):
    with open(os.path.join(OUT, name), "w", encoding=encoding, newline=newline) as f:
        f.write(text)


def ps51_json(obj):
    """ConvertTo-Json as Windows PowerShell 5.1 writes it: 4-space indent, ':  ' separators."""
    text = json.dumps(obj, indent=4, separators=(",", ":  "))
    return text.replace("/Date(", "\\/Date(").replace(")/", ")\\/")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    all_events = events()
    smtp_events = [e for e in all_events if e["app"] == "Authenticated SMTP"]
    other_events = [e for e in all_events if e["app"] != "Authenticated SMTP"]

    # Interactive portal CSV (57 columns): the SMTP sign-ins of the first half of the month.
    first = [e for e in smtp_events if e["time"] < "2026-%s-15" % MONTH]
    second = [e for e in smtp_events if e["time"] >= "2026-%s-15" % MONTH]
    rows = [csv_quote_all(PORTAL57)] + [csv_quote_all(portal_row(e, PORTAL57)) for e in first]
    write("InteractiveSignIns_2026-%s-01_2026-%s-14.csv" % (MONTH, MONTH), "\r\n".join(rows) + "\r\n", newline="")
    # Non-interactive portal CSV in the older 55-column layout (second half of the month).
    rows = [csv_quote_all(PORTAL55)] + [csv_quote_all(portal_row(e, PORTAL55)) for e in second]
    write("NonInteractiveSignIns_2026-%s-15_2026-%s-27.csv" % (MONTH, MONTH), "\r\n".join(rows) + "\r\n", newline="")

    # PowerShell and IMAP sign-ins: two Graph pages, portal JSON, JSON lines, Log Analytics CSV.
    ps = [e for e in other_events if e["app"] == "Exchange Online PowerShell"]
    half = len(ps) // 2
    page1 = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",
             "value": [graph_signin(e) for e in ps[:half]],
             "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=synthetic"}
    page2 = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",
             "value": [graph_signin(e) for e in ps[half:]]}
    write("SignIns-PowerShell-page001.json", json.dumps(page1, indent=2) + "\n")
    write("SignIns-PowerShell-page002.json", json.dumps(page2, indent=2) + "\n")
    imap = [e for e in other_events if e["app"] in ("IMAP4", "MAPI Over HTTP")]
    write("SignIns-portal-download.json", json.dumps([graph_signin(e) for e in imap], indent=2) + "\n")
    browser = [e for e in other_events if e["app"] == "Browser"]
    write("SignIns-export.jsonl", "".join(json.dumps(graph_signin(e)) + "\n" for e in browser))
    modern = [e for e in other_events if e["app"] == "Mobile Apps and Desktop clients"]
    la_header = ["TenantId", "TimeGenerated [UTC]", "UserPrincipalName", "UserDisplayName", "AppDisplayName",
                 "ClientAppUsed", "IPAddress", "ResultType", "ResultDescription", "AuthenticationProtocol",
                 "ConditionalAccessStatus", "Type"]
    lines = [",".join(la_header)]
    for e in modern:
        lines.append(",".join([TENANT, '"' + us_time(e["time"]) + '"', e["upn"], '"' + NAMES.get(e["upn"], "") + '"',
                               "Office 365 Exchange Online", e["app"], e["ip"], e["code"], e["reason"], "none",
                               "notApplied", "AADNonInteractiveUserSignInLogs"]))
    write("LogAnalytics-SigninLogs.csv", "\n".join(lines) + "\n")

    # EAC SMTP AUTH clients report (90 days).
    report = REPORT
    lines = ["Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent,Authentication Protocol"]
    for addr, proto, t10, t11, t12, n in report:
        lines.append("%s,contoso.com,%d%%,%d%%,%d%%,%d,%s" % (addr, t10, t11, t12, n, proto))
    write("SMTP AUTH clients report.csv", "\r\n".join(lines) + "\r\n", newline="")

    # Graph email apps usage user detail (UTF-8 BOM, exact header).
    header = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Mail For Mac,Outlook For Mac,Outlook For Windows,Outlook For Mobile,Other For Mobile,Outlook For Web,POP3 App,IMAP4 App,SMTP App,Report Period"
    lines = [header]
    for addr, name, *_ in MAILBOXES:
        smtp = "Undetermined" if addr in {p[0] for p in PLANS if p[1] == "Authenticated SMTP"} else ""
        imap = "Undetermined" if addr == "bwong@contoso.com" else ""
        lines.append("2026-%s-27,%s,%s,False,,2026-%s-26,,,,,,,,%s,%s,90" % (MONTH, addr, name, MONTH, imap, smtp))
    write("EmailAppUsageUserDetail_D90.csv", "\ufeff" + "\r\n".join(lines) + "\r\n", newline="")

    # Get-CASMailbox: Windows PowerShell 5.1, -Encoding Unicode -Delimiter ';' (UTF-16LE with BOM, #TYPE line).
    lines = ["#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.CASMailbox",
             '"PrimarySmtpAddress";"DisplayName";"SmtpClientAuthenticationDisabled";"PopEnabled";"ImapEnabled"']
    for addr, name, disabled, _, _ in MAILBOXES:
        value = "" if disabled is None else ('"True"' if disabled else '"False"')
        lines.append('"%s";"%s";%s;"False";"%s"' % (addr, name, value, "True" if addr == "bwong@contoso.com" else "False"))
    write("CASMailbox.csv", "\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-16-le", newline="")

    # Get-TransportConfig: 5.1 ConvertTo-Json with a \/Date()\/ value.
    write("TransportConfig.json", ps51_json({"SmtpClientAuthenticationDisabled": True, "AllowLegacyTLSClients": False,
                                             "MaxRecipientEnvelopeLimit": "Unlimited",
                                             "WhenChanged": "/Date(1793491200000)/"}) + "\n", newline="\r\n")

    # Authentication policies: PowerShell 7 ConvertTo-Json.
    policies = [
        {"Name": "Block Basic Auth", "AllowBasicAuthSmtp": False, "AllowBasicAuthPowershell": False, "AllowBasicAuthImap": False},
        {"Name": "Allow SMTP Basic (temporary)", "AllowBasicAuthSmtp": True, "AllowBasicAuthPowershell": False, "AllowBasicAuthImap": False},
        {"Name": "Legacy IMAP", "AllowBasicAuthSmtp": False, "AllowBasicAuthPowershell": False, "AllowBasicAuthImap": True},
    ]
    write("AuthenticationPolicy.json", json.dumps(policies, indent=2) + "\n")

    # Get-User: PowerShell 7 Export-Csv -UseQuotes AsNeeded; $null policy written as an empty field.
    lines = ["UserPrincipalName,WindowsEmailAddress,ExternalDirectoryObjectId,RecipientTypeDetails,AuthenticationPolicy"]
    for addr, name, _, policy, kind in MAILBOXES:
        if addr == "bwong@contoso.com":
            policy = "Legacy IMAP"
        lines.append("%s,%s,%s,%s,%s" % (addr, addr, oid(addr), kind, '"' + policy + '"' if policy and "(" in policy else (policy or "")))
    write("User.csv", "\n".join(lines) + "\n")

    write("OrganizationConfig.json", json.dumps({"Name": "contoso.onmicrosoft.com", "DefaultAuthenticationPolicy": "Block Basic Auth",
                                                 "RejectDirectSend": False}, indent=2) + "\n")
    # Get-AcceptedDomain: 5.1 ConvertTo-Json writes DomainType as a number (0 Authoritative, 2 InternalRelay).
    write("AcceptedDomain.json", ps51_json([{"DomainName": "contoso.com", "DomainType": 0, "Default": True},
                                            {"DomainName": "contoso.onmicrosoft.com", "DomainType": 0, "Default": False},
                                            {"DomainName": "fabrikam-subsidiary.com", "DomainType": 2, "Default": False}]) + "\n", newline="\r\n")
    write("InboundConnector.json", json.dumps([{"Name": "Plant relay (static IP)", "ConnectorType": "OnPremises", "Enabled": True,
                                                "SenderIPAddresses": ["192.0.2.50"], "SenderDomains": ["smtp:*;1"],
                                                "TlsSenderCertificateName": None, "RestrictDomainsToIPAddresses": True,
                                                "RestrictDomainsToCertificate": False}], indent=2) + "\n")

    # Message trace (Get-MessageTraceV2 | Export-Csv -NoTypeInformation), last 10 days.
    lines = ['"Received","SenderAddress","RecipientAddress","Subject","Status","FromIP","ToIP","Size","MessageId","MessageTraceId"']
    flows = [("scanner-hq@contoso.com", ["asmith@contoso.com", "bwong@contoso.com"], "203.0.113.10", 30),
             ("scanner-branch@contoso.com", ["asmith@contoso.com", "accounts@fabrikam-accounting.example"], "198.51.100.120", 12),
             ("erp@contoso.com", ["orders@northwind.example", "asmith@contoso.com"], "203.0.113.20", 40),
             ("monitoring@contoso.com", ["noc@contoso.com", "oncall@contoso.com"], "203.0.113.30", 60),
             ("billing@contoso.com", ["customer1@adatum.example", "customer2@litware.example"], "198.51.100.40", 50),
             ("plant-printer@contoso.com", ["supplier@wingtip.example", "asmith@contoso.com"], "192.0.2.50", 10),
             ("alarm-panel@contoso.com", ["facilities@contoso.com"], "203.0.113.60", 3),
             ("crm@contoso.com", ["lead@proseware.example"], "198.51.100.80", 20)]
    for sender, recipients, ip, n in flows:
        for i in range(n):
            day = 18 + rnd.randrange(10)
            t = "2026-%s-%02dT%02d:%02d:%02d.%07dZ" % (MONTH, day, rnd.randrange(24), rnd.randrange(60), rnd.randrange(60), rnd.randrange(10**7))
            rcpt = recipients[i % len(recipients)]
            lines.append('"%s","%s","%s","Synthetic message %d","Delivered","%s","","%d","<%s@contoso.com>","%s"'
                         % (t, sender, rcpt, i, ip, 2000 + rnd.randrange(90000), guid(), guid()))
    write("MessageTrace.csv", "\r\n".join(lines) + "\r\n", newline="")

    write("SecurityDefaults.json", json.dumps({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity",
        "id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults",
        "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.",
        "isEnabled": False}, indent=2) + "\n")
    write("ConditionalAccessPolicies.json", json.dumps({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies",
        "value": [
            {"id": guid(), "displayName": "Block legacy authentication", "state": "enabled",
             "conditions": {"clientAppTypes": ["exchangeActiveSync", "other"],
                            "applications": {"includeApplications": ["All"], "excludeApplications": []},
                            "users": {"includeUsers": ["All"], "excludeUsers": [oid(a) for a, *_ in MAILBOXES if a != "jdoe@contoso.com" and a not in ("asmith@contoso.com", "bwong@contoso.com", "hr-notify@contoso.com")],
                                      "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": []}},
             "grantControls": {"operator": "OR", "builtInControls": ["block"]}},
            {"id": guid(), "displayName": "Require MFA for admins", "state": "enabledForReportingButNotEnforced",
             "conditions": {"clientAppTypes": ["all"], "applications": {"includeApplications": ["All"]},
                            "users": {"includeUsers": [], "excludeUsers": [], "includeGroups": [], "excludeGroups": [],
                                      "includeRoles": ["62e90394-69f5-4237-9190-012177145e10"], "excludeRoles": []}},
             "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}},
        ]}, indent=2) + "\n")

    write("inventory.csv", "\n".join([
        "sender,system,owner,workload,oauth_capable,static_ip,notes",
        "scanner-hq@contoso.com,HQ multifunction printer,Facilities IT,scanner,no,no,Scan to email; firmware has no OAuth",
        "scanner-branch@contoso.com,Branch office scanner,Branch IT,scanner,no,no,Scans go to the external accountant too",
        "erp@contoso.com,ERP (on-premises),Finance apps,application,yes,yes,Vendor supports XOAUTH2 since 2025",
        "monitoring@contoso.com,Monitoring server,Infrastructure,monitoring,no,no,Sends alerts to internal teams only",
        "billing@contoso.com,Billing platform,Finance apps,application,no,no,Invoices to customers",
        "plant-printer@contoso.com,Plant floor printer,Plant operations,printer,no,yes,Fixed public IP 192.0.2.50",
        "alarm-panel@contoso.com,Fire alarm panel,Facilities,other,no,no,",
        "crm@contoso.com,CRM,Sales apps,application,yes,unknown,Already on OAuth",
    ]) + "\n")

    # The Basic SMTP exception register: one valid, one expiring soon, one expired, one with a
    # missing owner, one on a person's mailbox, one for a mailbox that never used SMTP AUTH.
    write("exceptions.csv", "\n".join([
        "mailbox,system,source,owner,expires,replacement,ticket",
        "scanner-hq@contoso.com,HQ multifunction printer,203.0.113.10,Facilities IT,2027-03-31,hve,CHG-1001",
        "monitoring@contoso.com,Monitoring server,203.0.113.30 203.0.113.31,Infrastructure,2026-12-05,hve,CHG-1002",
        "erp@contoso.com,ERP (on-premises),203.0.113.20,Finance apps,2026-11-01,oauth,CHG-1003",
        "billing@contoso.com,Billing platform,198.51.100.40,,2027-01-31,acs,CHG-1004",
        "jdoe@contoso.com,Jane's mail client,198.51.100.90,Jane Doe,2027-01-31,oauth,CHG-1005",
        "room-101@contoso.com,Room panel,203.0.113.99,Facilities,2027-02-28,retire,CHG-1006",
    ]) + "\n")

    write("README.md", README)


def fabrikam():
    """A second, small SYNTHETIC tenant with security defaults on: every Basic SMTP sign-in
    is blocked by that layer (a tenant cannot have security defaults and Conditional Access
    at once, so this layer needs its own sample)."""
    out = os.path.join(HERE, "fabrikam-security-defaults")
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))

    def put(name, text):
        with open(os.path.join(out, name), "w", newline="") as f:
            f.write(text)

    put("README.md", "# Fabrikam sample tenant (SYNTHETIC)\n\nSecurity defaults are on, so Basic SMTP is blocked for every mailbox. Made by `Examples/generate_contoso.py`.\n")
    put("TransportConfig.json", json.dumps({"SmtpClientAuthenticationDisabled": False}, indent=2) + "\n")
    put("CASMailbox.csv", "PrimarySmtpAddress,DisplayName,SmtpClientAuthenticationDisabled\r\ncopier@fabrikam.example,Copier,\r\nowner@fabrikam.example,Owner,\r\n")
    put("User.csv", "UserPrincipalName,ExternalDirectoryObjectId,RecipientTypeDetails,AuthenticationPolicy\r\ncopier@fabrikam.example,%s,SharedMailbox,\r\nowner@fabrikam.example,%s,UserMailbox,\r\n" % (oid("copier-f"), oid("owner-f")))
    put("OrganizationConfig.json", json.dumps({"Name": "fabrikam.onmicrosoft.com", "DefaultAuthenticationPolicy": None}, indent=2) + "\n")
    put("AuthenticationPolicy.json", "[]\n")
    put("SecurityDefaults.json", json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity",
                                            "id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults", "isEnabled": True}, indent=2) + "\n")
    put("ConditionalAccessPolicies.json", json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies", "value": []}, indent=2) + "\n")
    rows = [csv_quote_all(PORTAL57)]
    for day in range(1, 11):
        e = dict(time="2026-11-%02dT07:30:00Z" % day, upn="copier@fabrikam.example", app="Authenticated SMTP", ip="192.0.2.77",
                 code="50126", reason="Invalid username or password or Invalid on-premise username or password.", agent="BAV2ROPC")
        rows.append(csv_quote_all(portal_row(e, PORTAL57)))
    put("InteractiveSignIns_2026-11-01_2026-11-10.csv", "\r\n".join(rows) + "\r\n")
    put("inventory.csv", "sender,system,owner,workload,oauth_capable,static_ip,notes\ncopier@fabrikam.example,Reception copier,Office manager,scanner,no,no,\n")


def december():
    """The same tenant a month later, for the workspace's example (README, "Running the migration over
    weeks"): the HQ scanner and the billing system moved to OAuth (their SMTP AUTH clients report rows say
    OAuth and their password sign-ins stopped), and the old scanner, retired after the first run, sends
    with Basic again (a regression)."""
    global OUT, MONTH, PLANS, REPORT, README, rnd
    OUT = os.path.join(HERE, "contoso-2026-12")
    MONTH = "12"
    rnd = random.Random(1212)
    moved = {"scanner-hq@contoso.com", "billing@contoso.com"}
    PLANS = [p for p in PLANS if not (p[0] in moved and p[1] == "Authenticated SMTP")]
    PLANS.append(("old-scanner@contoso.com", "Authenticated SMTP", "203.0.113.15", 24, [], "BAV2ROPC"))
    REPORT = [(a, "OAuth" if a in moved else proto, t10, t11, t12, 45 if a == "old-scanner@contoso.com" else n)
              for a, proto, t10, t11, t12, n in REPORT]
    README = README.replace("# Contoso sample tenant (SYNTHETIC)", "# Contoso sample tenant a month later, December 2026 (SYNTHETIC)").replace(
        "`Examples/generate_contoso.py`.", "`Examples/generate_contoso.py` (its `december()`): the HQ scanner and the billing "
        "system moved to OAuth, the old scanner sends with Basic again.")
    main()


if __name__ == "__main__":
    main()
    fabrikam()
    december()
