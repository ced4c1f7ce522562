#!/usr/bin/env python3
"""The sign-in summary gives the same register as the raw sign-ins (issue 16).

Synthetic raw sign-ins (Benchmarks/generate_signins.py, the portal CSV layout) are assessed
directly; the same rows are aggregated by DuckDB (PyPI `duckdb`) with the SQL below, which
computes the columns of the one written definition of a sign-in summary (Ingest's
SignInSummaryColumns, the same columns as the KQL of `authshift collect kql`), and that summary is
assessed. The "senders" of the two register.json files must be identical.

usage: check-summary-equivalence.py AUTHSHIFT [--rows N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# SignInSummaryColumns over the portal CSV's names: UserPrincipalName = "Username",
# AppDisplayName = "Application", ClientAppUsed = "Client app", IPAddress = "IP address",
# ResultType = "Sign-in error code", ResultDescription = "Failure reason". Like the KQL: legacy
# client apps only, one row per day, user, app, client app, IP address and result code.
SUMMARY_SQL = """
COPY (
  SELECT substr("Date (UTC)", 1, 10) || 'T00:00:00Z' AS "Day",
         "Username" AS "UserPrincipalName", "Application" AS "AppDisplayName", "Client app" AS "ClientAppUsed",
         "IP address" AS "IPAddress", "Sign-in error code" AS "ResultType", count(*) AS "SignIns",
         min("Date (UTC)") AS "FirstSeen", max("Date (UTC)") AS "LastSeen",
         coalesce(any_value("Failure reason") FILTER (WHERE "Sign-in error code" <> '0'), '') AS "SampleFailureReason"
  FROM read_csv(?, header = true, all_varchar = true)
  WHERE "Client app" IN ('Authenticated SMTP', 'Exchange Online PowerShell')
  GROUP BY ALL
  ORDER BY 1, 2, 4, 5, 6
) TO '{out}' (HEADER, DELIMITER ',')
"""


def assess(binary, path, out):
    subprocess.run([binary, "assess", path, "--out", out], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    with open(os.path.join(out, "register.json")) as f:
        return json.load(f)["senders"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("authshift")
    ap.add_argument("--rows", type=int, default=50_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.csv")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_signins.py"), str(a.rows), raw,
                        "--users", "400", "--ips", "200"], check=True)
        summary = os.path.join(tmp, "summary.csv")
        con = duckdb.connect()
        con.execute(SUMMARY_SQL.replace("{out}", summary.replace("'", "''")), [raw])
        groups = sum(1 for _ in open(summary)) - 1
        direct = assess(a.authshift, raw, os.path.join(tmp, "direct"))
        summarised = assess(a.authshift, summary, os.path.join(tmp, "summarised"))
        if direct != summarised:
            by_id = {json.dumps(s, sort_keys=True) for s in summarised}
            first = next((s for s in direct if json.dumps(s, sort_keys=True) not in by_id), None)
            print("FAIL: the registers differ (%d senders raw, %d from the summary); first difference:\n%s"
                  % (len(direct), len(summarised), json.dumps(first, indent=1)[:2000]))
            sys.exit(1)
        print("ok: %d raw rows, %d summary rows, %d senders identical in both register.json files" % (a.rows, groups, len(direct)))


if __name__ == "__main__":
    main()
