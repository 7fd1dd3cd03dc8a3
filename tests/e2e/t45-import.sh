#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport import: (1) importing the upstream mbox of ffc90cbb2970 into an
# empty copy gives byte for byte what "backport port" committed; (2) a
# second fix (own fixture, b4 am style, no sha) becomes ports + series
# entries, mails as a threaded 0/2 series and git-am's onto the fixture
# tree; (3) bad input writes nothing.
set -eu

. "$(dirname "$0")/lib.sh"
private_home 1625000000

r="$tmp/root"
mkdir -p "$r"
cp -r "$here/configs" "$here/upstream" "$here/MAINTAINERS.txt" "$r/"
export BACKPORT_ROOT="$r"

# (1) Same generation as "backport port".
"$BACKPORT" import "$r/upstream/ffc90cbb2970.mbox" >/dev/null
optional=$("$BACKPORT" matrix | awk '$3 == "(optional)" { print $1 }')
for s in "$here"/series/*; do
	b=$(basename "$s")
	# Optional series are kept by hand: import leaves them alone.
	case " $optional " in *" $b "*)
		[ ! -e "$r/ports/$b" ] || fail "$b: import wrote an optional series"
		continue ;;
	esac
	for p in "$here/ports/$b"/*.patch; do
		cmp -s "$p" "$r/ports/$b/$(basename "$p")" || fail "$b: import differs from backport port"
	done
done
"$BACKPORT" import "$r/upstream/ffc90cbb2970.mbox" | grep -q written && fail "re-import rewrote files"

# (3) Bad input: nothing written, FILE:LINE named.
before=$(find "$r" -type f | sort | xargs cat | cksum)
fx="$here/tests/fixtures/import/next-fix.mbox"
set +e
"$BACKPORT" import "$fx" --branch 5.10.y >"$tmp/out" 2>&1; rc1=$?
sed '/^diff --git/,$d' "$fx" >"$tmp/nodiff.mbox"
"$BACKPORT" import --commit 1234567890123456789012345678901234567890 "$tmp/nodiff.mbox" >"$tmp/out2" 2>&1; rc2=$?
set -e
[ $rc1 -eq 2 ] && grep -q 'next-fix.mbox:1: no upstream commit id' "$tmp/out" || { cat "$tmp/out"; fail "missing sha not reported"; }
[ $rc2 -eq 2 ] && grep -q 'nodiff.mbox:[0-9]*: no diff' "$tmp/out2" || { cat "$tmp/out2"; fail "mbox without diff not reported"; }
[ "$before" = "$(find "$r" -type f | sort | xargs cat | cksum)" ] || fail "bad input changed files"

# (2) The next fix, into 5.10.y only.
sha=1234567890abcdef1234567890abcdef12345678
"$BACKPORT" import --commit $sha --branch 5.10.y "$fx" >/dev/null
p="$r/ports/5.10.y/mm-fixture-reword-the-page_count-comment.patch"
[ -f "$p" ] || fail "port not written"
[ ! -e "$r/ports/5.4.y/$(basename "$p")" ] || fail "--branch 5.10.y wrote 5.4.y"
[ "$(grep -v '^#' "$r/series/5.10.y" | tail -1)" = "$(basename "$p")" ] || fail "series/5.10.y does not end with the new port"
grep -q "^commit $sha upstream.\$" "$p" || fail "no 'commit <sha> upstream.' line"
[ "$(grep '^Signed-off-by:' "$p" | tail -1)" = "Signed-off-by: $(jq -r .backporter "$r/configs/branches.json")" ] || fail "backporter SoB not last"
[ -f "$r/upstream/1234567890ab.mbox" ] || fail "upstream entry not kept"

"$BACKPORT" mail --branch 5.10.y -o "$tmp/mail" >/dev/null
m="$tmp/mail/5.10.y.mbox"
grep -q '^Subject: \[PATCH 5.10.y 0/2\]' "$m" || fail "no 0/2 cover letter"
grep -q '^Subject: \[PATCH 5.10.y 2/2\] mm: fixture: reword the page_count comment$' "$m" || fail "no 2/2"
[ "$(grep -c '^In-Reply-To: <' "$m")" -eq 2 ] || fail "patches not threaded to the cover"
mkdir "$tmp/b4"
b4 am -m - -o "$tmp/b4" <"$m" >"$tmp/b4.log" 2>&1 || { cat "$tmp/b4.log"; fail "b4 am"; }
cp -r "$here/tests/fixtures/mail-tree" "$tmp/repo"
git -C "$tmp/repo" init -q && git -C "$tmp/repo" add -A && git -C "$tmp/repo" commit -qm fixture
git -C "$tmp/repo" am -q "$tmp"/b4/*.mbx || fail "git am of the 2-patch series"
[ "$(git -C "$tmp/repo" log -1 --format='%an')" = "Ada Fixture" ] || fail "author of the new fix lost"
[ "$(git -C "$tmp/repo" rev-list --count HEAD)" -eq 3 ] || fail "not 2 commits on the fixture"
echo "t45: import ok"
