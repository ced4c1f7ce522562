#!/usr/bin/env python3
"""Benchmark: the dashboard (`authshift serve`) under concurrent load from wrk, at the scale of
issue 15: a workspace of 100,000 mailboxes and 10,000 senders.

The workspace is made as Benchmarks/workspace_scale.py makes it (the contoso example's own rows with
synthetic addresses), with RUNS weekly runs so the overview has a burn-down to draw. The script
starts `authshift serve` on a free loopback port, spends the one-time sign-in link it prints for a
session cookie, and lets wrk (Debian's wrk 4, the peer that measures the server) load each page for
DURATION seconds with CONNECTIONS connections on two threads. A small Lua script makes wrk print
the 50th, 95th and 99th percentiles of its latency histogram. wrk shares the two cores with the
server, so the figures are what a browser on the same machine would see at worst, not the
server's capacity alone. The server's peak resident memory is read from /proc after the load.

usage: python3 Benchmarks/dashboard_load.py [AUTHSHIFT_BINARY]   (default: a release build made first)
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchdoc import build_release, replace_section
from workspace_scale import MAILBOXES, SENDERS, base_register, weekly_register_files

RUNS = 3
DURATION = 15
CONNECTIONS = 16

# The pages measured: what a lead opens first, and what the service desk does all day (a register
# page narrowed by state and a search, sorted, one server-side page of rows).
PAGES = [
    ("overview", "/"),
    ("sender register, first page", "/senders"),
    ("sender register, filtered (state, Basic, search) and sorted", "/senders?state=discovered&basic=yes&q=device01&sort=sender"),
    ("sender register, page 40 of the unfiltered list", "/senders?offset=2000"),
    ("sender detail", "/sender?address=device00042%40contoso.com&system=system+42"),
    ("JSON API: filtered senders", "/api/v1/senders?basic=yes&q=device02"),
]

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.errors.status))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_workspace(binary, work):
    ws = os.path.join(work, "ws")
    subprocess.run([binary, "workspace", "init", ws], check=True, stdout=subprocess.DEVNULL)
    for _, path in weekly_register_files(base_register(binary, work), work, RUNS, seed=15):
        subprocess.run([binary, "workspace", "import", path, "--workspace", ws], check=True, stdout=subprocess.DEVNULL)
    return ws


def start_server(binary, ws, port):
    server = subprocess.Popen([binary, "serve", "--workspace", ws, "--listen", "127.0.0.1:%d" % port],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        m = re.search(r"(http://\S+/signin\?token=\S+)", line)
        if m:
            return server, m.group(1)
    server.kill()
    sys.exit("authshift serve printed no sign-in link within 60 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie(link):
    """Spends the one-time link; returns the Cookie header the browser would send."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(link)
    except urllib.error.HTTPError as redirect:  # 303 to the overview, with the cookie
        response = redirect
    cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
    if not cookies:
        sys.exit("the sign-in link set no cookie")
    return "; ".join(cookies)


def load(url, cookie, lua_path):
    out = subprocess.run(["wrk", "-t2", "-c%d" % CONNECTIONS, "-d%ds" % DURATION, "-s", lua_path, "-H", "Cookie: " + cookie, url],
                         check=True, capture_output=True, text=True).stdout
    requests, micros, p50, p95, p99, bad = map(int, re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out).groups())
    return requests / (micros / 1e6), p50 / 1000, p95 / 1000, p99 / 1000, bad


def peak_memory(pid):
    status = open("/proc/%d/status" % pid).read()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024, int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    binary = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else build_release()
    build = "debug build" if "/debug/" in binary else "release build"
    work = tempfile.mkdtemp(prefix="authshift-dashboard-bench-")
    lua_path = os.path.join(work, "percentiles.lua")
    with open(lua_path, "w") as f:
        f.write(LUA)
    print("making a workspace of %d runs, %d mailboxes, %d senders..." % (RUNS, MAILBOXES, SENDERS), flush=True)
    ws = make_workspace(binary, work)
    port = free_port()
    server, link = start_server(binary, ws, port)
    try:
        cookie = session_cookie(link)
        base = "http://127.0.0.1:%d" % port
        rows = []
        for name, path in PAGES:
            check = urllib.request.Request(base + path, headers={"Cookie": cookie})
            size = len(urllib.request.urlopen(check).read())
            rate, p50, p95, p99, bad = load(base + path, cookie, lua_path)
            rows.append((name, path, size, rate, p50, p95, p99, bad))
            print("%s: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d non-2xx" % (name, rate, p50, p95, p99, bad), flush=True)
        hwm, rss = peak_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    load_average = os.getloadavg()[0]
    lines = ["Measured %s on this 2-core machine, %s, load average %.1f before the last page; wrk 4 with %d connections on two threads "
             "for %d s per page, on the same machine as the server." % (time.strftime("%Y-%m-%d"), build, load_average, CONNECTIONS,
                                                                      DURATION),
             "The workspace: %d runs of %s mailboxes and %s senders." % (RUNS, format(MAILBOXES, ","), format(SENDERS, ",")), "",
             "| page | path | bytes | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx |", "|---|---|---|---|---|---|---|---|"]
    for name, path, size, rate, p50, p95, p99, bad in rows:
        lines.append("| %s | `%s` | %s | %.0f | %.1f | %.1f | %.1f | %d |" % (name, path, format(size, ","), rate, p50, p95, p99, bad))
    lines += ["", "Server memory after the load: peak resident %.0f MB, resident %.0f MB." % (hwm, rss),
              "Target (issue 15): p95 under 200 ms for a register page."]
    print(replace_section("dashboard-load", lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
