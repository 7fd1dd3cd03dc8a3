# SPDX-License-Identifier: GPL-2.0
# Shared prologue of the end-to-end tests (sourced, not run):
#   here     the checkout;  BACKPORT  the tool under test (default ./backport)
#   tmp      a scratch directory removed on exit (also when made read-only)
#   fail MSG print "FAIL: MSG" and exit 1
#   mktree DIR PAD
#            a fixture 5.10.40 "kernel" (Makefile, mm/migrate.c) made here
#   private_home EPOCH
#            a HOME of its own with a git identity, as on a fresh CI machine
#            that has no ~/.gitconfig; SOURCE_DATE_EPOCH=EPOCH
here=$(cd "$(dirname "$0")/../.." && pwd)
: "${BACKPORT:=$here/backport}"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

private_home() {
	export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 SOURCE_DATE_EPOCH=$1
	mkdir -p "$HOME"
	git config --global user.name "Backport Test"
	git config --global user.email "backport-test@example.invalid"
	git config --global init.defaultBranch main
}

# mktree DIR PAD: a 5.10.40 "kernel" whose mm/migrate.c has PAD extra
# lines before the function (so the hunk lands at an offset).
mktree() {
	mkdir -p "$1/mm"
	printf 'VERSION = 5\nPATCHLEVEL = 10\nSUBLEVEL = 40\nEXTRAVERSION =\nNAME = Fixture\n' >"$1/Makefile"
	{
		echo '// SPDX-License-Identifier: GPL-2.0'
		echo '/* Test fixture: not kernel code, only the shape around the fix. */'
		i=0
		while [ $i -lt $((288 + $2)) ]; do
			echo "/* filler line $i */"
			i=$((i + 1))
		done
		echo 'void __migration_entry_wait(struct mm_struct *mm, pte_t *ptep,'
		echo '				spinlock_t *ptl)'
		echo '{'
		echo '	if (!is_migration_entry(entry))'
		printf '\t\tgoto out;\n'
		echo ''
		printf '\tpage = migration_entry_to_page(entry);\n'
		echo ''
		printf '\t/*\n'
		printf '\t * Once page cache replacement of page migration started, page_count\n'
		printf '\t * is zero; but we must not call put_and_wait_on_page_locked() without\n'
		printf '\t * a ref. Use get_page_unless_zero(), and just fault again if it fails.\n'
		printf '\t */\n'
		printf '\tif (!get_page_unless_zero(page))\n'
		printf '\t\tgoto out;\n'
		echo 'out:'
		echo '	return;'
		echo '}'
	} >"$1/mm/migrate.c"
}
