#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz's runner (tests/fuzz/long.sh) lowers its session's autogroup
# to FUZZ_NICE while it runs and puts it back afterwards: when the run
# ends well, when a target fails, and when it is stopped.  The targets
# are stand-ins made here that record what they were given.
set -eu

. "$(dirname "$0")/lib.sh"
ag=/proc/self/autogroup
if [ ! -w "$ag" ]; then
	echo "t81: skipped: no writable $ag (kernel without autogroups)"
	exit 0
fi
nice_of() { sed -n 's/^.* nice \(-\{0,1\}[0-9][0-9]*\)$/\1/p' "$ag"; }
before=$(nice_of)
# The kernel prints nothing for a task of the default autogroup (one
# whose session is the one PID 1 began, as in a container that never
# calls setsid: CI here).  Its nice cannot be set; long.sh leaves it.
if [ -z "$before" ]; then
	echo "t81: skipped: $ag is empty (the default autogroup)"
	exit 0
fi
[ "$before" -lt 19 ] || fail "this session's autogroup is already at nice $before"

# fake TARGET STATUS: a "fuzz target" that writes its autogroup and nice
# value to $tmp/TARGET.seen and exits STATUS (after SLEEP s, if set).
fake() {
	cat >"$tmp/$1" <<EOT
#!/bin/sh
cat /proc/self/autogroup >"$tmp/$1.seen"
nice >>"$tmp/$1.seen"
[ "\${SLEEP:-0}" = 0 ] || exec sleep "\$SLEEP"
echo "stat::number_of_executed_units: 7"
echo "log of $1"
exit $2
EOT
	chmod +x "$tmp/$1"
}
fake fuzz_good 0
fake fuzz_bad 1
cd "$tmp"
runner=$here/tests/fuzz/long.sh

set +e
FUZZ_RUNS=7 "$runner" "$tmp/fuzz_good" >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 0 ] || { cat "$tmp/out"; fail "good target: exit $rc"; }
grep -q " nice 19$" "$tmp/fuzz_good.seen" ||
	fail "the target's autogroup was not at nice 19: $(cat "$tmp/fuzz_good.seen")"
[ "$(sed -n 2p "$tmp/fuzz_good.seen")" = 19 ] || fail "the target itself was not niced"
grep -q "^fuzz_good: 7 executions in [0-9]* s, 0 crashes" "$tmp/out" ||
	{ cat "$tmp/out"; fail "no summary line"; }
grep -q "autogroup at nice 19 (was $before)" "$tmp/out" || fail "not told about the autogroup"
[ "$(nice_of)" = "$before" ] || fail "autogroup left at nice $(nice_of) after a good run"

set +e
FUZZ_RUNS=7 "$runner" "$tmp/fuzz_bad" "$tmp/fuzz_good" >"$tmp/out" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || { cat "$tmp/out"; fail "failing target: exit $rc, want 1"; }
grep -q "^fuzz_bad: 7 executions in [0-9]* s, 1 crashes" "$tmp/out" ||
	{ cat "$tmp/out"; fail "no summary line for the failing target"; }
grep -q "^log of fuzz_bad$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "the failing target's log was not printed"; }
! grep -q "^fuzz_good:" "$tmp/out" ||
	{ cat "$tmp/out"; fail "a target ran after the failing one"; }
[ "$(nice_of)" = "$before" ] || fail "autogroup left at nice $(nice_of) after a failure"

# Stopped mid-run: SIGTERM to the runner.
rm -f "$tmp/fuzz_good.seen"
SLEEP=30 FUZZ_RUNS=7 "$runner" "$tmp/fuzz_good" >"$tmp/out" 2>&1 &
pid=$!
i=0
while [ ! -s "$tmp/fuzz_good.seen" ] || ! grep -q "^19$" "$tmp/fuzz_good.seen"; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the target did not start"
	sleep 0.1
done
kill -TERM "$pid"
set +e
wait "$pid"
rc=$?
set -e
[ $rc -eq 130 ] || { cat "$tmp/out"; fail "stopped run: exit $rc, want 130"; }
[ "$(nice_of)" = "$before" ] || fail "autogroup left at nice $(nice_of) after a stop"
echo "t81: make fuzz: the session's autogroup at nice 19 while it runs, put back after a pass, a failure (its log printed) and a stop"
