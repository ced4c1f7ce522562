#!/usr/bin/env python3
"""Benchmark: `authshift bridge` against a local Postfix instance, in one run: acceptance
(how fast each relay takes messages) and end to end (how fast they reach the sink).

Postfix's smtp-source (Debian `postfix`) drives each relay with the same load (SESSIONS
parallel sessions, MESSAGES messages of LENGTH bytes, a new connection per message as devices
do); both relay to their own smtp-sink (a connector or smarthost route for the bridge,
`relayhost` for Postfix) while they accept, so delivery load is included. Equal durability:
Postfix's cleanup(8) fsyncs every queue file before smtpd answers 250 (it cannot be turned
off); the bridge fsyncs the message file, renames it and fsyncs the queue directory. Both spools
are on the same file system. Acceptance rate: MESSAGES / the time smtp-source takes. End to end:
MESSAGES / the time from the first connection until the sink has counted every message of the
run (smtp-sink -c), including the latency sampler's. Acceptance latency (end of DATA to the
250) is sampled by a separate sequential client during each load. Peak RSS: the bridge's one
process; Postfix's sum over its processes (master, smtpd, cleanup, qmgr, smtp, ...), from
/proc VmHWM.

Results go into docs/benchmarks.md (section bridge-vs-postfix).
usage: python3 Benchmarks/bridge_vs_postfix.py [--runs N] [--messages N] [--sessions N]
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from benchdoc import ROOT, build_release, replace_section


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit("nothing listening on %d" % port)


def proc_sum_mb(pids, file, field):
    """Sums a kB field of /proc/PID/<file> over processes: VmHWM in status is the peak RSS,
    Pss in smaps_rollup the proportional set size (shared pages divided among their users)."""
    total = 0
    for pid in pids:
        try:
            for line in open("/proc/%d/%s" % (pid, file)):
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


def peak_rss_mb(pids):
    return proc_sum_mb(pids, "status", "VmHWM")


def pss_mb(pids):
    return proc_sum_mb(pids, "smaps_rollup", "Pss")


def postfix_pids(queue_dir):
    """The private instance's master (from its pid file) and its children."""
    master = int(open(os.path.join(queue_dir, "pid", "master.pid")).read().split()[0])
    pids = [master]
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                for line in open("/proc/%s/status" % pid):
                    if line.startswith("PPid:") and int(line.split()[1]) == master:
                        pids.append(int(pid))
            except OSError:
                pass
    return pids


class LatencySampler(threading.Thread):
    """Sends messages one after another on one connection, timing end of DATA to 250."""

    def __init__(self, port, sender):
        super().__init__(daemon=True)
        self.port, self.sender = port, sender
        self.samples = []
        self.stop = threading.Event()

    def run(self):
        body = b"Subject: latency\r\n\r\n" + (b"x" * 76 + b"\r\n") * 65 + b".\r\n"
        s = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        f = s.makefile("rb")

        def reply():
            while True:
                line = f.readline()
                if len(line) < 4 or line[3:4] != b"-":
                    return line

        reply()
        s.sendall(b"EHLO sampler\r\n")
        reply()
        while not self.stop.is_set():
            s.sendall(b"MAIL FROM:<%s>\r\nRCPT TO:<sink@fabrikam.com>\r\nDATA\r\n" % self.sender.encode())
            reply(), reply(), reply()
            start = time.perf_counter()
            s.sendall(body)
            line = reply()
            if not line.startswith(b"250"):
                sys.exit("latency sampler: the relay answered %r" % line)
            self.samples.append(time.perf_counter() - start)
            time.sleep(0.02)
        s.close()


