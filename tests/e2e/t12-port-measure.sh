#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport port --measure on fixture trees made here: where the fix's hunk
# lands in a tree of the row's release, against the row's "hunks" record;
# the value it prints, recorded, makes "port" write a port that "apply"
# (real quilt, --fuzz=0) pushes with no offset.  Refuses a tree of another
# release (exit 2) and a fix that does not place exactly once (exit 1).
# Writes nothing.  The copy records its own position for 5.10.y (line
# 300), so the test does not depend on the committed one.
set -eu

. "$(dirname "$0")/lib.sh"
command -v quilt >/dev/null || fail "quilt not installed"
r=$tmp/r
mkdir -p "$r/configs"
cp -r "$here/ports" "$here/series" "$here/upstream" "$r/"
export BACKPORT_ROOT=$r TMPDIR=$tmp/scratch
mkdir -p "$TMPDIR"
snap() { find "$r" -type f | sort | xargs cat | cksum; }
# record N: the copy's table with 5.10.y's hunk recorded at line N, and
# its port generated from it.
record() {
	jq ".branches |= map(if .branch == \"5.10.y\" then .hunks = [{\"file\": \"mm/migrate.c\", \"old_start\": $1}] else . end)" \
		"$here/configs/branches.json" >"$r/configs/branches.json"
	"$BACKPORT" port --branch 5.10.y >/dev/null
}

at=300
pad=$((at - 295))
record $at
# mktree DIR PAD gives 5.10.40; the row's release is 5.10.46.
release() { sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 46/' "$1/Makefile"; }

# 1. The release, where the record says: exit 0.
mktree "$tmp/k1" $pad
release "$tmp/k1"
before=$(snap)
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k1" >"$tmp/out" ||
	{ cat "$tmp/out"; fail "measure on the recorded position failed"; }
grep -qF "measure 5.10.y: hunk 1 of mm/migrate.c lands at line $at in 5.10.46 (upstream @@ -295,6 +295,7 @@, offset +$pad); recorded: $at" "$tmp/out" ||
	{ cat "$tmp/out"; fail "measured line"; }
grep -q '^measure 5.10.y: configs/branches.json records these positions for 5.10.46$' "$tmp/out" ||
	{ cat "$tmp/out"; fail "no 'records these positions'"; }

# 2. Elsewhere: exit 1 and the value to record, which "port" then uses.
mktree "$tmp/k2" $((pad + 4))
release "$tmp/k2"
rc=0
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k2" >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "measure elsewhere: exit $rc, want 1"; }
grep -q "lands at line $((at + 4)) in 5.10.46 .*; recorded: $at\$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "measured line elsewhere"; }
[ "$(snap)" = "$before" ] || fail "measure wrote a file"
sed -n '/^      "hunks": \[$/,$p' "$tmp/out" >"$tmp/frag"
[ "$(head -1 "$tmp/frag")" = '      "hunks": [' ] && [ "$(tail -1 "$tmp/frag")" = '      ],' ] ||
	{ cat "$tmp/out"; fail "no \"hunks\" value printed"; }
{ echo '{'; sed '$s/,$//' "$tmp/frag"; echo '}'; } >"$tmp/frag.json"
[ "$(jq -c .hunks "$tmp/frag.json")" = "[{\"file\":\"mm/migrate.c\",\"old_start\":$((at + 4))}]" ] ||
	fail "printed value: $(cat "$tmp/frag.json")"
record "$(jq '.hunks[0].old_start' "$tmp/frag.json")"
grep -q "^@@ -$((at + 4)),6 +$((at + 4)),7 @@ " "$r/ports/5.10.y/mm-thp-use-head-page-in-__migration_entry_wait.patch" ||
	fail "port does not carry the recorded position"
"$BACKPORT" lint >/dev/null || fail "lint after recording the measure"
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k2" --check >"$tmp/out" ||
	{ cat "$tmp/out"; fail "apply after recording the measure"; }
grep -q '^applied  mm-thp-' "$tmp/out" || { cat "$tmp/out"; fail "applied with an offset"; }
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k2" >/dev/null ||
	fail "measure after recording it"
record $at
before=$(snap)

# 3. Another release: refused (exit 2), where it lands said.
mktree "$tmp/k3" $pad
rc=0
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k3" >"$tmp/out" || rc=$?
[ $rc -eq 2 ] || { cat "$tmp/out"; fail "another release: exit $rc, want 2"; }
grep -q "is 5.10.40, not the row's release 5.10.46: nothing to record (there hunk 1 of mm/migrate.c lands at line $at)\$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "refusal of 5.10.40"; }

# 4. Already fixed, or the pre-image twice: exit 1.
mktree "$tmp/k4" $pad
release "$tmp/k4"
sed -i 's/^\tpage = migration_entry_to_page(entry);$/&\n\tpage = compound_head(page);/' "$tmp/k4/mm/migrate.c"
rc=0
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k4" >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "fixed tree: exit $rc, want 1"; }
grep -q 'the fix is not to apply in 5.10.46 (fixed: ' "$tmp/out" || { cat "$tmp/out"; fail "fixed tree message"; }
mktree "$tmp/k5" $pad
release "$tmp/k5"
sed -n '/^void __migration_entry_wait/,$p' "$tmp/k5/mm/migrate.c" >"$tmp/fn"
cat "$tmp/fn" >>"$tmp/k5/mm/migrate.c"
rc=0
"$BACKPORT" port --measure --branch 5.10.y --tree "$tmp/k5" >"$tmp/out" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "twice: exit $rc, want 1"; }
grep -q "does not place cleanly: mm/migrate.c: hunk 1 of the fix could go at line $at or [0-9]* (2 places)" "$tmp/out" ||
	{ cat "$tmp/out"; fail "twice message"; }

# 5. Usage.
for args in "--measure" "--measure --branch 5.10.y --check" "--tree $tmp/k1" \
	"--measure --branch 4.19.y-optional --tree $tmp/k1" \
	"--measure --branch 4.19.y --tree $tmp/k1"; do
	rc=0
	# shellcheck disable=SC2086
	"$BACKPORT" port $args >"$tmp/out" 2>&1 || rc=$?
	[ $rc -eq 2 ] || { cat "$tmp/out"; fail "port $args: exit $rc, want 2"; }
done
[ "$(snap)" = "$before" ] || fail "measure wrote a file"

echo "t12: port --measure on fixture trees OK"
