#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport mail -> real "b4 am" / "git am" / "git send-email --dry-run":
# for every port row with a series, the mailed mbox must give back the same
# patch (same diff by patch-id, same commit message and trailers, author
# kept), apply to a fixture tree, and be accepted by git send-email
# without sending anything.  Uses $BACKPORT_ROOT (default: this checkout).
set -eu

. "$(dirname "$0")/lib.sh"
: "${BACKPORT_ROOT:=$here}"
export BACKPORT_ROOT
private_home 1624000000

for t in b4 git; do command -v $t >/dev/null || fail "$t not installed"; done
[ -x "$(git --exec-path)/git-send-email" ] || fail "git send-email (git-email) not installed"

branches=$("$BACKPORT" matrix | awk '$2 == "port" && $3 != "(optional)" { print $1 }')
[ -n "$branches" ] || fail "no port rows in the branch table"

# An optional series is never mailed: exit 1, nothing written.
for b in $("$BACKPORT" matrix | awk '$3 == "(optional)" { print $1 }'); do
	rc=0
	"$BACKPORT" mail --branch "$b" -o "$tmp/optional" >"$tmp/out" 2>&1 || rc=$?
	[ $rc -eq 1 ] || fail "mail --branch $b: exit $rc, want 1"
	grep -q 'not for stable submission' "$tmp/out" || fail "mail $b: no reason given"
	[ ! -e "$tmp/optional/$b.mbox" ] || fail "mail $b: wrote an mbox"
done
n=0
for b in $branches; do
	[ -f "$BACKPORT_ROOT/series/$b" ] || fail "series/$b missing: run backport port first"
	w="$tmp/$b"
	mkdir -p "$w/b4" "$w/port" "$w/got"
	"$BACKPORT" mail --branch "$b" -o "$w/mail" >/dev/null
	mbox="$w/mail/$b.mbox"
	[ -s "$mbox" ] || fail "$b: no mbox written"

	# Headers: unfolded, the right prefix, To stable@, no Cc to stable@.
	grep -q "^Subject: \[PATCH $b[] ]" "$mbox" || fail "$b: no [PATCH $b] subject"
	grep -q '^To: stable@vger.kernel.org$' "$mbox" || fail "$b: To: is not stable@"
	awk '/^$/ { h = 0 } /^From / { h = 1 } h' "$mbox" >"$w/headers"
	grep -q '^Cc: .*Xu Yu <xuyu@linux.alibaba.com>' "$w/headers" || fail "$b: author not in Cc"
	if grep '^Cc:' "$w/headers" | grep -q 'stable@vger'; then fail "$b: stable@ in Cc"; fi
	if grep -q '^[[:space:]]' "$w/headers"; then fail "$b: folded header line"; fi
	grep -q '^Message-Id: <' "$mbox" || fail "$b: no Message-Id"

	# b4 am (stdin: b4 0.12 crashes on -m FILE with folded subjects).
	b4 am -m - -o "$w/b4" <"$mbox" >"$w/b4.log" 2>&1 || { cat "$w/b4.log"; fail "$b: b4 am failed"; }
	set -- "$w"/b4/*.mbx
	[ -f "$1" ] || { cat "$w/b4.log"; fail "$b: b4 am wrote no .mbx"; }
	am="$1"

	# Compare patch by patch with ports/$b/ in series order.
	git mailsplit -o"$w/got" "$am" >/dev/null
	i=0
	for p in $(grep -v '^#' "$BACKPORT_ROOT/series/$b" | awk 'NF { print $1 }'); do
		i=$((i + 1))
		src="$BACKPORT_ROOT/ports/$b/$p"
		got="$w/got/$(printf %04d $i)"
		[ -f "$got" ] || fail "$b: b4 output lacks patch $i ($p)"
		git mailinfo "$w/port/msg" "$w/port/diff" <"$src" >"$w/port/info"
		git mailinfo "$w/got/msg" "$w/got/diff" <"$got" >"$w/got/info"
		grep -E '^(Author|Email|Subject):' "$w/port/info" >"$w/port/hdr"
		grep -E '^(Author|Email|Subject):' "$w/got/info" >"$w/got/hdr"
		cmp -s "$w/port/hdr" "$w/got/hdr" || { diff "$w/port/hdr" "$w/got/hdr"; fail "$b/$p: author or subject changed"; }
		cmp -s "$w/port/msg" "$w/got/msg" || { diff "$w/port/msg" "$w/got/msg"; fail "$b/$p: commit message changed"; }
		git interpret-trailers --parse "$w/port/msg" >"$w/port/tr"
		git interpret-trailers --parse "$w/got/msg" >"$w/got/tr"
		[ -s "$w/port/tr" ] || fail "$b/$p: port has no trailers"
		cmp -s "$w/port/tr" "$w/got/tr" || { diff "$w/port/tr" "$w/got/tr"; fail "$b/$p: trailers changed"; }
		a=$(git patch-id --stable <"$src" | cut -d' ' -f1)
		g=$(git patch-id --stable <"$got" | cut -d' ' -f1)
		[ -n "$a" ] && [ "$a" = "$g" ] || fail "$b/$p: diff changed (patch-id $a vs $g)"
		n=$((n + 1))
	done
	[ "$i" -gt 0 ] || fail "$b: empty series"
	[ ! -f "$w/got/$(printf %04d $((i + 1)))" ] || fail "$b: b4 output has extra patches"

	# git am of b4's output and of our own mbox onto the fixture tree.
	for input in "$am" "$mbox"; do
		r="$w/repo-$(basename "$input")"
		cp -r "$here/tests/fixtures/mail-tree" "$r"
		git -C "$r" init -q
		git -C "$r" add -A
		git -C "$r" commit -qm "fixture tree"
		# A 0/N cover letter has no diff: git am takes the patches only.
		rm -rf "$w/split" && mkdir "$w/split"
		git mailsplit -o"$w/split" "$input" >/dev/null
		if grep -q "^Subject: \[PATCH[^]]* 0/[0-9]*\]" "$w/split/0001"; then
			rm "$w/split/0001"
		fi
		git -C "$r" am -q "$w"/split/* || fail "$b: git am $(basename "$input") does not apply"
		author=$(git -C "$r" log -1 --format='%an <%ae>')
		want=$(grep '^Author:' "$w/port/info" | cut -d' ' -f2-)
		want="$want <$(grep '^Email:' "$w/port/info" | cut -d' ' -f2-)>"
		[ "$author" = "$want" ] || fail "$b: commit author '$author', want '$want'"
		grep -q 'compound_head(page);' "$r/mm/migrate.c" || fail "$b: fix line not applied"
	done

	# git send-email accepts it; --dry-run with a no-op sendmail sends nothing.
	git send-email --dry-run --confirm=never --to=stable@vger.kernel.org \
		--smtp-server=/bin/true --8bit-encoding=UTF-8 "$mbox" \
		>"$w/send.log" 2>&1 || { cat "$w/send.log"; fail "$b: git send-email rejected the mbox"; }
	grep -q '^Dry-OK\|Dry-Sent' "$w/send.log" || { cat "$w/send.log"; fail "$b: send-email did not reach the dry-run send"; }
	echo "ok $b: b4 am, git am (author $author), send-email --dry-run"
done
echo "t40: $n patch(es) round-tripped"
