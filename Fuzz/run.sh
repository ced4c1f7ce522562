#!/usr/bin/env bash
# Builds the reader fuzz target with libFuzzer and AddressSanitizer and runs each target
# for a fixed number of iterations. Not part of `swift test`.
#
# usage: Fuzz/run.sh [RUNS_PER_TARGET]   (default 200000)
# Seeds come from Examples/contoso and Fuzz/seeds; findings are written to Fuzz/build/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200000}"
# The Swift backtracer trips AddressSanitizer when a target traps; the fuzzer reports the trap itself.
export SWIFT_BACKTRACE=enable=no
build=Fuzz/build
mkdir -p "$build"
flags=(-sanitize=fuzzer,address -parse-as-library -g -O -enforce-exclusivity=checked -swift-version 6)

swiftc "${flags[@]}" -emit-library -static -emit-module -module-name AuthShiftCore \
  -emit-module-path "$build/AuthShiftCore.swiftmodule" -o "$build/libAuthShiftCore.a" Sources/AuthShiftCore/*.swift 2>&1 | grep -v "Cannot export local symbol" || true
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Ingest -I "$build" \
  -emit-module-path "$build/Ingest.swiftmodule" -o "$build/libIngest.a" $(find Sources/Ingest -name '*.swift') 2>&1 | grep -v "Cannot export local symbol" || true
swiftc "${flags[@]}" -emit-library -static -emit-module -module-name Scan -I "$build" \
  -emit-module-path "$build/Scan.swiftmodule" -o "$build/libScan.a" $(find Sources/Scan -name '*.swift') 2>&1 | grep -v "Cannot export local symbol" || true
swiftc "${flags[@]}" -I "$build" -L "$build" -lScan -lIngest -lAuthShiftCore Fuzz/ReaderFuzz.swift -o "$build/reader-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true

# The bridge's inbound protocol (framer and state machine), with its relay property checked.
swiftc "${flags[@]}" -module-name SMTPServerFuzz Sources/SMTP/SMTPLimits.swift Sources/SMTP/SMTPResponse.swift Sources/SMTP/SMTPReply.swift \
  Sources/SMTP/SMTPProtocolError.swift Sources/SMTP/SMTPServerFramer.swift Sources/SMTP/SMTPServerStateMachine.swift Sources/SMTP/SASL.swift Sources/SMTP/DotStuffing.swift \
  Sources/SMTP/MailboxAddress.swift Sources/SMTP/SMTPPathArgument.swift Sources/SMTP/HeaderFrom.swift \
  Fuzz/SMTPServerFuzz.swift -o "$build/smtp-server-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true

# The SMTP client (probe and bridge upstream), with "no credentials before TLS" checked.
swiftc "${flags[@]}" -module-name SMTPClientFuzz Sources/SMTP/SMTPLimits.swift Sources/SMTP/SMTPResponse.swift Sources/SMTP/SMTPReply.swift \
  Sources/SMTP/SMTPProtocolError.swift Sources/SMTP/SMTPCommand.swift Sources/SMTP/SMTPClientPlan.swift Sources/SMTP/SMTPClientStateMachine.swift \
  Sources/SMTP/SASL.swift Sources/SMTP/EHLOCapabilities.swift Sources/SMTP/DotStuffing.swift Sources/SMTP/ProbeStage.swift \
  Fuzz/SMTPClientFuzz.swift -o "$build/smtp-client-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true

for target in csv json date scan smtp-server smtp-client; do
  corpus="$build/corpus-$target"
  mkdir -p "$corpus"
  case $target in
    csv)  cp Examples/contoso/*.csv "$corpus"/ 2>/dev/null || true ;;
    json) cp Examples/contoso/*.json Examples/contoso/*.jsonl "$corpus"/ 2>/dev/null || true ;;
    scan) find Tests/ScanTests/Fixtures/tree -type f -name '*.*' -exec cp {} "$corpus"/ \; 2>/dev/null || true ;;
  esac
  binary="$build/reader-fuzz"
  [ "$target" = smtp-server ] && binary="$build/smtp-server-fuzz"
  [ "$target" = smtp-client ] && binary="$build/smtp-client-fuzz"
  cp Fuzz/seeds/$target/* "$corpus"/ 2>/dev/null || true
  echo "== $target: $runs runs"
  AUTHSHIFT_FUZZ_TARGET=$target "$binary" "$corpus" -runs="$runs" -max_len=65536 -timeout=10 \
    -artifact_prefix="$build/crash-$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|artifact_prefix)" || true
done
ls "$build"/crash-* 2>/dev/null && { echo "crashes found (see above)"; exit 1; } || echo "no crashes"
