#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# How much work a vulnerable kernel does before it livelocks: boots each
# kernel RUNS times with "backport boot --json" and writes OUT, one JSON
# document with, per boot, its outcome and the test's last work report
# before the livelock (the console's last BACKPORT-WORK line), and the
# largest value of each count over the boots that livelocked (FAIL).  configs/branches.json
# "pass_work" is set from it (at least 10 times the largest of its
# work_unit); results/work-at-livelock.json was written by
#
#   tests/tools/work-at-livelock.sh results/work-at-livelock.json 3 \
#       5.10.46=<cache>/work/5.10.y/base/build/arch/x86/boot/bzImage \
#       5.4.128=<cache>/work/5.4.y/base/build/arch/x86/boot/bzImage
#
# (the kernels as "backport build --branch B --tree DIR" leaves them).
# "--from OLD.json" instead of RUNS and kernels: the runs of an earlier
# OUT again, without booting (when what is derived from them changes).
# Needs jq; BACKPORT the tool (default ./backport of this checkout).
set -eu

[ $# -ge 3 ] || { echo "usage: $0 OUT.json {RUNS LABEL=BZIMAGE... | --from OLD.json}" >&2; exit 2; }
out=$1 runs=$2
shift 2
here=$(cd "$(dirname "$0")/../.." && pwd)
: "${BACKPORT:=$here/backport}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ "$runs" = --from ]; then
	jq -c '.runs[]' "$1" >"$tmp/runs.jsonl"
	shift $#
fi
for k in "$@"; do
	label=${k%%=*} kernel=${k#*=}
	i=1
	while [ "$i" -le "$runs" ]; do
		rc=0
		"$BACKPORT" boot --kernel "$kernel" --log "$tmp/$label-$i.log" \
			--json >"$tmp/$label-$i.json" || rc=$?
		[ $rc -le 1 ] || { echo "$0: boot $label $i: exit $rc" >&2; exit 2; }
		jq -c --arg k "$label" --argjson n "$i" \
			'{kernel: $k, run: $n, outcome, kind, detect_seconds, work}' \
			"$tmp/$label-$i.json" >>"$tmp/runs.jsonl"
		echo "$label run $i: $(jq -c '{outcome, kind, work}' "$tmp/$label-$i.json")" >&2
		i=$((i + 1))
	done
done
jq -s '
	def largest(f): map(select(.outcome == "FAIL") | .work | f // 0) | max;
	{comment: "what the test did (its last work line) before each vulnerable boot livelocked; largest: over the boots that FAILed (a boot that reached the work target it ran with PASSed and is listed, not counted); written by work-at-livelock.sh of tests/tools",
	 runs: .,
	 largest: {split_attempts: largest(.split_attempts),
		   splits: largest(.splits), rollbacks: largest(.rollbacks),
		   tail_faults: largest(.tail_faults),
		   recreates: largest(.recreates)}}' "$tmp/runs.jsonl" \
	>"$out.tmp"
mv "$out.tmp" "$out"
