#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A new patched copy starts as hard links of the base copy (cp -al, then
# the usual rsync replaces what differs) instead of copying the tree again.  Nothing may
# write through such a link: not the compat patch (patch(1)), not the
# port's "quilt push", not a rebuild of either variant.  A fixture tree
# that needs the compat patch; the builds stop at make tinyconfig (exit 1)
# after the copy, compat and patch steps.  Checked: the base copy and the
# user's tree are byte- and inode-identical before and after every
# patched build, the patched copy links the untouched files and has its
# own mm/migrate.c and elf.c, and a base copy of other inputs is not
# linked at all.
set -eu

. "$(dirname "$0")/lib.sh"
export BACKPORT_CACHE=$tmp/cache
elf=tools/objtool/elf.c
t=$tmp/tree
mktree "$t" 0
mkdir -p "$t/tools/objtool" "$t/lib"
{
	echo 'static int read_symbols(struct elf *elf)'
	echo '{'
	printf '\tstruct section *symtab, *symtab_shndx, *sec;\n'
	echo ''
	printf '\tsymtab = find_section_by_name(elf, ".symtab");\n'
	printf '\tif (!symtab) {\n'
	printf '\t\tWARN("missing symbol table");\n'
	printf '\t\treturn -1;\n'
	printf '\t}\n'
	echo ''
	printf '\tsymtab_shndx = find_section_by_name(elf, ".symtab_shndx");\n'
	echo '}'
} >"$t/$elf"
echo 'untouched' >"$t/lib/plain.c"
touch -d @1600000000 "$t/$elf" "$t/lib/plain.c"
base=$BACKPORT_CACHE/work/5.10.y/base/src
pat=$BACKPORT_CACHE/work/5.10.y/patched/src

# path, inode, links and sha256 of every file under $1
listing() {
	(cd "$1" && find . -type f ! -path './.pc/*' | LC_ALL=C sort |
		while read -r f; do
			printf '%s %s %s\n' "$f" "$(stat -c %i "$f")" "$(sha256sum <"$f")"
		done)
}
build() {
	rc=0
	"$BACKPORT" build --branch 5.10.y --tree "$t" "$@" >/dev/null 2>"$tmp/err" || rc=$?
	[ $rc -eq 1 ] || { cat "$tmp/err"; fail "build $*: exit $rc, want 1 (make tinyconfig)"; }
}
inode() { stat -c %i "$1"; }

tree0=$(listing "$t")
build
grep -q 'hard links' "$tmp/err" && fail "the base copy was linked to something"
base0=$(listing "$base")
grep -q 'A missing symbol table is actually possible' "$base/$elf" || fail "base: compat not applied"

for round in 1 2; do
	build --patched
	if [ $round = 1 ]; then
		grep -q "copying $t (5.10.40) to $pat, starting from hard links of $base\$" "$tmp/err" ||
			{ cat "$tmp/err"; fail "the new patched copy did not link the base copy"; }
	else
		grep -q "hard links" "$tmp/err" && fail "round 2: an existing copy linked again"
	fi
	[ "$(listing "$base")" = "$base0" ] || fail "round $round: a patched build wrote into the base copy"
	[ "$(listing "$t")" = "$tree0" ] || fail "round $round: a patched build wrote into the tree"
	grep -q '^	page = compound_head(page);$' "$pat/mm/migrate.c" || fail "round $round: port not pushed"
	grep -q 'A missing symbol table is actually possible' "$pat/$elf" ||
		fail "round $round: patched: compat not applied"
	[ "$(inode "$pat/lib/plain.c")" = "$(inode "$base/lib/plain.c")" ] ||
		fail "round $round: an unchanged file was copied, not linked"
	[ "$(inode "$pat/mm/migrate.c")" != "$(inode "$base/mm/migrate.c")" ] ||
		fail "round $round: the pushed mm/migrate.c is the base copy's file"
	[ "$(inode "$pat/$elf")" != "$(inode "$base/$elf")" ] ||
		fail "round $round: the compat-patched elf.c is the base copy's file"
done
linked=$(find "$pat" -type f -links +1 ! -path '*/.pc/*' | wc -l)
# A base rebuild after the patched one writes nothing into the patched copy.
pat0=$(listing "$pat")
touch -d @1600000001 "$t/lib/plain.c"
build
[ "$(listing "$pat")" = "$pat0" ] || fail "a base rebuild wrote into the patched copy"
grep -q untouched "$base/lib/plain.c" || fail "base: lib/plain.c lost"

# A base copy of other inputs (another tree) is not linked.
rm -rf "$BACKPORT_CACHE/work/5.10.y/patched"
echo '/* other */' >>"$t/lib/plain.c"
build --patched
grep -q 'hard links' "$tmp/err" && { cat "$tmp/err"; fail "a base copy of another tree was linked"; }
grep -q other "$pat/lib/plain.c" || fail "the patched copy is not of the tree"
echo "t76: patched copy links $linked files of the base copy; nothing written through"
