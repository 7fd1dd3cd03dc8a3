// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/hostwait.c (schedstat lines, the wait of a live
 * process, the window arithmetic), of console_starved() and of the
 * verdicts of host-starved runs (verdict.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "console.h"
#include "hostwait.h"
#include "util.h"
#include "verdict.h"

static void test_parse(void **state)
{
	static const char *const bad[] = {
		"", "\n", "1 2", "1 2 3 4", "1  2 3", " 1 2 3", "1 2 3 ",
		"1 2 x", "-1 2 3", "1 2 3\n\n", "18446744073709551616 2 3",
		"1\t2 3",
	};
	unsigned long long run = 7, wait = 7;
	size_t i;

	(void)state;
	assert_int_equal(schedstat_parse("126647 3251317 2\n", 17, &run,
					 &wait), 0);
	assert_true(run == 126647 && wait == 3251317);
	assert_int_equal(schedstat_parse("0 18446744073709551615 0", 24, &run,
					 &wait), 0);
	assert_true(wait == 18446744073709551615ULL);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		run = wait = 7;
		if (!schedstat_parse(bad[i], strlen(bad[i]), &run, &wait))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_true(run == 7 && wait == 7);
	}
	/* the length bounds it: no reading past @len */
	assert_int_equal(schedstat_parse("1 2 3 4", 5, &run, &wait), 0);
	assert_true(run == 1 && wait == 2);
}

/*
 * This process: readable, never negative, never going back (skipped on
 * a kernel without CONFIG_SCHED_INFO: kernel_boot() then checks nothing).
 */
static void test_read_self(void **state)
{
	double a, b;

	(void)state;
	if (access("/proc/self/schedstat", R_OK))
		skip();
	assert_int_equal(hostwait_read(getpid(), &a), 0);
	assert_true(a >= 0);
	usleep(10000);
	assert_int_equal(hostwait_read(getpid(), &b), 0);
	assert_true(b >= a);
	/* no such process */
	assert_int_equal(hostwait_read((pid_t)0x7ffffff0, &a), -1);
}

static void test_window(void **state)
{
	struct hostwait h = HOSTWAIT_INIT;
	int i;

	(void)state;
	assert_true(hostwait_total(&h) < 0);
	assert_true(hostwait_window(&h, 10, 4) < 0);
	/* 0.1 s of wait a second until t=5, then 0.9 s a second */
	for (i = 0; i <= 10; i++)
		hostwait_add(&h, i, i <= 5 ? 0.1 * i :
			     0.5 + 0.9 * (i - 5));
	hostwait_add(&h, 3, 100);	/* back in time: dropped */
	assert_int_equal(h.n, 11);
	assert_true(hostwait_total(&h) > 4.99 && hostwait_total(&h) < 5.01);
	/* t 1..5: 0.4 s; t 6..10: 3.6 s; t 8.5..10: from the sample at 8 */
	assert_true(hostwait_window(&h, 5, 4) > 0.39 &&
		    hostwait_window(&h, 5, 4) < 0.41);
	assert_true(hostwait_window(&h, 10, 4) > 3.59 &&
		    hostwait_window(&h, 10, 4) < 3.61);
	assert_true(hostwait_window(&h, 10, 1.5) > 1.79 &&
		    hostwait_window(&h, 10, 1.5) < 1.81);
	/* before the first sample, and a window that has one sample */
	assert_true(hostwait_window(&h, 0, 4) < 0);
	assert_true(hostwait_window(&h, 7.5, 0.2) < 0);
	/* an end past the last sample: up to the last one */
	assert_true(hostwait_window(&h, 100, 4) < 0);
	assert_true(hostwait_window(&h, 12, 4) > 1.79 &&
		    hostwait_window(&h, 12, 4) < 1.81);
	/* a thread that ended takes its wait: never negative */
	hostwait_add(&h, 11, 0.2);
	assert_true(hostwait_window(&h, 11, 2) == 0);
	hostwait_free(&h);
	assert_int_equal(h.n, 0);
}

