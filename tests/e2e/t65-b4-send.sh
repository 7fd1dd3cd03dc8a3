#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The b4 flow of a port with the real b4 (Debian 12 ships 0.12), nothing
# sent: on a git repository made from tests/fixtures/mail-tree, "git am"
# the 5.10.y port, "b4 prep -e BASE", "b4 prep --set-prefixes 5.10.y",
# the cover letter of "backport mail --b4-cover" put in with
# "b4 prep --edit-cover" (EDITOR copies it over b4's), then
# "b4 send -o DIR --no-sign" writes the messages to DIR.  Each message
# must have Subject "[PATCH 5.10.y ...]", To: stable@vger.kernel.org
# alone, the Cc's of "backport mail" (every person of the trailers, the
# author, the MAINTAINERS.txt owners; never stable@ or the sender), the
# evidence of results/5.10.y.json, the base commit, and the port's
# "git patch-id --stable".  Uses $BACKPORT_ROOT (default: this checkout).
set -eu

. "$(dirname "$0")/lib.sh"
: "${BACKPORT_ROOT:=$here}"
export BACKPORT_ROOT
# git and b4 read only the private HOME's config and the scratch repo's.
unset GIT_CONFIG_GLOBAL GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT \
	XDG_CONFIG_HOME XDG_CACHE_HOME XDG_DATA_HOME
private_home 1624000000

b=5.10.y
root=$BACKPORT_ROOT
for t in b4 git git-filter-repo jq; do
	command -v $t >/dev/null || fail "$t not installed (ci/packages.txt)"
done
[ -f "$root/series/$b" ] || fail "series/$b missing: run backport port first"
[ -f "$root/results/$b.json" ] || fail "results/$b.json missing: no evidence to mail"
echo "b4 $(b4 --version)"
status_before=$(git -C "$root" status --porcelain)

# Recipients as a sorted list of bare addresses, from an unfolded header.
addrs() {
	grep -oE '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+' | tr 'A-Z' 'a-z' | sort -u
}
# The header block of one message, folded lines joined.
headers() {
	awk '/^$/ { exit } /^[ \t]/ { sub(/^[ \t]+/, " "); h = h $0; next }
	     { if (h != "") print h; h = $0 } END { if (h != "") print h }' "$1"
}
sender=$(jq -r .backporter "$root/configs/branches.json")
sender_addr=$(echo "$sender" | addrs)
[ -n "$sender_addr" ] || fail "no backporter in configs/branches.json"
set -- $(grep -v '^#' "$root/series/$b" | awk 'NF { print $1 }')
n=$#
[ "$n" -gt 0 ] || fail "$b: empty series"

# What the tool says: the mbox (the recipients to match) and the cover.
"$BACKPORT" mail --branch "$b" -o "$tmp/mail" >/dev/null
"$BACKPORT" mail --branch "$b" --b4-cover -o "$tmp/mail" >/dev/null
cover=$tmp/mail/$b.cover
[ -s "$cover" ] || fail "$b: backport mail --b4-cover wrote no $cover"
headers "$tmp/mail/$b.mbox" | grep '^Cc:' | addrs >"$tmp/want-cc"
[ -s "$tmp/want-cc" ] || fail "$b: backport mail has no Cc"

# The scratch repository: fixture tree as the base commit, the port on
# a branch of its own, an identity and a sendmail that cannot send.
r=$tmp/repo
cp -r "$root/tests/fixtures/mail-tree" "$r"
cd "$r"
git init -q
git add -A
git commit -qm "fixture tree"
base=$(git rev-parse HEAD)
git checkout -qb "backport-$b"
for p; do
	git am -q "$root/ports/$b/$p" || fail "$b: git am $p does not apply to the fixture"
done
git config user.name "${sender% <*}"
git config user.email "$sender_addr"
git config sendemail.smtpserver /bin/false

b4 prep -e "$base" >"$tmp/prep.log" 2>&1 || { cat "$tmp/prep.log"; fail "b4 prep -e $base failed"; }
b4 prep --set-prefixes "$b" >>"$tmp/prep.log" 2>&1 ||
	{ cat "$tmp/prep.log"; fail "b4 prep --set-prefixes $b failed"; }
EDITOR="cp $cover" b4 prep --edit-cover >>"$tmp/prep.log" 2>&1 ||
	{ cat "$tmp/prep.log"; fail "b4 prep --edit-cover failed"; }
b4 prep --show-info >"$tmp/prep-info" 2>&1 || { cat "$tmp/prep-info"; fail "b4 prep --show-info failed"; }
grep -qx "prefixes: $b" "$tmp/prep-info" || { cat "$tmp/prep-info"; fail "$b: b4 did not take prefix $b"; }
grep -qx "base-commit: $base" "$tmp/prep-info" || { cat "$tmp/prep-info"; fail "$b: b4 base is not $base"; }
# The cover's title is the fix's subject: the last patch of the series.
eval last=\${$n}
subject=$(git mailinfo /dev/null /dev/null <"$root/ports/$b/$last" | sed -n 's/^Subject: //p')
grep -qxF "cover-subject: $subject" "$tmp/prep-info" ||
	{ cat "$tmp/prep-info"; fail "$b: b4's cover letter is not backport's (title is not '$subject')"; }

