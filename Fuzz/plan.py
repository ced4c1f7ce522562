#!/usr/bin/env python3
"""Works out what Fuzz/run.sh must compile, from Package.swift instead of a hand-kept list.

usage: plan.py PACKAGE_JSON TARGET_FILE...

PACKAGE_JSON is the output of `swift package describe --type json`. Each TARGET_FILE is a
harness (Fuzz/Targets/NAME.swift); the modules it imports that are library targets of this
package are its roots. Their closure over the declared target dependencies is compiled module
by module from each target's own source list (whole module directories, exactly what SwiftPM
compiles), in dependency order.

Prints shell-readable lines:
  module NAME PATH SOURCE...     one per package module needed, dependencies first
  target NAME MODULE...          one per harness: the modules to link, dependents first
  swiftpm MODULE...              package modules whose closure holds every dependency from outside
                                 the package; SwiftPM builds those (`swift build --target MODULE`)
Exits 2 with a message when a harness imports nothing from the package or the JSON is unusable.
"""
import json
import os
import re
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        package = json.load(f)
    targets = {t["name"]: t for t in package.get("targets", [])}
    libraries = {name for name, t in targets.items() if t.get("type") == "library"}
    if not libraries:
        print("plan.py: no library targets in the package description", file=sys.stderr)
        return 2

    def closure(roots):
        """Package modules reachable from roots, each after its dependencies (depth-first post-order)."""
        order, seen = [], set()

        def visit(name, path):
            if name in path:
                raise SystemExit(f"plan.py: dependency cycle through {name}")
            if name in seen:
                return
            seen.add(name)
            for dep in sorted(targets[name].get("target_dependencies", [])):
                if dep in libraries:
                    visit(dep, path + [name])
            order.append(name)

        for root in roots:
            visit(root, [])
        return order

    all_modules, per_target = [], []
    for harness in sys.argv[2:]:
        name = os.path.splitext(os.path.basename(harness))[0]
        with open(harness, encoding="utf-8") as f:
            imports = re.findall(r"^\s*(?:@testable\s+|@_implementationOnly\s+)?import\s+(\w+)", f.read(), re.MULTILINE)
        roots = [m for m in imports if m in libraries]
        if not roots:
            print(f"plan.py: {harness} imports no library target of the package", file=sys.stderr)
            return 2
        modules = closure(roots)
        per_target.append((name, modules))
        for m in modules:
            if m not in all_modules:
                all_modules.append(m)

    # One order for all modules: re-run the closure over the union so dependencies come first.
    all_modules = closure(all_modules)
    for m in all_modules:
        t = targets[m]
        sources = [os.path.join(t["path"], s) for s in t.get("sources", [])]
        swift = [s for s in sources if s.endswith(".swift")]
        if len(swift) != len(sources) or not swift:
            print(f"plan.py: module {m} is not a pure Swift module; the fuzz build cannot compile it", file=sys.stderr)
            return 2
        print("module", m, t["path"], *swift)
    for name, modules in per_target:
        print("target", name, *reversed(modules))
    external = [m for m in all_modules if targets[m].get("product_dependencies")]
    # One `swift build --target` per module that no other such module depends on covers all.
    tops = [m for m in external if not any(m in closure([e])[:-1] for e in external if e != m)]
    print("swiftpm", *tops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
