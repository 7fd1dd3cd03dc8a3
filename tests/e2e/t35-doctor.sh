#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport doctor on this machine (after "make deps": everything is here,
# exit 0), and on a copy of the project whose ci/packages.txt lists a
# package and a program that do not exist: MISSING lines, the apt-get
# command naming the package, exit 2; a malformed line is named by line.
set -eu

. "$(dirname "$0")/lib.sh"
"$BACKPORT" doctor >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "doctor: exit $? after make deps"; }
grep -q '^ok  *package rsync ' "$tmp/out" || fail "rsync not checked"
grep -q '^ok  *5.10.y cc  *gcc-11' "$tmp/out" || fail "row toolchain not checked"
grep -q '^ok  *qemu ' "$tmp/out" || fail "qemu not checked"
"$BACKPORT" doctor --json | jq -e '.missing == 0 and (.checks | length) > 30' >/dev/null ||
	fail "doctor --json"

r=$tmp/root
mkdir -p "$r/ci"
cp -r "$here/configs" "$here/upstream" "$r/"
{ cat "$here/ci/packages.txt"; echo "backport-no-such-package backport-no-such-program"; } >"$r/ci/packages.txt"
rc=0
BACKPORT_ROOT=$r "$BACKPORT" doctor >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "missing package: exit $rc, want 2"; }
grep -q '^MISSING  *package backport-no-such-package  *not installed' "$tmp/out" ||
	fail "missing package not reported"
grep -q '^MISSING  *program backport-no-such-program ' "$tmp/out" ||
	fail "missing program not reported"
grep -q 'apt-get install -y --no-install-recommends backport-no-such-package$' "$tmp/out" ||
	{ cat "$tmp/out"; fail "no apt-get command for what is missing"; }

echo "Bad_Name x" >>"$r/ci/packages.txt"
n=$(wc -l <"$r/ci/packages.txt")
rc=0
BACKPORT_ROOT=$r "$BACKPORT" doctor >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q "ci/packages.txt:$n: \"Bad_Name\" is not a Debian package name" "$tmp/out" ||
	{ cat "$tmp/out"; fail "malformed line: exit $rc"; }
echo "t35: doctor OK"
