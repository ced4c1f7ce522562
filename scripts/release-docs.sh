#!/usr/bin/env bash
# Man pages and shell completions for a built authshift, from its own command definitions:
#   release-docs.sh AUTHSHIFT GENERATE_MANUAL MAN_DIR COMPLETIONS_DIR
# Man pages: swift-argument-parser's generate-manual (one page per command and subcommand, from
# `authshift --experimental-dump-help`), renamed from its authshift.bridge.run.1 to the
# authshift-bridge-run.1 that `man authshift-bridge-run` finds (git's convention), with the page
# titles and cross-references renamed to match. Dated SOURCE_DATE_EPOCH, so the same commit gives
# the same pages. Completions: `authshift --generate-completion-script bash|zsh|fish`.
set -euo pipefail
if [ $# -ne 4 ]; then
    echo "usage: $0 AUTHSHIFT GENERATE_MANUAL MAN_DIR COMPLETIONS_DIR" >&2
    exit 64
fi
BIN=$1 GENMAN=$2 MAN_DIR=$3 COMP_DIR=$4
mkdir -p "$MAN_DIR" "$COMP_DIR"

DATE=$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%F)
"$GENMAN" "$BIN" --multi-page --date "$DATE" --section 1 --output-directory "$MAN_DIR"

# authshift.bridge.run -> authshift-bridge-run, longest names first so a page's name is never
# rewritten through its parent's.
mapfile -t PAGES < <(cd "$MAN_DIR" && ls -1 authshift*.1 | sed 's/\.1$//' | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2)
SED_ARGS=()
for page in "${PAGES[@]}"; do
    dashed=${page//./-}
    upper_dotted=$(tr '[:lower:]' '[:upper:]' <<<"$page")
    upper_dashed=$(tr '[:lower:]' '[:upper:]' <<<"$dashed")
    SED_ARGS+=(-e "s/\\b${page//./\\.}\\b/$dashed/g" -e "s/\\b${upper_dotted//./\\.}\\b/$upper_dashed/g")
done
for page in "${PAGES[@]}"; do
    dashed=${page//./-}
    sed "${SED_ARGS[@]}" "$MAN_DIR/$page.1" > "$MAN_DIR/$dashed.1.tmp"
    rm "$MAN_DIR/$page.1"
    mv "$MAN_DIR/$dashed.1.tmp" "$MAN_DIR/$dashed.1"
done

# Every command the binary has must have its page.
COMMANDS=$("$BIN" --experimental-dump-help | python3 -c '
import json, sys
def walk(c, prefix):
    name = prefix + [c["commandName"]]
    yield "-".join(name)
    for s in c.get("subcommands", []):
        if s["commandName"] != "help":
            yield from walk(s, name)
print("\n".join(walk(json.load(sys.stdin)["command"], [])))')
for command in $COMMANDS; do
    if [ ! -s "$MAN_DIR/$command.1" ]; then
        echo "error: no man page for $command" >&2
        exit 1
    fi
done
echo "$(wc -w <<<"$COMMANDS") man pages: $(tr '\n' ' ' <<<"$COMMANDS")"

"$BIN" --generate-completion-script bash > "$COMP_DIR/authshift.bash"
"$BIN" --generate-completion-script zsh > "$COMP_DIR/_authshift"
"$BIN" --generate-completion-script fish > "$COMP_DIR/authshift.fish"