class SinkCounter(threading.Thread):
    """Runs smtp-sink with -c and reads its running counter (`... mesg=N` after each "."),
    keeping when each count was reached."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.process = subprocess.Popen(["smtp-sink", "-c", "-u", "nobody", "127.0.0.1:%d" % port, "256"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.count = 0
        self.reached = []  # (count, perf_counter time)
        self.lock = threading.Lock()

    def run(self):
        field = b""
        while True:
            chunk = self.process.stdout.read1(65536)
            if not chunk:
                return
            now = time.perf_counter()
            for byte in chunk:
                if byte in (13, 10, 32):
                    if field.startswith(b"mesg="):
                        count = int(field[5:])
                        with self.lock:
                            if count > self.count:
                                self.count = count
                                self.reached.append((count, now))
                    field = b""
                else:
                    field += bytes((byte,))

    def current(self):
        with self.lock:
            return self.count

    def time_of(self, count, timeout):
        """When the counter reached `count` (waits up to `timeout` seconds), or None."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for c, t in self.reached:
                    if c >= count:
                        return t
            time.sleep(0.05)
        return None


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def drive(port, sink, sender, messages, sessions, length):
    """(acceptance msg/s, end-to-end msg/s, latency samples) for one load."""
    # The previous run's messages are all at the sink before this one starts (see below).
    base = sink.current()
    sampler = LatencySampler(port, sender)
    sampler.start()
    time.sleep(0.2)
    start = time.perf_counter()
    subprocess.run(["smtp-source", "-s", str(sessions), "-m", str(messages), "-l", str(length), "-f", sender, "-t", "sink@fabrikam.com",
                    "-M", "bench.local", "127.0.0.1:%d" % port], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    sampler.stop.set()
    sampler.join(timeout=10)
    arrived = sink.time_of(base + messages + len(sampler.samples), timeout=600)
    if arrived is None:
        sys.exit("not every message reached the sink within 10 minutes (%d of %d)" % (sink.current() - base, messages + len(sampler.samples)))
    return messages / elapsed, messages / (arrived - start), sampler.samples


def start_postfix(work, port, sink_port):
    etc, queue, data = (os.path.join(work, d) for d in ("postfix-etc", "postfix-queue", "postfix-data"))
    for d in (etc, queue, data):
        os.makedirs(d, exist_ok=True)
    shutil.chown(data, "postfix")
    master = open("/etc/postfix/master.cf").read().splitlines()
    out = []
    for line in master:
        if line.startswith("smtp      inet"):
            line = "127.0.0.1:%d inet n - n - - smtpd" % port
        out.append(line)
    open(os.path.join(etc, "master.cf"), "w").write("\n".join(out) + "\n")
    open(os.path.join(etc, "main.cf"), "w").write("""compatibility_level = 3.6
queue_directory = {queue}
data_directory = {data}
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = bench.local
mydomain = bench.local
mydestination =
local_transport = error:local delivery is disabled
alias_maps =
alias_database =
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{sink}
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_client_connection_rate_limit = 0
smtpd_client_connection_count_limit = 0
default_process_limit = 100
maillog_file = {work}/postfix.log
maillog_file_prefixes = {work}
smtp_tls_security_level = none
smtpd_tls_security_level = none
""".format(queue=queue, data=data, sink=sink_port, work=work))
    subprocess.run(["postfix", "-c", etc, "check"])  # creates the queue folders; warnings only
    subprocess.run(["postfix", "-c", etc, "start"], check=True)
    wait_port(port)
    return etc, queue


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--messages", type=int, default=5000)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--length", type=int, default=5120)
    a = ap.parse_args()
    for tool in ("smtp-source", "smtp-sink", "postfix"):
        if not shutil.which(tool) and not os.path.exists("/usr/sbin/" + tool):
            sys.exit("install Postfix (apt-get install postfix): %s is missing" % tool)
    binary = build_release()
    work = tempfile.mkdtemp(prefix="bridge-bench-", dir=os.path.join(ROOT, "Benchmarks", "data"))
    os.chmod(work, 0o755)
    sink_bridge, sink_postfix = free_port(), free_port()
    sinks = {"bridge": SinkCounter(sink_bridge), "postfix": SinkCounter(sink_postfix)}
    for sink in sinks.values():
        sink.start()
    bridge_port, postfix_port = free_port(), free_port()
    config = os.path.join(work, "bridge.yaml")
    open(config, "w").write("""hostname: bench.local
spool: {work}/bridge-spool
listeners:
  - name: bench
    port: {port}
    tls: none
    allow: [127.0.0.0/8]
    relayWithoutAuth: [127.0.0.0/8]
    relaySenders: ["*@bulk.contoso.com"]
limits:
  messagesPerMinutePerSource: 0
  maxConnectionsPerSource: 1000
  maxConnections: 1000
routes:
  - name: sink
    type: smtp
    host: 127.0.0.1
    port: {sink}
    tls: none
delivery:
  concurrency: 20
  concurrencyPerSender: 20
""".format(work=work, port=bridge_port, sink=sink_bridge))
    bridge = subprocess.Popen([binary, "bridge", "run", "--config", config, "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(bridge_port)
    etc, queue = start_postfix(work, postfix_port, sink_postfix)
    rows = {"bridge": [], "postfix": []}
    e2e = {"bridge": [], "postfix": []}
    latency = {"bridge": [], "postfix": []}
    try:
        for run in range(a.runs):
            for name, port in (("bridge", bridge_port), ("postfix", postfix_port)) if run % 2 == 0 else (("postfix", postfix_port), ("bridge", bridge_port)):
                rate, end_to_end, samples = drive(port, sinks[name], "load@bulk.contoso.com", a.messages, a.sessions, a.length)
                rows[name].append(rate)
                e2e[name].append(end_to_end)
                latency[name] += samples
                print("run %d %-7s accepted %.0f msg/s, end to end %.0f msg/s, %d latency samples" % (run + 1, name, rate, end_to_end, len(samples)), flush=True)
                time.sleep(3)
        bridge_rss, bridge_pss = peak_rss_mb([bridge.pid]), pss_mb([bridge.pid])
        pids = postfix_pids(queue)
        postfix_rss, postfix_pss, postfix_processes = peak_rss_mb(pids), pss_mb(pids), len(pids)
    finally:
        bridge.terminate()
        subprocess.run(["postfix", "-c", etc, "stop"], stderr=subprocess.DEVNULL)
        for sink in sinks.values():
            sink.process.terminate()
    version = subprocess.run(["postconf", "-d", "-h", "mail_version"], capture_output=True, text=True).stdout.strip()
    b, p = statistics.median(rows["bridge"]), statistics.median(rows["postfix"])
    eb, ep = statistics.median(e2e["bridge"]), statistics.median(e2e["postfix"])
    runs = lambda values: ", ".join("%.0f" % r for r in values)  # noqa: E731
    lines = [
        "Last run: %s, this machine (2 cores), %d runs alternating, median; %d messages of %d bytes, %d parallel sessions, a new connection per message; "
        "each relay delivers to its own smtp-sink (the bridge over an `smtp` connector route, delivery concurrency 20)."
        % (time.strftime("%Y-%m-%d"), a.runs, a.messages, a.length, a.sessions),
        "",
        "| relay | accepted msg/s (median) | runs | end to end msg/s (median) | runs | acceptance latency p50 | p99 | peak RSS | PSS after the runs |",
        "|---|---|---|---|---|---|---|---|---|",
        "| authshift bridge (1 process) | %.0f | %s | %.0f | %s | %.1f ms | %.1f ms | %.0f MB | %.0f MB |" % (
            b, runs(rows["bridge"]), eb, runs(e2e["bridge"]), percentile(latency["bridge"], 50) * 1000, percentile(latency["bridge"], 99) * 1000, bridge_rss, bridge_pss),
        "| Postfix %s (%d processes) | %.0f | %s | %.0f | %s | %.1f ms | %.1f ms | %.0f MB (sum; shared pages counted per process) | %.0f MB |" % (
            version, postfix_processes, p, runs(rows["postfix"]), ep, runs(e2e["postfix"]), percentile(latency["postfix"], 50) * 1000,
            percentile(latency["postfix"], 99) * 1000, postfix_rss, postfix_pss),
        "",
        "**Bridge / Postfix: acceptance %.2f, end to end %.2f.** Latency samples: %d (bridge), %d (Postfix)." % (
            b / p, eb / ep, len(latency["bridge"]), len(latency["postfix"])),
    ]
    print("\n".join(lines))
    replace_section("bridge-vs-postfix", lines)


if __name__ == "__main__":
    main()
