#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The committed CI files must be what "backport ci" generates from the
# branch table; a changed table must make --check fail naming the files;
# a CI job for a tree CI cannot download must fail naming the variable.
set -eu

. "$(dirname "$0")/lib.sh"

# 1. This checkout is up to date.
BACKPORT_ROOT=$here "$BACKPORT" ci --check || fail "committed CI files are stale: run backport ci"

# 2. A copy whose table changed: --check exits 1 and names the files.
r="$tmp/root"
mkdir -p "$r/configs"
cp -r "$here/ci" "$here/.github" "$here/.gitlab-ci.yml" "$r/"
cp "$here/configs/branches.json" "$r/configs/"
cp -r "$here/upstream" "$r/"
BACKPORT_ROOT=$r "$BACKPORT" ci --check >/dev/null || fail "identical copy reported stale"
jq '(.branches[] | select(.branch == "5.10.y") | .toolchain.cc) = "gcc-10"' \
	"$here/configs/branches.json" >"$r/configs/branches.json"
set +e
BACKPORT_ROOT=$r "$BACKPORT" ci --check >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "--check after a table change exited $rc, want 1"; }
grep -q '^ci/5.10.y.env: differs' "$tmp/out" || { cat "$tmp/out"; fail "--check does not name ci/5.10.y.env"; }
if grep -q '^ci/5.4.y.env' "$tmp/out"; then fail "--check names an unchanged file"; fi

# 3. A stale env file for a branch the table lost is named too.
BACKPORT_ROOT=$r "$BACKPORT" ci >/dev/null
echo "BRANCH=3.18.y" >"$r/ci/3.18.y.env"
set +e
BACKPORT_ROOT=$r "$BACKPORT" ci --check >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] && grep -q '^ci/3.18.y.env' "$tmp/out" || { cat "$tmp/out"; fail "stale ci/3.18.y.env not reported"; }

# 4. A job fails before any slow step: an unknown row, a tree variable
# naming no directory, a release the mirror does not have (exit 2, named).
job() {
	set +e
	"$@" >"$tmp/out" 2>&1
	rc=$?
	set -e
}
job env BACKPORT_ROOT=$here "$BACKPORT" ci --job 9.9.y
[ $rc -eq 2 ] && grep -q 'no branch 9.9.y' "$tmp/out" || { cat "$tmp/out"; fail "unknown row (rc $rc)"; }
job env BACKPORT_TREE_5_10=$tmp/none BACKPORT_ROOT=$here "$BACKPORT" ci --job 5.10.y
[ $rc -eq 2 ] && grep -q "BACKPORT_TREE_5_10=$tmp/none: not a directory" "$tmp/out" ||
	{ cat "$tmp/out"; fail "bad tree variable not named (rc $rc)"; }
job env -u BACKPORT_TREE_5_10 BACKPORT_MIRROR=file://$tmp/no-mirror \
	BACKPORT_CACHE=$tmp/cache BACKPORT_ROOT=$here "$BACKPORT" ci --job 5.10.y
[ $rc -eq 2 ] && grep -q 'linux-5.10.46' "$tmp/out" && grep -q "$tmp/no-mirror" "$tmp/out" ||
	{ cat "$tmp/out"; fail "a release the mirror lacks: not named (rc $rc)"; }
grep -q 'section\|^== tree' "$tmp/out" || { cat "$tmp/out"; fail "no section for the tree step"; }
echo "t30: ci --check ok"
