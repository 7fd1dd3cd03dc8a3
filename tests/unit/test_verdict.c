// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/verdict.c: every decision of the verdict policy.
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
#include "util.h"
#include "verdict.h"

#define RUNS 3

static const struct variant_tally ok_all = {
	.built = true, .as_expected = RUNS, .verdict = VARIANT_FAIL,
};
static const struct variant_tally ok_none = {
	.built = true, .as_expected = 0, .verdict = VARIANT_PASS,
};
static const struct variant_tally not_built = {
	.built = false, .verdict = VARIANT_ERROR,
};

static struct verdict_out decide(enum decision d, struct variant_tally a,
				 struct variant_tally b)
{
	struct verdict_in in = { .decision = d, .runs = RUNS, .a = a, .b = b };
	struct verdict_out out;

	memset(&out, 0xa5, sizeof(out));
	verdict_decide(&in, &out);
	return out;
}

static void expect_out(struct verdict_out o, enum verdict v,
		       enum verdict expected, int code)
{
	assert_string_equal(verdict_name(o.verdict), verdict_name(v));
	assert_string_equal(verdict_name(o.expected), verdict_name(expected));
	assert_int_equal(o.exit_code, code);
	assert_int_equal(o.as_expected, code == EXIT_PASS);
}

static void test_port(void **state)
{
	struct variant_tally partly = ok_all;
	struct verdict_out o;

	partly.as_expected = RUNS - 1;
	expect_out(decide(DECISION_PORT, ok_all, ok_all),
		   VERDICT_FIX_VERIFIED, VERDICT_FIX_VERIFIED, EXIT_PASS);
	expect_out(decide(DECISION_PORT, partly, ok_all),
		   VERDICT_BASE_NOT_REPRODUCED, VERDICT_FIX_VERIFIED,
		   EXIT_FINDING);
	expect_out(decide(DECISION_PORT, ok_all, partly),
		   VERDICT_PORT_FAILS, VERDICT_FIX_VERIFIED, EXIT_FINDING);
	expect_out(decide(DECISION_PORT, ok_none, ok_none),
		   VERDICT_NOT_VERIFIED, VERDICT_FIX_VERIFIED, EXIT_FINDING);
	o = decide(DECISION_PORT, ok_all, not_built);
	expect_out(o, VERDICT_ERROR, VERDICT_FIX_VERIFIED, EXIT_ERROR);
	assert_true(o.publish);
	expect_out(decide(DECISION_PORT, not_built, not_built),
		   VERDICT_ERROR, VERDICT_FIX_VERIFIED, EXIT_ERROR);
}

/* Runs short of pass_work are never a pass, and say so. */
static void test_inconclusive(void **state)
{
	struct variant_tally inc = ok_all, some = ok_all, pass = ok_all;

	inc.as_expected = 0;
	inc.inconclusive = RUNS;
	inc.verdict = VARIANT_INCONCLUSIVE;
	some.as_expected = RUNS - 1;
	some.inconclusive = 1;
	some.verdict = VARIANT_MIXED;
	pass.verdict = VARIANT_PASS;
	expect_out(decide(DECISION_PORT, ok_all, inc),
		   VERDICT_INCONCLUSIVE, VERDICT_FIX_VERIFIED, EXIT_FINDING);
	expect_out(decide(DECISION_PORT, ok_all, some),
		   VERDICT_INCONCLUSIVE, VERDICT_FIX_VERIFIED, EXIT_FINDING);
	/* with a port run that failed too it is a finding of its own */
	some.as_expected = RUNS - 2;
	expect_out(decide(DECISION_PORT, ok_all, some),
		   VERDICT_PORT_FAILS, VERDICT_FIX_VERIFIED, EXIT_FINDING);
	expect_out(decide(DECISION_FIXED_UPSTREAM, inc, not_built),
		   VERDICT_INCONCLUSIVE, VERDICT_PASS, EXIT_FINDING);
	expect_out(decide(DECISION_FIXED_UPSTREAM, pass, not_built),
		   VERDICT_PASS, VERDICT_PASS, EXIT_PASS);
	assert_string_equal(variant_verdict_name(VARIANT_INCONCLUSIVE),
			    "INCONCLUSIVE");
}

