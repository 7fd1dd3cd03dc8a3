#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A warm "backport build" of a real kernel tree (Debian's linux-source-6.1,
# as "make check-boot" already built it) skips tinyconfig, merge_config.sh
# and olddefconfig only while nothing they read has changed: (1) the same
# inputs are reused and give the same .config; (2) a fragment that differs
# by one comment line, or (3) a .config edited in the build directory,
# configures again.
#
# Usage: tests/e2e/b10-config-reuse.sh   (after backport verify --branch 6.1.y)
set -eu

. "$(dirname "$0")/lib.sh"
b=6.1.y
reused='configuration inputs unchanged'

# build LABEL [ENV...]: backport build --branch 6.1.y --json; stderr in
# $tmp/LABEL.err, the summary in $tmp/LABEL.json.
build() {
	label=$1
	shift
	env "$@" "$BACKPORT" build --branch $b --json >"$tmp/$label.json" \
		2>"$tmp/$label.err" || { cat "$tmp/$label.err"; fail "$label: build failed"; }
}

config_sha() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config_sha256"])' "$1"
}

# (1) Nothing changed since check-boot's build.
build warm1
build warm2
grep -q "$reused" "$tmp/warm2.err" || { cat "$tmp/warm2.err"; fail "warm build configured again"; }
[ "$(config_sha "$tmp/warm1.json")" = "$(config_sha "$tmp/warm2.json")" ] ||
	fail "reused configuration gave another .config"

# (2) The table's fragments with one comment line more.
r="$tmp/root"
mkdir -p "$r"
cp -r "$here/configs" "$here/tests" "$here/upstream" "$r/"
echo '# a comment: the .config stays the same, the key does not' \
	>>"$r/configs/fragments/detectors.config"
build frag BACKPORT_ROOT="$r"
if grep -q "$reused" "$tmp/frag.err"; then
	cat "$tmp/frag.err"
	fail "changed fragment: configuration reused"
fi
[ "$(config_sha "$tmp/frag.json")" = "$(config_sha "$tmp/warm1.json")" ] ||
	fail "a comment in a fragment changed the .config"

# (3) Back to the project's fragments (configures once: the key changed
# back), then a .config edited by hand is configured again.
build back
build back2
grep -q "$reused" "$tmp/back2.err" || fail "second build after (2) configured again"
dotconfig=$(python3 -c 'import json,sys,os; d=json.load(open(sys.argv[1])); print(os.path.join(os.path.dirname(d["bzimage"]), "../../../.config"))' "$tmp/back2.json")
[ -f "$dotconfig" ] || fail "no .config at $dotconfig"
echo '# edited by hand' >>"$dotconfig"
build edited
if grep -q "$reused" "$tmp/edited.err"; then
	cat "$tmp/edited.err"
	fail "edited .config: configuration reused"
fi
[ "$(config_sha "$tmp/edited.json")" = "$(config_sha "$tmp/warm1.json")" ] ||
	fail "configuring again did not restore the .config"
echo "b10-config-reuse: reuse, fragment change and .config edit checked"
