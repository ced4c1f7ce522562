#!/usr/bin/env bash
# The Debian package, from the release tree scripts/release.sh staged, with dpkg-deb only:
#   release-deb.sh TREE VERSION DIST      prints the path of DIST/authshift_VERSION_amd64.deb
#
#   /usr/bin/authshift
#   /usr/share/man/man1/authshift*.1.gz                    one page per command and subcommand
#   /usr/share/bash-completion/completions/authshift, /usr/share/zsh/vendor-completions/_authshift,
#   /usr/share/fish/vendor_completions.d/authshift.fish
#   /lib/systemd/system/authshift-*.service                from deploy/, for the commands the binary has
#   /etc/authshift/bridge.yaml                             conffile: a template check-config refuses
#   /usr/share/doc/authshift/                              copyright, README
# The maintainer scripts (packaging/debian/) create the system user `authshift` and its state folder
# /var/lib/authshift (the bridge's spool in /var/lib/authshift/spool); they never start or enable a
# service. `dpkg -r` leaves /etc/authshift and /var/lib/authshift; `dpkg -P` removes the
# configuration, and the state only when the spool holds no message.
set -euo pipefail
if [ $# -ne 3 ]; then
    echo "usage: $0 TREE VERSION DIST" >&2
    exit 64
fi
TREE=$1 VERSION=$2 DIST=$3
cd "$(dirname "$0")/.."
umask 022
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}

PKG=$(mktemp -d)
trap 'rm -rf "$PKG"' EXIT
ROOTFS=$PKG/authshift
DOC=$ROOTFS/usr/share/doc/authshift
install -d "$ROOTFS/DEBIAN" "$ROOTFS/usr/bin" "$ROOTFS/usr/share/man/man1" "$DOC" "$ROOTFS/etc/authshift" \
    "$ROOTFS/usr/share/bash-completion/completions" "$ROOTFS/usr/share/zsh/vendor-completions" \
    "$ROOTFS/usr/share/fish/vendor_completions.d" "$ROOTFS/lib/systemd/system"

install -m 0755 "$TREE/authshift" "$ROOTFS/usr/bin/authshift"
for page in "$TREE"/man/man1/*.1; do
    gzip -9n < "$page" > "$ROOTFS/usr/share/man/man1/$(basename "$page").gz"
done
install -m 0644 "$TREE/completions/authshift.bash" "$ROOTFS/usr/share/bash-completion/completions/authshift"
install -m 0644 "$TREE/completions/_authshift" "$ROOTFS/usr/share/zsh/vendor-completions/_authshift"
install -m 0644 "$TREE/completions/authshift.fish" "$ROOTFS/usr/share/fish/vendor_completions.d/authshift.fish"
gzip -9n < README.md > "$DOC/README.md.gz"
{
    printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n'
    printf 'Upstream-Name: authshift\n\nFiles: *\nCopyright: the authshift authors\nLicense: Apache-2.0\n\n'
    printf 'License: Apache-2.0\n'
    sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' LICENSE
} > "$DOC/copyright"
install -m 0644 packaging/debian/bridge.yaml "$ROOTFS/etc/authshift/bridge.yaml"

# Units: deploy/ is written for a hand install (/usr/local/bin, its own user and spool); the
# package's binary, user and state folder replace those. A unit whose command the binary does not
# have (the dashboard's `authshift serve`, until it exists) is left out, and said so.
UNITS=()
for unit in deploy/*.service; do
    name=$(basename "$unit")
    # The subcommand the unit runs ("bridge run"): it must exist, and its man page is the unit's documentation.
    command=$(sed -n 's|^ExecStart=[^ ]*/authshift \([a-z -]*[a-z]\) --.*|\1|p' "$unit")
    # shellcheck disable=SC2086 # the subcommand's words are separate arguments
    if [ -z "$command" ] || ! "$TREE/authshift" $command --help >/dev/null 2>&1; then
        echo "note: $name left out: the binary has no 'authshift $command'" >&2
        continue
    fi
    sed -e 's|/usr/local/bin/authshift|/usr/bin/authshift|g' \
        -e 's|^User=.*|User=authshift|' -e 's|^Group=.*|Group=authshift|' \
        -e 's|^ReadWritePaths=.*|ReadWritePaths=/var/lib/authshift|' \
        -e '/^# systemd unit for/,/^# Logs:/d' \
        -e "s|^Documentation=\(.*\)|Documentation=man:authshift-${command// /-}(1) \1|" \
        "$unit" > "$ROOTFS/lib/systemd/system/$name"
    sed -i "1i # $name: installed by the authshift package (never started or enabled by it).\n# Configure /etc/authshift first, then: sudo systemctl enable --now ${name%.service}\n# Logs: journalctl -u ${name%.service}; state and spool: /var/lib/authshift" \
        "$ROOTFS/lib/systemd/system/$name"
    if grep -Eq '/usr/local|/var/spool|=authshift-bridge$' "$ROOTFS/lib/systemd/system/$name"; then
        echo "error: $name still names a hand-install path or user:" >&2
        grep -En '/usr/local|/var/spool|=authshift-bridge$' "$ROOTFS/lib/systemd/system/$name" >&2
        exit 1
    fi
    chmod 0644 "$ROOTFS/lib/systemd/system/$name"
    UNITS+=("$name")
done
if [ ${#UNITS[@]} -eq 0 ]; then rmdir "$ROOTFS/lib/systemd/system" "$ROOTFS/lib/systemd" "$ROOTFS/lib"; fi

for script in postinst prerm postrm; do
    sed "s|@UNITS@|${UNITS[*]}|g" "packaging/debian/$script" > "$ROOTFS/DEBIAN/$script"
    chmod 0755 "$ROOTFS/DEBIAN/$script"
done
printf '/etc/authshift/bridge.yaml\n' > "$ROOTFS/DEBIAN/conffiles"

# Depends: the shared libraries the binary needs, with the C library at the newest symbol version
# it uses; passwd for the user the postinst creates.
GLIBC=$(objdump -T "$ROOTFS/usr/bin/authshift" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
DEPENDS="libc6 (>= $GLIBC), libgcc-s1, libstdc++6, zlib1g, libsqlite3-0, passwd"
for lib in $(objdump -p "$ROOTFS/usr/bin/authshift" | awk '/NEEDED/ { print $2 }'); do
    case $lib in
        libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*|libutil.so.*) ;;
        libgcc_s.so.*|libstdc++.so.*|libz.so.*|libsqlite3.so.*) ;;
        *) echo "error: the binary needs $lib, which Depends does not cover" >&2; exit 1 ;;
    esac
done

INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$ROOTFS" | cut -f1)
cat > "$ROOTFS/DEBIAN/control" <<EOF
Package: authshift
Version: $VERSION
Architecture: amd64
Maintainer: authshift maintainers <maintainers@authshift.invalid>
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
Section: admin
Priority: optional
Homepage: https://github.com/authshift/authshift
Description: move Microsoft 365 off SMTP AUTH Basic Authentication
 authshift works out, offline from a tenant's exports, which printers, scanners,
 applications and scripts still send with SMTP AUTH Basic Authentication, where
 each should move, and the change scripts; it scans scripts for stored
 credentials, probes submission paths, and runs an on-premises relay (the bridge,
 authshift-bridge.service) for devices that only know a password.
 .
 The service is installed but never started or enabled by the package:
 complete /etc/authshift/bridge.yaml, then systemctl enable --now
 authshift-bridge.
EOF

find "$ROOTFS" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$DIST"
DEB=$DIST/authshift_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$DEB" >&2
echo "$DEB"