/*
 * "silent" (the heartbeat) is a FAIL, but like "timeout" it has no
 * detector trace: judged "other", it never reproduces the bug.
 */
static void test_silent(void **state)
{
	struct console c = { .outcome = CONSOLE_FAIL, .kind = KIND_SILENT,
			     .match = MATCH_OTHER };

	assert_false(run_reproduces(&c));
	assert_false(run_matches(EXPECT_FAIL, &c));
	assert_false(run_matches(EXPECT_PASS, &c));
	c.outcome = CONSOLE_INCONCLUSIVE;
	c.kind = KIND_INCONCLUSIVE;
	assert_false(run_matches(EXPECT_FAIL, &c));
	assert_false(run_matches(EXPECT_PASS, &c));
	assert_false(run_matches(EXPECT_SKIP_OR_PASS, &c));
	assert_false(run_matches(EXPECT_ANY, &c));
}

static void test_run_errors(void **state)
{
	struct variant_tally err = ok_all;
	struct verdict_out o;

	/* A boot that could not be judged makes the whole row an error. */
	err.errors = 1;
	o = decide(DECISION_PORT, ok_all, err);
	expect_out(o, VERDICT_ERROR, VERDICT_FIX_VERIFIED, EXIT_ERROR);
	assert_true(o.publish);
	o = decide(DECISION_FIXED_UPSTREAM, err, not_built);
	expect_out(o, VERDICT_ERROR, VERDICT_PASS, EXIT_ERROR);
}

static void test_build_error_publishes_nothing(void **state)
{
	struct variant_tally bad = not_built;
	struct verdict_out o;

	bad.build_error = true;
	o = decide(DECISION_PORT, ok_all, bad);
	assert_false(o.publish);
	assert_int_equal(o.exit_code, EXIT_ERROR);
	o = decide(DECISION_NOT_AFFECTED, bad, not_built);
	assert_false(o.publish);
	assert_int_equal(o.exit_code, EXIT_ERROR);
	/* A build that failed as a finding (make failed) is still evidence. */
	o = decide(DECISION_PORT, ok_all, not_built);
	assert_true(o.publish);
}

static void test_single(void **state)
{
	struct variant_tally v = ok_none;

	expect_out(decide(DECISION_FIXED_UPSTREAM, ok_all, not_built),
		   VERDICT_PASS, VERDICT_PASS, EXIT_PASS);
	expect_out(decide(DECISION_FIXED_UPSTREAM, ok_none, not_built),
		   VERDICT_FAIL, VERDICT_PASS, EXIT_FINDING);
	expect_out(decide(DECISION_FIXED_UPSTREAM, not_built, not_built),
		   VERDICT_ERROR, VERDICT_PASS, EXIT_ERROR);
	expect_out(decide(DECISION_NOT_AFFECTED, ok_all, not_built),
		   VERDICT_NOT_AFFECTED, VERDICT_NOT_AFFECTED, EXIT_PASS);
	expect_out(decide(DECISION_NOT_AFFECTED, ok_none, not_built),
		   VERDICT_AFFECTED, VERDICT_NOT_AFFECTED, EXIT_FINDING);
	/* not-ported rows report what the base did; only "mixed" is a finding. */
	v.verdict = VARIANT_FAIL;
	expect_out(decide(DECISION_NOT_PORTED, v, not_built),
		   VERDICT_REPRODUCES, VERDICT_REPORTED, EXIT_PASS);
	v.verdict = VARIANT_PASS;
	expect_out(decide(DECISION_NOT_PORTED, v, not_built),
		   VERDICT_NOT_REPRODUCED, VERDICT_REPORTED, EXIT_PASS);
	v.verdict = VARIANT_MIXED;
	expect_out(decide(DECISION_NOT_PORTED, v, not_built),
		   VERDICT_INCONCLUSIVE, VERDICT_REPORTED, EXIT_FINDING);
}

