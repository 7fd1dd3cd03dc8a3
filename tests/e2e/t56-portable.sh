#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What is committed as evidence names no path of the machine that made it:
# "backport matrix --tree DIR --json" (results/trees/*.json) names the tree
# by its directory's name, and its action says --tree DIR; the text output,
# for the terminal, keeps the path.  No committed file under results/
# (REPORT.md, the documents, the excerpts, bench, trees) names /root,
# /home, /work, /tmp or ~/.cache, no JSON string there is an absolute
# path, and none of "report --format kcidb" or "--format json" is; every
# link of results/REPORT.md is relative and resolves to a committed file,
# and so does every link of a report written elsewhere.  The converter of
# older documents gives the committed ones back.
set -eu

. "$(dirname "$0")/lib.sh"

# 1. matrix --tree --json on a fixture tree.
mktree "$tmp/v5.10.40" 0
"$BACKPORT" matrix --tree "$tmp/v5.10.40" --json >"$tmp/m.json" ||
	fail "matrix --tree --json exited $?"
[ "$(jq -r .tree "$tmp/m.json")" = v5.10.40 ] ||
	{ cat "$tmp/m.json"; fail "matrix --json: tree is not the directory's name"; }
[ "$(jq -r .action_text "$tmp/m.json")" = \
	"vulnerable: apply series/5.10.y (backport apply --branch 5.10.y --tree DIR)" ] ||
	{ cat "$tmp/m.json"; fail "matrix --json: action_text"; }
if grep -q "$tmp" "$tmp/m.json"; then
	cat "$tmp/m.json"
	fail "matrix --json names the tree's path"
fi
"$BACKPORT" matrix --tree "$tmp/v5.10.40" >"$tmp/m.txt" ||
	fail "matrix --tree exited $?"
grep -q "^action:   .*--tree $tmp/v5.10.40)" "$tmp/m.txt" ||
	{ cat "$tmp/m.txt"; fail "matrix text output: no path in the action"; }

# 2. The committed files under results/.
cd "$here"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files results >"$tmp/files"
	committed() { git ls-files --error-unmatch "$1" >/dev/null 2>&1; }
else
	find results -type f | sort >"$tmp/files"
	committed() { [ -f "$1" ]; }
fi
grep -qx results/REPORT.md "$tmp/files" || fail "results/REPORT.md is not committed"
machine='/root|/home|/work|/tmp|~/\.cache'
# shellcheck disable=SC2046
if grep -nE "$machine" $(cat "$tmp/files"); then
	fail "a committed file under results/ names a path of the machine (above)"
fi

# no_abs WHAT FILE...: no string of the JSON FILEs is an absolute path.
cat >"$tmp/no_abs.py" <<'EOF'
import json, sys
def walk(f, v, at):
    if isinstance(v, str):
        if v.startswith("/") or v.startswith("~"):
            sys.exit("%s: %s: %r is an absolute path" % (f, at, v[:80]))
    elif isinstance(v, dict):
        for k, x in v.items():
            walk(f, x, at + "." + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(f, x, "%s[%d]" % (at, i))
for f in sys.argv[1:]:
    walk(f, json.load(open(f)), "")
EOF
no_abs() {
	what=$1
	shift
	python3 "$tmp/no_abs.py" "$@" || fail "$what: a JSON string is an absolute path"
}
# shellcheck disable=SC2046
no_abs "results/" $(grep '\.json$' "$tmp/files")
"$BACKPORT" report --format kcidb -o "$tmp/kcidb.json" ||
	fail "report --format kcidb exited $?"
"$BACKPORT" report --format json -o "$tmp/report.json" ||
	fail "report --format json exited $?"
for f in "$tmp/kcidb.json" "$tmp/report.json"; do
	no_abs "report -o $f" "$f"
	if grep -nE "$machine" "$f"; then
		fail "$f names a path of the machine (above)"
	fi
done

# links MD DIR: every link target of MD, resolved from DIR, is committed.
links() {
	n=0
	for l in $(grep -oE '\]\([^)]*\)' "$1" | sed 's/^](//; s/)$//'); do
		case $l in
		/* | "~"*) fail "$1: link $l is absolute" ;;
		http://* | https://* | "#"*) continue ;;
		esac
		p=$(realpath -m --relative-to="$here" "$2/$l")
		committed "$p" || fail "$1: link $l ($p) is not a committed file"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || fail "$1: no links"
	echo "ok: $1: $n links resolve to committed files"
}
links results/REPORT.md results
grep -q '(logs/5.10.y/base-1.txt)' results/REPORT.md ||
	fail "results/REPORT.md does not link logs/5.10.y/base-1.txt"
# A report written elsewhere links the same files from where it is.
mkdir -p "$tmp/out/deep"
"$BACKPORT" report -o "$tmp/out/deep/r.md" || fail "report -o elsewhere exited $?"
links "$tmp/out/deep/r.md" "$tmp/out/deep"

# 3. The converter of documents written before (tests/tools/migrate-
# results.c): the 4.19.y-optional.json that results/ held until 2026-12-02
# (migrated, not re-run; kept in tests/fixtures/results/legacy/) made old
# again gives back that document, JUnit and excerpts.
conv=$here/build/migrate-results
legacy=$here/tests/fixtures/results/legacy
[ -x "$conv" ] || fail "$conv missing: make build/migrate-results"
mkdir -p "$tmp/old" "$tmp/new"
jq '.tree = ({path: "/work/trees/v4.19.72"} + .tree | del(.source, .dir))
    | .console_logs = "/root/.cache/backport/logs/4.19.y-optional"
    | .ab[] |= (.build += {bzimage: "/root/.cache/b/bzImage", log: "/root/.cache/b/build.log"}
		| .runs[] |= (.log = "/root/.cache/backport/logs/4.19.y-optional/\(.run).log"))' \
	"$legacy/4.19.y-optional.json" >"$tmp/old/4.19.y-optional.json"
"$conv" "$tmp/new" "$tmp/old/4.19.y-optional.json" || fail "migrate-results exited $?"
cmp "$tmp/new/4.19.y-optional.json" "$legacy/4.19.y-optional.json" ||
	fail "migrate-results: not $legacy/4.19.y-optional.json"
cmp "$tmp/new/4.19.y-optional.junit.xml" "$legacy/4.19.y-optional.junit.xml" ||
	fail "migrate-results: not the legacy JUnit"
diff -r "$tmp/new/logs/4.19.y-optional" "$legacy/logs/4.19.y-optional" ||
	fail "migrate-results: not the legacy excerpts"

echo "t56: no machine paths OK"
