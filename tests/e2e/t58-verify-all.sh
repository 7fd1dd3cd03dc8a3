#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# verify --all without kernel builds: on a copy of the project whose
# table has no Debian rows, (1) no tree anywhere: every row is listed as
# not run and the exit status is 2; (2) a mirror that has nothing: every
# row with a release is tried, each fails on its own, the run goes on past
# each error and the matrix names every row.
set -eu

. "$(dirname "$0")/lib.sh"
r=$tmp/root
mkdir -p "$r/configs"
cp -r "$here/upstream" "$here/series" "$here/ports" "$here/tests" "$r/"
cp -r "$here/configs/fragments" "$r/configs/"
jq 'del(.branches[] | select(.debian_source))' "$here/configs/branches.json" \
	>"$r/configs/branches.json"
rows=$(jq '.branches | length' "$r/configs/branches.json")
unset_vars=$(jq -r '.branches[].tree_var' "$r/configs/branches.json" | sort -u | sed 's/^/-u /')

run() {
	set +e
	# shellcheck disable=SC2086
	env $unset_vars BACKPORT_ROOT="$r" BACKPORT_CACHE="$tmp/cache" "$@" \
		"$BACKPORT" verify --all --results "$tmp/res" >"$tmp/out" 2>&1
	rc=$?
	set -e
}

run env -u BACKPORT_MIRROR
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "no trees: exit $rc, want 2"; }
[ "$(grep -c 'not run: no tree' "$tmp/out")" -eq "$rows" ] ||
	{ cat "$tmp/out"; fail "not every row listed as not run"; }
grep -q "^0 of $rows rows verified in [0-9]* s; results in $tmp/res\$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "no summary line"; }
grep -q '^branch .* work (splits) *seconds status$' "$tmp/out" || fail "no work column"
j=$tmp/res/verify-all.json
[ "$(jq -c '[.rows_total, .verified, .exit_status, .runs, (.rows | length)]' "$j")" = "[$rows,0,2,1,$rows]" ] ||
	fail "verify-all.json: $(jq -c 'del(.rows)' "$j")"
[ "$(jq '[.rows[] | select(.tree_from == null and .exit_status == null and .verdict == null)] | length' "$j")" -eq "$rows" ] ||
	fail "verify-all.json rows: $(jq -c '.rows[0]' "$j")"
[ "$(jq -r '[.rows[].branch] | join(" ")' "$j")" = "$(jq -r '[.branches[].branch] | join(" ")' "$r/configs/branches.json")" ] ||
	fail "verify-all.json: rows not in the table's order"

run env BACKPORT_MIRROR="file://$tmp/no-mirror"
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "empty mirror: exit $rc, want 2"; }
n=$(grep -c 'verify (tree from BACKPORT_MIRROR)' "$tmp/out")
[ "$n" -eq "$rows" ] || { cat "$tmp/out"; fail "$n of $rows rows tried"; }
[ "$(grep -c 'error (see above)' "$tmp/out")" -eq "$rows" ] ||
	{ cat "$tmp/out"; fail "not every row's error in the matrix"; }
grep -q "no-mirror/v5.x/sha256sums.asc" "$tmp/out" || fail "the mirror's file is not named"
[ ! -e "$tmp/res/5.10.y.json" ] || fail "results written for a row that failed"
[ "$(jq '[.rows[] | select(.tree_from == "BACKPORT_MIRROR" and .exit_status == 2 and .seconds >= 0 and .verdict == null and .variants == [])] | length' "$j")" -eq "$rows" ] ||
	fail "verify-all.json after the mirror's errors: $(jq -c '.rows[0]' "$j")"
# 3. bench --matrix: cold pass in a scratch cache, a row's error is the bench's.
cp -r "$here/configs/bench.json" "$here/configs/compat.json" "$here/configs/compat" "$r/configs/"
mktree "$tmp/k" 0
set +e
# shellcheck disable=SC2086
env $unset_vars -u BACKPORT_MIRROR BACKPORT_TREE_5_10="$tmp/k" BACKPORT_ROOT="$r" \
	BACKPORT_CACHE="$tmp/cache" "$BACKPORT" bench --matrix --accel tcg \
	--results "$tmp/bres" >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "bench --matrix, a row that cannot build: exit $rc, want 2"; }
grep -q "^backport bench: bench matrix: cold verify --all --runs 3 (cache $tmp/cache/bench\.[^/]*/cache)\$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "bench --matrix: no cold pass in a scratch cache"; }
grep -q "copying $tmp/k .* to $tmp/cache/bench\.[^/]*/cache/work/5.10.y/base/src" "$tmp/out" ||
	{ cat "$tmp/out"; fail "the cold pass did not build in the scratch cache"; }
grep -q 'cold verify --all: a row ended in an error' "$tmp/out" || fail "bench --matrix: the error is not said"
grep -q 'bench matrix: warm' "$tmp/out" && fail "bench --matrix: a warm pass after a failed cold one"
[ ! -e "$tmp/bres/bench.json" ] && [ ! -e "$tmp/bres/bench.txt" ] || fail "bench --matrix: results written after an error"
ls -d "$tmp/cache"/bench.* 2>/dev/null && fail "bench --matrix: scratch cache left behind"
[ ! -e "$tmp/cache/work/5.10.y" ] || fail "bench --matrix: the cold pass used the normal cache"
echo "t58: verify --all: $rows rows, none with a tree, each error reported, run completed; bench --matrix cold in a scratch cache"
