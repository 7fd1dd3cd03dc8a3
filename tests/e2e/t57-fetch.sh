#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport fetch with the real curl, gpgv and tar from a file:// mirror
# made here with kernel.org's layout (v5.x/linux-5.10.N.tar.xz and a
# sha256sums.asc clear-signed with a throwaway key): the fixture kernel of
# lib.sh as 5.10.N releases of the 5.10.y row.  A good fetch (signature
# checked), a second one reusing the tree without the mirror, no keyring
# (said so), a wrong and a missing checksum, a tampered signature, a
# partial download that resumes and a bad one that starts again, a
# tarball without its top directory, a version of another branch (refused
# before any download), apply and verify --version fetching the tree, and
# a runner's BACKPORT_TREE_5_10 winning over --version.
set -eu

. "$(dirname "$0")/lib.sh"
: "${BACKPORT_ROOT:=$here}"
export BACKPORT_ROOT
for p in curl gpg gpgv gpgconf tar xz sha256sum quilt; do
	command -v $p >/dev/null || fail "$p not installed (see ci/packages.txt)"
done
tmp=$(cd "$tmp" && pwd -P)
export GNUPGHOME=$tmp/gnupg
trap 'gpgconf --kill all 2>/dev/null; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
unset BACKPORT_KEYRING BACKPORT_TREE_5_10 BACKPORT_TREE_5_4
export BACKPORT_CACHE=$tmp/cache TMPDIR=$tmp/scratch
m=$tmp/mirror v=$tmp/mirror/v5.x
export BACKPORT_MIRROR=file://$m/
mkdir -p "$TMPDIR" "$v" "$tmp/rel"
src=$BACKPORT_CACHE/src dl=$BACKPORT_CACHE/download

# release N [TOP]: the fixture as 5.10.N in $v/linux-5.10.N.tar.xz, its
# top directory TOP (default linux-5.10.N).
release() {
	top=${2:-linux-5.10.$1}
	rm -rf "$tmp/rel/$top"
	mktree "$tmp/rel/$top" 0
	sed -i "s/^SUBLEVEL = 40\$/SUBLEVEL = $1/" "$tmp/rel/$top/Makefile"
	echo "release 5.10.$1 of t57" >"$tmp/rel/$top/FIXTURE"
	tar -C "$tmp/rel" -cJf "$v/linux-5.10.$1.tar.xz" "$top"
}
for n in 46 44 43 42 41 39 38 37 35; do release $n; done
release 36 linux

mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key \
	'backport t57 <t57@example.invalid>' ed25519 sign never 2>/dev/null
gpg --batch --export >"$tmp/keyring.gpg"
ones=1111111111111111111111111111111111111111111111111111111111111111
# sign: sha256sums.asc of every tarball but 5.10.42, 5.10.43's sum wrong
sign() {
	(cd "$v" && sha256sum linux-*.tar.xz | grep -v ' linux-5\.10\.42\.' |
		sed "/ linux-5\.10\.43\./s/^[0-9a-f]*/$ones/") >"$tmp/sums"
	gpg --batch --yes --quiet --clearsign -o "$v/sha256sums.asc" "$tmp/sums"
}
sign

# expect_fail WHAT CMD...: exit 2, stderr in $tmp/err
expect_fail() {
	what=$1
	shift
	rc=0
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc -eq 2 ] || { cat "$tmp/err"; fail "$what: exit $rc, want 2"; }
}
has() { grep -qF -- "$1" "$tmp/err" || { cat "$tmp/err"; fail "$2: no \"$1\""; }; }
none_left() {
	[ ! -e "$src/linux-5.10.$1" ] || fail "$2: linux-5.10.$1 unpacked"
	[ ! -e "$dl/linux-5.10.$1.tar.xz.part" ] || fail "$2: .part left"
	! ls -a "$src" 2>/dev/null | grep -q '^\.unpack' || fail "$2: unpack dir left"
	! ls "$dl" 2>/dev/null | grep -q 'sha256sums' || fail "$2: sha256sums left"
}

"$BACKPORT" fetch --help | grep -q '^usage: backport fetch --branch B \[--version X.Y.Z\]' ||
	fail "fetch --help"

# 1. Good fetch of the row's release, signature checked.
BACKPORT_KEYRING=$tmp/keyring.gpg "$BACKPORT" fetch --branch 5.10.y \
	>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "good fetch: exit $?"; }
[ "$(tail -n 1 "$tmp/out")" = "$src/linux-5.10.46" ] ||
	{ cat "$tmp/out"; fail "last line is not the tree's path"; }
