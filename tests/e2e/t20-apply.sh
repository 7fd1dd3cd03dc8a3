#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport apply with the real quilt on a small fixture kernel tree made
# here: applies (also at an offset and read-only), leaves the tree
# untouched, refuses fuzz (exit 1), refuses a non-kernel dir (exit 2),
# and --keep leaves a patched copy quilt can pop.
set -eu

. "$(dirname "$0")/lib.sh"
: "${BACKPORT_ROOT:=$here}"
export BACKPORT_ROOT
command -v quilt >/dev/null || fail "quilt not installed"
export TMPDIR=$tmp/scratch
mkdir -p "$TMPDIR"

sums() { (cd "$1" && find . -type f -exec sha256sum {} + | sort -k2; ls -lR --time-style=+%s . ); }

# The 5.10.y port's hunk starts where configs/branches.json records it in
# 5.10.46; mktree's starts at line 295 + PAD.
at=$(jq '.branches[] | select(.branch == "5.10.y") | .hunks[0].old_start' \
	"$BACKPORT_ROOT/configs/branches.json")
pad=$((at - 295))

# 1. Exact position, partial (--check) and full copy.
mktree "$tmp/k1" $pad
sums "$tmp/k1" >"$tmp/before"
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k1" --check >"$tmp/out" ||
	{ cat "$tmp/out"; fail "apply --check on the fixture failed"; }
grep -q '^applied  mm-thp-use-head-page-in-__migration_entry_wait.patch$' "$tmp/out" ||
	{ cat "$tmp/out"; fail "patch not reported as applied"; }
grep -q '1 of 1 applied, 0 failed; fix state after: fixed; tree untouched' "$tmp/out" ||
	{ cat "$tmp/out"; fail "summary line"; }
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k1" --json >"$tmp/json" ||
	fail "full apply failed"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["applied"]==1 and d["failed"]==0 and d["mode"]=="full" and d["patches"][0]["status"]=="applied", d' "$tmp/json" ||
	fail "--json result"
sums "$tmp/k1" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "the fixture tree was modified"
[ -z "$(ls -A "$TMPDIR")" ] || fail "scratch left in \$TMPDIR: $(ls "$TMPDIR")"

# 2. Offset, read-only tree.
mktree "$tmp/k2" $((pad + 17))
chmod -R a-w "$tmp/k2"
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k2" >"$tmp/out" ||
	{ cat "$tmp/out"; fail "apply on a read-only tree failed"; }
grep -q "^offset   .*Hunk #1 succeeded at $((at + 17)) (offset 17 lines)" "$tmp/out" ||
	{ cat "$tmp/out"; fail "offset not reported"; }

# 3. --keep: a patched copy, quilt state inside, original untouched.
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k1" --keep "$tmp/kept" >/dev/null 2>&1 ||
	fail "apply --keep failed"
grep -q '^	page = compound_head(page);$' "$tmp/kept/mm/migrate.c" || fail "--keep copy not patched"
(cd "$tmp/kept" && QUILT_PATCHES=$BACKPORT_ROOT/ports/5.10.y \
	QUILT_SERIES=$BACKPORT_ROOT/series/5.10.y quilt --quiltrc=- pop -a >/dev/null) ||
	fail "quilt pop in the --keep copy"
cmp -s "$tmp/kept/mm/migrate.c" "$tmp/k1/mm/migrate.c" || fail "pop did not restore"
rc=0
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k1" --keep "$tmp/kept" >/dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "--keep into an existing dir: exit $rc, want 2"

# 4. Changed context (would need fuzz): FAILED, exit 1.
mktree "$tmp/k3" $pad
sed -i 's/^\t \* is zero; but we must not/\t * is zero; we must never/' "$tmp/k3/mm/migrate.c"
sed -i 's/^\t\tgoto out;$/\t\treturn;/' "$tmp/k3/mm/migrate.c"
sums "$tmp/k3" >"$tmp/before"
rc=0
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k3" --check >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "fuzzy context: exit $rc, want 1"; }
grep -q '^FAILED   mm-thp-.*Hunk #1 FAILED' "$tmp/out" || { cat "$tmp/out"; fail "FAILED not reported"; }
grep -q '0 of 1 applied, 1 failed' "$tmp/out" || fail "summary after failure"
sums "$tmp/k3" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "the failing fixture was modified"

# 5. Already fixed: the patch does not apply again.
mktree "$tmp/k4" $pad
sed -i 's/^\tpage = migration_entry_to_page(entry);$/&\n\tpage = compound_head(page);/' "$tmp/k4/mm/migrate.c"
rc=0
"$BACKPORT" apply --branch 5.10.y --tree "$tmp/k4" --check >"$tmp/out" 2>&1 || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "already fixed tree: exit $rc, want 1"; }

# 6. Not a kernel tree, missing tree: exit 2.
mkdir -p "$tmp/notkernel"
echo 'all:' >"$tmp/notkernel/Makefile"
for d in "$tmp/notkernel" "$tmp/nonexistent"; do
	rc=0
	"$BACKPORT" apply --branch 5.10.y --tree "$d" >"$tmp/out" 2>&1 || rc=$?
	[ $rc -eq 2 ] || { cat "$tmp/out"; fail "$d: exit $rc, want 2"; }
done
rc=0
"$BACKPORT" apply --branch 4.19.y --tree "$tmp/k1" >/dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "not-ported branch: exit $rc, want 2"

echo "t20: apply on fixture trees OK"
