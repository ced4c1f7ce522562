#!/usr/bin/env bash
# Builds every libFuzzer target in Fuzz/Targets with AddressSanitizer and runs them one at a
# time. Not part of `swift test`; `.ci/run` runs `Fuzz/run.sh --smoke`.
#
# usage: Fuzz/run.sh [--runs N | --seconds S | --smoke] [--target NAME]... [--keep-corpus]
#   --runs N       each target stops after N runs (default 200000)
#   --seconds S    each target stops after S seconds (a time-boxed campaign)
#   --smoke        the CI check: each target for 20000 runs or 10 seconds, whichever comes first
#   --target NAME  only this target (repeatable); the targets are Fuzz/Targets/NAME.swift
#   --keep-corpus  start from the corpus earlier runs grew in Fuzz/build/corpus/NAME
#                  (by default each run starts from the seeds alone)
#
# It fails (exit 1) when a module or a target does not compile (the compiler's messages are
# shown), when a target does not run to its end, and when a run finds a crash, a sanitizer
# report or a broken property (the input is kept in Fuzz/build/findings/). A summary line per
# target gives runs, executions per second, libFuzzer's cov: and the corpus size.
#
# What is compiled comes from Package.swift: each target's `import`s name package modules, and
# Fuzz/plan.py reads `swift package describe --type json` for their declared dependencies and
# source files, so every module is compiled whole, as SwiftPM compiles it, with the fuzzer's
# instrumentation. Dependencies from other packages (SwiftNIO, Yams, ...) are built by SwiftPM
# (`swift build --target`, a debug build as `swift build` makes) and linked uninstrumented.
#
# Seeds: Fuzz/seeds/NAME (every finding is kept there), plus Examples/contoso for csv and json
# and the scan test fixtures for scan.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"

runs=200000 seconds="" keep_corpus=0 selected=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --smoke) runs=20000 seconds=10; shift ;;
    --target) selected+=("$2"); shift 2 ;;
    --keep-corpus) keep_corpus=1; shift ;;
    [0-9]*) runs=$1; shift ;;
    *) echo "usage: Fuzz/run.sh [--runs N | --seconds S | --smoke] [--target NAME]... [--keep-corpus]" >&2; exit 64 ;;
  esac
done

# bridge-config checks "check-config never accepts an open relay" (listener validation refuses
# public networks in relayWithoutAuth and allow); AUTHSHIFT_FUZZ_OPEN_RELAY=0 checks only that
# the configuration parser never traps.
export AUTHSHIFT_FUZZ_OPEN_RELAY="${AUTHSHIFT_FUZZ_OPEN_RELAY:-1}"

# The Swift backtracer trips AddressSanitizer when a target traps; the fuzzer reports the trap itself.
export SWIFT_BACKTRACE=enable=no
build=Fuzz/build
mkdir -p "$build/modules" "$build/findings" "$build/logs"
# Everything heavy runs at lower priority: the machine is shared.
nice=(nice -n 10)
flags=(-sanitize=fuzzer,address -parse-as-library -g -O -enforce-exclusivity=checked -swift-version 6 -enable-testing -package-name authshift)

