#!/usr/bin/env python3
"""Writes a synthetic tree of FILES scripts, code and configuration files for the scan
benchmark: PowerShell (40%), C#, Python, JavaScript (15% each) and configuration (15%:
appsettings.json, .env, web.config, YAML). About one file in twenty holds a pattern scan
reports (a stored-credential Exchange connection or password SMTP); the rest are ordinary
code of similar size. Deterministic (seeded).

usage: generate_script_tree.py OUT_DIR [--files N]
"""
import argparse
import os
import random

PS_BODY = """function Get-Report{n} {{
    param([string]$Path = 'C:\\\\reports\\\\out{n}.csv')
    $items = Get-ChildItem -Path $Path -Recurse | Where-Object {{ $_.Length -gt {n} }}
    foreach ($item in $items) {{
        Write-Verbose "Processing $($item.FullName)"
        $hash = Get-FileHash -Path $item.FullName -Algorithm SHA256
        [pscustomobject]@{{ Name = $item.Name; Hash = $hash.Hash; Size = $item.Length }}
    }}
}}
"""
PS_FINDINGS = [
    "$cred = Import-Clixml -Path C:\\secure\\exo.xml\nConnect-ExchangeOnline -Credential $cred -ShowBanner:$false\n",
    "$p = @{{ Credential = (Get-AutomationPSCredential -Name 'exo') ; Organization = 'contoso.onmicrosoft.com' }}\nConnect-ExchangeOnline @p\n",
    "Send-MailMessage -To ops@contoso.com -From r@contoso.com -Subject s -SmtpServer smtp.office365.com -UseSsl -Credential $c\n",
]
PS_DECOYS = [
    "# Connect-ExchangeOnline -Credential $old was replaced\nConnect-ExchangeOnline -CertificateThumbprint $t -AppId $a -Organization contoso.onmicrosoft.com\n",
    "$help = @'\nConnect-ExchangeOnline -Credential $cred\n'@\n",
]
CS = """namespace Contoso.App{n} {{
    public sealed class Worker{n} {{
        private readonly ILogger _log;
        public Worker{n}(ILogger log) {{ _log = log; }}
        public async Task RunAsync(CancellationToken token) {{
            for (var i = 0; i < {n}; i++) {{ _log.LogInformation("tick {{Index}}", i); await Task.Delay(10, token); }}
        }}
    }}
}}
"""
CS_FINDING = 'var c = new SmtpClient("smtp.office365.com", 587) {{ EnableSsl = true }};\nc.Credentials = new NetworkCredential(user, pass);\n'
PY = """import logging
log = logging.getLogger(__name__)

def process_{n}(rows):
    total = 0
    for row in rows:
        if row.get("size", 0) > {n}:
            total += row["size"]
    log.info("processed %d", total)
    return total
"""
PY_FINDING = "import smtplib\ns = smtplib.SMTP('smtp.office365.com', 587)\ns.starttls()\ns.login(USER, PASSWORD)\n"
JS = """export function handler{n}(event) {{
  const items = (event.items || []).filter((x) => x.size > {n});
  return items.map((x) => ({{ name: x.name, size: x.size }}));
}}
"""
JS_FINDING = "const t = nodemailer.createTransport({ host: 'smtp.office365.com', port: 587, auth: { user: u, pass: p } });\n"
CONFIGS = [
    ("appsettings.json", '{{\n  "Logging": {{ "LogLevel": {{ "Default": "Information" }} }},\n  "Service": {{ "Name": "svc{n}", "Port": {n} }}\n}}\n'),
    (".env", "APP_NAME=svc{n}\nAPP_PORT={n}\nLOG_LEVEL=info\n"),
    ("web.config", '<configuration>\n  <appSettings>\n    <add key="Name" value="svc{n}" />\n  </appSettings>\n</configuration>\n'),
    ("settings.yaml", "service:\n  name: svc{n}\n  port: {n}\n"),
]
CONFIG_FINDING = ("appsettings.json", '{{ "Smtp": {{ "Host": "smtp.office365.com", "Password": "secret{n}" }} }}\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=20000)
    a = ap.parse_args()
    rnd = random.Random(5)
    for n in range(a.files):
        folder = os.path.join(a.out, "repo%02d" % (n % 50), "dir%03d" % (n % 400))
        os.makedirs(folder, exist_ok=True)
        kind = rnd.random()
        finding = rnd.random() < 0.05
        if kind < 0.40:
            name, text = "script%05d.ps1" % n, PS_BODY.format(n=n) * 3
            if finding:
                text += rnd.choice(PS_FINDINGS).format(n=n)
            elif rnd.random() < 0.1:
                text += rnd.choice(PS_DECOYS)
        elif kind < 0.55:
            name, text = "Worker%05d.cs" % n, CS.format(n=n) * 3 + (CS_FINDING.format(n=n) if finding else "")
        elif kind < 0.70:
            name, text = "job%05d.py" % n, PY.format(n=n) * 3 + (PY_FINDING if finding else "")
        elif kind < 0.85:
            name, text = "handler%05d.js" % n, JS.format(n=n) * 4 + (JS_FINDING if finding else "")
        else:
            cfg = CONFIG_FINDING if finding else CONFIGS[n % len(CONFIGS)]
            sub = os.path.join(folder, "cfg%05d" % n)
            os.makedirs(sub, exist_ok=True)
            folder, name, text = sub, cfg[0], cfg[1].format(n=n)
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
