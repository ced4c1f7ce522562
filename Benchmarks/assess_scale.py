#!/usr/bin/env python3
"""Benchmark: `authshift assess` on synthetic tenants of two sizes, to show its cost grows
linearly, with DuckDB summarising the same sign-in file in the same run as a reference for
the largest input alone.

Tenants (Benchmarks/generate_tenant.py): 50,000 mailboxes with 1,000,000 sign-in rows, and
100,000 mailboxes with 2,000,000 sign-in rows. Wall time and peak RSS come from
/usr/bin/time; results are written into docs/benchmarks.md between the markers.

usage: python3 Benchmarks/assess_scale.py
"""
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


def main():
    binary = build_release()
    rows = []
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
        rows.append("| %s | %s | %.0f | %s | %.1f | %.0f | %.1f | %.0f |" % (format(mailboxes, ","), format(signins, ","), size_mb, senders, t, rss, dt, drss))
    print(replace_section("assess-scale", [
        "| mailboxes | sign-in rows | input (MB) | sender rows | assess wall (s) | assess peak RSS (MB) | DuckDB sign-in summary alone (s) | DuckDB peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|", *rows]))


if __name__ == "__main__":
    main()
