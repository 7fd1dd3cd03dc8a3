#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What is committed as evidence names no path of the machine that made it:
# "backport matrix --tree DIR --json" (results/trees/*.json) names the tree
# by its directory's name, and its action says --tree DIR; the text output,
# for the terminal, keeps the path.
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

echo "t56: no machine paths OK"
