#!/usr/bin/env python3
"""Validates every JSON output authshift writes for the bundled examples against its published
JSON Schema (docs/schemas/, draft 2020-12) with the Python jsonschema package: register.json,
plan.json, check, exceptions check, signins summarize, scan, probe and explain. The schemas
require every documented key (null where unknown) and refuse undocumented ones where the
contract is closed. Run by .ci/run; not part of swift test.

usage: scripts/check-schemas.py PATH_TO_AUTHSHIFT_BINARY
"""
import glob
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading

import jsonschema
from referencing import Registry, Resource

from interop_common import check, finish, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "docs", "schemas")
EXAMPLES = sorted(p for p in glob.glob(os.path.join(ROOT, "Examples", "*")) if os.path.isdir(p) and glob.glob(os.path.join(p, "*.csv")))


def load_schemas():
    schemas = {}
    for path in sorted(glob.glob(os.path.join(SCHEMAS, "*.schema.json"))):
        schema = json.load(open(path))
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[os.path.basename(path)] = schema
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return {name: jsonschema.Draft202012Validator(s, registry=registry) for name, s in schemas.items()}


VALIDATORS = load_schemas()


def validate(name, schema, doc):
    errors = sorted(VALIDATORS[schema].iter_errors(doc), key=lambda e: list(e.absolute_path))
    detail = "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)) or "(top)", e.message[:300]) for e in errors[:5])
    check("%s validates against %s" % (name, schema), not errors, detail)


def run(args, codes=(0, 1)):
    p = subprocess.run([BINARY] + args, capture_output=True, text=True, env=dict(os.environ, AUTHSHIFT_NO_PROGRESS="1"))
    if p.returncode not in codes:
        check("authshift %s" % " ".join(args), False, "exit %d: %s" % (p.returncode, p.stderr[-1500:]))
        return None
    return p.stdout


def json_of(name, text):
    try:
        return json.loads(text)
    except (TypeError, ValueError) as e:
        check(name + " is JSON", False, str(e))
        return None


class PlainSMTPServer:
    """A loopback SMTP server without TLS that refuses MAIL FROM the way Exchange Online refuses
    an unauthenticated client, so a probe ends with a reply to explain."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rwb") as f:
                f.write(b"220 localhost ready\r\n")
                f.flush()
                for line in f:
                    verb = line[:4].upper()
                    if verb == b"EHLO":
                        f.write(b"250-localhost\r\n250 SIZE 157286400\r\n")
                    elif verb == b"MAIL":
                        f.write(b"530 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]\r\n")
                    elif verb == b"QUIT":
                        f.write(b"221 2.0.0 bye\r\n")
                        f.flush()
                        break
                    else:
                        f.write(b"250 2.0.0 OK\r\n")
                    f.flush()

    def close(self):
        self.sock.close()


def sign_in_logs(folder):
    """The sign-in logs among an example's files, as `inspect` recognises them."""
    doc = json_of("inspect " + folder, run(["inspect", folder, "--format", "json"]))
    return [f["path"] for f in (doc or {}).get("files", []) if (f.get("kind") or "").startswith("signins-")]


def main():
    global BINARY
    BINARY = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for example in EXAMPLES:
            name = os.path.basename(example)
            out = os.path.join(tmp, name + "-assess")
            if run(["assess", example, "--out", out, "--as-of", "2026-11-28"]) is not None:
                validate(name + " register.json", "register.schema.json", json.load(open(os.path.join(out, "register.json"))))
            plan = os.path.join(tmp, name + "-plan")
            if run(["plan", example, "--out", plan, "--as-of", "2026-11-28"]) is not None:
                validate(name + " plan.json", "plan.schema.json", json.load(open(os.path.join(plan, "plan.json"))))
                validate(name + " plan's register.json", "register.schema.json", json.load(open(os.path.join(plan, "register.json"))))
            for args, schema in ((["check"], "check.schema.json"), (["exceptions", "check"], "exceptions-check.schema.json")):
                doc = json_of(name + " " + " ".join(args), run(args + [example, "--format", "json", "--as-of", "2026-11-28"]))
                if doc is not None:
                    validate("%s %s --format json" % (name, " ".join(args)), schema, doc)
            logs = sign_in_logs(example)
            for extra in ([], ["--legacy-only"]):
                if not logs:
                    continue
                doc = json_of(name + " signins summarize", run(["signins", "summarize", *logs, "--format", "json", *extra]))
                if doc is not None:
                    validate("%s signins summarize --format json %s" % (name, " ".join(extra)), "signins.schema.json", doc)

        tree = os.path.join(ROOT, "Tests", "ScanTests", "Fixtures", "tree")
        doc = json_of("scan", run(["scan", tree, "--format", "json"]))
        if doc is not None:
            validate("scan --format json (fixture tree)", "scan.schema.json", doc)
            check("scan found something to validate", len(doc.get("findings", [])) > 0)

        contoso = os.path.join(ROOT, "Examples", "contoso")
        doc = json_of("explain", run(["explain", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                                      "--format", "json", "--exports", contoso, "--mailbox", "scanner-hq@contoso.com"]))
        if doc is not None:
            validate("explain --format json with a mailbox", "explain.schema.json", doc)
        doc = json_of("explain", run(["explain", "550 something nobody knows", "--format", "json"]))
        if doc is not None:
            validate("explain --format json, unknown reply, no mailbox", "explain.schema.json", doc)
            check("explain writes mailbox: null without --exports", "mailbox" in doc and doc["mailbox"] is None, json.dumps(doc)[:300])

        server = PlainSMTPServer()
        try:
            doc = json_of("probe", run(["probe", "--target", "127.0.0.1:%d" % server.port, "--tls", "none", "--auth", "none",
                                        "--from", "scanner-hq@contoso.com", "--send-to", "someone@contoso.com", "--format", "json",
                                        "--exports", contoso, "--user", "scanner-hq@contoso.com"], codes=range(0, 40)))
            if doc is not None:
                validate("probe --format json (refused at MAIL, with the mailbox row)", "probe.schema.json", doc)
        finally:
            server.close()
        doc = json_of("probe", run(["probe", "--target", "127.0.0.1:%d" % free_port(), "--tls", "none", "--auth", "none",
                                    "--quit-after", "connect", "--format", "json"], codes=range(0, 40)))
        if doc is not None:
            validate("probe --format json (unreachable, no mailbox)", "probe.schema.json", doc)
            check("probe writes authentication and mailbox as null", doc.get("mailbox", 0) is None and doc["probe"].get("authentication", 0) is None,
                  json.dumps(doc)[:300])

    finish()


if __name__ == "__main__":
    main()
