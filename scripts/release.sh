#!/usr/bin/env bash
# Builds the self-contained release of authshift and packages it for admins without Swift:
#   dist/authshift-VERSION-linux-x86_64.tar.gz   binary, README, LICENSE, man pages, completions
#   dist/authshift_VERSION_amd64.deb             the Debian package (dpkg-deb only; scripts/release-deb.sh)
#   dist/SHA256SUMS                              their SHA-256 sums (sha256sum -c SHA256SUMS)
#
# The binary is a release build with the Swift standard library and Foundation linked statically
# (--static-swift-stdlib: Foundation, FoundationEssentials, FoundationInternationalization and ICU
# with its data compiled in); it needs only the C library, libstdc++, libgcc_s and zlib, which every
# Debian and Ubuntu LTS has. The script checks that with ldd and refuses a binary that still needs
# anything from the Swift toolchain.
#
# This is the one release build CI does: it builds with the flags below into .build/release, and
# .ci/run reuses what it builds. Run it from any checkout: ./scripts/release.sh
# Reproducible: the same commit gives the same bytes (SOURCE_DATE_EPOCH is the commit's time, paths
# are mapped to ".", archives are sorted with fixed owners and times, gzip stores no name or time).
#
# `authshift --version` prints the version written in Sources/authshift/Support/AuthShiftVersion.swift
# and the source commit, which this script compiles in through ReleaseStamp.swift (git-ignored,
# removed when the script ends, however it ends); the package version follows the binary's version.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="/opt/swift/usr/bin:$PATH"
export LC_ALL=C.UTF-8 TZ=UTC
umask 022

DIST=${DIST:-$ROOT/dist}
STAMP=Sources/authshift/Support/ReleaseStamp.swift

if git rev-parse --git-dir >/dev/null 2>&1; then
    COMMIT=$(git rev-parse --short=12 HEAD)
    # Tracked files changed since the commit: the binary is not that commit's, say so.
    if [ -n "$(git status --porcelain --untracked-files=no)" ]; then COMMIT="$COMMIT-modified"; fi
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
else
    COMMIT=unknown
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
fi
export SOURCE_DATE_EPOCH

trap 'rm -f "$ROOT/$STAMP"' EXIT
STAMP_TEXT="// Written by scripts/release.sh for one build, then removed; see AuthShiftVersion.swift.
#if AUTHSHIFT_RELEASE_STAMP
enum ReleaseStamp {
    static let commit = \"$COMMIT\"
}
#endif"
# Rewritten only when it changes: an unchanged stamp does not recompile the authshift module.
if [ "$(cat "$STAMP" 2>/dev/null)" != "$STAMP_TEXT" ]; then printf '%s\n' "$STAMP_TEXT" > "$STAMP"; fi

# The release build. Keep these flags in one place: changing any of them rebuilds every module.
BUILD_FLAGS=(
    -c release --static-swift-stdlib
    -Xswiftc -DAUTHSHIFT_RELEASE_STAMP
    -Xswiftc -file-prefix-map -Xswiftc "$ROOT=."
    -Xcc "-ffile-prefix-map=$ROOT=."
)
echo "== release build (static Swift runtime and Foundation), source commit $COMMIT"
# Every target of the package (the executable and the libraries it is made of).
swift build "${BUILD_FLAGS[@]}"
# swift-argument-parser's manual generator, built with the same flags (only its own target is new).
swift build "${BUILD_FLAGS[@]}" --product generate-manual
BIN_DIR=$(swift build "${BUILD_FLAGS[@]}" --show-bin-path)
BIN=$BIN_DIR/authshift

echo "== what the binary links"
LINKED=$(ldd "$BIN")
echo "$LINKED"
if grep -Eq 'libswift|libFoundation|libicu|libdispatch|libBlocksRuntime|/opt/swift|not found' <<<"$LINKED"; then
    echo "error: the release binary still needs the Swift toolchain's libraries (above)" >&2
    exit 1
fi
# SwiftPM's run path is $ORIGIN (the binary's own folder); any other would load libraries from elsewhere.
RUN_PATH=$(readelf -d "$BIN" | sed -n 's/.*R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p')
if [ -n "$RUN_PATH" ] && [ "$RUN_PATH" != '$ORIGIN' ]; then
    echo "error: the release binary has the run path $RUN_PATH" >&2
    exit 1
fi

VERSION=$("$BIN" --version | awk '{print $1}')
if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+([~+.-][0-9A-Za-z.~+-]+)?$ ]]; then
    echo "error: '$BIN --version' printed '$VERSION', not a version" >&2
    exit 1
fi
echo "authshift $("$BIN" --version)"

# Only this script's own outputs are replaced in DIST.
mkdir -p "$DIST"
rm -f "$DIST"/authshift-*-linux-x86_64.tar.gz* "$DIST"/authshift_*_amd64.deb* "$DIST/SHA256SUMS"
STAGE=$(mktemp -d)
trap 'rm -f "$ROOT/$STAMP"; rm -rf "$STAGE"' EXIT
NAME=authshift-$VERSION-linux-x86_64
TREE=$STAGE/$NAME
mkdir -p "$TREE/man/man1" "$TREE/completions" "$DIST"

# Stripped: the symbols are for debugging only (.build/release keeps the unstripped binary).
strip --strip-all -o "$TREE/authshift" "$BIN"
cp README.md LICENSE "$TREE/"
cp -r deploy "$TREE/deploy"

echo "== man pages (swift-argument-parser's generate-manual) and completions"
bash scripts/release-docs.sh "$TREE/authshift" "$BIN_DIR/generate-manual" "$TREE/man/man1" "$TREE/completions"

# Every file and folder gets the commit's time; owners are root; entries are sorted.
reproducible_tar() { # reproducible_tar ARCHIVE DIR-OF-ENTRY ENTRY
    find "$2/$3" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
        --format=gnu -C "$2" -cf - "$3" | gzip -9n > "$1"
}

echo "== $NAME.tar.gz"
reproducible_tar "$DIST/$NAME.tar.gz" "$STAGE" "$NAME"

echo "== Debian package"
DEB=$(bash scripts/release-deb.sh "$TREE" "$VERSION" "$DIST")

cd "$DIST"
sha256sum "$NAME.tar.gz" "$(basename "$DEB")" > SHA256SUMS
sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256"
sha256sum "$(basename "$DEB")" > "$(basename "$DEB").sha256"
echo "== written to $DIST"
ls -l "$NAME.tar.gz" "$(basename "$DEB")"
cat SHA256SUMS