static void test_variants(void **state)
{
	enum expect a = EXPECT_ANY, b = EXPECT_ANY;

	assert_int_equal(verdict_variants(DECISION_PORT, &a, &b), 2);
	assert_int_equal(a, EXPECT_FAIL);
	assert_int_equal(b, EXPECT_PASS);
	assert_int_equal(verdict_variants(DECISION_FIXED_UPSTREAM, &a, &b), 1);
	assert_int_equal(a, EXPECT_PASS);
	assert_int_equal(verdict_variants(DECISION_NOT_PORTED, &a, &b), 1);
	assert_int_equal(a, EXPECT_ANY);
	assert_int_equal(verdict_variants(DECISION_NOT_AFFECTED, &a, &b), 1);
	assert_int_equal(a, EXPECT_SKIP_OR_PASS);
	assert_string_equal(expect_name(EXPECT_SKIP_OR_PASS), "SKIP|PASS");
}

static void test_variant_verdict(void **state)
{
	assert_int_equal(variant_verdict_of(3, 3, 0, 0, 0, 0, 0), VARIANT_PASS);
	assert_int_equal(variant_verdict_of(3, 0, 3, 0, 0, 0, 0), VARIANT_FAIL);
	assert_int_equal(variant_verdict_of(3, 0, 0, 3, 0, 0, 0), VARIANT_SKIP);
	assert_int_equal(variant_verdict_of(3, 0, 0, 0, 3, 0, 0), VARIANT_ERROR);
	assert_int_equal(variant_verdict_of(3, 2, 1, 0, 0, 0, 0), VARIANT_MIXED);
	/* FAILs that are not the bug are neither FAIL nor reproduce */
	assert_int_equal(variant_verdict_of(3, 0, 0, 0, 0, 3, 0), VARIANT_OTHER);
	assert_int_equal(variant_verdict_of(3, 0, 2, 0, 0, 1, 0), VARIANT_MIXED);
	assert_string_equal(variant_verdict_name(VARIANT_OTHER), "OTHER");
	/* Runs short of pass_work are neither PASS nor FAIL */
	assert_int_equal(variant_verdict_of(3, 0, 0, 0, 0, 0, 3),
			 VARIANT_INCONCLUSIVE);
	assert_int_equal(variant_verdict_of(3, 2, 0, 0, 0, 0, 1), VARIANT_MIXED);
	assert_string_equal(variant_verdict_name(VARIANT_MIXED), "MIXED");
}

static void test_run_matches(void **state)
{
	struct console c = { .outcome = CONSOLE_FAIL, .kind = KIND_RCU_STALL,
			     .match = MATCH_BUG };

	assert_true(run_matches(EXPECT_FAIL, &c));
	assert_true(run_reproduces(&c));
	assert_true(run_matches(EXPECT_ANY, &c));
	assert_false(run_matches(EXPECT_PASS, &c));
	/* A stall whose trace is not the bug's does not reproduce it. */
	c.match = MATCH_OTHER;
	assert_false(run_matches(EXPECT_FAIL, &c));
	assert_false(run_reproduces(&c));
	assert_true(run_matches(EXPECT_ANY, &c));
	/* An oops is not the livelock. */
	c.kind = KIND_OOPS;
	assert_false(run_matches(EXPECT_FAIL, &c));
	c.kind = KIND_BOOT_CRASH;
	assert_false(run_matches(EXPECT_FAIL, &c));
	c.outcome = CONSOLE_SKIP;
	c.kind = KIND_SKIP;
	assert_true(run_matches(EXPECT_SKIP_OR_PASS, &c));
	assert_false(run_matches(EXPECT_PASS, &c));
	assert_false(run_matches(EXPECT_ANY, &c));
	c.outcome = CONSOLE_PASS;
	assert_true(run_matches(EXPECT_PASS, &c));
	assert_false(run_reproduces(&c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inconclusive),
		cmocka_unit_test(test_silent),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_run_errors),
		cmocka_unit_test(test_build_error_publishes_nothing),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_variant_verdict),
		cmocka_unit_test(test_run_matches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
