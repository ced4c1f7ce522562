#!/usr/bin/env python3
"""Benchmark: `assess` on a sign-in summary standing for 1,000,000,000 raw sign-ins against
`assess` on raw sign-ins, in one session with the same binary.

The summary has 500,000 rows (the Log Analytics query API's row limit, docs/collect.md) of
2,000 sign-ins each: 20,000 users over 25 days, one IP address each, 1 day in 5 failing. The raw
input is a portal CSV from Benchmarks/generate_signins.py (ROWS rows); its time per row gives
the raw path's time for 1,000,000,000 rows by extrapolation (such a file, about 950 GB, is not
generated). Wall time and peak RSS from /usr/bin/time.

usage: python3 Benchmarks/summary_vs_raw.py AUTHSHIFT [--raw-rows N]
Not a test: nothing here asserts on time.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAILURES = [("50126", "Invalid username or password or Invalid on-premise username or password."),
            ("53003", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.")]


def write_summary(path, rows=500_000, users=20_000, per_row=2_000):
    with open(path, "w") as f:
        f.write("Day,UserPrincipalName,AppDisplayName,ClientAppUsed,IPAddress,ResultType,SignIns,FirstSeen,LastSeen,SampleFailureReason\n")
        for i in range(rows):
            u, day = i % users, 1 + i // users
            app = "Authenticated SMTP" if u % 10 else "Exchange Online PowerShell"
            code, reason = ("0", "") if (i // users) % 5 != 4 else FAILURES[u % 2]
            d = "2026-11-%02d" % day
            f.write(f"{d}T00:00:00Z,user{u:05d}@contoso.example,Office 365 Exchange Online,{app},198.51.{u // 256 % 256}.{u % 256},"
                    f"{code},{per_row},{d}T00:00:0{u % 10}Z,{d}T23:59:5{u % 10}Z,{reason}\n")
    return rows * per_row


def timed_assess(binary, path, out):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary, "assess", path, "--out", out], capture_output=True, text=True,
                            env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"), check=True)
    wall, rss = re.findall(r"([\d.]+) (\d+)\s*$", result.stderr)[-1]
    return float(wall), int(rss) // 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("authshift")
    ap.add_argument("--raw-rows", type=int, default=200_000)
    a = ap.parse_args()
    random.seed(16)
    with tempfile.TemporaryDirectory() as tmp:
        summary = os.path.join(tmp, "summary.csv")
        represented = write_summary(summary)
        raw = os.path.join(tmp, "raw.csv")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_signins.py"), str(a.raw_rows), raw], check=True)
        s_wall, s_rss = timed_assess(a.authshift, summary, os.path.join(tmp, "s"))
        r_wall, r_rss = timed_assess(a.authshift, raw, os.path.join(tmp, "r"))
        extrapolated = r_wall / a.raw_rows * represented
        print("summary: 500,000 rows (%d MB) standing for %d sign-ins: %.1f s, %d MB peak" % (os.path.getsize(summary) >> 20, represented, s_wall, s_rss))
        print("raw: %d rows (%d MB): %.1f s, %d MB peak; %d rows extrapolated: %.0f s (%.1f h)"
              % (a.raw_rows, os.path.getsize(raw) >> 20, r_wall, r_rss, represented, extrapolated, extrapolated / 3600))
        print("raw path / summary path for the same sign-ins: %.0fx" % (extrapolated / s_wall))


if __name__ == "__main__":
    main()
