"""What every interop suite shares, with no third-party imports: the PASS/FAIL record and the
rule that a missing peer skips the suite, or fails it when AUTHSHIFT_REQUIRE_INTEROP=1 (set by
.ci/run)."""
import importlib
import os
import shutil
import socket
import sys

REQUIRE = os.environ.get("AUTHSHIFT_REQUIRE_INTEROP") == "1"
results = []


def missing_peer(what):
    print(("FAIL " if REQUIRE else "SKIP ") + "interop peer missing: " + what)
    sys.exit(1 if REQUIRE else 0)


def load_peers(commands=()):
    """The interop_peers module (aiosmtpd, cryptography), after checking `commands` are on PATH."""
    for command in commands:
        if shutil.which(command) is None:
            missing_peer("%s is not installed" % command)
    try:
        return importlib.import_module("interop_peers")
    except ImportError as e:
        missing_peer("%s (pip install aiosmtpd cryptography)" % e)


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:3000]), flush=True)


def finish():
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if all(results) else 1)


def free_port():
    """A loopback port nothing listens on (bound once, then released)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
