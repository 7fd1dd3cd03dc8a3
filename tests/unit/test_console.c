// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the console classifier on console excerpts of the message
 * forms printed by 4.x to 6.x kernels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"

#define BOOT \
	"SeaBIOS (version 1.16.2-debian-1.16.2-1)\n" \
	"Booting from ROM..\n" \
	"[    0.000000] Linux version 5.10.44 (backport@backport) (gcc-11) #1 SMP\n" \
	"[    0.000000] Command line: console=ttyS0 printk.time=1\n" \
	"[    1.912345] Run /init as init process\n"

#define START	"BACKPORT-TEST-START\n"

static const char *const kinds[] = {
	"soft-lockup", "rcu-stall", "hung-task", NULL,
};
static const char *const frames[] = {
	"__migration_entry_wait", "exc_page_fault", "_copy_to_user", NULL,
};
static const struct console_sig sig = {
	.kinds = kinds, .frames = frames, .trace_seconds = 30,
	.trace_lines = 100,
};

static void classify(struct console *c, const char *log, bool timed_out)
{
	console_classify(c, log, strlen(log), timed_out, &sig);
}

static void test_pass(void **state)
{
	struct console c;

	classify(&c, BOOT "[    2.000000] random: crng init done\n" START
		 "TAP version 13\n1..1\nok 1 - no livelock in 30s\n"
		 "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=30012\n"
		 "[   33.100000] reboot: Power down\n", false);
	assert_int_equal(c.outcome, CONSOLE_PASS);
	assert_int_equal(c.kind, KIND_PASS);
	assert_int_equal(c.result_exit, 0);
	assert_int_equal(c.result_elapsed_ms, 30012);
	assert_int_equal(c.sig_lineno, 11);
	assert_true(c.sig_time > 30.0 && c.sig_time < 30.1);
	assert_string_equal(c.time_source, "test");
	assert_int_equal(c.tap_ok, 1);
	console_free(&c);
}

/* 5.10: "watchdog:" prefix, panic follows; detection time from printk. */
static void test_soft_lockup_510(void **state)
{
	struct console c;

	classify(&c, BOOT "[    2.500000] thp: enabled\n" START
		 "# splitter running\n"
		 "[   14.723114] watchdog: BUG: soft lockup - CPU#1 stuck for 11s! [thp_migration_w:74]\n"
		 "[   14.723900] Modules linked in:\n"
		 "[   14.724000] CPU: 1 PID: 74 Comm: thp_migration_w Not tainted 5.10.44 #1\n"
		 "[   14.724500] RIP: 0010:__migration_entry_wait+0x2b/0x90\n"
		 "[   14.730000] Kernel panic - not syncing: softlockup: hung tasks\n"
		 "[   14.731000] CPU: 1 PID: 74 Comm: thp_migration_w Tainted: G             L    5.10.44 #1\n"
		 "[   14.731500] Call Trace:\n"
		 "[   14.731600]  <IRQ>\n"
		 "[   14.731700]  dump_stack+0x6d/0x88\n"
		 "[   14.740000] Kernel Offset: disabled\n", false);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	assert_int_equal(c.sig_lineno, 9);
	assert_non_null(strstr(c.sig, "watchdog: BUG: soft lockup - CPU#1"));
	assert_string_equal(c.time_source, "kernel");
	/* start is taken at the last kernel timestamp before it (2.5s) */
	assert_true(c.sig_time > 12.2 && c.sig_time < 12.3);
	assert_non_null(strstr(c.excerpt, "__migration_entry_wait"));
	assert_non_null(strstr(c.excerpt, "BACKPORT-TEST-START"));
	assert_true(c.final);
	/* the RIP line names the wait: the bug; the whole panic is read */
	assert_int_equal(c.match, MATCH_BUG);
	assert_int_equal(c.frames.n, 1);
	assert_string_equal(c.frames.v[0], "__migration_entry_wait");
	assert_string_equal(c.trace_end, "the end of the console");
	assert_non_null(strstr(c.excerpt, "Kernel Offset: disabled"));
	console_free(&c);
}

