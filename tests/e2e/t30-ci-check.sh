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

# 4. A job whose tree CI cannot download fails naming the variable...
set +e
env -u BACKPORT_TREE_5_10 BACKPORT_ROOT=$here "$BACKPORT" ci --job 5.10.y --stage apply >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 2 ] && grep -q 'BACKPORT_TREE_5_10' "$tmp/out" || { cat "$tmp/out"; fail "missing tree variable not named (rc $rc)"; }
# ...and a Debian-packaged row needs no variable.
env -u BACKPORT_TREE_6_1 BACKPORT_ROOT=$here "$BACKPORT" ci --job 6.1.y --stage apply >"$tmp/out" 2>&1 ||
	{ cat "$tmp/out"; fail "6.1.y apply stage failed without a variable"; }
grep -q 'nothing to apply' "$tmp/out" || fail "6.1.y apply stage did something"
echo "t30: ci --check ok"
