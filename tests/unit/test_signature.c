// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the bug's signature (scripts/signature.c) and of the
 * console classifier reading a detector's trace to its end: consoles
 * written for these tests in the shapes 4.x and 5.x kernels print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "signature.h"
#include "util.h"
#include "verdict.h"

static const char *const kinds[] = {
	"soft-lockup", "rcu-stall", "hung-task", "silent", NULL,
};
static const char *const frames[] = {
	"__migration_entry_wait", "do_page_fault", "exc_page_fault",
	"copy_user_generic_string", "_copy_from_user", NULL,
};
static const struct console_sig sig = {
	.kinds = kinds, .frames = frames, .trace_seconds = 20,
	.trace_lines = 120,
};

#define HEAD \
	"[    0.000000] Linux version 5.10.46 (b@b) (gcc-11) #1 SMP\n" \
	"[    1.100000] Run /init as init process\n" \
	"BACKPORT-TEST-START\n" \
	"TAP version 13\n" \
	"1..1\n"

static void classify(struct console *c, const char *log)
{
	console_classify(c, log, strlen(log), false, &sig);
}

/* @n filler stack lines of an unrelated kthread into @sb. */
static void filler(struct strbuf *sb, int n)
{
	int i;

	for (i = 0; i < n; i++)
		sb_addf(sb, "[   13.900000]  ? rcu_gp_kthread_helper_%d+0x%x/0x200\n",
			i, 0x10 + i);
}

/*
 * An RCU stall whose spinning task's backtrace comes 40 lines after the
 * first line (the grace-period kthread's stack first): read on to the
 * panic, the excerpt shows the frames.
 */
static void test_rcu_stall_long_trace(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct console c;

	sb_adds(&sb, HEAD
		"[   13.900000] rcu: INFO: rcu_sched self-detected stall on CPU\n"
		"[   13.900000] rcu: \t1-...!: (2400 ticks this GP) idle=602/1/0x4000000000000000\n"
		"[   13.900000] rcu: RCU grace-period kthread stack dump:\n"
		"[   13.900000] Call Trace:\n");
	filler(&sb, 36);
	sb_adds(&sb,
		"[   13.900000] NMI backtrace for cpu 1\n"
		"[   13.900000] CPU: 1 PID: 37 Comm: thp_migration_w Not tainted 5.10.46 #1\n"
		"[   13.900000] Call Trace:\n"
		"[   13.900000]  ? __migration_entry_wait+0x51/0x6d\n"
		"[   13.900000]  ? do_swap_page+0x44/0x9c\n"
		"[   13.900000]  ? exc_page_fault+0x1be/0x2c4\n"
		"[   13.900000]  ? copy_user_generic_string+0x29/0x40\n"
		"[   13.900000]  ? _copy_from_user+0x28/0x46\n"
		"[   13.900000]  ? __x64_sys_rt_sigprocmask+0x48/0x98\n"
		"[   13.910000] Kernel panic - not syncing: RCU Stall\n"
		"[   13.910000] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.10.46 #1\n"
		"[   13.910000] Call Trace:\n"
		"[   13.910000] Kernel Offset: disabled\n"
		"[   13.910000] ---[ end Kernel panic - not syncing: RCU Stall ]---\n"
		"[   13.999999] this line is never read\n");
	classify(&c, sb_str(&sb));
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_RCU_STALL);
	assert_int_equal(c.match, MATCH_BUG);
	assert_int_equal(c.frames.n, 4);
	assert_string_equal(c.frames.v[0], "__migration_entry_wait");
	assert_string_equal(c.frames.v[1], "exc_page_fault");
	assert_string_equal(c.trace_end, "the panic");
	assert_non_null(strstr(c.excerpt, "__migration_entry_wait+0x51"));
	assert_non_null(strstr(c.excerpt, "---[ end Kernel panic"));
	assert_null(strstr(c.excerpt, "never read"));
	assert_non_null(strstr(c.match_reason, "rcu-stall in the fault path"));
	assert_true(run_reproduces(&c));
	assert_true(run_matches(EXPECT_FAIL, &c));
	console_free(&c);
	sb_release(&sb);
}

/*
 * panic_on_rcu_stall with a starved grace-period kthread: the only trace
 * of the spinning CPU is the panic's own backtrace, past </IRQ>, more
 * than a few lines into the panic, and QEMU ends without an end line.
 */
