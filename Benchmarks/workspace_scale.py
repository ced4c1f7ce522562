#!/usr/bin/env python3
"""Benchmark: the workspace at the scale of issue 14: 100,000 mailboxes and 10,000 senders
over 12 weekly runs.

Each week's register.json is made from the contoso example's own rows (so every field has
the shape assess writes), with synthetic addresses: 100,000 mailbox rows of which about 2% change
each week (SMTP AUTH switched off), and 10,000 sender rows of which about 4% move from Basic to
OAuth each week. Each is stored with `authshift workspace import` (release build), timed with
/usr/bin/time; the database's size is read after each run, and `workspace status` and a
filtered `workspace history` are timed on the final workspace (best of 5).

Whether storing only changed mailbox rows is worth it: the workspace keeps a mailbox row's
content once and lets each run refer to it (see SQLiteWorkspaceStore.MailboxStorage). The
script compares the bytes of mailbox content stored with the bytes every run would store if
each kept its own copy (the same query over the run-to-content references).

usage: python3 Benchmarks/workspace_scale.py [AUTHSHIFT_BINARY]   (default: a release build made first)
"""
import copy
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from benchdoc import ROOT, build_release, replace_section, timed

MAILBOXES = 100_000
SENDERS = 10_000
WEEKS = 12


def base_register(binary, work):
    out = os.path.join(work, "contoso")
    subprocess.run([binary, "assess", os.path.join(ROOT, "Examples", "contoso"), "--out", out, "--as-of", "2026-09-07"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    return json.load(open(os.path.join(out, "register.json")))


def week_register(base, week, moved, switched_off):
    day = 7 + 7 * week  # 2026-09-07, weekly
    month, dom = (9, day) if day <= 30 else ((10, day - 30) if day <= 61 else (11, day - 61))
    r = copy.copy(base)
    r["asOf"] = "2026-%02d-%02d" % (month, dom)
    r["inputs"] = [dict(i, sha256="%064x" % (week * 1000 + n)) for n, i in enumerate(base["inputs"])]
    basic = next(s for s in base["senders"] if s["currentAuth"] == "basic")
    oauth = next(s for s in base["senders"] if s["currentAuth"] == "oauth")
    senders = []
    for i in range(SENDERS):
        template = oauth if i in moved else basic
        row = dict(template, sender="device%05d@contoso.com" % i, system="system %d" % (i % 50))
        senders.append(row)
    r["senders"] = senders
    template = base["mailboxes"][0]
    mailboxes = []
    for i in range(MAILBOXES):
        row = dict(template, address="user%06d@contoso.com" % i, displayName="User %d" % i)
        if i in switched_off:
            row["smtpAuth"] = dict(template["smtpAuth"], enabled=False, evidence="CASMailbox.csv:%d" % (i + 2))
        mailboxes.append(row)
    r["mailboxes"] = mailboxes
    return r


def weekly_register_files(base, work, weeks, seed):
    """Yields (week, path of that week's register.json): about 4% of the senders move to OAuth and 2% of
    the mailboxes have SMTP AUTH switched off each week. The caller imports the file; it is removed after."""
    rnd = random.Random(seed)
    moved, switched_off = set(), set()
    for week in range(weeks):
        if week:
            moved |= set(rnd.sample(range(SENDERS), SENDERS * 4 // 100))
            switched_off |= set(rnd.sample(range(MAILBOXES), MAILBOXES * 2 // 100))
        path = os.path.join(work, "week%02d.json" % week)
        with open(path, "w") as f:
            json.dump(week_register(base, week, moved, switched_off), f)
        yield week, path
        if os.path.exists(path):
            os.remove(path)


def db_size(ws):
    return sum(os.path.getsize(os.path.join(ws, f)) for f in os.listdir(ws) if f.startswith("workspace.sqlite")) / 1e6


def best_of(n, cmd):
    times = []
    for _ in range(n):
        start = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.monotonic() - start)
    return min(times), sorted(times)[len(times) // 2]


def main():
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else build_release()
    build = "debug build" if "/debug/" in binary else "release build"
    work = tempfile.mkdtemp(prefix="authshift-workspace-bench-")
    ws = os.path.join(work, "ws")
    subprocess.run([binary, "workspace", "init", ws], check=True, stdout=subprocess.DEVNULL)
    base = base_register(binary, work)
    rows = []
    for week, path in weekly_register_files(base, work, WEEKS, seed=14):
        megabytes = os.path.getsize(path) / 1e6
        seconds, rss, _ = timed([binary, "workspace", "import", path, "--workspace", ws])
        os.remove(path)
        rows.append((week + 1, megabytes, seconds, rss, db_size(ws)))
        print("week %d: register.json %.0f MB, import %.1f s, peak RSS %.0f MB, workspace %.0f MB" % rows[-1], flush=True)

    status_best, status_median = best_of(5, [binary, "workspace", "status", "--workspace", ws])
    json_best, json_median = best_of(5, [binary, "workspace", "status", "--workspace", ws, "--format", "json"])
    history_best, history_median = best_of(5, [binary, "workspace", "history", "--workspace", ws])
    con = sqlite3.connect(os.path.join(ws, "workspace.sqlite"))
    stored = con.execute("SELECT sum(length(rowJSON)), count(*) FROM mailboxVersion").fetchone()
    every_run = con.execute("SELECT sum(length(v.rowJSON)), count(*) FROM runMailbox m JOIN mailboxVersion v ON v.id = m.versionId").fetchone()
    references = con.execute("SELECT count(*) FROM runMailbox").fetchone()[0]
    con.close()

    lines = ["Measured %s on this 2-core machine (shared with other builds), %s." % (time.strftime("%Y-%m-%d"), build), "",
             "| run | register.json (MB) | import wall (s) | import peak RSS (MB) | workspace size after (MB) |", "|---|---|---|---|---|"]
    for week, megabytes, seconds, rss, size in rows:
        lines.append("| %d | %.0f | %.1f | %.0f | %.0f |" % (week, megabytes, seconds, rss, size))
    lines += ["", "| query on the final workspace (12 runs, %s senders, %s mailbox rows per run) | best (s) | median of 5 (s) |" % (
        format(SENDERS, ","), format(MAILBOXES, ",")), "|---|---|---|",
              "| `workspace status` (text) | %.3f | %.3f |" % (status_best, status_median),
              "| `workspace status --format json` | %.3f | %.3f |" % (json_best, json_median),
              "| `workspace history` | %.3f | %.3f |" % (history_best, history_median), "",
              "| mailbox rows | rows of content | content (MB) |", "|---|---|---|",
              "| stored: each distinct row once (`changedOnly`, the default) | %s | %.0f |" % (format(stored[1], ","), stored[0] / 1e6),
              "| what every run keeping its own copy would store (`everyRun`) | %s | %.0f |" % (format(every_run[1], ","), every_run[0] / 1e6),
              "", "The %d runs also hold %s small references (run, position, address, content id)." % (WEEKS, format(references, ","))]
    print(replace_section("workspace-scale", lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