/* 4.9: "NMI watchdog:" prefix. */
static void test_soft_lockup_49(void **state)
{
	struct console c;

	classify(&c, BOOT START
		 "[   30.100000] NMI watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [thp_migration_w:61]\n",
		 true);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	assert_int_equal(c.sig_lineno, 7);
	console_free(&c);
}

static void test_rcu_forms(void **state)
{
	static const char *const forms[] = {
		"[   25.000001] INFO: rcu_sched self-detected stall on CPU\n",
		"[   25.000001] rcu: INFO: rcu_sched self-detected stall on CPU\n",
		"[   25.000001] rcu: INFO: rcu_preempt self-detected stall on CPU\n",
		"[   25.000001] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n",
		"[   25.000001] INFO: rcu_sched detected stalls on CPUs/tasks: { 1} (detected by 0, t=2102 jiffies)\n",
		"[   25.000001][    C0] rcu: INFO: rcu_sched self-detected stall on CPU\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		struct console c;
		char *log = malloc(strlen(BOOT START) + strlen(forms[i]) + 1);

		strcpy(log, BOOT START);
		strcat(log, forms[i]);
		classify(&c, log, true);
		assert_int_equal(c.outcome, CONSOLE_FAIL);
		assert_int_equal(c.kind, KIND_RCU_STALL);
		assert_int_equal(c.sig_lineno, 7);
		console_free(&c);
		free(log);
	}
}

static void test_hung_task(void **state)
{
	struct console c;

	classify(&c, BOOT START
		 "[   45.000000] INFO: task thp_migration_w:75 blocked for more than 30 seconds.\n"
		 "[   45.000100]       Not tainted 6.1.0 #1\n"
		 "[   45.000200] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
		 "[   45.100000] Kernel panic - not syncing: hung_task: blocked tasks\n",
		 false);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_HUNG_TASK);
	/* the detector, but no frame of the fault path */
	assert_int_equal(c.match, MATCH_OTHER);
	assert_non_null(strstr(c.match_reason, "without a fault-path frame"));
	console_free(&c);
}

static void test_oops_panic(void **state)
{
	struct console c;

	classify(&c, BOOT START
		 "[    5.000000] BUG: unable to handle page fault for address: ffffea0000000008\n"
		 "[    5.000100] Oops: 0000 [#1] SMP NOPTI\n", false);
	assert_int_equal(c.kind, KIND_OOPS);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	console_free(&c);

	classify(&c, BOOT START "[    5.000000] kernel BUG at mm/huge_memory.c:2185!\n",
		 false);
	assert_int_equal(c.kind, KIND_OOPS);
	console_free(&c);

	classify(&c, BOOT START
		 "[    9.000000] Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b\n",
		 false);
	assert_int_equal(c.kind, KIND_PANIC);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	console_free(&c);
}

static void test_errors(void **state)
{
	struct console c;

	classify(&c, "", true);
	assert_int_equal(c.outcome, CONSOLE_ERROR);
	assert_int_equal(c.kind, KIND_NO_OUTPUT);
	console_free(&c);

	classify(&c, "SeaBIOS (version 1.16.2)\nBooting from ROM..\n", true);
	assert_int_equal(c.kind, KIND_NO_BOOT);
	console_free(&c);

	classify(&c, BOOT "[    2.0] init: exec failed\n", false);
	assert_int_equal(c.outcome, CONSOLE_ERROR);
	assert_int_equal(c.kind, KIND_NO_START);
	console_free(&c);

	/* a crash during boot is not a test failure */
	classify(&c, BOOT "[    1.0] Kernel panic - not syncing: VFS: Unable to mount root fs\n",
		 false);
	assert_int_equal(c.outcome, CONSOLE_ERROR);
	assert_int_equal(c.kind, KIND_BOOT_CRASH);
	console_free(&c);

	classify(&c, BOOT START "BACKPORT-RESULT: status=ERROR exit=2 elapsed_ms=3\n",
		 false);
	assert_int_equal(c.outcome, CONSOLE_ERROR);
	assert_int_equal(c.kind, KIND_TEST_ERROR);
	console_free(&c);
}