static void test_rcu_stall_panic_backtrace(void **state)
{
	struct console c;

	classify(&c, HEAD
		 "[   11.850000] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:\n"
		 "[   11.850000] rcu: rcu_sched kthread starved for 2502 jiffies!\n"
		 "[   11.850000] rcu: RCU grace-period kthread stack dump:\n"
		 "[   11.850000] Kernel panic - not syncing: RCU Stall\n"
		 "[   11.850000] CPU: 0 PID: 34 Comm: thp_migration_w Not tainted 5.10.46 #1\n"
		 "[   11.850000] Call Trace:\n"
		 "[   11.850000]  <IRQ>\n"
		 "[   11.850000]  ? dump_stack+0x57/0x6a\n"
		 "[   11.850000]  ? panic+0xe9/0x278\n"
		 "[   11.850000]  ? panic_on_rcu_stall+0x15/0x16\n"
		 "[   11.850000]  ? rcu_sched_clock_irq+0x46b/0x52e\n"
		 "[   11.850000]  </IRQ>\n"
		 "[   11.850000]  ? asm_sysvec_apic_timer_interrupt+0x12/0x20\n"
		 "[   11.850000]  ? exc_page_fault+0xe1/0x2c4\n"
		 "[   11.850000]  ? copy_user_generic_string+0x29/0x40\n"
		 "[   11.850000]  ? _copy_from_user+0x28/0x46\n");
	assert_int_equal(c.kind, KIND_RCU_STALL);
	assert_int_equal(c.match, MATCH_BUG);
	assert_int_equal(c.frames.n, 3);
	assert_string_equal(c.trace_end, "the end of the console");
	assert_non_null(strstr(c.excerpt, "_copy_from_user+0x28"));
	assert_true(run_reproduces(&c));
	console_free(&c);
}

/* An unrelated oops in the test task: a FAIL, but "other". */
static void test_unrelated_oops(void **state)
{
	struct console c;

	classify(&c, HEAD
		 "[    8.000000] BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
		 "[    8.000000] #PF: supervisor read access in kernel mode\n"
		 "[    8.000000] Oops: 0000 [#1] SMP NOPTI\n"
		 "[    8.000000] RIP: 0010:serial8250_tx_chars+0x22/0x1a0\n"
		 "[    8.000000] Call Trace:\n"
		 "[    8.000000]  ? exc_page_fault+0x1be/0x2c4\n"
		 "[    8.000000]  ? uart_write+0x90/0x110\n"
		 "[    8.000000] ---[ end trace 3f2a6c1b9d0e4a55 ]---\n"
		 "[    8.000000] Kernel panic - not syncing: Fatal exception\n");
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_OOPS);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_non_null(strstr(c.match_reason, "oops: not the bug's detector"));
	/* its trace ends at "---[ end trace" */
	assert_string_equal(c.trace_end, "the end of the trace");
	assert_false(run_reproduces(&c));
	assert_false(run_matches(EXPECT_FAIL, &c));
	assert_true(run_matches(EXPECT_ANY, &c));
	console_free(&c);
}

/* A soft lockup elsewhere (the serial driver): the detector, no frame. */
static void test_hang_without_frames(void **state)
{
	struct console c;

	classify(&c, HEAD
		 "[   14.300000] watchdog: BUG: soft lockup - CPU#1 stuck for 11s! [kworker/1:1:20]\n"
		 "[   14.300000] CPU: 1 PID: 20 Comm: kworker/1:1 Not tainted 5.10.46 #1\n"
		 "[   14.300000] RIP: 0010:wait_for_xmitr+0x1c/0x85\n"
		 "[   14.300000] Call Trace:\n"
		 "[   14.300000]  ? serial8250_console_write+0x1e0/0x2a0\n"
		 "[   14.300000]  ? process_one_work+0x1a2/0x300\n"
		 "[   14.300000]  ? worker_thread+0x4d/0x3e0\n"
		 "[   14.300000]  ? kthread+0x110/0x130\n"
		 "[   14.300000] Kernel panic - not syncing: softlockup: hung tasks\n");
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_int_equal(c.frames.n, 0);
	assert_non_null(strstr(c.match_reason,
			       "soft-lockup without a fault-path frame"));
	assert_false(run_reproduces(&c));
	console_free(&c);

	/* a hang with no detector output at all */
	classify(&c, HEAD "# kernel-mode tail faults: 6 threads\n");
	assert_int_equal(c.kind, KIND_TIMEOUT);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_non_null(strstr(c.match_reason, "timeout: a hang without a detector trace"));
	console_free(&c);

	/* the test's own FAIL */
	classify(&c, HEAD "not ok 1 - split never completed\n"
		 "BACKPORT-RESULT: status=FAIL exit=1 elapsed_ms=61000\n");
	assert_int_equal(c.kind, KIND_TEST_FAIL);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_non_null(strstr(c.match_reason, "test-fail"));
	console_free(&c);

	/* a PASS is not judged */
	classify(&c, HEAD "ok 1\nBACKPORT-RESULT: status=PASS exit=0 elapsed_ms=60000\n");
	assert_int_equal(c.match, MATCH_NONE);
	assert_null(c.match_reason);
	console_free(&c);
}

