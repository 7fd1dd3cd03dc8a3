// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the bug-signature fields of a results run ("match",
 * "match_reason", "frames"): read, written back, refused when bad, and
 * judged from the excerpt in documents written before they were recorded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "results.h"
#include "signature.h"
#include "util.h"

#define RUN_BUG \
	"{ \"run\": 1, \"outcome\": \"FAIL\", \"kind\": \"soft-lockup\",\n" \
	"  \"signature_line\": 8, \"boot_seconds\": 20,\n" \
	"  \"excerpt\": \"     7| # faults\\n     8| [ 14.2] watchdog: BUG: soft lockup\\n" \
	"     9| [ 14.2]  ? __migration_entry_wait+0x51/0x6d\\n\",\n" \
	"  \"match\": \"bug\",\n" \
	"  \"match_reason\": \"soft-lockup in the fault path: __migration_entry_wait\",\n" \
	"  \"frames\": [ \"__migration_entry_wait\" ], \"as_expected\": true }"

/* Written before frames were recorded; the first excerpt cut early. */
#define RUN_OLD_CUT \
	"{ \"run\": 1, \"outcome\": \"FAIL\", \"kind\": \"rcu-stall\",\n" \
	"  \"signature_line\": 7,\n" \
	"  \"excerpt\": \"     6| [ 2.0] ? exc_page_fault+0x1/0x2\\n" \
	"     7| [ 13.9] rcu: INFO: rcu_sched self-detected stall on CPU\\n" \
	"     8| [ 13.9]  ? rcu_gp_kthread+0x384/0x648\\n\" }"
#define RUN_OLD_FULL \
	"{ \"run\": 2, \"outcome\": \"FAIL\", \"kind\": \"rcu-stall\",\n" \
	"  \"signature_line\": 7,\n" \
	"  \"excerpt\": \"     7| [ 13.9] rcu: INFO: rcu_sched detected stalls\\n" \
	"    40| [ 13.9]  ? exc_page_fault+0x1be/0x2c4\\n\" }"
#define RUN_PASS "{ \"run\": 3, \"outcome\": \"PASS\", \"kind\": \"pass\" }"

#define DOC(runs) DOCN(runs, "1")
#define DOCN(runs, n) \
	"{ \"branch\": \"4.14.y\", \"decision\": \"not-ported\",\n" \
	"  \"upstream\": \"0123456789abcdef0123456789abcdef01234567\",\n" \
	"  \"expected\": \"reported\", \"verdict\": \"reproduces\",\n" \
	"  \"tree\": { \"version\": \"4.14.67\", \"fix_state\": \"vulnerable\" },\n" \
	"  \"toolchain\": { \"cc\": \"gcc-11\", \"hostcc\": \"gcc-11\" },\n" \
	"  \"timings\": { \"build\": 1, \"boot\": 2, \"total\": 3 },\n" \
	"  \"run\": { \"variant\": \"base\", \"expect\": \"any\",\n" \
	"    \"verdict\": \"FAIL\", \"build\": { \"ok\": true, \"seconds\": 1,\n" \
	"      \"make_seconds\": 1 }, \"boot_seconds\": 2,\n" \
	"    \"runs_total\": " n ",\n" \
	"    \"runs\": [ " runs " ] } }\n"

static const char *const kinds[] = { "soft-lockup", "rcu-stall", NULL };
static const char *const frames[] = {
	"__migration_entry_wait", "exc_page_fault", NULL,
};
static const struct console_sig sig = { .kinds = kinds, .frames = frames };

static void parse(const char *text, struct results *r)
{
	char msg[512];

	if (results_parse(text, strlen(text), "doc", r, msg, sizeof(msg)))
		fail_msg("%s", msg);
}

static void test_recorded(void **state)
{
	struct results r, back;
	json_t *j;
	char *text;

	parse(DOC(RUN_BUG), &r);
	assert_int_equal(r.variant[0].runs[0].match, MATCH_BUG);
	assert_int_equal(r.variant[0].runs[0].frames.n, 1);
	assert_string_equal(r.variant[0].runs[0].frames.v[0],
			    "__migration_entry_wait");
	/* recorded: results_judge() leaves it alone */
	assert_int_equal(results_judge(&r, &sig), 0);
	assert_false(r.variant[0].runs[0].match_derived);

	j = results_json(&r);
	text = json_dumps(j, 0);
	parse(text, &back);
	assert_int_equal(back.variant[0].runs[0].match, MATCH_BUG);
	assert_string_equal(back.variant[0].runs[0].match_reason,
			    r.variant[0].runs[0].match_reason);
	assert_int_equal(back.variant[0].runs[0].frames.n, 1);
	free(text);
	json_decref(j);
	results_free(&back);
	results_free(&r);
}

static void test_refused(void **state)
{
	static const struct {
		const char *old, *new, *want;
	} rows[] = {
		{ "\"match\": \"bug\"", "\"match\": \"maybe\"",
		  "doc: run.runs[0].match: \"maybe\" is not one of bug, other" },
		{ "\"match\": \"bug\"", "\"match\": \"none\"",
		  "doc: run.runs[0].match: \"none\" is not one of bug, other" },
		{ "[ \"__migration_entry_wait\" ]", "\"__migration_entry_wait\"",
		  "doc: run.runs[0].frames: a string, not an array" },
		{ "[ \"__migration_entry_wait\" ]", "[ \"a\\nb\" ]",
		  NULL },
	};
	const char *doc = DOC(RUN_BUG);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *at = strstr(doc, rows[i].old);
		char *text, msg[512];
		struct results r;

		assert_non_null(at);
		text = xasprintf("%.*s%s%s", (int)(at - doc), doc, rows[i].new,
				 at + strlen(rows[i].old));
		assert_int_equal(results_parse(text, strlen(text), "doc", &r,
					       msg, sizeof(msg)), -1);
		if (rows[i].want)
			assert_string_equal(msg, rows[i].want);
		results_free(&r);
		free(text);
	}
}

/* An old document: judged from the excerpt, after the signature line. */
static void test_judged_old(void **state)
{
	struct results r;
	json_t *j;
	char *text;

	parse(DOCN(RUN_OLD_CUT ", " RUN_OLD_FULL ", " RUN_PASS, "3"), &r);
	assert_int_equal(r.variant[0].runs[0].match, MATCH_NONE);
	assert_int_equal(results_judge(&r, &sig), 1);
	/* the frame before the signature line does not count */
	assert_int_equal(r.variant[0].runs[0].match, MATCH_OTHER);
	assert_true(r.variant[0].runs[0].match_derived);
	assert_non_null(strstr(r.variant[0].runs[0].match_reason,
			       "rcu-stall without a fault-path frame"));
	assert_non_null(strstr(r.variant[0].runs[0].match_reason,
			       "judged from the excerpt"));
	assert_int_equal(r.variant[0].runs[1].match, MATCH_BUG);
	assert_string_equal(r.variant[0].runs[1].frames.v[0],
			    "exc_page_fault");
	assert_int_equal(r.variant[0].runs[2].match, MATCH_NONE);
	/* what was derived is not written back as if recorded */
	j = results_json(&r);
	text = json_dumps(j, 0);
	assert_null(strstr(text, "\"match\""));
	free(text);
	json_decref(j);
	results_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorded),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_judged_old),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