static void test_timeout_skip_fail(void **state)
{
	struct console c;

	classify(&c, BOOT START "# running for 60s\n", true);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_TIMEOUT);
	console_free(&c);

	classify(&c, BOOT START "1..0 # SKIP no split_huge_pages\n"
		 "BACKPORT-RESULT: status=SKIP exit=4 elapsed_ms=10\n", false);
	assert_int_equal(c.outcome, CONSOLE_SKIP);
	assert_int_equal(c.result_exit, 4);
	console_free(&c);

	classify(&c, BOOT START "not ok 1 - split never completed\n"
		 "BACKPORT-RESULT: status=FAIL exit=1 elapsed_ms=61000\n", false);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_TEST_FAIL);
	assert_int_equal(c.tap_not_ok, 1);
	console_free(&c);

	/* a signature wins over a later PASS line */
	classify(&c, BOOT START
		 "[   20.0] rcu: INFO: rcu_sched self-detected stall on CPU\n"
		 "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=1\n", false);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_RCU_STALL);
	assert_non_null(c.result);
	console_free(&c);
}

/* Streaming: host time, early final verdict, CRLF-free lines. */
static void test_stream(void **state)
{
	struct console c;
	int i;

	console_init(&c);
	assert_false(console_line(&c, "Linux version 6.1.0 (no timestamps)", 0.5));
	assert_false(console_line(&c, "BACKPORT-TEST-START", 3.0));
	assert_false(console_line(&c, "BUG: soft lockup - CPU#0 stuck for 23s! [t:1]", 30.0));
	for (i = 0; i < CONSOLE_AFTER - 1; i++)
		assert_false(console_line(&c, "stack", 30.1));
	assert_true(console_line(&c, "stack", 30.2));
	console_finish(&c, false);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	assert_string_equal(c.time_source, "host");
	assert_true(c.sig_time > 26.9 && c.sig_time < 27.1);
	console_free(&c);
}

static void test_timestamp(void **state)
{
	const char *rest;

	assert_true(console_timestamp("[   12.500000] x", &rest) == 12.5);
	assert_string_equal(rest, "x");
	assert_true(console_timestamp("<4>[    1.250000] y", &rest) == 1.25);
	assert_string_equal(rest, "y");
	assert_true(console_timestamp("[    3.000000][  T123] z", &rest) == 3.0);
	assert_string_equal(rest, "z");
	assert_true(console_timestamp("[ abc] x", &rest) < 0);
	assert_true(console_timestamp("[    12] x", &rest) < 0);
	assert_true(console_timestamp("", &rest) < 0);
	assert_int_equal(console_signature("Kernel panic - not syncing: x"), KIND_PANIC);
	assert_int_equal(console_signature("random text"), KIND_NONE);
}

/*
 * A frame past the part of a line the excerpt keeps (KEEP_MAX) is not
 * recorded: every recorded frame can be seen in the excerpt (found by
 * fuzz_console: a 600-byte trace line).
 */
static void test_frame_past_cut(void **state)
{
	struct strbuf log = STRBUF_INIT;
	struct console c;
	int i;

	(void)state;
	sb_adds(&log, "Linux version 5.10.46\nBACKPORT-TEST-START\n");
	sb_adds(&log, "[    4.4] watchdog: BUG: soft lockup - CPU#1 stuck for 3s! [t:34]\n");
	sb_adds(&log, "[    4.4]  ? ");
	for (i = 0; i < 600; i++)
		sb_addc(&log, 'x');
	sb_adds(&log, " __migration_entry_wait+0x10/0x75\n");
	sb_adds(&log, "[    4.4]  ? exc_page_fault+0x1be/0x2c4\n");
	sb_adds(&log, "[    4.4] Kernel panic - not syncing: softlockup: hung tasks\n");
	classify(&c, log.buf, false);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	assert_int_equal(c.match, MATCH_BUG);
	assert_int_equal(c.frames.n, 1);
	assert_string_equal(c.frames.v[0], "exc_page_fault");
	assert_null(strstr(c.excerpt, "__migration_entry_wait"));
	console_free(&c);
	sb_release(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass),
		cmocka_unit_test(test_frame_past_cut),
		cmocka_unit_test(test_soft_lockup_510),
		cmocka_unit_test(test_soft_lockup_49),
		cmocka_unit_test(test_rcu_forms),
		cmocka_unit_test(test_hung_task),
		cmocka_unit_test(test_oops_panic),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_timeout_skip_fail),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_timestamp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
