#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport bench on what cannot be measured, with a private cache:
# a bad --defconfig-for, a row with nothing to measure, and a tree whose
# cold build fails.  Each exits 2 and writes no results; the failed cold
# build keeps its logs (marked "kept"); the cold-build directory of an
# interrupted bench (its pid gone) is swept, one of a live bench is not;
# the branches measured before the last one are kept in bench.partial.*.
set -eu

. "$(dirname "$0")/lib.sh"
export BACKPORT_CACHE="$tmp/cache" CCACHE_DIR="$tmp/ccache"
unset BACKPORT_TREE_5_10
res=$tmp/results
mktree "$tmp/k" 0
before=$(cd "$tmp/k" && find . -type f -exec sha256sum {} + | sort)

# expect2 WHAT ARGS...: exit 2, message on stderr, no results.
expect2() {
	what=$1
	shift
	rc=0
	"$BACKPORT" bench --results "$res" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc -eq 2 ] || { cat "$tmp/out" "$tmp/err"; fail "$what: exit $rc, want 2"; }
	grep -q 'error' "$tmp/err" || { cat "$tmp/err"; fail "$what: no error message"; }
	[ ! -e "$res/bench.json" ] && [ ! -e "$res/bench.txt" ] ||
		fail "$what: results written"
}

expect2 "--defconfig-for a branch not measured" \
	--tree-for 5.10.y="$tmp/k" --branch 5.10.y --defconfig-for 5.4.y
grep -q -- '--defconfig-for 5.4.y' "$tmp/err" || fail "bad --defconfig-for not named"

# A bad --accel is refused before anything runs, by bench and by verify.
rc=0
"$BACKPORT" bench --results "$res" --accel foo >"$tmp/out" 2>"$tmp/err" || rc=$?
[ $rc -eq 2 ] && grep -q -- '--accel: auto, tcg or kvm' "$tmp/err" ||
	{ cat "$tmp/err"; fail "bench --accel foo: exit $rc"; }
rc=0
"$BACKPORT" verify --branch 5.10.y --results "$res" --accel foo >"$tmp/out" 2>"$tmp/err" || rc=$?
[ $rc -eq 2 ] && grep -q -- '--accel: auto, tcg or kvm' "$tmp/err" ||
	{ cat "$tmp/err"; fail "verify --accel foo: exit $rc"; }
[ ! -e "$res/5.10.y.json" ] || fail "verify --accel foo wrote results"

# --load and --port-runs are checked before anything runs.
for a in '--load 65' '--load -1' '--port-runs 0'; do
	rc=0
	# shellcheck disable=SC2086
	"$BACKPORT" bench --results "$res" $a >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc -eq 2 ] && grep -q -- "${a% *}" "$tmp/err" ||
		{ cat "$tmp/err"; fail "bench $a: exit $rc"; }
done

expect2 "no tree for the branch" --branch 5.10.y
grep -q -- 'pass --tree-for 5.10.y=DIR or set BACKPORT_TREE_5_10' "$tmp/err" ||
	{ cat "$tmp/err"; fail "missing tree: bench's option not named"; }

expect2 "not-affected row" --tree-for 4.4.y="$tmp/k" --branch 4.4.y
grep -q 'nothing to measure' "$tmp/err" || fail "4.4.y: reason not given"

# Leftovers: dead pid (swept), live pid (kept), dead but kept (kept).
mkdir -p "$BACKPORT_CACHE/bench.dead00" "$BACKPORT_CACHE/bench.live00" \
	"$BACKPORT_CACHE/bench.kept00"
sleep 1000 &
live=$!
dead=$(sh -c 'echo $$')
echo "$dead" >"$BACKPORT_CACHE/bench.dead00/pid"
echo "$live" >"$BACKPORT_CACHE/bench.live00/pid"
echo "$dead" >"$BACKPORT_CACHE/bench.kept00/pid"
: >"$BACKPORT_CACHE/bench.kept00/kept"

expect2 "cold build of a fixture that is no kernel to build" \
	--tree-for 5.10.y="$tmp/k" --tree-for 5.4.y="$tmp/k" \
	--branch 5.10.y --branch 5.4.y --runs 1
kill "$live"
grep -q 'cold build: make tinyconfig failed' "$tmp/out" ||
	{ cat "$tmp/out"; fail "failed cold build not reported"; }
grep -q "removing $BACKPORT_CACHE/bench.dead00, left by an interrupted bench" "$tmp/err" ||
	{ cat "$tmp/err"; fail "stale directory not reported"; }
[ ! -e "$BACKPORT_CACHE/bench.dead00" ] || fail "stale directory not removed"
[ -d "$BACKPORT_CACHE/bench.live00" ] || fail "a live bench's directory was removed"
[ -d "$BACKPORT_CACHE/bench.kept00" ] || fail "a kept directory was removed"
n=0
for d in "$BACKPORT_CACHE"/bench.*; do
	case $d in */bench.live00 | */bench.kept00) continue ;; esac
	[ -f "$d/kept" ] && ls "$d"/cache/work/*/base/build.log >/dev/null 2>&1 ||
		fail "$d: the failed cold build's logs are not kept"
	n=$((n + 1))
done
[ $n -eq 2 ] || fail "$n new cold-build directories, want 2"
# What was measured before the last branch is kept as a snapshot.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["complete"] is False and [b["branch"] for b in d["branches"]] == ["5.10.y"] and d["summary"]["error"]' "$res/bench.partial.json" ||
	fail "bench.partial.json: not a snapshot of the first branch"
grep -q '(in progress)' "$res/bench.partial.txt" || fail "bench.partial.txt"
# It names the tree by its directory's name and how it was given, no path.
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["branches"][0]; assert (b["tree"], b["tree_source"]) == ("k", "--tree-for"), b' "$res/bench.partial.json" ||
	fail "bench.partial.json: tree is not the directory's name and --tree-for"
# Its error names the cache, not its path.
grep -q 'see <cache>/bench\.[^/]*/cache/work/5.10.y/base/build.log' "$res/bench.partial.json" ||
	{ cat "$res/bench.partial.json"; fail "bench.partial.json: the error does not name <cache>"; }
if grep "$tmp" "$res/bench.partial.json" "$res/bench.partial.txt"; then
	fail "bench.partial.*: a path of this machine"
fi
[ "$before" = "$(cd "$tmp/k" && find . -type f -exec sha256sum {} + | sort)" ] ||
	fail "the tree was modified"
echo "t50: bench error paths OK"
