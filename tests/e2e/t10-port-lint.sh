#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport port --check / lint / diff on the committed ports, then lint and
# diff on deliberately broken copies (BACKPORT_ROOT=<tmp copy>): each must
# exit 1 and name FILE:LINE.
set -eu

. "$(dirname "$0")/lib.sh"
name=mm-thp-use-head-page-in-__migration_entry_wait.patch

# The committed tree is clean.
BACKPORT_ROOT=$here "$BACKPORT" port --check >"$tmp/out" ||
	{ cat "$tmp/out"; fail "port --check: committed ports differ"; }
BACKPORT_ROOT=$here "$BACKPORT" lint >"$tmp/out" ||
	{ cat "$tmp/out"; fail "lint is not clean"; }
grep -q '^lint: 4 series, 5 patches, 0 findings$' "$tmp/out" ||
	fail "lint summary: $(cat "$tmp/out")"
# Each port is refreshed against its row's release: the hunk header's
# start numbers are the row's "hunks" record, and diff says so.
for b in 5.4.y 5.10.y 5.12.y; do
	rel=$(jq -r ".branches[] | select(.branch == \"$b\") | .release" "$here/configs/branches.json")
	at=$(jq ".branches[] | select(.branch == \"$b\") | .hunks[0].old_start" "$here/configs/branches.json")
	BACKPORT_ROOT=$here "$BACKPORT" diff --branch "$b" >"$tmp/out" ||
		{ cat "$tmp/out"; fail "diff $b: unintended differences"; }
	grep -q '^+commit ffc90cbb2970ab88b66ea51dd580469eede57b67 upstream\.$' "$tmp/out" ||
		fail "diff $b does not show the upstream line"
	grep -q '^+Signed-off-by: ' "$tmp/out" || fail "diff $b: no SoB shown"
	grep -q "^-@@ -295,6 +295,7 @@ void __migration_entry_wait" "$tmp/out" &&
		grep -q "^+@@ -$at,6 +$at,7 @@ void __migration_entry_wait" "$tmp/out" ||
		{ cat "$tmp/out"; fail "diff $b: hunk header not moved to $at"; }
	grep -qF "diff: hunk 1 of mm/migrate.c: upstream @@ -295,6 +295,7 @@, port @@ -$at,6 +$at,7 @@ (refreshed against $rel): line numbers only" "$tmp/out" ||
		{ cat "$tmp/out"; fail "diff $b: the moved hunk is not named"; }
	[ "$(grep -c '^[-+][^-+]' "$tmp/out")" -eq 4 ] ||
		fail "diff $b shows more than the intended lines"
	grep -q "^diff $b: .* and the line numbers of 1 hunk (refreshed against $rel)\$" "$tmp/out" ||
		fail "diff $b: summary line"
done

# A fresh copy of the project data to break.
copy() {
	rm -rf "$tmp/r"
	mkdir -p "$tmp/r/configs"
	cp "$here/configs/branches.json" "$tmp/r/configs/"
	cp -r "$here/ports" "$here/series" "$here/upstream" "$tmp/r/"
	P=$tmp/r/ports/5.10.y/$name
}

# expect_lint FILE:LINE-REGEX WHAT: lint exits 1 and prints the finding.
expect_lint() {
	rc=0
	BACKPORT_ROOT=$tmp/r "$BACKPORT" lint >"$tmp/out" 2>&1 || rc=$?
	[ $rc -eq 1 ] || { cat "$tmp/out"; fail "$2: lint exit $rc, want 1"; }
	grep -Eq "^$1: " "$tmp/out" || { cat "$tmp/out"; fail "$2: no \"$1\" finding"; }
	BACKPORT_ROOT=$tmp/r "$BACKPORT" lint --json >"$tmp/json" || true
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="findings" and d["findings"]' "$tmp/json" ||
		fail "$2: --json output"
}

copy
sed -i '/^mm-thp/d' "$tmp/r/series/5.10.y"
expect_lint "ports/5.10.y/$name:1" "orphan patch (entry removed)"

copy
echo "missing.patch" >>"$tmp/r/series/5.4.y"
expect_lint "series/5.4.y:5" "missing series entry"

copy
cp "$P" "$tmp/r/ports/5.12.y/extra.patch"
expect_lint "ports/5.12.y/extra.patch:1" "orphan patch"

