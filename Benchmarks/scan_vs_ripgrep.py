#!/usr/bin/env python3
"""Benchmark: `authshift scan` against ripgrep (Debian's `ripgrep`: apt-get install ripgrep)
searching the same hosts and cmdlets, in one run, on three shapes of tree:

- small: 20,000 small files of code and configuration, one in twenty with a finding
  (Benchmarks/generate_script_tree.py);
- admin: an Exchange admin team's script share, 20,000 files with a log-normal size spread
  around 6 KB and five of 1-5 MB, every PowerShell file calling Exchange Online cmdlets, about
  2% with a finding (Benchmarks/generate_admin_tree.py);
- libraries: the Python and Perl libraries installed on this machine (a large real tree with few
  candidates; its findings are listed in the doc so a reader can judge them).

Each figure is the median of RUNS runs, authshift and ripgrep alternating, page cache warm for
both, with each one's peak RSS. Then the PowerShell front end (tokenizer + command parser, and
with the script context) in MB/s on one core, over the admin tree's PowerShell files held in
memory. The machine's load average is recorded with the numbers: ratios against ripgrep in the
same run are what count on a shared machine.

Findings are compared with Benchmarks/golden/scan-SHAPE.txt for the generated trees (the
libraries tree differs between machines: its list is kept in Benchmarks/data/); --record
writes them.

usage: python3 Benchmarks/scan_vs_ripgrep.py [--runs N] [--shapes small,admin,libraries] [--record] [--no-doc] [--binary PATH]

Without --binary it builds the release configuration (`swift build -c release`) and times
.build/release/authshift; --binary times an authshift already built, the release binary or the
stand-in of Benchmarks/scan_standin/build.sh (the scanner's modules alone, with a release build's
optimization, for a machine too loaded for a full release build). The doc names which it was.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig

from benchdoc import ROOT, build_release, replace_section, wall_and_peak

DATA = os.path.join(ROOT, "Benchmarks", "data")
GOLDEN = os.path.join(ROOT, "Benchmarks", "golden")
PATTERNS = [r"smtp\.office365\.com", r"smtp-legacy\.office365\.com", r"outlook\.office365\.com", "Connect-ExchangeOnline",
            "Connect-IPPSSession", "New-PSSession", "Connect-MsolService", "Connect-AzureAD", "ConvertTo-SecureString",
            "Send-MailMessage", "NetworkCredential", r"\.login\(", "PlainAuth"]


def generated(name, script):
    tree = os.path.join(DATA, name)
    if not os.path.exists(tree):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", script), tree, "--files", "20000"], check=True)
    return [tree]


def libraries():
    """The Python library folders of this interpreter and Perl's @INC, without nested duplicates."""
    paths = sysconfig.get_paths()
    roots = [paths["stdlib"], paths["purelib"], paths["platlib"]]
    perl = subprocess.run(["perl", "-e", "print join qq(\\n), @INC"], capture_output=True, text=True).stdout.split("\n")
    roots += [p for p in perl if p.startswith("/usr")]
    roots = sorted({os.path.realpath(r) for r in roots if os.path.isdir(r)})
    return [r for r in roots if not any(r != o and r.startswith(o + "/") for o in roots)]


SHAPES = {
    "small": ("small-file tree (code and configuration, 20,000 files)", lambda: generated("script-tree", "generate_script_tree.py")),
    "admin": ("admin-scripts tree (Exchange admin share, 20,000 files)", lambda: generated("admin-tree", "generate_admin_tree.py")),
    "libraries": ("Python and Perl libraries of this machine", libraries),
}


def tree_size(roots):
    files = size = 0
    for root in roots:
        for d, _, fs in os.walk(root):
            for f in fs:
                try:
                    size += os.lstat(os.path.join(d, f)).st_size
                    files += 1
                except OSError:
                    pass
    return files, size


def finding_lines(doc):
    return sorted("%s | %d | %d | %s | %s" % (f["file"], f["line"], f["column"], f["rule"], f["severity"]) for f in doc["findings"])


def load():
    return "%.1f" % os.getloadavg()[0]


def measure(shape, binary, rg, runs, record):
    roots = SHAPES[shape][1]()
    rg_cmd = [rg, "-i", "-n", "--no-messages"] + sum((["-e", p] for p in PATTERNS), []) + roots
    as_cmd = [binary, "scan", "--format", "json"] + roots
    wall_and_peak(rg_cmd), wall_and_peak(as_cmd)  # warm the page cache for both
    loads = [load()]
    t_as, m_as, c_as, t_rg, m_rg, c_rg = [], [], [], [], [], []
    out = ""
    for _ in range(runs):
        t, m, out, c = wall_and_peak(as_cmd, capture=True)
        t_as.append(t), m_as.append(m), c_as.append(c)
        t, m, _, c = wall_and_peak(rg_cmd)
        t_rg.append(t), m_rg.append(m), c_rg.append(c)
    loads.append(load())
    doc = json.loads(out)
    lines = finding_lines(doc)
    golden = os.path.join(GOLDEN if shape != "libraries" else DATA, "scan-%s.txt" % shape)
    if record or not os.path.exists(golden):
        os.makedirs(os.path.dirname(golden), exist_ok=True)
        open(golden, "w").write("".join(l + "\n" for l in lines))
        same = "recorded"
    else:
        want = open(golden).read().splitlines()
        same = "same as %s" % os.path.relpath(golden, ROOT) if want == lines else "DIFFERENT from %s (%d vs %d lines)" % (
            os.path.relpath(golden, ROOT), len(lines), len(want))
    hits = subprocess.run(rg_cmd + ["-l"], capture_output=True, text=True).stdout.count("\n")
    files, size = tree_size(roots)
    r = dict(shape=shape, roots=roots, files=files, mb=size / 1e6, scanned=doc["filesScanned"], findings=len(lines), rg_files=hits,
             t_as=statistics.median(t_as), m_as=max(m_as), t_rg=statistics.median(t_rg), m_rg=max(m_rg), loads=loads, same=same,
             c_as=statistics.median(c_as), c_rg=statistics.median(c_rg),
             doc=doc)
    r["ratio"] = r["t_as"] / r["t_rg"]
    print("%-9s authshift %.3f s, CPU %.3f s (%.0f MB)  ripgrep %.3f s, CPU %.3f s (%.0f MB)  ratio %.2f (CPU %.2f)  load %s  findings %d, %s" % (
        shape, r["t_as"], r["c_as"], r["m_as"], r["t_rg"], r["c_rg"], r["m_rg"], r["ratio"], r["c_as"] / r["c_rg"], "->".join(loads), len(lines),
        same), flush=True)
    return r


