#!/usr/bin/env python3
"""Benchmark: `authshift assess` on synthetic tenants of two sizes, to show its cost grows
linearly, with DuckDB summarising the same sign-in file in the same run as a reference for
the largest input alone.

Also records the sizes of register.json and register.xlsx (deflated parts), and how much of
register.json the per-mailbox explanation sentences take: for the mailboxes that send (an SMTP
AUTH sender) or are blocked, and for the rest, which is what writing them only for the first
group would save.

Tenants (Benchmarks/generate_tenant.py): 50,000 mailboxes with 1,000,000 sign-in rows, and
100,000 mailboxes with 2,000,000 sign-in rows. Wall time and peak RSS come from
/usr/bin/time; results are written into docs/benchmarks.md between the markers.

usage: python3 Benchmarks/assess_scale.py [--binary PATH]
  --binary: measure this build (for example the static release binary scripts/release.sh
  makes) instead of building `swift build -c release` here.
"""
import json
import os
import re
import shutil
import subprocess
import sys

from benchdoc import ROOT, build_release, replace_section, timed

DATA = os.path.join(ROOT, "Benchmarks", "data")
SIZES = [(50_000, 1_000_000), (100_000, 2_000_000)]
DUCKDB = """
import duckdb, sys
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
print(con.execute('''SELECT count(*) FROM (SELECT lower("Username"), "Client app", "IP address", "Status", count(*), min("Date (UTC)"), max("Date (UTC)")
FROM read_csv(?, header = true, all_varchar = true) GROUP BY ALL)''', [sys.argv[1]]).fetchone()[0])
"""


def explanation_bytes(path):
    """Bytes of register.json's mailbox explanations: (all, for senders or blocked mailboxes, for the rest)."""
    register = json.load(open(path))
    kept = rest = 0
    for m in register["mailboxes"]:
        n = len(json.dumps(m["explanation"], ensure_ascii=False).encode())
        if m["observedSmtpAuth"] or m["basicAllowed"] is False:
            kept += n
        else:
            rest += n
    return kept + rest, kept, rest


def main():
    binary = sys.argv[sys.argv.index("--binary") + 1] if "--binary" in sys.argv else build_release()
    rows, explained = [], []
    for mailboxes, signins in SIZES:
        folder = os.path.join(DATA, "tenant-%dk" % (mailboxes // 1000))
        if not os.path.exists(os.path.join(folder, "InteractiveSignIns.csv")):
            print("generating %s ..." % folder, flush=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_tenant.py"), folder,
                            "--mailboxes", str(mailboxes), "--signins", str(signins)], check=True, stdout=subprocess.DEVNULL)
        out = os.path.join(DATA, "assess-out")
        shutil.rmtree(out, ignore_errors=True)
        t, rss, stdout = timed([binary, "assess", folder, "--out", out, "--as-of", "2026-11-28"])
        senders = re.search(r"Senders: (\d+) rows", stdout).group(1)
        size_mb = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6
        dt, drss, _ = timed([sys.executable, "-c", DUCKDB, os.path.join(folder, "InteractiveSignIns.csv")])
        print("%d mailboxes, %d sign-ins: assess %.1f s %.0f MB; duckdb sign-in summary %.1f s %.0f MB" % (mailboxes, signins, t, rss, dt, drss), flush=True)
        json_path = os.path.join(out, "register.json")
        json_mb = os.path.getsize(json_path) / 1e6
        xlsx_mb = os.path.getsize(os.path.join(out, "register.xlsx")) / 1e6
        total, kept, rest = explanation_bytes(json_path)
        rows.append("| %s | %s | %.0f | %s | %.1f | %.0f | %.0f | %.1f | %.1f | %.0f |" % (
            format(mailboxes, ","), format(signins, ","), size_mb, senders, t, rss, json_mb, xlsx_mb, dt, drss))
        explained.append("| %s | %.0f | %.0f (%.0f%%) | %.0f | %.0f (%.0f%%) |" % (
            format(mailboxes, ","), json_mb, total / 1e6, 100.0 * total / (json_mb * 1e6), kept / 1e6, rest / 1e6, 100.0 * rest / (json_mb * 1e6)))
    print(replace_section("assess-scale", [
        "| mailboxes | sign-in rows | input (MB) | sender rows | assess wall (s) | assess peak RSS (MB) | register.json (MB) | register.xlsx (MB) "
        "| DuckDB sign-in summary alone (s) | DuckDB peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|", *rows, "",
        "| mailboxes | register.json (MB) | explanations (MB, share) | for senders and blocked mailboxes (MB) | for the rest (MB, share of register.json) |",
        "|---|---|---|---|---|", *explained]))


if __name__ == "__main__":
    main()
