#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A clean stop (run in "make check-boot", after verify unpacked Debian's
# 6.1 tree and warmed ccache): SIGTERM mid-copy, mid-build and mid-boot,
# SIGINT and SIGHUP mid-boot.  Each time backport exits 128 + the signal,
# no process it started survives (nothing mentions the private cache in
# its command line), what the step half-wrote is gone, and the next run
# succeeds.
set -eu

. "$(dirname "$0")/lib.sh"
cache=${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport}
tree=$cache/src/linux-source-6.1
[ -f "$tree/Makefile" ] || fail "$tree: run backport verify --branch 6.1.y first"
c=$tmp/cache
command -v pgrep >/dev/null || fail "pgrep missing (apt-get install procps; listed in ci/packages.txt)"

# stop SIG PATTERN SECS RC CMD...: run CMD (BACKPORT_CACHE=$c), wait for
# PATTERN on its stderr (300 s at most), SECS more, send SIG; the exit
# status must be RC and nothing it started may be left.
stop() {
	sig=$1 pat=$2 secs=$3 want=$4
	shift 4
	# empty before the job starts: the loop below must not read the
	# last run's messages before the job's own redirection truncates it
	: >"$tmp/err"
	BACKPORT_CACHE=$c "$@" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	i=0
	until grep -q -- "$pat" "$tmp/err"; do
		i=$((i + 1))
		[ $i -lt 3000 ] || { kill -KILL $pid; cat "$tmp/err"; fail "no '$pat' within 300 s"; }
		kill -0 $pid 2>/dev/null || { cat "$tmp/err"; fail "ended before '$pat'"; }
		sleep 0.1
	done
	sleep "$secs"
	kill -"$sig" $pid
	rc=0
	wait $pid || rc=$?
	[ $rc -eq "$want" ] || { tail "$tmp/err"; fail "SIG$sig: exit $rc, want $want"; }
	grep -q "stopped by signal" "$tmp/err" || { tail "$tmp/err"; fail "SIG$sig: no message"; }
	sleep 0.5
	left=0
	pgrep -af -- "$c" >"$tmp/left" || left=$?
	case $left in
	0) cat "$tmp/left"; fail "SIG$sig: processes left behind" ;;
	1) ;;
	*) fail "SIG$sig: pgrep failed ($left)" ;;
	esac
}

set -- "$BACKPORT" build --branch 6.1.y --tree "$tree"
stop TERM 'copying' 1 143 "$@"
[ ! -e "$c/work/6.1.y/base/src" ] || fail "mid-copy: the half copy is still there"
grep -q 'removing .*/work/6.1.y/base/src, half-written' "$tmp/err" || fail "mid-copy: not said"

stop TERM 'make bzImage' 10 143 "$@"
grep -q 'make bzImage' "$c/work/6.1.y/base/build.log" || fail "mid-build: make never ran"

BACKPORT_CACHE=$c "$@" >"$tmp/out" 2>"$tmp/err" || { tail "$tmp/err"; fail "the build after the stops failed"; }
k=$c/work/6.1.y/base/build/arch/x86/boot/bzImage
[ -f "$k" ] || fail "no bzImage after the rebuild"

# boot prints nothing before QEMU's first progress line: "--echo" copies
# the console to stderr, and the test's start line says QEMU runs.
set -- "$BACKPORT" boot --kernel "$k" --accel tcg --echo
stop TERM 'BACKPORT-TEST-START' 1 143 "$@"
stop INT 'BACKPORT-TEST-START' 1 130 "$@"
stop HUP 'BACKPORT-TEST-START' 1 129 "$@"
echo "t70: SIGTERM mid-copy, mid-build and mid-boot, SIGINT and SIGHUP mid-boot: clean stops"
