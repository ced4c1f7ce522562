#!/usr/bin/env python3
"""Validates `authshift scan --format sarif` against the SARIF 2.1.0 JSON schema (OASIS,
Tests/ScanTests/Fixtures/sarif-schema-2.1.0.json) with the Python jsonschema package.
Run by .ci/run; not part of swift test.

usage: scripts/check-sarif.py PATH_TO_AUTHSHIFT_BINARY
"""
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "ScanTests", "Fixtures")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)


def main():
    binary = sys.argv[1]
    schema = json.load(open(os.path.join(FIXTURES, "sarif-schema-2.1.0.json")))
    p = subprocess.run([binary, "scan", os.path.join(FIXTURES, "tree"), "--format", "sarif"], capture_output=True, text=True)
    check("scan exits 1 on the fixture tree (it has findings)", p.returncode == 1, p.stderr)
    try:
        doc = json.loads(p.stdout)
        validator = jsonschema.validators.validator_for(schema)  # the schema says draft-04
        validator.check_schema(schema)
        validator(schema).validate(doc)
        check("SARIF output validates against the SARIF 2.1.0 schema", True)
    except Exception as e:  # noqa: BLE001 - report any failure as a failed check
        check("SARIF output validates against the SARIF 2.1.0 schema", False, str(e)[:2000])
        doc = {}
    run = (doc.get("runs") or [{}])[0]
    check("every result has a region and a primaryLocationLineHash",
          all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 and "primaryLocationLineHash" in r["partialFingerprints"]
              for r in run.get("results", [])) and len(run.get("results", [])) == 4)
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    ids = [r.get("id") for r in rules]
    check("rule IDs are distinct (SMTP-BASIC is a family prefix, not an ID)", len(ids) == len(set(ids)) and "SMTP-BASIC" not in ids, str(ids))
    check("every result's ruleIndex points at its ruleId",
          all(0 <= r.get("ruleIndex", -1) < len(ids) and ids[r["ruleIndex"]] == r["ruleId"] for r in run.get("results", [])))
    check("no secret value in the output", "fixture-secret" not in p.stdout)
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