static const char *const lines[] = {
	"[    4.1] Linux version 5.10.46 (fixture)",
	"BACKPORT-TEST-START",
	"# BACKPORT-WORK t=0.5 split_attempts=3 splits=1 rollbacks=0 tail_faults=9 recreates=0",
	"[    4.4] watchdog: BUG: soft lockup - CPU#1 stuck for 3s! [t:34]",
	"[    4.4] Call Trace:",
	"[    4.4]  ? __migration_entry_wait+0x10/0x75",
	"[    4.4] Kernel panic - not syncing: softlockup: hung tasks",
};

static void fail_console(struct console *c)
{
	size_t i;

	console_init(c);
	for (i = 0; i < ARRAY_SIZE(lines); i++)
		console_line(c, lines[i], 1.0 + (double)i / 10);
	console_finish(c, false);
	assert_int_equal(c->outcome, CONSOLE_FAIL);
	assert_int_equal(c->kind, KIND_SOFT_LOCKUP);
}

static void test_console_starved(void **state)
{
	struct console c;

	(void)state;
	/* at or under the limit: the FAIL stands */
	fail_console(&c);
	console_starved(&c, 1.0, 4, 1.0);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	console_free(&c);
	/* over it: INCONCLUSIVE, saying what it was */
	fail_console(&c);
	console_starved(&c, 3.6, 4, 1.0);
	assert_int_equal(c.outcome, CONSOLE_INCONCLUSIVE);
	assert_int_equal(c.kind, KIND_HOST_STARVED);
	assert_string_equal(console_kind_name(c.kind), "host-starved");
	assert_int_equal(c.match, MATCH_NONE);
	assert_null(c.match_reason);
	assert_non_null(strstr(c.detail, "host-starved: QEMU's threads waited 3.6 s for a host CPU in the 4 s before the signature (limit 1.0 s)"));
	assert_non_null(strstr(c.detail, "no evidence: soft-lockup at line 4"));
	assert_non_null(c.sig);
	console_free(&c);
}

/* A PASS is never turned into anything by the host's load. */
static void test_pass_stays(void **state)
{
	struct console c;

	(void)state;
	console_init(&c);
	console_line(&c, "Linux version 6.1", 0.1);
	console_line(&c, "BACKPORT-TEST-START", 0.2);
	console_line(&c, "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=900",
		     1.1);
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_PASS);
	console_starved(&c, 9, 4, 1.0);
	assert_int_equal(c.outcome, CONSOLE_PASS);
	console_free(&c);
}

static enum verdict port(int a_ok, int a_starved, int b_ok, int b_inc)
{
	struct verdict_in in = {
		.decision = DECISION_PORT, .runs = 3,
		.a = { .built = true, .as_expected = a_ok,
		       .inconclusive = a_starved, .starved = a_starved },
		.b = { .built = true, .as_expected = b_ok,
		       .inconclusive = b_inc, .starved = b_inc },
	};
	struct verdict_out out;

	verdict_decide(&in, &out);
	return out.verdict;
}

static void test_verdicts(void **state)
{
	(void)state;
	assert_int_equal(port(3, 0, 3, 0), VERDICT_FIX_VERIFIED);
	/* starved port FAILs: inconclusive, not port-fails */
	assert_int_equal(port(3, 0, 1, 2), VERDICT_INCONCLUSIVE);
	/* starved base FAILs: inconclusive, not base-not-reproduced */
	assert_int_equal(port(2, 1, 3, 0), VERDICT_INCONCLUSIVE);
	assert_int_equal(port(2, 1, 1, 2), VERDICT_INCONCLUSIVE);
	/* a real port FAIL beside a starved one is still port-fails */
	assert_int_equal(port(3, 0, 1, 1), VERDICT_PORT_FAILS);
	/* a base that passed (not starved) did not reproduce */
	assert_int_equal(port(2, 0, 3, 0), VERDICT_BASE_NOT_REPRODUCED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_read_self),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_console_starved),
		cmocka_unit_test(test_pass_stays),
		cmocka_unit_test(test_verdicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
