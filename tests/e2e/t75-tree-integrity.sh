#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A build of tree X holds only X (run in "make check-boot", after verify
# unpacked Debian's 6.1 tree and warmed ccache).  Tree A is tree B with one
# function changed and a newer mtime: the case where rsync's quick check
# and kbuild's "object newer than source" would keep A's code in a build
# of B.  Build A, then B, in one cache; B must be byte-identical to B built
# in a fresh cache, and A must differ from it (else the test sees nothing).
set -eu

. "$(dirname "$0")/lib.sh"
cache=${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport}
b=$cache/src/linux-source-6.1
[ -f "$b/Makefile" ] || fail "$b: run backport verify --branch 6.1.y first"
touch "$tmp/start"

# A: hard links to B's files, except init/version.c, written anew.
a=$tmp/A
cp -al "$b" "$a"
rm "$a/init/version.c"
cat "$b/init/version.c" >"$a/init/version.c"
echo 'const char backport_t75_tree_a[] = "t75: tree A, not B";' >>"$a/init/version.c"
cmp -s "$b/init/version.c" "$a/init/version.c" && fail "A's change reached B"

build() {
	BACKPORT_CACHE=$1 "$BACKPORT" build --branch 6.1.y --tree "$2" -o "$3" \
		>"$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log"; fail "build of $2 in $1 failed"; }
}
build "$tmp/c1" "$a" "$tmp/A1"
build "$tmp/c1" "$b" "$tmp/B1"
grep -q 'made from other inputs: removing the copy and O= directory' "$tmp/build.log" ||
	fail "the second build did not notice another tree's copy"
build "$tmp/c2" "$b" "$tmp/B2"
cmp -s "$tmp/A1/bzImage" "$tmp/B2/bzImage" && fail "A and B gave the same bzImage: the test cannot see a mix"
cmp -s "$tmp/B1/bzImage" "$tmp/B2/bzImage" ||
	fail "B built after A differs from B built in a fresh cache"
cmp -s "$tmp/B1/config" "$tmp/B2/config" || fail "B's .config differs between the caches"
# An unchanged tree keeps its copy and O= directory.
build "$tmp/c1" "$b" "$tmp/B3"
grep -q 'removing the copy' "$tmp/build.log" && fail "an unchanged tree was copied anew"
cmp -s "$tmp/B1/bzImage" "$tmp/B3/bzImage" || fail "a rebuild of B differs"
[ -z "$(find "$b" -newer "$tmp/start" | head -1)" ] || fail "tree B was modified"
echo "t75: A then B in one cache = B in a fresh cache (bzImage $(sha256sum <"$tmp/B2/bzImage" | cut -c1-16)), A differs"