has "signature of file://$v/sha256sums.asc good (gpgv --keyring $tmp/keyring.gpg)" "good fetch"
has "sha256 $(sha256sum <"$v/linux-5.10.46.tar.xz" | cut -d' ' -f1) ok" "good fetch"
grep -q '^release 5.10.46 of t57$' "$src/linux-5.10.46/FIXTURE" || fail "tree lacks the fixture files"
cmp -s "$src/linux-5.10.46/mm/migrate.c" "$tmp/rel/linux-5.10.46/mm/migrate.c" ||
	fail "mm/migrate.c differs"
[ ! -e "$dl/linux-5.10.46.tar.xz.part" ] || fail "download kept after unpacking"
none_left 99 "good fetch"

# 2. A second fetch reuses the tree: the mirror is not even read.
BACKPORT_MIRROR=file://$tmp/nowhere "$BACKPORT" fetch --branch 5.10.y --version 5.10.46 \
	>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "second fetch: exit $?"; }
[ "$(tail -n 1 "$tmp/out")" = "$src/linux-5.10.46" ] || fail "second fetch: path"
has "linux-5.10.46 already unpacked in $src/linux-5.10.46: reused, nothing downloaded" "second fetch"

# 3. No keyring: the checksum alone, and a line saying so.
"$BACKPORT" fetch --branch 5.10.y --version 5.10.44 >"$tmp/out" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "fetch without keyring: exit $?"; }
has "warning: signature of file://$v/sha256sums.asc not checked (BACKPORT_KEYRING is not set): trusting the checksum alone" "no keyring"
[ -f "$src/linux-5.10.44/FIXTURE" ] || fail "no keyring: not unpacked"

# 4. Wrong checksum: exit 2, named, nothing unpacked, download removed.
expect_fail "wrong checksum" "$BACKPORT" fetch --branch 5.10.y --version 5.10.43
has "error: sha256 mismatch for linux-5.10.43.tar.xz from file://$v/linux-5.10.43.tar.xz: got " "wrong checksum"
has "file://$v/sha256sums.asc says $ones;" "wrong checksum"
has "download removed, nothing unpacked" "wrong checksum"
none_left 43 "wrong checksum"

# 5. No checksum line: nothing downloaded at all.
expect_fail "missing checksum" "$BACKPORT" fetch --branch 5.10.y --version 5.10.42
has "error: no sha256 for linux-5.10.42.tar.xz in file://$v/sha256sums.asc (mirror file://$m): refusing an unchecked download, nothing unpacked" "missing checksum"
none_left 42 "missing checksum"

# 6. A tampered list (another tarball, its sum edited in the signed text)
# is refused with a keyring.
cp "$v/sha256sums.asc" "$tmp/good.asc"
cp "$v/linux-5.10.41.tar.xz" "$tmp/good.tar.xz"
cp "$v/linux-5.10.44.tar.xz" "$v/linux-5.10.41.tar.xz"
sed -i "s/^$(sha256sum <"$tmp/good.tar.xz" | cut -d' ' -f1) /$(sha256sum <"$v/linux-5.10.41.tar.xz" | cut -d' ' -f1) /" \
	"$v/sha256sums.asc"
! cmp -s "$v/sha256sums.asc" "$tmp/good.asc" || fail "tampering did not change the list"
expect_fail "tampered signature" env BACKPORT_KEYRING="$tmp/keyring.gpg" \
	"$BACKPORT" fetch --branch 5.10.y --version 5.10.41
has "error: signature of file://$v/sha256sums.asc refused (gpgv --keyring $tmp/keyring.gpg): gpgv: BAD signature" "tampered"
none_left 41 "tampered signature"
expect_fail "keyring missing" env BACKPORT_KEYRING="$tmp/no-keyring" \
	"$BACKPORT" fetch --branch 5.10.y --version 5.10.41
has "BACKPORT_KEYRING=$tmp/no-keyring: not a keyring file" "keyring missing"
cp "$tmp/good.asc" "$v/sha256sums.asc"
cp "$tmp/good.tar.xz" "$v/linux-5.10.41.tar.xz"

# 7. An interrupted download: a truncated .part resumes; a .part that
# cannot be resumed (longer than the tarball) starts again.
mkdir -p "$dl"
head -c 200 "$v/linux-5.10.41.tar.xz" >"$dl/linux-5.10.41.tar.xz.part"
BACKPORT_KEYRING=$tmp/keyring.gpg "$BACKPORT" fetch --branch 5.10.y --version 5.10.41 \
	>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "resume: exit $?"; }
