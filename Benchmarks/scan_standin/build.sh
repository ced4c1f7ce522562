#!/usr/bin/env bash
# Builds AuthShiftCore, Ingest and Scan with swiftc -O and whole-module optimization (what a
# SwiftPM release build does for them, Ingest's exclusivity opt-out included) and links
# main.swift into OUT/authshift-scan. Needs only those three modules, so it takes a minute
# where a release build of the whole package (BoringSSL, NIO) takes half an hour on a loaded
# machine. usage: Benchmarks/scan_standin/build.sh [OUT]   (default .build-standin)
# STANDIN_FLAGS adds compiler flags, for example STANDIN_FLAGS=-g for callgrind's line numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
out=${1:-.build-standin}
mkdir -p "$out/modules"
module() {
  local name=$1
  shift
  swiftc -O ${STANDIN_FLAGS:-} -whole-module-optimization -parse-as-library -swift-version 6 -emit-library -static -emit-module -module-name "$name" \
    -I "$out/modules" "$@" -emit-module-path "$out/modules/$name.swiftmodule" -o "$out/modules/lib$name.a" $(find "Sources/$name" -name '*.swift')
}
module AuthShiftCore
module Ingest -enforce-exclusivity=unchecked
module Scan
swiftc -O -swift-version 6 -I "$out/modules" -L "$out/modules" -lScan -lIngest -lAuthShiftCore Benchmarks/scan_standin/main.swift -o "$out/authshift-scan"
echo "$out/authshift-scan"
