#!/usr/bin/env python3
"""Interop check of assess's outputs with real software (run by .ci/run, not by swift test):

- register.xlsx opens in LibreOffice (headless `soffice --convert-to csv`, every sheet), and
  its Senders sheet holds the same rows as register.csv;
- report.html renders in headless Chromium with no console error, and its DOM has the
  report's sections;
- report.html made from a workspace (the contoso runs of November and December, README
  "Running the migration over weeks") renders its burn-down chart and regressions line in
  headless Chromium.

usage: scripts/check-reports.py PATH_TO_AUTHSHIFT_BINARY
Prints one line per check and a closing "N passed, N failed"; exits 1 on any failure.
"""
import csv
import glob
import io
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def read_csv(path, bom):
    with open(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        return list(csv.reader(f))


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="authshift-reports-")
    out = os.path.join(work, "out")
    p = subprocess.run([binary, "assess", os.path.join(ROOT, "Examples", "contoso"), "--out", out, "--as-of", "2026-11-28"],
                       capture_output=True, text=True, env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    check("assess on Examples/contoso exits 0", p.returncode == 0, p.stderr)

    soffice = shutil.which("soffice")
    check("LibreOffice is installed", soffice is not None, "install libreoffice-calc-nogui")
    if soffice:
        lo = os.path.join(work, "lo")
        os.makedirs(lo)
        # Filter options: comma, double quote, UTF-8, from row 1, ..., -1 = every sheet to its own file.
        conv = subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(work, "profile"), "--headless", "--norestore",
                               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                               "--outdir", lo, os.path.join(out, "register.xlsx")], capture_output=True, text=True, timeout=300)
        sheets = sorted(os.path.basename(f) for f in glob.glob(os.path.join(lo, "*.csv")))
        check("soffice converts register.xlsx", conv.returncode == 0 and len(sheets) == 4, conv.stdout + conv.stderr + str(sheets))
        expected = ["register-Automation.csv", "register-Mailboxes.csv", "register-Senders.csv", "register-Summary.csv"]
        check("the workbook has Senders, Mailboxes, Automation and Summary sheets", sheets == expected, str(sheets))
        if "register-Senders.csv" in sheets:
            from_xlsx = read_csv(os.path.join(lo, "register-Senders.csv"), bom=False)
            from_csv = read_csv(os.path.join(out, "register.csv"), bom=True)
            # register.csv defuses spreadsheet formulas with a leading apostrophe; the workbook stores plain text.
            from_csv = [[c[1:] if c.startswith("'") else c for c in row] for row in from_csv]
            diff = next(((a, b) for a, b in zip(from_xlsx, from_csv) if a != b), (len(from_xlsx), len(from_csv)))
            check("Senders sheet equals register.csv", from_xlsx == from_csv, "first difference: " + repr(diff))
        if "register-Mailboxes.csv" in sheets:
            rows = read_csv(os.path.join(lo, "register-Mailboxes.csv"), bom=False)
            check("Mailboxes sheet lists every mailbox", len(rows) - 1 == 16, str(len(rows)))

    chrome = shutil.which("chromium-headless-shell") or shutil.which("chromium")
    check("headless Chromium is installed", chrome is not None, "install chromium-headless-shell")
    if chrome:
        url = "file://" + os.path.join(out, "report.html")
        r = subprocess.run([chrome, "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                            "--user-data-dir=" + os.path.join(work, "chrome"), "--dump-dom", url],
                           capture_output=True, text=True, timeout=120)
        check("Chromium renders report.html", r.returncode == 0 and "<h1>SMTP AUTH Basic Authentication assessment</h1>" in r.stdout, r.stderr[-2000:])
        console = [l for l in r.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l or "Refused to" in l or "net::ERR" in l]
        check("no console, script or network error while rendering", not console, "\n".join(console))
        for section in ["Senders by recommended path", "What breaks at the default change", "Sender register", "Unknowns and the exports that settle them"]:
            check("report.html has the section '%s'" % section, section in r.stdout, "")
        check("report.html has the chart", "<svg" in r.stdout and "<rect" in r.stdout, "")
        shot = os.path.join(work, "report.png")
        s = subprocess.run([chrome, "--no-sandbox", "--disable-gpu", "--user-data-dir=" + os.path.join(work, "chrome2"),
                            "--screenshot=" + shot, "--window-size=1280,2000", url], capture_output=True, text=True, timeout=120)
        check("Chromium takes a screenshot of report.html", s.returncode == 0 and os.path.getsize(shot) > 10000 if os.path.exists(shot) else False, s.stderr[-1000:])

    if chrome:
        check_workspace_report(binary, chrome, work)

    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if all(results) else 1)