/* No signature given: every FAIL is "other". */
static void test_no_signature(void **state)
{
	const char *log = HEAD
		"[   14.0] watchdog: BUG: soft lockup - CPU#0 stuck for 11s! [t:1]\n"
		"[   14.0]  ? __migration_entry_wait+0x51/0x6d\n";
	struct console c;

	console_classify(&c, log, strlen(log), false, NULL);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_int_equal(c.frames.n, 0);
	console_free(&c);
}

/* The bounds: lines, seconds (host clock), "</TASK>" after a frame. */
static void test_trace_bounds(void **state)
{
	struct console_sig small = sig;
	struct console c;
	int i;

	small.trace_lines = 10;
	console_init(&c);
	console_set_sig(&c, &small);
	console_line(&c, "Linux version 5.10.46", 1);
	console_line(&c, "BACKPORT-TEST-START", 2);
	assert_false(console_line(&c, "rcu: INFO: rcu_sched self-detected stall on CPU", 14));
	for (i = 0; i < 9; i++)
		assert_false(console_line(&c, " ? schedule+0x19/0x23", 14));
	assert_true(console_line(&c, " ? schedule+0x19/0x23", 14));
	console_finish(&c, false);
	assert_string_equal(c.trace_end, "the line bound");
	assert_int_equal(c.match, MATCH_OTHER);
	console_free(&c);

	console_init(&c);
	console_set_sig(&c, &sig);
	console_line(&c, "Linux version 5.10.46", 1);
	console_line(&c, "BACKPORT-TEST-START", 2);
	console_line(&c, "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [t:1]", 30);
	assert_false(console_line(&c, " ? schedule+0x19/0x23", 40));
	assert_true(console_line(&c, " ? schedule+0x19/0x23", 50.5));
	console_finish(&c, false);
	assert_string_equal(c.trace_end, "the time bound");
	console_free(&c);

	console_init(&c);
	console_set_sig(&c, &sig);
	console_line(&c, "Linux version 6.1.0", 1);
	console_line(&c, "BACKPORT-TEST-START", 2);
	console_line(&c, "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [t:1]", 30);
	assert_false(console_line(&c, " <TASK>", 30));
	assert_false(console_line(&c, " ? rcu_gp_kthread+0x1/0x2", 30));
	/* a stack without a fault-path frame does not end the trace */
	assert_false(console_line(&c, " </TASK>", 30));
	assert_false(console_line(&c, " <TASK>", 30));
	assert_false(console_line(&c, " _copy_from_user+0x28/0x46", 30));
	assert_true(console_line(&c, " </TASK>", 30));
	console_finish(&c, false);
	assert_string_equal(c.trace_end, "the end of the stack");
	assert_int_equal(c.match, MATCH_BUG);
	console_free(&c);
}

/* Frames: exact names, any line shape, each once. */
static void test_frames(void **state)
{
	struct strvec seen = STRVEC_INIT;

	assert_int_equal(sig_frames_in(&sig, "[<ffffffff810244fb>] ? __do_page_fault+0xe2/0x338", &seen), 0);
	assert_int_equal(sig_frames_in(&sig, "RIP: 0010:copy_user_generic_string+0x29/0x40", &seen), 1);
	assert_int_equal(sig_frames_in(&sig, " ? copy_user_generic_string+0x29/0x40", &seen), 0);
	assert_int_equal(sig_frames_in(&sig, "  do_page_fault+0x1/0x2 _copy_from_user+0x3a/0x58", &seen), 2);
	assert_int_equal(sig_frames_in(&sig, "x_copy_from_user+0x3a/0x58 +0x +0x1", &seen), 0);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.v[2], "_copy_from_user");
	sv_clear(&seen);

	sig_frames_in_excerpt(&sig,
			      "     7| [ 1.0] ? exc_page_fault+0x1/0x2\n"
			      "     9| [ 1.0] watchdog: BUG: soft lockup\n"
			      "    10| [ 1.0] ? __migration_entry_wait+0x1/0x2\n",
			      9, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.v[0], "__migration_entry_wait");
	sv_clear(&seen);

	assert_int_equal(sig_kind_of("rcu-stall"), KIND_RCU_STALL);
	assert_int_equal(sig_kind_of("pass"), -1);
	assert_int_equal(sig_kind_of(NULL), -1);
	assert_true(sig_kind_listed(&sig, KIND_HUNG_TASK));
	assert_false(sig_kind_listed(&sig, KIND_OOPS));
}