b4 send -o "$tmp/out" --no-sign --not-me-too >"$tmp/send.log" 2>&1 ||
	{ cat "$tmp/send.log"; fail "b4 send -o failed"; }
grep -q '^DRYRUN: ' "$tmp/send.log" || { cat "$tmp/send.log"; fail "b4 send did not stay a dry run"; }
cd "$tmp"

set -- "$tmp"/out/*.eml
[ -f "$1" ] || { cat "$tmp/send.log"; fail "b4 send wrote no message"; }
want=$n
[ "$n" -eq 1 ] || want=$((n + 1))
[ $# -eq "$want" ] || fail "b4 send wrote $# messages, want $want ($n patches)"
[ "$n" -eq 1 ] || shift	# 0/N: the cover letter sorts first, no diff

# Every patch message, in series order.
i=0
for p in $(grep -v '^#' "$root/series/$b" | awk 'NF { print $1 }'); do
	i=$((i + 1))
	m=$1
	shift
	name=$(basename "$m")
	headers "$m" >"$tmp/h"
	if [ "$n" -eq 1 ]; then pre="[PATCH $b]"; else pre="[PATCH $b $i/$n]"; fi
	subj=$(grep '^Subject:' "$tmp/h" || true)
	case $subj in
	"Subject: $pre "?*) ;;
	*) fail "$name: '$subj', want 'Subject: $pre ...'" ;;
	esac
	to=$(grep '^To:' "$tmp/h" | addrs | tr '\n' ' ')
	[ "$to" = "stable@vger.kernel.org " ] || fail "$name: To: is '$to', want stable@vger.kernel.org alone"
	grep '^Cc:' "$tmp/h" | addrs >"$tmp/cc"
	! grep -qx 'stable@vger.kernel.org' "$tmp/cc" || fail "$name: stable@ in Cc"
	! grep -qxF "$sender_addr" "$tmp/cc" || fail "$name: the sender $sender_addr in Cc"
	# Each person of the port's trailers and each MAINTAINERS.txt owner.
	git mailinfo "$tmp/pmsg" "$tmp/ppatch" <"$root/ports/$b/$p" >"$tmp/pinfo"
	git interpret-trailers --parse "$tmp/pmsg" |
		grep -E '^(Signed-off-by|Acked-by|Reviewed-by|Tested-by|Suggested-by|Reported-by|Co-developed-by|Cc):' |
		addrs >"$tmp/trailers"
	[ -s "$tmp/trailers" ] || fail "$b/$p: no person in the trailers"
	(cd "$root" && "$BACKPORT" maintainers "ports/$b/$p") | addrs >"$tmp/owners"
	grep -q 'linux-mm@kvack.org' "$tmp/owners" || fail "$b/$p: MAINTAINERS.txt gives no mm owner"
	for a in $(cat "$tmp/trailers" "$tmp/owners"); do
		[ "$a" = stable@vger.kernel.org ] || [ "$a" = "$sender_addr" ] ||
			grep -qxF "$a" "$tmp/cc" || fail "$name: $a (trailer or MAINTAINERS.txt) not in Cc"
	done
	cmp -s "$tmp/want-cc" "$tmp/cc" ||
		{ diff "$tmp/want-cc" "$tmp/cc" || :; fail "$name: Cc differs from backport mail's ('<' mail, '>' b4)"; }

	# Decoded body: the author kept, the evidence, the base commit.
	git mailinfo "$tmp/msg" "$tmp/patch" <"$m" >"$tmp/info"
	a1=$(grep -E '^(Author|Email):' "$tmp/pinfo" | tr '\n' ' ')
	a2=$(grep -E '^(Author|Email):' "$tmp/info" | tr '\n' ' ')
	[ "$a1" = "$a2" ] || fail "$name: author is '$a2', want '$a1'"
	cmp -s "$tmp/pmsg" "$tmp/msg" || { diff "$tmp/pmsg" "$tmp/msg" || :; fail "$name: commit message changed"; }
	for e in "verdict:   $(jq -r .verdict "$root/results/$b.json")" \
		 "tree:      $(jq -r .tree.version "$root/results/$b.json")" \
		 "toolchain: $(jq -r .toolchain.cc_version "$root/results/$b.json")" \
		 "timings:   build " \
		 "source:    results/$b.json"; do
		grep -qF "  $e" "$tmp/patch" || fail "$name: no evidence line '$e' under ---"
	done
	grep -qx "base-commit: $base" "$tmp/patch" || fail "$name: no base-commit: $base"

	# The same change as the port.
	want_id=$(git patch-id --stable <"$root/ports/$b/$p" | cut -d' ' -f1)
	got_id=$(git patch-id --stable <"$m" | cut -d' ' -f1)
	[ -n "$want_id" ] && [ "$want_id" = "$got_id" ] ||
		fail "$name: patch-id $got_id, want $want_id (ports/$b/$p)"
	echo "ok $name: $pre, To stable@, Cc $(wc -l <"$tmp/cc") as backport mail, evidence, patch-id $got_id"
done
[ "$i" -eq "$n" ] || fail "$b: $i patches checked, want $n"

[ "$(git -C "$root" status --porcelain)" = "$status_before" ] ||
	fail "the checkout changed: $(git -C "$root" status --porcelain)"
echo "t65: $b through b4 prep and b4 send -o: $n patch(es), nothing sent"