if [ ${#selected[@]} -eq 0 ]; then
  for f in Fuzz/Targets/*.swift; do selected+=("$(basename "$f" .swift)"); done
fi
harnesses=()
for t in "${selected[@]}"; do
  [ -f "Fuzz/Targets/$t.swift" ] || { echo "error: no fuzz target '$t' (Fuzz/Targets/$t.swift)" >&2; exit 64; }
  harnesses+=("Fuzz/Targets/$t.swift")
done

# Runs a command with its output in a log; shows the output without the linker's noise and
# returns the command's own status.
logged() {
  local log=$1; shift
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  grep -v -E -e "Cannot export local symbol" -e "^\[[0-9]+/[0-9]+\]" "$log" || true
  return $status
}

echo "== fuzz build plan from Package.swift"
swift package describe --type json >"$build/package.json"
python3 Fuzz/plan.py "$build/package.json" "${harnesses[@]}" >"$build/plan.txt"
grep -E "^(target|swiftpm)" "$build/plan.txt"

# Modules from other packages: SwiftPM builds them; the fuzz build imports their modules and
# links their objects (one archive, so only what is used is linked).
deps=()
read -r -a swiftpm_modules <<<"$(sed -n 's/^swiftpm *//p' "$build/plan.txt")"
if [ ${#swiftpm_modules[@]} -gt 0 ]; then
  for m in "${swiftpm_modules[@]}"; do
    echo "== swift build --target $m (its dependencies from other packages)"
    logged "$build/logs/swiftpm-$m.log" "${nice[@]}" swift build --target "$m" || { echo "error: swift build --target $m failed (above)" >&2; exit 1; }
  done
  bin=$(cd "$(swift build --show-bin-path)" && pwd)
  package_modules=$(python3 -c 'import json,sys; print(" ".join(t["name"] for t in json.load(open(sys.argv[1]))["targets"]))' "$build/package.json")
  objects=()
  modules_dir="$build/deps/Modules"
  rm -rf "$build/deps"; mkdir -p "$modules_dir"
  for dir in "$bin"/*.build; do
    name=$(basename "$dir" .build)
    # Package modules are compiled here with instrumentation; NAME-tool copies serve build plugins.
    case " $package_modules " in *" $name "*) continue ;; esac
    case $name in *-tool) continue ;; esac
    while IFS= read -r o; do
      # An executable's entry point would take the place of the fuzzer's.
      nm --defined-only "$o" 2>/dev/null | grep -qE " T (main|_main)$" && continue
      objects+=("$o")
    done < <(find "$dir" -name '*.o')
    [ -e "$bin/Modules/$name.swiftmodule" ] && ln -s "$bin/Modules/$name.swiftmodule" "$modules_dir/"
    [ -e "$bin/$name.swiftmodule" ] && ln -s "$bin/$name.swiftmodule" "$modules_dir/"
    [ -e "$dir/module.modulemap" ] && deps+=(-Xcc "-fmodule-map-file=$dir/module.modulemap")
  done
  # C modules that bring their own module map, and the headers they include.
  while IFS= read -r map; do
    deps+=(-Xcc "-fmodule-map-file=$PWD/$map" -Xcc "-I$PWD/$(dirname "$map")")
  done < <(find .build/checkouts -path '*/include/module.modulemap' -not -path '*/Tests/*' 2>/dev/null)
  rm -f "$build/deps/libdeps.a"
  # q, not r: objects of different packages share file names (BoringSSL's twice), and r would
  # replace one with the other.
  ar qcs "$build/deps/libdeps.a" "${objects[@]}"
  deps+=(-I "$modules_dir")
fi

# A module is compiled again when its sources, this script, or a module compiled before it changed.
stale=0
failed=()
while read -r kind name path sources; do
  [ "$kind" = module ] || continue
  # shellcheck disable=SC2086
  if [ $stale = 0 ] && [ -e "$build/modules/lib$name.a" ] && [ -z "$(find $sources Fuzz/run.sh -newer "$build/modules/lib$name.a")" ]; then
    echo "== module $name is up to date"
    continue
  fi
  stale=1
  echo "== compiling module $name ($path, whole module)"
  # shellcheck disable=SC2086 # the source list is one word per file
  if ! logged "$build/logs/module-$name.log" "${nice[@]}" swiftc "${flags[@]}" -emit-library -static -emit-module -module-name "$name" \
      -I "$build/modules" "${deps[@]}" -emit-module-path "$build/modules/$name.swiftmodule" -o "$build/modules/lib$name.a" $sources; then
    echo "error: module $name does not compile for fuzzing (above)" >&2
    exit 1
  fi
done <"$build/plan.txt"

for t in "${selected[@]}"; do
  read -r -a modules <<<"$(sed -n "s/^target $t //p" "$build/plan.txt")"
  libraries=()
  for m in "${modules[@]}"; do libraries+=("$build/modules/lib$m.a"); done
  [ ${#deps[@]} -gt 0 ] && libraries+=("$build/deps/libdeps.a")
  if [ -e "$build/$t-fuzz" ] && [ -z "$(find "Fuzz/Targets/$t.swift" Fuzz/Support "${libraries[@]}" -newer "$build/$t-fuzz")" ]; then
    echo "== target $t is up to date"
    continue
  fi
  echo "== compiling target $t (modules: ${modules[*]})"
  if ! logged "$build/logs/target-$t.log" "${nice[@]}" swiftc "${flags[@]}" -module-name "FuzzTarget_${t//-/_}" -I "$build/modules" "${deps[@]}" \
      "Fuzz/Targets/$t.swift" Fuzz/Support/*.swift "${libraries[@]}" -use-ld=lld -o "$build/$t-fuzz"; then
    echo "error: fuzz target $t does not compile (above)" >&2
    failed+=("$t (build)")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi

limit=(-runs="$runs")
[ -n "$seconds" ] && limit+=(-max_total_time="$seconds")
summary="$build/summary.tsv"
printf "target\truns\tseconds\texec/s\tcov\tft\tcorpus\tnew\tpeak_rss_mb\tresult\n" >"$summary"
for t in "${selected[@]}"; do
  corpus="$build/corpus/$t"
  [ "$keep_corpus" = 1 ] || rm -rf "$corpus"
  mkdir -p "$corpus"
  seeds="$build/seeds/$t"
  rm -rf "$seeds"; mkdir -p "$seeds"
  cp Fuzz/seeds/"$t"/* "$seeds"/ 2>/dev/null || true
  case $t in
    csv)  cp Examples/contoso/*.csv "$seeds"/ 2>/dev/null || true ;;
    json) cp Examples/contoso/*.json Examples/contoso/*.jsonl "$seeds"/ 2>/dev/null || true ;;
    scan) find Tests/ScanTests/Fixtures -type f -exec cp {} "$seeds"/ \; 2>/dev/null || true ;;
  esac
  log="$build/logs/run-$t.log"
  echo "== $t: ${seconds:+up to $seconds s, }up to $runs runs"
  status=0
  # Inputs as large as a file reader needs to reach every reader (exports are detected from
  # their header) while keeping hundreds of runs a second.
  case $t in
    csv) max_len=4096 ;;
    json | scan | bridge-config) max_len=8192 ;;
    *) max_len=65536 ;;
  esac
  # No leak detection: the Swift runtime's metadata caches grow as inputs reach new code, and
  # LeakSanitizer's scan after each such input took most of the time (measured on csv).
  "${nice[@]}" "$build/$t-fuzz" "$corpus" "$seeds" "${limit[@]}" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$build/findings/$t-" -print_final_stats=1 >"$log" 2>&1 || status=$?
  done_line=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1 || true)
  if [ $status -ne 0 ] || ! grep -q "^Done [0-9]* runs" "$log"; then
    grep -E "property violated|Fatal error|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY|deadly signal|Test unit written|error:" "$log" | head -20 || true
    tail -5 "$log"
    echo "FAIL $t: exit $status (log: $log)"
    failed+=("$t")
    printf "%s\t\t\t\t\t\t\t\t\tFAIL\n" "$t" >>"$summary"
    continue
  fi
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  new_units=$(sed -n 's/^stat::new_units_added: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$done_line")
  elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
  echo "ok $t: $executed runs in $elapsed s, $per_second exec/s, cov $cov, ft $ft, corpus $corp, $new_units new"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\tok\n" "$t" "$executed" "$elapsed" "$per_second" "$cov" "$ft" "$corp" "$new_units" "$rss" >>"$summary"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]} (inputs in $build/findings/, logs in $build/logs/)" >&2
  exit 1
fi
echo "all ${#selected[@]} fuzz targets ran without a finding (summary: $summary)"
