#!/usr/bin/env bash
# Installs the Debian package on a clean minimal Debian, as an admin would, and uses it there:
#   test-deb-chroot.sh DIST/authshift_VERSION_amd64.deb
# A fresh chroot every run (debootstrap --variant=minbase from the mirror this machine's apt uses,
# plus man-db; no Swift anywhere in it), then inside it:
#   dpkg -i, ldd of /usr/bin/authshift, `authshift --version`, `assess` on Examples/contoso (its
#   outputs compared with the same binary's on this machine), `scan` on a small tree, the bash
#   completion, `bridge check-config` on the installed template (refused until completed, accepted
#   once completed), `man authshift-assess`; then dpkg -r (configuration and spool stay, nothing
#   enabled) and dpkg -P (a spool with a message stays). The chroot is removed at the end.
# Needs root (debootstrap, chroot, mount) and debootstrap installed. Prints the time each part took.
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 DIST/authshift_VERSION_amd64.deb" >&2
    exit 64
fi
DEB=$(realpath "$1")
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ "$(id -u)" != 0 ]; then
    echo "error: $0 needs root (debootstrap, chroot)" >&2
    exit 77
fi
STARTED=$SECONDS
step() { echo "== [$((SECONDS - STARTED)) s] $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

SUITE=${DEBIAN_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
# The first Debian mirror apt is configured with for this suite (deb822 .sources or one-line .list).
apt_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v suite="$SUITE" 'BEGIN { RS = "" } {
            uri = ""; ok = 0; n = split($0, lines, "\n")
            for (i = 1; i <= n; i++) {
                if (lines[i] ~ /^URIs:/) { split(lines[i], u, " "); uri = u[2] }
                if (lines[i] ~ /^Suites:/) { m = split(lines[i], s, " "); for (j = 2; j <= m; j++) if (s[j] == suite) ok = 1 }
            }
            if (ok && uri != "") { print uri; exit }
        }' "$f"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        sed -nE "s/^deb +(\[[^]]*\] +)?([a-z]+:\/\/[^ ]+) +$SUITE( .*)?$/\2/p" || true
}
MIRROR=${DEBIAN_MIRROR:-$(apt_mirror | sed -n 1p)}
[ -n "$MIRROR" ] || fail "no Debian mirror for $SUITE in /etc/apt/sources.list*; set DEBIAN_MIRROR"

CHROOT=$(mktemp -d /var/tmp/authshift-chroot.XXXXXX)
chmod 0755 "$CHROOT" # its root folder: mktemp's 0700 would lock every user but root out
WORK=$(mktemp -d)
cleanup() {
    if mountpoint -q "$CHROOT/proc"; then umount "$CHROOT/proc"; fi
    rm -rf --one-file-system "$CHROOT" "$WORK"
}
trap cleanup EXIT

step "debootstrap --variant=minbase $SUITE from $MIRROR (+ man-db, and libsqlite3-0, which apt would pull in for the package)"
debootstrap --variant=minbase --include=man-db,libsqlite3-0 "$SUITE" "$CHROOT" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 ||
    { tail -30 "$WORK/debootstrap.log" >&2; fail "debootstrap"; }
