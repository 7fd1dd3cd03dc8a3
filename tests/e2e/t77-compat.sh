#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build-compatibility patches (configs/compat.json) through "backport
# build" on fixture trees made here, with the real patch(1): a tree whose
# objtool lacks 1d489151e9f9 gets it in the scratch copy ("compat:
# applied ...", the tree untouched), a tree that has it gets nothing, a
# patch that does not apply is an error naming the patch and the file,
# and a hostile data file is refused naming the field before anything is
# copied.  The fixtures are no kernels: the builds stop at make
# tinyconfig (exit 1) after the compat step.  Then the report of a
# results document whose builds applied one (the build cell and the list
# of the row), and mail, which never carries it.
set -eu

. "$(dirname "$0")/lib.sh"
export BACKPORT_CACHE=$tmp/cache
elf=tools/objtool/elf.c

# objtool's read_symbols() before the fix (5.10.7) and after it (5.10.46);
# a fourth argument 5.4: the 5.4 elf.c's line after the hunk.
objtool() {
	mkdir -p "$1/tools/objtool"
	{
		echo 'static int read_symbols(struct elf *elf)'
		echo '{'
		printf '\tstruct section *symtab, *symtab_shndx, *sec;\n'
		echo ''
		printf '\tsymtab = find_section_by_name(elf, ".symtab");\n'
		printf '\tif (!symtab) {\n'
		if [ "$2" = before ]; then
			printf '\t\tWARN("missing symbol table");\n'
			printf '\t\treturn %s;\n' "${3:--1}"
		else
			printf '\t\treturn 0;\n'
		fi
		printf '\t}\n'
		echo ''
		if [ "${4:-}" = 5.4 ]; then
			printf '\tsymbols_nr = symtab->sh.sh_size / symtab->sh.sh_entsize;\n'
		else
			printf '\tsymtab_shndx = find_section_by_name(elf, ".symtab_shndx");\n'
		fi
		echo '}'
	} >"$1/$elf"
	touch -d @1600000000 "$1/$elf"
}

build() {
	rc=0
	"$BACKPORT" build --branch 5.10.y --tree "$1" --json >"$tmp/out" 2>"$tmp/err" || rc=$?
}

# 1. Needed: applied to the copy, recorded, the tree untouched.
mktree "$tmp/old" 0
objtool "$tmp/old" before
sum=$(sha256sum "$tmp/old/$elf")
build "$tmp/old"
[ $rc -eq 1 ] || { cat "$tmp/err"; fail "fixture build: exit $rc, want 1 (make tinyconfig)"; }
grep -q "^backport build: 5.10.y: compat: applied 1d489151e9f9 (objtool: Don't fail on missing symbol table)$" "$tmp/err" ||
	{ cat "$tmp/err"; fail "no \"compat: applied\" line"; }
grep -q 'tinyconfig failed' "$tmp/err" || { cat "$tmp/err"; fail "the build did not go on to the configuration"; }
[ "$(jq -r '.compat | join(" ")' "$tmp/out")" = 1d489151e9f9d1647110277ff77282fe4d96d09b ] ||
	fail "--json compat: $(jq -c .compat "$tmp/out")"
copy=$BACKPORT_CACHE/work/5.10.y/base/src
grep -q 'A missing symbol table is actually possible' "$copy/$elf" || fail "the copy's elf.c is not patched"
grep -q 'WARN("missing symbol table")' "$copy/$elf" && fail "the copy's elf.c still warns"
[ "$(stat -c %Y "$copy/$elf")" = 1600000000 ] || fail "the patched elf.c lost the tree's mtime"
[ "$(sha256sum "$tmp/old/$elf")" = "$sum" ] || fail "the tree was modified"
[ ! -e "$copy/.pc" ] || fail "quilt state in the base copy"
# The patched variant: compat first, then the port's own quilt series only.
"$BACKPORT" build --branch 5.10.y --tree "$tmp/old" --patched >/dev/null 2>"$tmp/err" || true
grep -q 'compat: applied 1d489151e9f9' "$tmp/err" || { cat "$tmp/err"; fail "patched: no compat line"; }
pcopy=$BACKPORT_CACHE/work/5.10.y/patched/src
[ "$(cat "$pcopy/.pc/applied-patches")" = mm-thp-use-head-page-in-__migration_entry_wait.patch ] ||
	fail "the port's quilt series holds more than the port: $(cat "$pcopy/.pc/applied-patches")"
grep -q '^	page = compound_head(page);$' "$pcopy/mm/migrate.c" || fail "port not pushed after compat"

# 2. A rebuild keeps the copy (same inputs); other compat data does not.
build "$tmp/old"
grep -q 'removing the copy' "$tmp/err" && { cat "$tmp/err"; fail "same inputs: copy removed"; }
grep -q 'compat: applied 1d489151e9f9' "$tmp/err" || fail "rebuild: compat not applied again"
r=$tmp/root
mkdir -p "$r"
cp -r "$here/configs" "$here/ports" "$here/series" "$here/upstream" "$here/tests" "$r/"
echo >>"$r/configs/compat/1d489151e9f9.patch"
BACKPORT_ROOT=$r build "$tmp/old"
grep -q 'made from other inputs: removing the copy and O= directory' "$tmp/err" ||
	{ cat "$tmp/err"; fail "changed compat patch: the copy was kept"; }

