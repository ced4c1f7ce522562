#!/usr/bin/env python3
"""Benchmark: `authshift scan` against ripgrep (Debian `ripgrep`) searching the same host and
cmdlet patterns over a generated tree of 20,000 files, in one run (median of RUNS, page
cache warm for both). ripgrep only matches text; authshift tokenizes, resolves variables,
splats and comments, and applies the rules. Results go into docs/benchmarks.md.

usage: python3 Benchmarks/scan_vs_ripgrep.py [--runs N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

from benchdoc import ROOT, build_release, replace_section

DATA = os.path.join(ROOT, "Benchmarks", "data")
PATTERNS = [r"smtp\.office365\.com", r"smtp-legacy\.office365\.com", r"outlook\.office365\.com", "Connect-ExchangeOnline",
            "Connect-IPPSSession", "New-PSSession", "Connect-MsolService", "Connect-AzureAD", "ConvertTo-SecureString",
            "Send-MailMessage", "NetworkCredential", r"\.login\(", "PlainAuth"]


def wall(cmd):
    import time
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    return time.perf_counter() - start, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    rg = shutil.which("rg")
    if not rg:
        sys.exit("install ripgrep (apt-get install ripgrep)")
    tree = os.path.join(DATA, "script-tree")
    if not os.path.exists(tree):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_script_tree.py"), tree, "--files", "20000"], check=True)
    binary = build_release()
    rg_cmd = [rg, "-i", "-n", "--no-messages"] + sum((["-e", p] for p in PATTERNS), []) + [tree]
    as_cmd = [binary, "scan", tree, "--format", "json"]
    wall(rg_cmd), wall(as_cmd)  # warm the page cache for both
    times = {"authshift": [], "ripgrep": []}
    for _ in range(a.runs):
        times["authshift"].append(wall(as_cmd)[0])
        times["ripgrep"].append(wall(rg_cmd)[0])
    found = subprocess.run(as_cmd, capture_output=True, text=True).stdout
    import json
    doc = json.loads(found)
    hits = subprocess.run(rg_cmd + ["-c"], capture_output=True, text=True).stdout.count("\n")
    t_as, t_rg = statistics.median(times["authshift"]), statistics.median(times["ripgrep"])
    print(replace_section("scan-vs-ripgrep", [
        "Tree: 20,000 files (%s MB); authshift scanned %d files and reported %d findings; ripgrep matched in %d files. Median of %d runs, warm cache, %d cores." % (
            "%.0f" % (sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs) / 1e6), doc["filesScanned"], len(doc["findings"]), hits, a.runs, os.cpu_count()),
        "",
        "| tool | wall time (s) |",
        "|---|---|",
        "| authshift scan (tokenize, resolve, rules; JSON out) | %.3f |" % t_as,
        "| ripgrep %s (%d patterns, case-insensitive) | %.3f |" % (subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split()[1], len(PATTERNS), t_rg),
        "",
        "authshift / ripgrep wall time: **%.2fx** (target: within 2x)." % (t_as / t_rg),
    ]))


if __name__ == "__main__":
    main()
