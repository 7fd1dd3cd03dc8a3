#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport mail, byte for byte: with SOURCE_DATE_EPOCH fixed, the mbox of
# every stable port equals the committed tests/fixtures/golden/mail/ one.
# A change to the mails (ports, trailers, Cc, evidence under ---) must
# update those files in the same commit, saying so.
set -eu

. "$(dirname "$0")/lib.sh"
gold=$here/tests/fixtures/golden/mail
SOURCE_DATE_EPOCH=1782864000 "$BACKPORT" mail -o "$tmp/out" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; fail "mail failed"; }
n=0
for g in "$gold"/*.mbox; do
	b=$(basename "$g" .mbox)
	[ -f "$tmp/out/$b/$b.mbox" ] || fail "$b: no mbox written"
	cmp -s "$g" "$tmp/out/$b/$b.mbox" ||
		{ diff -u "$g" "$tmp/out/$b/$b.mbox" | head -40; fail "$b: mail differs from $g"; }
	n=$((n + 1))
done
[ "$n" -ge 1 ] || fail "no golden mail in $gold"
# Every branch mailed has a golden file.
for d in "$tmp/out"/*/; do
	b=$(basename "$d")
	[ -f "$gold/$b.mbox" ] || fail "$b: mailed, but no $gold/$b.mbox"
done
echo "t42: $n mails byte-identical to tests/fixtures/golden/mail/"