mount -t proc proc "$CHROOT/proc"
[ ! -e "$CHROOT/opt/swift" ] || fail "the chroot has /opt/swift"
in_chroot() { chroot "$CHROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
# A new admin account: no environment from this machine, no Swift, no locale set.
in_chroot useradd --create-home --shell /bin/bash admin
as_admin() { chroot --userspec=admin:admin "$CHROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/admin sh -c "cd && $1"; }

step "dpkg -i $(basename "$DEB")"
cp "$DEB" "$CHROOT/tmp/authshift.deb"
in_chroot dpkg -i /tmp/authshift.deb | tee "$WORK/install.log"
grep -q "not enabled or started" "$WORK/install.log" || fail "the postinst did not say the service is left stopped"
VERSION=$(dpkg-deb -f "$DEB" Version)
LINKED=$(in_chroot ldd /usr/bin/authshift)
echo "$LINKED"
if grep -Eq 'not found|libswift|libFoundation|libicu|/opt/swift' <<<"$LINKED"; then fail "ldd in the chroot"; fi
in_chroot getent passwd authshift | grep -q ':/var/lib/authshift:/usr/sbin/nologin$' || fail "system user authshift"
[ "$(in_chroot stat -c '%U:%G %a' /var/lib/authshift/spool)" = "authshift:authshift 700" ] || fail "spool ownership"
[ "$(in_chroot stat -c '%U:%G %a' /etc/authshift/bridge.yaml)" = "root:authshift 640" ] || fail "bridge.yaml ownership"
[ -f "$CHROOT/lib/systemd/system/authshift-bridge.service" ] || fail "authshift-bridge.service not installed"
grep -q '^ExecStart=/usr/bin/authshift bridge run --config /etc/authshift/bridge.yaml$' \
    "$CHROOT/lib/systemd/system/authshift-bridge.service" || fail "the unit's ExecStart"

step "authshift --version"
VERSION_LINE=$(as_admin "authshift --version")
echo "$VERSION_LINE"
[[ $VERSION_LINE =~ ^$VERSION\ \(source\ commit\ [0-9a-f]{12}(-modified)?\)$ ]] || fail "--version: '$VERSION_LINE'"
if git rev-parse --git-dir >/dev/null 2>&1; then
    [[ $VERSION_LINE == *"$(git rev-parse --short=12 HEAD)"* ]] || fail "--version names another commit than HEAD"
fi

step "authshift assess Examples/contoso --out out (as admin)"
cp -a Examples/contoso "$CHROOT/home/admin/contoso"
cp -r Tests/ScanTests/Fixtures/tree "$CHROOT/home/admin/scripts"
chroot "$CHROOT" chown -R admin:admin /home/admin/contoso /home/admin/scripts
as_admin "authshift assess contoso --out out --as-of 2026-11-28" > "$WORK/assess.txt" 2>&1 ||
    { cat "$WORK/assess.txt" >&2; fail "assess"; }
tail -5 "$WORK/assess.txt"
for f in register.json register.csv register.xlsx report.md report.html inventory-todo.csv; do
    [ -s "$CHROOT/home/admin/out/$f" ] || fail "assess wrote no $f"
done
# The same binary on this machine (toolchain, locale and time zone data present) must say the same.
dpkg-deb --fsys-tarfile "$DEB" | tar -xf - -C "$WORK" ./usr/bin/authshift
(cd Examples && "$WORK/usr/bin/authshift" assess contoso --out "$WORK/out" --as-of 2026-11-28 > /dev/null 2>&1)
diff -r "$WORK/out" "$CHROOT/home/admin/out" || fail "assess in the chroot differs from the same binary here"

step "authshift scan scripts (as admin)"
set +e
as_admin "authshift scan scripts" > "$WORK/scan.txt" 2>&1
status=$?
set -e
cat "$WORK/scan.txt"
[ $status -eq 1 ] || fail "scan exit status $status, expected 1 (findings)"
grep -q 'EXO-CRED' "$WORK/scan.txt" && grep -q '4 finding(s) in 4 file(s) scanned' "$WORK/scan.txt" || fail "scan findings"

step "bash completion"
in_chroot bash -c 'source /usr/share/bash-completion/completions/authshift && complete -p authshift' ||
    fail "bash completion"

step "authshift bridge check-config on the installed template"
set +e
in_chroot authshift bridge check-config --config /etc/authshift/bridge.yaml > "$WORK/check.txt" 2>&1
status=$?
set -e
cat "$WORK/check.txt"
[ $status -eq 65 ] || fail "check-config accepted the template (exit $status)"
grep -q 'passwordHash: not a password hash' "$WORK/check.txt" || fail "check-config's refusal does not name the field"
# Completed (a device's password hashed), the same template is accepted.
HASH=$(printf 'correct horse battery staple\n' | in_chroot authshift bridge hash-password)
sed "s|\"COMPLETE: the output of authshift bridge hash-password\"|\"$HASH\"|" \
    "$CHROOT/etc/authshift/bridge.yaml" > "$CHROOT/tmp/bridge-completed.yaml"
# The whole output to a file first: `| head` would close the pipe on a longer report and fail the
# check with SIGPIPE (pipefail) although the configuration was accepted.
in_chroot authshift bridge check-config --config /tmp/bridge-completed.yaml > "$WORK/completed.txt" 2>&1 || {
    cat "$WORK/completed.txt"
    fail "completed template refused"
}
head -5 "$WORK/completed.txt"
grep -q '/tmp/bridge-completed.yaml: valid' "$WORK/completed.txt" || fail "check-config did not call the completed template valid"
# A user outside group authshift cannot read the configuration: a clear error, not a crash.
set +e
as_admin "authshift bridge check-config --config /etc/authshift/bridge.yaml" > "$WORK/denied.txt" 2>&1
status=$?
set -e
cat "$WORK/denied.txt"
[ $status -ne 0 ] && [ $status -lt 128 ] || fail "check-config as admin: exit $status"

step "man authshift-assess"
in_chroot sh -c 'MANPAGER=cat MANWIDTH=80 man authshift-assess' > "$WORK/man.txt" 2>&1 || { cat "$WORK/man.txt" >&2; fail "man"; }
head -8 "$WORK/man.txt"
grep -q 'authshift assess' "$WORK/man.txt" || fail "man authshift-assess"
in_chroot sh -c 'MANPAGER=cat man authshift-bridge-run' > "$WORK/man.txt" 2>&1 || fail "man authshift-bridge-run"
grep -q 'authshift bridge run' "$WORK/man.txt" || fail "man authshift-bridge-run names the command"

step "dpkg -r authshift: configuration and spool stay"
# A message in the spool, as the bridge would leave one.
printf 'queued message\n' > "$CHROOT/var/lib/authshift/spool/queued.eml"
in_chroot dpkg -r authshift
[ ! -e "$CHROOT/usr/bin/authshift" ] || fail "/usr/bin/authshift still there"
[ -f "$CHROOT/etc/authshift/bridge.yaml" ] || fail "dpkg -r removed /etc/authshift/bridge.yaml"
[ -f "$CHROOT/var/lib/authshift/spool/queued.eml" ] || fail "dpkg -r removed the spool"
[ ! -e "$CHROOT/etc/systemd/system/multi-user.target.wants/authshift-bridge.service" ] || fail "the service was enabled"
in_chroot dpkg-query -W -f '${Status}\n' authshift | grep -q 'config-files' || fail "package state after dpkg -r"

step "dpkg -P authshift: the configuration goes, a spool with a message stays"
in_chroot dpkg -P authshift
[ ! -e "$CHROOT/etc/authshift/bridge.yaml" ] || fail "dpkg -P left bridge.yaml"
[ -f "$CHROOT/var/lib/authshift/spool/queued.eml" ] || fail "dpkg -P removed a queued message"

step "passed: $(basename "$DEB") installed, used and removed on a clean $SUITE in $((SECONDS - STARTED)) s"
