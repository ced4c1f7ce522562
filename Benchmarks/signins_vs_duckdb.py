#!/usr/bin/env python3
"""Benchmark: `authshift signins summarize` against DuckDB on the same sign-in CSV.

Generates (once) a 57-column portal sign-in CSV with 2,000,000 rows, builds authshift in
release mode, then runs each tool RUNS times in one session on this machine, measuring
wall time and peak RSS with /usr/bin/time. DuckDB (PyPI `duckdb`) runs the equivalent
GROUP BY: per (lower-cased user, client app, IP address, status) the count, first and last
time, and a histogram of failure reasons. Both results are checked to have the same number
of groups. The numbers are written into docs/benchmarks.md between the markers.

usage: python3 Benchmarks/signins_vs_duckdb.py [--rows N] [--runs N]
Not a test: nothing here asserts on time.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys

from benchdoc import ROOT, build_release, replace_section, timed

DATA = os.path.join(ROOT, "Benchmarks", "data")

DUCKDB_QUERY = """
import duckdb, sys
con = duckdb.connect()
con.execute("SET threads = %d" % int(sys.argv[2]))
con.execute("SET enable_progress_bar = false")
rows = con.execute('''
SELECT lower("Username") AS u, "Client app" AS app, "IP address" AS ip, "Status" AS st, count(*) AS n,
       min("Date (UTC)") AS first_seen, max("Date (UTC)") AS last_seen,
       histogram("Sign-in error code" || ': ' || "Failure reason") FILTER (WHERE "Status" <> 'Success') AS reasons
FROM read_csv(?, header = true, all_varchar = true)
GROUP BY ALL
''', [sys.argv[1]]).fetchall()
print(len(rows))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(DATA, exist_ok=True)
    csv = os.path.join(DATA, "signins-%d.csv" % a.rows)
    if not os.path.exists(csv):
        print("generating %s ..." % csv, flush=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_signins.py"), str(a.rows), csv], check=True)
    size_mb = os.path.getsize(csv) / 1e6
    print("building authshift (release) ...", flush=True)
    binary = build_release()
    threads = os.cpu_count() or 1
    out_csv = os.path.join(DATA, "summary.csv")

    results = {"authshift": [], "duckdb": []}
    groups = {}
    for run in range(a.runs):
        with open(out_csv, "w") as f:
            t, rss, _ = timed([binary, "signins", "summarize", csv, "--format", "csv"], f)
        results["authshift"].append((t, rss))
        with open(out_csv) as f:
            groups["authshift"] = sum(1 for _ in f) - 1
        t, rss, out = timed([sys.executable, "-c", DUCKDB_QUERY, csv, str(threads)], subprocess.PIPE)
        results["duckdb"].append((t, rss))
        groups["duckdb"] = int(out.strip())
        print("run %d: authshift %.2f s %.0f MB | duckdb %.2f s %.0f MB" % (
            run + 1, results["authshift"][-1][0], results["authshift"][-1][1], t, rss), flush=True)
    if groups["authshift"] != groups["duckdb"]:
        sys.exit("group counts differ: %r" % groups)

    import duckdb
    rows = []
    summary = {}
    for tool in ("authshift", "duckdb"):
        times = [t for t, _ in results[tool]]
        med = statistics.median(times)
        peak = max(r for _, r in results[tool])
        summary[tool] = (med, size_mb / med, peak)
        rows.append("| %s | %.2f | %.0f | %.0f |" % (
            "authshift %s" % "signins summarize" if tool == "authshift" else "DuckDB %s (Python, %d threads)" % (duckdb.__version__, threads),
            med, size_mb / med, peak))
    ratio = summary["authshift"][1] / summary["duckdb"][1]
    block = replace_section("signins-vs-duckdb", [
        "Input: %s rows, 57-column portal CSV, %.0f MB; %d groups. Machine: %s, %d cores. Median of %d runs; peak RSS is the largest seen." % (
            format(a.rows, ","), size_mb, groups["authshift"], platform.machine(), threads, a.runs),
        "",
        "| tool | wall time (s) | throughput (MB/s) | peak RSS (MB) |",
        "|---|---|---|---|",
        *rows,
        "",
        "Throughput ratio authshift / DuckDB: **%.2f**." % ratio,
    ])
    print(block)


if __name__ == "__main__":
    main()