# 3. A tree that has the fix gets nothing; one without objtool neither.
mktree "$tmp/new" 0
objtool "$tmp/new" after
build "$tmp/new"
[ $rc -eq 1 ] || { cat "$tmp/err"; fail "fixed tree: exit $rc"; }
grep -q 'compat:' "$tmp/err" && { cat "$tmp/err"; fail "a tree with the fix got a compat patch"; }
[ "$(jq -c .compat "$tmp/out")" = '[]' ] || fail "fixed tree: compat $(jq -c .compat "$tmp/out")"
mktree "$tmp/none" 0
build "$tmp/none"
grep -q 'compat:' "$tmp/err" && fail "a tree without objtool got a compat patch"

# 3b. The group's second entry: only the 5.4.y diff fits a 5.4-shaped elf.c.
mktree "$tmp/v54" 0
objtool "$tmp/v54" before -1 5.4
build "$tmp/v54"
[ $rc -eq 1 ] || { cat "$tmp/err"; fail "5.4-shaped tree: exit $rc, want 1"; }
grep -q 'compat: applied 1d489151e9f9' "$tmp/err" || { cat "$tmp/err"; fail "5.4-shaped tree: not applied"; }
[ "$(grep -c 'compat: applied' "$tmp/err")" = 1 ] || fail "5.4-shaped tree: more than one entry of the group applied"
copy=$BACKPORT_CACHE/work/5.10.y/base/src
grep -q 'A missing symbol table is actually possible' "$copy/$elf" || fail "5.4-shaped tree: copy not patched"
grep -q '^	symbols_nr = symtab' "$copy/$elf" || fail "5.4-shaped tree: the context line is gone"
grep -q '1d489151e9f9-5.4.patch' "$BACKPORT_CACHE/work/5.10.y/base/build.log" ||
	{ cat "$BACKPORT_CACHE/work/5.10.y/base/build.log"; fail "5.4-shaped tree: the log does not name the 5.4 diff"; }

# 4. Needed, but the context differs: exit 2 naming the patch and the file.
mktree "$tmp/odd" 0
objtool "$tmp/odd" before -2
build "$tmp/odd"
[ $rc -eq 2 ] || { cat "$tmp/err"; fail "compat patch that does not apply: exit $rc, want 2"; }
grep -q "compat patch configs/compat/1d489151e9f9.patch (1d489151e9f9 \"objtool: Don't fail on missing symbol table\") does not apply to $elf: Hunk #1 FAILED at 354; see " "$tmp/err" ||
	{ cat "$tmp/err"; fail "the error does not name the patch and the file"; }
grep -q tinyconfig "$tmp/err" && fail "the build went on after a failed compat patch"

# 5. Hostile data: refused with the field, nothing copied.
for c in '.compat[0].patch = "/etc/passwd"|compat[0].patch: "/etc/passwd" is not a relative path inside the project' \
	 '.compat[0].patch = "../../x.patch"|compat[0].patch: "../../x.patch" is not a relative path' \
	 '.compat[0].commit = "1d489151e9f9"|compat[0].commit: "1d489151e9f9" is not a commit id' \
	 '.compat[0].needed_if.file = "/etc/shadow"|compat[0].needed_if.file: "/etc/shadow" is not a relative path inside the tree' \
	 '.compat[0].subject = "objtool: something else"|compat[0].patch: configs/compat/1d489151e9f9.patch: subject'; do
	rm -rf "$r/configs" "$BACKPORT_CACHE/work"
	cp -r "$here/configs" "$r/"
	jq "${c%%|*}" "$here/configs/compat.json" >"$r/configs/compat.json"
	BACKPORT_ROOT=$r build "$tmp/old"
	[ $rc -eq 2 ] || { cat "$tmp/err"; fail "${c%%|*}: exit $rc, want 2"; }
	grep -qF "configs/compat.json: ${c#*|}" "$tmp/err" || { cat "$tmp/err"; fail "${c%%|*}: message"; }
	[ ! -e "$BACKPORT_CACHE/work/5.10.y/base/src" ] || fail "${c%%|*}: copied anyway"
done

# 6. The report shows a variant's compat patches; mail does not carry them.
rm -rf "$r"
mkdir -p "$r"
cp -r "$here/configs" "$here/ports" "$here/series" "$here/upstream" "$here/results" \
	"$here/MAINTAINERS.txt" "$r/"
jq '.ab.a.build.compat = ["1d489151e9f9d1647110277ff77282fe4d96d09b"] | .ab.b.build.compat = ["1d489151e9f9d1647110277ff77282fe4d96d09b"]' \
	"$here/results/5.10.y.json" >"$r/results/5.10.y.json"
BACKPORT_ROOT=$r "$BACKPORT" report -o "$tmp/report.md" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "report"; }
grep -q '^| 5.10.y | port | .* | base ok [0-9]*s + compat 1d489151e9f9, patched ok [0-9]*s + compat 1d489151e9f9 |' "$tmp/report.md" ||
	{ grep '^| 5.10.y' "$tmp/report.md"; fail "build cell without the compat patches"; }
grep -q "^- patched: 1d489151e9f9 (\"objtool: Don't fail on missing symbol table\")$" "$tmp/report.md" ||
	fail "the row does not list its compat patches"
BACKPORT_ROOT=$r "$BACKPORT" report --format json -o "$tmp/report.json" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "report --format json"; }
[ "$(jq -r '.branches[] | select(.branch == "5.10.y") | .compat | map(.variant) | join(" ")' "$tmp/report.json")" = "base patched" ] ||
	fail "report --format json: compat"
BACKPORT_ROOT=$r SOURCE_DATE_EPOCH=1700000000 "$BACKPORT" mail --branch 5.10.y -o "$tmp/mail" >/dev/null 2>&1 ||
	fail "mail"
grep -l -e 1d489151e9f9 -e objtool -e compat "$tmp/mail"/* && fail "mail carries the compat patch"
echo "t77: compat applied where the tree needs it (copy only), nothing where it has it, errors named"