def check_workspace_report(binary, chrome, work):
    """The README's weeks-long example: two runs a month apart in a workspace, edits in between."""
    env = dict(os.environ, AUTHSHIFT_NO_PROGRESS="1")
    ws = os.path.join(work, "ws")

    def run(*args):
        return subprocess.run([binary] + list(args), capture_output=True, text=True, env=env, cwd=ROOT)

    steps = [run("workspace", "init", ws),
             run("assess", os.path.join("Examples", "contoso"), "--out", os.path.join(work, "nov"), "--as-of", "2026-11-28", "--workspace", ws)]
    for sender in ["scanner-hq@contoso.com", "billing@contoso.com"]:
        steps.append(run("workspace", "set", sender, "--state", "cut-over", "--on", "2026-11-30", "--by", "ci", "--workspace", ws))
    steps.append(run("workspace", "set", "old-scanner@contoso.com", "--state", "retired", "--on", "2026-11-30", "--by", "ci", "--workspace", ws))
    dec = os.path.join(work, "dec")
    steps.append(run("assess", os.path.join("Examples", "contoso-2026-12"), "--out", dec, "--as-of", "2026-12-28", "--workspace", ws))
    failed = [p for p in steps if p.returncode != 0]
    check("the workspace example runs (init, assess, set, assess a month later)", not failed, "".join(p.stderr for p in failed)[-2000:])
    url = "file://" + os.path.join(dec, "report.html")
    r = subprocess.run([chrome, "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                        "--user-data-dir=" + os.path.join(work, "chrome3"), "--dump-dom", url], capture_output=True, text=True, timeout=120)
    check("Chromium renders the workspace's report.html", r.returncode == 0 and "Progress across runs" in r.stdout, r.stderr[-2000:])
    console = [l for l in r.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l or "Refused to" in l or "net::ERR" in l]
    check("no console, script or network error in the workspace's report", not console, "\n".join(console))
    body = r.stdout.split("<body>", 1)[-1].lstrip()
    check("the regressions line comes first", body.startswith('<p class="regressed" id="regressions">REGRESSED: 1 sender(s)'), body[:300])
    check("the burn-down chart is in the DOM with both series and the default-change line",
          '<svg class="burndown"' in r.stdout and r.stdout.count('<polyline class="series"') == 2 and 'class="default-change"' in r.stdout, "")
    check("the report loads nothing", "<script" not in r.stdout and "src=" not in r.stdout, "")
    shot = os.path.join(work, "workspace-report.png")
    s = subprocess.run([chrome, "--no-sandbox", "--disable-gpu", "--user-data-dir=" + os.path.join(work, "chrome4"),
                        "--screenshot=" + shot, "--window-size=1280,1600", url], capture_output=True, text=True, timeout=120)
    check("Chromium takes a screenshot of the workspace's report.html", os.path.exists(shot) and os.path.getsize(shot) > 10000, s.stderr[-1000:])
    keep = os.environ.get("AUTHSHIFT_SCREENSHOTS")
    if keep and os.path.exists(shot):
        os.makedirs(keep, exist_ok=True)
        shutil.copy(shot, os.path.join(keep, "workspace-report.png"))


if __name__ == "__main__":
    main()
