#!/usr/bin/env python3
"""Fails when a build log holds a compiler warning from the package's own code.

The package's own targets (Sources/, Tests/, Fuzz/) must build without a warning in debug
and release (issue 13). Warnings from dependencies under .build/ are not ours to fix and
are ignored. Each warning is printed once, with its file, line and text.

usage: python3 scripts/check-warnings.py BUILD.log [BUILD.log ...]
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARNING = re.compile(r"^(?P<path>/[^:]+):(?P<line>\d+):(?P<column>\d+): warning: (?P<text>.*)$")
OWN = ("Sources/", "Tests/", "Fuzz/", "Package.swift")


def own_warnings(log):
    found = []
    with open(log, encoding="utf-8", errors="replace") as f:
        for raw in f:
            m = WARNING.match(raw.rstrip("\n"))
            if not m:
                continue
            path = os.path.relpath(os.path.realpath(m["path"]), os.path.realpath(ROOT))
            if path.startswith("..") or not path.startswith(OWN):
                continue
            found.append("%s:%s:%s: warning: %s" % (path, m["line"], m["column"], m["text"]))
    return found


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    warnings = []
    for log in sys.argv[1:]:
        for w in own_warnings(log):
            if w not in warnings:
                warnings.append(w)
    for w in warnings:
        print(w)
    if warnings:
        print("FAIL: %d compiler warning(s) in the package's own code" % len(warnings))
        sys.exit(1)
    print("PASS: no compiler warning in the package's own code (%s)" % ", ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
