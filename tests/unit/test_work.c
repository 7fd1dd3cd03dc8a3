// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the test's work lines (work.h) and of what the console
 * classifier makes of them: the last report, pass_work, INCONCLUSIVE and
 * the heartbeat's "silent".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "json-read.h"
#include "util.h"
#include "verdict.h"
#include "work.h"

#define LINE(t, a, s, r, f, c) \
	"# BACKPORT-WORK t=" t " split_attempts=" a " splits=" s \
	" rollbacks=" r " tail_faults=" f " recreates=" c

static void test_parse(void **state)
{
	struct work w;

	assert_true(work_parse(LINE("3.0", "120", "41", "3", "81920", "40"),
			       &w));
	assert_true(w.t > 2.99 && w.t < 3.01);
	assert_int_equal(w.v[WORK_SPLIT_ATTEMPTS], 120);
	assert_int_equal(w.v[WORK_SPLITS], 41);
	assert_int_equal(w.v[WORK_ROLLBACKS], 3);
	assert_int_equal(w.v[WORK_TAIL_FAULTS], 81920);
	assert_int_equal(w.v[WORK_RECREATES], 40);
	/* any order, no fraction, unknown keys ignored, spaces */
	assert_true(work_parse("# BACKPORT-WORK recreates=1 t=12  splits=2 new=x rollbacks=0 tail_faults=9 split_attempts=5 ",
			       &w));
	assert_true(w.t > 11.99 && w.t < 12.01);
	assert_int_equal(w.v[WORK_SPLITS], 2);
	assert_int_equal(w.v[WORK_SPLIT_ATTEMPTS], 5);
	assert_true(work_parse(LINE("0.25", "0", "0", "0", "0", "0"), &w));
	assert_true(w.t > 0.249 && w.t < 0.251);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"# BACKPORT-WORK",
		"BACKPORT-WORK t=1 split_attempts=1 splits=1 rollbacks=1 tail_faults=1 recreates=1",
		"# BACKPORT-WORKS t=1 split_attempts=1 splits=1 rollbacks=1 tail_faults=1 recreates=1",
		/* one missing */
		"# BACKPORT-WORK t=1 split_attempts=1 splits=1 rollbacks=1 tail_faults=1",
		"# BACKPORT-WORK split_attempts=1 splits=1 rollbacks=1 tail_faults=1 recreates=1",
		/* twice */
		"# BACKPORT-WORK t=1 splits=1 split_attempts=1 splits=2 rollbacks=1 tail_faults=1 recreates=1",
		"# BACKPORT-WORK t=1 t=2 split_attempts=1 splits=1 rollbacks=1 tail_faults=1 recreates=1",
		/* garbled by kernel output on the same line */
		LINE("1.0", "1", "4[   12.000000] rcu: INFO", "1", "1", "1"),
		LINE("1.0", "1", "1", "1", "1", "-1"),
		LINE("1.0", "1", "1", "1", "1", ""),
		LINE("1.0", "1", "1", "1", "1", "0x10"),
		LINE("1.0", "1", "1", "1", "1", "1234567890123456789"),
		LINE("1.", "1", "1", "1", "1", "1"),
		LINE(".5", "1", "1", "1", "1", "1"),
		LINE("1.1234567", "1", "1", "1", "1", "1"),
		LINE("1.0", "1", "1", "1", "1", "1") " junk",
		"# BACKPORT-WORK =1 t=1 split_attempts=1 splits=1 rollbacks=1 tail_faults=1 recreates=1",
	};
	struct work w = { .t = 42 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (work_parse(bad[i], &w))
			fail_msg("accepted: %s", bad[i]);
		assert_true(w.t == 42);
	}
}

static void test_names(void **state)
{
	assert_int_equal(work_field_index("splits"), WORK_SPLITS);
	assert_int_equal(work_field_index("recreates"), WORK_RECREATES);
	assert_int_equal(work_field_index("split"), -1);
	assert_int_equal(work_field_index(NULL), -1);
	assert_string_equal(work_field_name(WORK_TAIL_FAULTS), "tail_faults");
	assert_null(work_field_name(WORK_NFIELDS));
}

static void test_json(void **state)
{
	struct work w = { .t = 7.5, .v = { 1, 2, 3, 4000000000LL, 5 } }, r;
	char msg[256] = "";
	struct json_rd d = { .file = "F", .msg = msg, .msglen = sizeof(msg) };
	json_t *o = json_object();
	bool have;

	json_object_set_new(o, "work", work_json(&w));
	assert_int_equal(work_read(&d, o, "runs[0]", &r, &have), 0);
	assert_true(have);
	assert_memory_equal(r.v, w.v, sizeof(w.v));
	assert_true(r.t == 7.5);
	json_object_del(json_object_get(o, "work"), "splits");
	assert_int_equal(work_read(&d, o, "runs[0]", &r, &have), -1);
	assert_non_null(strstr(msg, "runs[0].work.splits"));
	json_object_set_new(json_object_get(o, "work"), "splits",
			    json_integer(-1));
	assert_int_equal(work_read(&d, o, "runs[0]", &r, &have), -1);
	json_object_del(o, "work");
	assert_int_equal(work_read(&d, o, "runs[0]", &r, &have), 0);
	assert_false(have);
	json_decref(o);
}