has "resuming file://$v/linux-5.10.41.tar.xz (200 bytes in $dl/linux-5.10.41.tar.xz.part)" "resume"
has "linux-5.10.41.tar.xz downloaded, sha256 " "resume"
[ "$(tail -n 1 "$tmp/out")" = "$src/linux-5.10.41" ] || fail "resume: path"
[ -f "$src/linux-5.10.41/FIXTURE" ] || fail "resume: not unpacked"
head -c 100000 /dev/urandom >"$dl/linux-5.10.39.tar.xz.part"
"$BACKPORT" fetch --branch 5.10.y --version 5.10.39 >"$tmp/out" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "restart: exit $?"; }
has "warning: resuming linux-5.10.39.tar.xz failed (curl: (36)" "restart"
has "downloading it again" "restart"
grep -q '^release 5.10.39 of t57$' "$src/linux-5.10.39/FIXTURE" || fail "restart: tree"
none_left 99 "resume"

# 8. A tarball without its linux-5.10.36/ top directory.
expect_fail "wrong top directory" "$BACKPORT" fetch --branch 5.10.y --version 5.10.36
has "linux-5.10.36.tar.xz from file://$v/linux-5.10.36.tar.xz: want a single top directory linux-5.10.36/, found linux" "top dir"
[ ! -e "$src/linux-5.10.36" ] && [ ! -e "$src/linux" ] || fail "top dir: something unpacked"
! ls -a "$src" | grep -q '^\.unpack' || fail "top dir: unpack dir left"

# 9. A version of another branch, a Debian row without one, a bad number:
# refused before any download.
rm -rf "$dl"
expect_fail "other branch" "$BACKPORT" fetch --branch 5.10.y --version 5.4.128
has "error: --version 5.4.128 is not a 5.10.y release: 5.10.y takes 5.10.N" "other branch"
expect_fail "other branch (apply)" "$BACKPORT" apply --branch 5.10.y --version 5.4.128
has "error: --version 5.4.128 is not a 5.10.y release" "apply other branch"
expect_fail "no release" "$BACKPORT" fetch --branch 6.1.y
has "6.1.y has no kernel.org \"release\" in configs/branches.json (its tree is Debian's linux-source-6.1): pass --version 6.1.N" "no release"
expect_fail "bad number" "$BACKPORT" fetch --branch 5.10.y --version 5.10.046
has "version \"5.10.046\" is not a kernel.org release number" "bad number"
expect_fail "no branch" "$BACKPORT" fetch --version 5.10.46
[ ! -e "$dl" ] || fail "refused versions still downloaded: $(ls "$dl")"

# 10. apply and verify --version resolve the tree through fetch.
"$BACKPORT" apply --branch 5.10.y --version 5.10.38 --check >"$tmp/out" 2>"$tmp/err" ||
	{ cat "$tmp/out" "$tmp/err"; fail "apply --version: exit $?"; }
has "fetching linux-5.10.38 (5.10.y) from file://$v/" "apply --version"
grep -q "apply 5.10.y to $src/linux-5.10.38 (5.10.38, partial copy): 1 of 1 applied, 0 failed" "$tmp/out" ||
	{ cat "$tmp/out"; fail "apply --version: summary"; }
rc=0
"$BACKPORT" verify --branch 5.10.y --version 5.10.37 >"$tmp/out" 2>"$tmp/err" || rc=$?
has "fetching linux-5.10.37 (5.10.y) from file://$v/" "verify --version"
# The tree and how it was found (the results' tree.source).
has "verify 5.10.y (port): tree $src/linux-5.10.37 (kernel.org linux-5.10.37.tar.xz; 5.10.37, vulnerable)" "verify --version"
# (the fixture is no kernel: its build fails at once)
[ $rc -eq 2 ] || { cat "$tmp/err"; fail "verify on the fixture: exit $rc, want 2"; }

# 11. A runner's BACKPORT_TREE_5_10 wins over --version: nothing fetched.
mktree "$tmp/runner" 0
BACKPORT_TREE_5_10=$tmp/runner "$BACKPORT" apply --branch 5.10.y --version 5.10.35 --check \
	>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "runner's tree: exit $?"; }
has "BACKPORT_TREE_5_10 names the tree ($tmp/runner): --version 5.10.35 not fetched" "runner's tree"
grep -q "apply 5.10.y to $tmp/runner (5.10.40" "$tmp/out" || { cat "$tmp/out"; fail "runner's tree: summary"; }
[ ! -e "$src/linux-5.10.35" ] || fail "runner's tree: --version fetched"

echo "t57: fetch from a file:// mirror OK"