copy
sed -i 's/^commit ffc90cbb2970ab88b66ea51dd580469eede57b67 upstream\./commit ffc90cbb2970 upstream./' "$P"
expect_lint "ports/5.10.y/$name:7" "short sha"

copy
sed -i 's/^commit ffc90cbb2970ab88b66ea51dd580469eede57b67/commit 0000000000000000000000000000000000000000/' "$P"
expect_lint "ports/5.10.y/$name:7" "wrong sha"

# The optional 4.19 series: its antecedent must be one the row names.
copy
A=$tmp/r/ports/4.19.y-optional/mm-put_and_wait_on_page_locked-while-page-is-migrated.patch
sed -i 's/^commit 9a1ea439b16b92002e0a6fceebc5d1794906e297/commit 9a1ea439b16b92002e0a6fceebc5d1794906e298/' "$A"
expect_lint "ports/4.19.y-optional/${A##*/}:7" "antecedent not in the row"

# Its diff against upstream is not clean: the adjusted context is shown.
rc=0
BACKPORT_ROOT=$here "$BACKPORT" diff --branch 4.19.y-optional >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "diff 4.19.y-optional: exit $rc, want 1"
grep -q '^+ 	 \* Once radix-tree replacement' "$tmp/out" ||
	{ cat "$tmp/out"; fail "diff 4.19.y-optional: adjusted context not shown"; }
# Its hunk header was refreshed by hand: line numbers only, no record.
grep -qF 'diff: hunk 1 of mm/migrate.c: upstream @@ -295,6 +295,7 @@, port @@ -322,6 +322,7 @@ (refreshed by hand, no record in configs/branches.json): line numbers only' "$tmp/out" ||
	{ cat "$tmp/out"; fail "diff 4.19.y-optional: the refreshed header is not named"; }
if grep -q '^diff: unintended: .*@@ -' "$tmp/out"; then
	fail "diff 4.19.y-optional: a line-number refresh counted as unintended"
fi

# port never regenerates it; mail refuses it.
BACKPORT_ROOT=$here "$BACKPORT" port --check --branch 4.19.y-optional >"$tmp/out" 2>&1 ||
	{ cat "$tmp/out"; fail "port --check --branch 4.19.y-optional"; }
grep -q 'kept by hand' "$tmp/out" || fail "port: no note for the optional series"

copy
sed -i 's/^\(Fixes: ba98828088ad ("thp: add option to setup migration\) \(entries during PMD split")\)$/\1\n  \2/' "$P"
expect_lint "ports/5.10.y/$name:40" "wrapped Fixes"

copy
sed -i 's/^Fixes: ba98828088ad ("\(.*\)")$/Fixes: ba98828088ad \1/' "$P"
expect_lint "ports/5.10.y/$name:40" "unquoted Fixes subject"

copy
sed -i 's/$/\r/' "$P"
expect_lint "ports/5.10.y/$name:1" "CRLF"
grep -q CRLF "$tmp/out" || fail "CRLF finding does not say CRLF"

copy
head -n -2 "$P" >"$tmp/cut" && cat "$tmp/cut" >"$P"
expect_lint "ports/5.10.y/$name:58" "truncated hunk"
grep -q 'truncated hunk' "$tmp/out" || fail "truncated hunk not named"

copy
sed -i '0,/^From: Xu Yu/s//From: Someone Else/' "$P"
expect_lint "ports/5.10.y/$name:5" "author not preserved"

copy
sed -i '$d' "$P" && sed -i '/^Signed-off-by: Seed /d' "$P"
expect_lint "ports/5.10.y/$name:[0-9]+" "SoB chain"

copy
sed -i 's/^+\tpage = compound_head(page);/+\tpage = compound_head(page) ;/' "$P"
expect_lint "ports/5.10.y/$name:62" "wrong fix line"

# The hunk header must be where the row records the hunk.
copy
jq '.branches |= map(if .branch == "5.10.y" then .hunks = [{"file": "mm/migrate.c", "old_start": 300}] else . end)' \
	"$here/configs/branches.json" >"$tmp/r/configs/branches.json"
expect_lint "ports/5.10.y/$name:58" "hunk header elsewhere than recorded"
grep -q 'hunk 1 of mm/migrate.c starts at -[0-9]* +[0-9]*; configs/branches.json records -300 +300 for 5.10.y (5.10.46): run "backport port"' "$tmp/out" ||
	fail "hunk position finding: $(cat "$tmp/out")"