/* A silent boot (the test's work stopped, no detector) and its samples. */
static void silent_with(struct console *c, const char *const *lines,
			size_t n)
{
	struct strvec sv = STRVEC_INIT;
	size_t i;

	console_init(c);
	console_set_sig(c, &sig);
	console_line(c, "[    0.000000] Linux version 4.9.124 (b@b) #1 SMP", 0.5);
	console_line(c, "BACKPORT-TEST-START", 1.0);
	console_line(c, "# BACKPORT-WORK t=1.0 split_attempts=9 splits=4 rollbacks=1 tail_faults=99 recreates=4",
		     2.0);
	console_silent(c, 25);
	for (i = 0; i < n; i++)
		sv_push(&sv, lines[i]);
	console_samples(c, &sv);
	sv_clear(&sv);
	console_finish(c, false);
}

static void test_silent_samples(void **state)
{
	static const char *const in_path[] = {
		"sample 1/3: cpu0 do_page_fault+0x0, cpu1 copy_user_generic_string+0x29",
		"sample 2/3: cpu0 handle_mm_fault+0x265, cpu1 copy_user_generic_string+0x29",
		"sample 3/3: cpu0 exc_page_fault+0x12, cpu1 default_idle+0x1",
	};
	static const char *const once_out[] = {
		"sample 1/2: cpu0 do_page_fault+0x0, cpu1 copy_user_generic_string+0x29",
		"sample 2/2: cpu0 default_idle+0x1, cpu1 native_safe_halt+0x6",
	};
	static const char *const failed[] = {
		"no samples: /x/qmp.sock: Connection refused",
	};
	struct console c;

	(void)state;
	/* a vCPU in the fault path in every sample: the bug, by its frames */
	silent_with(&c, in_path, 3);
	assert_int_equal(c.kind, KIND_SILENT);
	assert_int_equal(c.match, MATCH_BUG);
	assert_true(run_reproduces(&c));
	assert_int_equal(c.frames.n, 3);
	assert_string_equal(c.frames.v[0], "do_page_fault");
	assert_string_equal(c.frames.v[1], "copy_user_generic_string");
	assert_string_equal(c.frames.v[2], "exc_page_fault");
	assert_non_null(strstr(c.match_reason, "silent in the fault path"));
	/* the excerpt: the lines before the silence, then the samples */
	assert_non_null(strstr(c.excerpt, "BACKPORT-WORK t=1.0"));
	assert_non_null(strstr(c.excerpt,
			       "  vcpu| sample 3/3: cpu0 exc_page_fault+0x12"));
	assert_true(strstr(c.excerpt, "BACKPORT-WORK") <
		    strstr(c.excerpt, "sample 1/3"));
	console_free(&c);

	/* left the fault path in one sample: no frame, never the bug */
	silent_with(&c, once_out, 2);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_int_equal(c.frames.n, 0);
	assert_false(run_reproduces(&c));
	assert_non_null(strstr(c.excerpt, "native_safe_halt"));
	console_free(&c);

	/* no samples at all: the reason is in the excerpt, not the bug */
	silent_with(&c, failed, 1);
	assert_int_equal(c.match, MATCH_OTHER);
	assert_non_null(strstr(c.excerpt, "vcpu| no samples: /x/qmp.sock"));
	console_free(&c);
	silent_with(&c, NULL, 0);
	assert_int_equal(c.match, MATCH_OTHER);
	console_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rcu_stall_long_trace),
		cmocka_unit_test(test_rcu_stall_panic_backtrace),
		cmocka_unit_test(test_unrelated_oops),
		cmocka_unit_test(test_hang_without_frames),
		cmocka_unit_test(test_no_signature),
		cmocka_unit_test(test_trace_bounds),
		cmocka_unit_test(test_frames),
		cmocka_unit_test(test_silent_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
