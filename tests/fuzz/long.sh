#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make fuzz: run each libFuzzer target given until it has executed
# FUZZ_RUNS inputs (split over FUZZ_JOBS processes that share its
# corpus, one -runs=FUZZ_RUNS/FUZZ_JOBS each), or for FUZZ_LONG seconds
# when that is not 0, on inputs of up to FUZZ_MAX_LEN bytes (65536),
# niced (FUZZ_NICE, 19).  The corpus grows in build/corpus/<target>; the
# seeds are only read.  One summary line per target: executions,
# seconds, failed jobs (a crash, leak, timeout or out-of-memory).  Logs:
# build/fuzz-logs/<target>.<job>.log.  Exit 1 at the first target that
# fails (its log is printed).  TMPDIR of the targets (fuzz_mailsplit runs
# git mailsplit into a new directory per input): a directory made in
# FUZZ_TMPDIR, by default /dev/shm when it is a writable directory (4
# times the rate of a disk-backed /tmp here), else $TMPDIR or /tmp;
# removed at the end.  Scheduling: the jobs run at nice FUZZ_NICE, and
# so does this session's autogroup (/proc/self/autogroup, where the
# kernel has one) for as long as the run lasts: the scheduler shares the
# CPU between sessions first, so from another terminal's session a
# niced job would still take half of a 2-core host, and a verify's boots
# there would wait for it (their FAILs then become host-starved,
# console.h).  The autogroup's own nice value is put back at the end.
set -u
runs=${FUZZ_RUNS:-10000000}
jobs=${FUZZ_JOBS:-1}
secs=${FUZZ_LONG:-0}
nice=${FUZZ_NICE:-19}
maxlen=${FUZZ_MAX_LEN:-65536}
status=0
pids=
logs=build/fuzz-logs
tmpbase=${FUZZ_TMPDIR:-}
if [ -z "$tmpbase" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		tmpbase=/dev/shm
	else
		tmpbase=${TMPDIR:-/tmp}
	fi
fi
TMPDIR=$(mktemp -d "$tmpbase/backport-fuzz.XXXXXX") || exit 2
export TMPDIR
ag=/proc/self/autogroup
ag_nice=
restore() {
	if [ -n "$ag_nice" ]; then
		echo "$ag_nice" >"$ag" 2>/dev/null ||
			echo "fuzz: cannot put $ag back to nice $ag_nice" >&2
	fi
	rm -rf "$TMPDIR"
}
trap restore EXIT
trap 'kill $pids 2>/dev/null; exit 130' INT TERM
if [ -w "$ag" ]; then
	# "/autogroup-31 nice 0"
	was=$(sed -n 's/^.* nice \(-\{0,1\}[0-9][0-9]*\)$/\1/p' "$ag")
	if [ -n "$was" ] && [ "$was" -lt "$nice" ] &&
		echo "$nice" >"$ag" 2>/dev/null; then
		ag_nice=$was
		echo "fuzz: this session's autogroup at nice $nice (was $was)"
	fi
fi
echo "fuzz: temporary files in $TMPDIR"
mkdir -p "$logs"
for f in "$@"; do
	n=$(basename "$f")
	corpus=build/corpus/$n
	mkdir -p "$corpus"
	rm -f "$logs/$n".*.log
	start=$(date +%s)
	pids=
	j=1
	while [ "$j" -le "$jobs" ]; do
		nice -n "$nice" "$f" -runs=$((runs / jobs)) \
			-max_total_time="$secs" -max_len="$maxlen" \
			-print_final_stats=1 -artifact_prefix=build/fuzz/"$n"- \
			"$corpus" tests/fuzz/seeds/"${n#fuzz_}" \
			>"$logs/$n".$j.log 2>&1 &
		pids="$pids $!"
		j=$((j + 1))
	done
	crashes=0
	for p in $pids; do
		wait "$p" || crashes=$((crashes + 1))
	done
	end=$(date +%s)
	execs=$(cat "$logs/$n".*.log | awk -F: \
		'/^stat::number_of_executed_units/ { s += $NF } END { print s + 0 }')
	echo "$n: $execs executions in $((end - start)) s, $crashes crashes ($jobs jobs, max_len $maxlen)"
	if [ "$crashes" -ne 0 ]; then
		tail -n 50 "$logs/$n".*.log
		status=1
		break
	fi
done
exit $status