BACKPORT_ROOT=$tmp/r "$BACKPORT" port --branch 5.10.y >/dev/null
BACKPORT_ROOT=$tmp/r "$BACKPORT" lint >/dev/null || fail "lint after port with a new record"
grep -q '^@@ -300,6 +300,7 @@ ' "$P" || fail "port did not write the recorded position"

copy
sed -i 's/^@@ -326,6 +326,7 @@/@@ -295,6 +295,7 @@/' "$P"
expect_lint "ports/5.10.y/$name:58" "hunk header at upstream's line"
grep -q 'hunk 1 of mm/migrate.c starts at -295 +295; configs/branches.json records -326 +326 for 5.10.y (5.10.46)' "$tmp/out" ||
	fail "hunk position finding: $(cat "$tmp/out")"
rc=0
BACKPORT_ROOT=$tmp/r "$BACKPORT" diff --branch 5.10.y >"$tmp/out" || rc=$?
[ $rc -eq 0 ] || { cat "$tmp/out"; fail "diff of a port at upstream's line: exit $rc, want 0"; }
if grep -q '^diff: hunk' "$tmp/out"; then fail "diff names a move that is not there"; fi

copy
sed -i 's/^@@ -326,6 +326,7 @@/@@ -320,6 +320,7 @@/' "$P"
rc=0
BACKPORT_ROOT=$tmp/r "$BACKPORT" diff --branch 5.10.y >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "diff of a port elsewhere than recorded: exit $rc, want 1"; }
grep -qF 'diff: unintended: hunk 1 of mm/migrate.c: upstream @@ -295,6 +295,7 @@, port @@ -320,6 +320,7 @@ (not where configs/branches.json records it)' "$tmp/out" ||
	{ cat "$tmp/out"; fail "diff does not name the misplaced hunk"; }

# A generated row must record where its hunks land; the record must name
# the fix's hunks.
copy
jq '(.branches[] | select(.branch == "5.12.y")) |= del(.hunks)' \
	"$here/configs/branches.json" >"$tmp/r/configs/branches.json"
expect_lint "configs/branches.json" "no hunks record"
grep -q 'branch 5.12.y records no "hunks": measure where the fix lands in 5.12.13' "$tmp/out" ||
	fail "missing record finding: $(cat "$tmp/out")"
copy
jq '(.branches[] | select(.branch == "5.12.y") | .hunks[0].file) = "mm/other.c"' \
	"$here/configs/branches.json" >"$tmp/r/configs/branches.json"
rc=0
BACKPORT_ROOT=$tmp/r "$BACKPORT" port --check >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "record of another file: exit $rc, want 2"; }
grep -q 'branch 5.12.y: hunks\[0\] is of mm/other.c, hunk 1 of the fix changes mm/migrate.c' "$tmp/out" ||
	fail "bad record not named: $(cat "$tmp/out")"

# port --check notices a hand edit and writes nothing.
copy
sed -i 's/corner but practical/corner yet practical/' "$P"
cp "$P" "$tmp/edited"
rc=0
BACKPORT_ROOT=$tmp/r "$BACKPORT" port --check >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || fail "port --check on an edited port: exit $rc, want 1"
grep -q "ports/5.10.y/$name: differs" "$tmp/out" || fail "port --check names no file"
cmp -s "$P" "$tmp/edited" || fail "port --check wrote a file"
# diff names the change; port regenerates and fixes it.
rc=0
BACKPORT_ROOT=$tmp/r "$BACKPORT" diff --branch 5.10.y >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || fail "diff on an edited port: exit $rc, want 1"
grep -q '^diff: unintended: port message line .*corner yet practical' "$tmp/out" ||
	{ cat "$tmp/out"; fail "diff does not name the edited line"; }
BACKPORT_ROOT=$tmp/r "$BACKPORT" port --branch 5.10.y >/dev/null
BACKPORT_ROOT=$tmp/r "$BACKPORT" port --check >/dev/null || fail "port did not regenerate"
cmp -s "$P" "$here/ports/5.10.y/$name" || fail "regenerated port differs from committed"
ls "$tmp/r/ports/5.10.y" | grep -q tmp && fail "temp file left behind"

echo "t10: port --check, lint, diff and 17 broken copies OK"