/* Feed @log line by line with the host clock at line number seconds. */
static void feed(struct console *c, long long pass_work, const char *log)
{
	const char *p = log, *nl;
	char line[512];
	double t = 0;

	console_init(c);
	c->pass_work = pass_work;
	while (*p && !c->final) {
		nl = strchr(p, '\n');
		snprintf(line, sizeof(line), "%.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		console_line(c, line, t++);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

#define BOOT "[    0.000000] Linux version 5.10.46\nBACKPORT-TEST-START\n" \
	"TAP version 13\n1..1\n"

static void test_console_pass(void **state)
{
	struct console c;

	feed(&c, 100, BOOT LINE("0.0", "0", "0", "0", "0", "0") "\n"
	     LINE("1.0", "40", "12", "2", "9000", "12") "\n"
	     LINE("8.1", "400", "101", "9", "90000", "100") "\n"
	     "ok 1 thp_migration_wait: survived 8.1 s (splits=101)\n"
	     "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=8150\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_PASS);
	assert_int_equal(c.kind, KIND_PASS);
	assert_true(c.have_work);
	assert_int_equal(c.work_lines, 3);
	assert_int_equal(c.work.v[WORK_SPLITS], 101);
	assert_true(c.work_host == 6);
	console_free(&c);
}

/* The test said PASS, but its last report is short of pass_work. */
static void test_console_short(void **state)
{
	struct console c;

	feed(&c, 1000, BOOT LINE("1.0", "40", "12", "2", "9000", "12") "\n"
	     /* a garbled line does not count */
	     LINE("2.0", "80", "2000[ 3.0] x", "2", "9000", "12") "\n"
	     "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=60000\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_INCONCLUSIVE);
	assert_int_equal(c.kind, KIND_INCONCLUSIVE);
	assert_int_equal(c.work.v[WORK_SPLITS], 12);
	assert_non_null(strstr(c.detail, "splits=12 of pass_work 1000"));
	console_free(&c);

	/* no work line at all, with a requirement */
	feed(&c, 1, BOOT "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=60000\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_INCONCLUSIVE);
	assert_non_null(strstr(c.detail, "no work line"));
	console_free(&c);

	/* without a requirement the old result lines still pass */
	feed(&c, 0, BOOT "BACKPORT-RESULT: status=PASS exit=0 elapsed_ms=60000\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_PASS);
	console_free(&c);
}

/* The test itself ran out of time short of its target. */
static void test_console_inconclusive(void **state)
{
	struct console c;

	feed(&c, 1000, BOOT LINE("59.0", "4000", "700", "20", "9000", "700") "\n"
	     "not ok 1 # INCONCLUSIVE thp_migration_wait: splits=700 of 1000 in 60 s\n"
	     "BACKPORT-RESULT: status=INCONCLUSIVE exit=3 elapsed_ms=60100\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_INCONCLUSIVE);
	assert_int_equal(c.kind, KIND_INCONCLUSIVE);
	assert_int_equal(c.tap_inconclusive, 1);
	assert_int_equal(c.tap_not_ok, 0);
	assert_string_equal(console_outcome_name(c.outcome), "INCONCLUSIVE");
	console_free(&c);

	/* the result line lost: TAP still tells it from a FAIL */
	feed(&c, 1000, BOOT "not ok 1 # INCONCLUSIVE splits=700 of 1000\n"
	     "[   61.000000] reboot: Power down\n");
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_INCONCLUSIVE);
	console_free(&c);
}

static void test_console_silent(void **state)
{
	struct console c;

	feed(&c, 100, BOOT LINE("1.0", "40", "12", "2", "9000", "12") "\n"
	     "[    9.000000] something else\n");
	assert_false(c.final);
	console_silent(&c, 30);
	assert_true(c.final);
	console_finish(&c, false);
	assert_int_equal(c.outcome, CONSOLE_FAIL);
	assert_int_equal(c.kind, KIND_SILENT);
	assert_string_equal(console_kind_name(c.kind), "silent");
	/* no detector trace: never the bug */
	assert_int_equal(c.match, MATCH_OTHER);
	assert_false(run_reproduces(&c));
	assert_non_null(strstr(c.detail, "no work line for 30 s"));
	/* host clock: start at line 2 (t=1), last work line at t=4 */
	assert_true(c.sig_time > 32.9 && c.sig_time < 33.1);
	assert_non_null(strstr(c.excerpt, "something else"));
	console_free(&c);

	/* a detector's verdict is not overwritten */
	feed(&c, 100, BOOT "[   12.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 11s! [t:1]\n");
	console_silent(&c, 30);
	console_finish(&c, false);
	assert_int_equal(c.kind, KIND_SOFT_LOCKUP);
	console_free(&c);

	/* nor is a boot whose test never started */
	feed(&c, 100, "[    0.000000] Linux version 5.10.46\n");
	console_silent(&c, 30);
	console_finish(&c, false);
	assert_int_equal(c.kind, KIND_NO_START);
	console_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_console_pass),
		cmocka_unit_test(test_console_short),
		cmocka_unit_test(test_console_inconclusive),
		cmocka_unit_test(test_console_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
