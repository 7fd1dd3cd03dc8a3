// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/load.c: the busy processes of "bench --load"
 * run in sessions (and autogroups) of their own, burn CPU, and are gone
 * after load_stop() and after a stop signal (stop.c).
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"
#include "stop.h"
#include "util.h"

/* /proc/@pid/@file, or NULL when it cannot be read or is empty. */
static char *proc_file(pid_t pid, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
	if (read_file(path, &sb) || !sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* user+system clock ticks of @pid (fields 14 and 15 of its stat) */
static long cpu_ticks(pid_t pid)
{
	char *stat = proc_file(pid, "stat"), *p;
	long utime = -1, stime = -1;

	if (!stat)
		return -1;
	/* after "pid (comm) ": state is field 3 */
	p = strrchr(stat, ')');
	if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld",
			&utime, &stime) != 2)
		utime = -1;
	free(stat);
	return utime < 0 ? -1 : utime + stime;
}

/* Wait until @pid's session is no longer ours (setsid() in the child). */
static pid_t session_of(pid_t pid)
{
	pid_t sid = -1;
	int i;

	for (i = 0; i < 500; i++) {
		sid = getsid(pid);
		if (sid != getsid(0))
			break;
		usleep(10000);
	}
	return sid;
}

static void test_sessions_and_stop(void **state)
{
	struct load l;
	char *mine = proc_file(getpid(), "autogroup");
	long t0, t1;
	int i, k;

	(void)state;
	assert_int_equal(load_start(&l, 2), 0);
	assert_int_equal(l.n, 2);
	for (i = 0; i < l.n; i++) {
		char *ag;

		assert_int_equal(session_of(l.pids[i]), l.pids[i]);
		assert_int_equal(getpgid(l.pids[i]), l.pids[i]);
		/* an autogroup of its own where the kernel has them */
		ag = proc_file(l.pids[i], "autogroup");
		if (mine && ag)
			assert_string_not_equal(ag, mine);
		free(ag);
	}
	/* they spin: CPU time grows (up to 5 s for a loaded host) */
	t0 = cpu_ticks(l.pids[0]);
	assert_true(t0 >= 0);
	for (k = 0, t1 = t0; k < 500 && t1 <= t0; k++) {
		usleep(10000);
		t1 = cpu_ticks(l.pids[0]);
	}
	assert_true(t1 > t0);
	{
		pid_t pids[LOAD_MAX];
		int n = l.n;

		memcpy(pids, l.pids, sizeof(pids));
		load_stop(&l);
		assert_int_equal(l.n, 0);
		for (i = 0; i < n; i++) {
			/* reaped: neither running nor a zombie of ours */
			assert_int_equal(kill(pids[i], 0), -1);
			assert_int_equal(errno, ESRCH);
		}
		/* no child left either */
		assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
		assert_int_equal(errno, ECHILD);
	}
	free(mine);
}

static void test_none_and_too_many(void **state)
{
	struct load l;

	(void)state;
	assert_int_equal(load_start(&l, 0), 0);
	assert_int_equal(l.n, 0);
	load_stop(&l);
	assert_int_equal(load_start(&l, LOAD_MAX + 1), -1);
	assert_int_equal(l.n, 0);
}

/* SIGTERM to this process (stop.c's handler) kills every busy process. */
static void test_signal_kills(void **state)
{
	struct load l;
	siginfo_t si;
	int i;

	(void)state;
	stop_on_signals();
	assert_int_equal(load_start(&l, 3), 0);
	for (i = 0; i < l.n; i++)
		assert_int_equal(session_of(l.pids[i]), l.pids[i]);
	raise(SIGTERM);
	assert_int_equal(stop_requested(), SIGTERM);
	/* dead by the handler's SIGKILL before load_stop(), not yet reaped */
	for (i = 0; i < l.n; i++) {
		int k;

		/* up to 5 s: never a hang when the handler missed one */
		memset(&si, 0, sizeof(si));
		for (k = 0; k < 500 && !si.si_pid; k++) {
			assert_int_equal(waitid(P_PID, (id_t)l.pids[i], &si,
						WEXITED | WNOWAIT | WNOHANG), 0);
			if (!si.si_pid)
				usleep(10000);
		}
		assert_int_equal(si.si_pid, l.pids[i]);
		assert_int_equal(si.si_code, CLD_KILLED);
		assert_int_equal(si.si_status, SIGKILL);
	}
	load_stop(&l);
	assert_int_equal(l.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sessions_and_stop),
		cmocka_unit_test(test_none_and_too_many),
		cmocka_unit_test(test_signal_kills),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