def front_end(binary, runs):
    roots = SHAPES["admin"][1]()
    before = load()
    results = [json.loads(subprocess.run([binary, "scan", "--front-end-passes", "3"] + roots, capture_output=True, text=True,
                                         check=True).stdout) for _ in range(runs)]
    r = dict(results[0])
    r["parseMBps"] = statistics.median(x["parseMBps"] for x in results)
    r["contextMBps"] = statistics.median(x["contextMBps"] for x in results)
    r["loads"] = [before, load()]
    print("front end: tokenizer+parser %.0f MB/s, with script context %.0f MB/s (%d files, %.1f MB, load %s)" % (
        r["parseMBps"], r["contextMBps"], r["files"], r["bytes"] / 1e6, "->".join(r["loads"])), flush=True)
    return r


def binary_note(path):
    """Which build was timed, and of which commit, for the doc."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "Sources"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    commit += " with uncommitted changes" if dirty else ""
    if path is None:
        return "the release build (`swift build -c release`) of %s" % commit
    if os.path.basename(path) == "authshift-scan":
        return "the stand-in build (`Benchmarks/scan_standin/build.sh`, release optimization of the scanner's modules) of %s" % commit
    return "`%s` (built from %s)" % (path, commit)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--shapes", default="small,admin,libraries")
    ap.add_argument("--record", action="store_true", help="write the findings of the generated trees as the golden")
    ap.add_argument("--no-doc", action="store_true", help="print, do not rewrite docs/benchmarks.md")
    ap.add_argument("--binary", help="an already built authshift (default: build the release configuration)")
    a = ap.parse_args()
    rg = shutil.which("rg")
    if not rg:
        sys.exit("install ripgrep (apt-get install ripgrep)")
    binary = a.binary or build_release()
    note = binary_note(a.binary)
    loads_at_start = "/".join("%.1f" % x for x in os.getloadavg())
    rg_version = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout.split()[1]
    results = [measure(s, binary, rg, a.runs, a.record) for s in a.shapes.split(",")]
    fe = front_end(binary, 3)
    if a.no_doc:
        return
    lines = [
        "Median of %d runs each, authshift and ripgrep %s alternating, warm page cache, %d cores; peak RSS is the largest of the runs. "
        "ripgrep searches %d patterns case-insensitively (`rg -i -n`). The load average (1 minute) before and after each shape "
        "shows how busy the shared machine was: compare the ratios, which come from the same minutes, rather than the seconds. "
        "CPU s is user + system time: on a loaded machine it moves less than the wall time. authshift was %s; load average "
        "(1/5/15 minutes) at the start %s." % (a.runs, rg_version, os.cpu_count(), len(PATTERNS), note, loads_at_start),
        "",
        "| tree | files (MB) | authshift scanned / findings | authshift s, CPU s (peak MB) | ripgrep s, CPU s (peak MB) | ratio (CPU) | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append("| %s | %d (%.0f) | %d / %d | %.3f, %.3f (%.0f) | %.3f, %.3f (%.0f) | **%.2fx** (%.2fx) | %s |" % (
            SHAPES[r["shape"]][0], r["files"], r["mb"], r["scanned"], r["findings"], r["t_as"], r["c_as"], r["m_as"], r["t_rg"], r["c_rg"],
            r["m_rg"], r["ratio"], r["c_as"] / r["c_rg"], " → ".join(r["loads"])))
    lines += ["", "Findings: " + "; ".join("%s %s" % (r["shape"], r["same"]) for r in results) + ".", "",
              "PowerShell front end on one core (the thread's CPU time, so waiting for a core on the shared machine does not count), "
              "over the admin tree's %d PowerShell files (%.1f MB) held in memory, median of 3 "
              "(`authshift scan --front-end-passes 3`): tokenizer + command parser **%.0f MB/s**; with the script context %.0f MB/s "
              "(load %s)." % (fe["files"], fe["bytes"] / 1e6, fe["parseMBps"], fe["contextMBps"], " → ".join(fe["loads"]))]
    for r in results:
        if r["shape"] != "libraries":
            continue
        lines += ["", "Findings in the libraries tree (%s):" % ", ".join("`%s`" % x for x in r["roots"]), ""]
        for f in sorted(r["doc"]["findings"], key=lambda f: (f["file"], f["line"])):
            lines.append("- `%s:%d` %s %s: %s" % (f["file"], f["line"], f["severity"], f["rule"], f["message"]))
        if not r["doc"]["findings"]:
            lines.append("- none")
    print(replace_section("scan-vs-ripgrep", lines))


if __name__ == "__main__":
    main()
