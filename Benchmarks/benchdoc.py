"""Shared by the benchmark scripts: timing a command and rewriting its section of docs/benchmarks.md."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "benchmarks.md")


def timed(cmd, stdout=subprocess.PIPE):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS in MB, stdout text or '')."""
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    if p.returncode != 0:
        sys.exit("command failed: %s\n%s" % (" ".join(cmd), p.stderr[-3000:]))
    m = re.search(r"TIME ([\d.]+) (\d+)", p.stderr)
    return float(m.group(1)), int(m.group(2)) / 1024.0, p.stdout if isinstance(p.stdout, str) else ""


def replace_section(name, lines):
    """Replaces the text between <!-- NAME:begin --> and <!-- NAME:end --> in docs/benchmarks.md."""
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    block = "\n".join([begin, *lines, end])
    doc = open(DOC).read()
    doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, doc, flags=re.S)
    open(DOC, "w").write(doc)
    return block


def build_release():
    subprocess.run(["swift", "build", "-c", "release", "--product", "authshift"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "authshift")


def wall_and_peak(cmd, capture=False):
    """Runs cmd; returns (wall seconds, peak RSS in MB of the process, stdout text or '', CPU seconds (user + system)).
    Finer than timed(): /usr/bin/time prints wall time in hundredths of a second."""
    import time
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    out = p.stdout.read().decode("utf-8", "replace") if capture else ""
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, out, usage.ru_utime + usage.ru_stime
