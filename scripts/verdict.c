// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict policy (see verdict.h).
 */
#include "util.h"
#include "verdict.h"

static const char *const expect_names[] = {
	[EXPECT_FAIL] = "FAIL", [EXPECT_PASS] = "PASS",
	[EXPECT_SKIP_OR_PASS] = "SKIP|PASS", [EXPECT_ANY] = "any",
};

static const char *const variant_names[] = {
	[VARIANT_PASS] = "PASS", [VARIANT_FAIL] = "FAIL",
	[VARIANT_SKIP] = "SKIP", [VARIANT_ERROR] = "ERROR",
	[VARIANT_MIXED] = "MIXED", [VARIANT_OTHER] = "OTHER",
	[VARIANT_INCONCLUSIVE] = "INCONCLUSIVE",
};

static const char *const verdict_names[] = {
	[VERDICT_ERROR] = "error",
	[VERDICT_FIX_VERIFIED] = "fix-verified",
	[VERDICT_BASE_NOT_REPRODUCED] = "base-not-reproduced",
	[VERDICT_PORT_FAILS] = "port-fails",
	[VERDICT_NOT_VERIFIED] = "not-verified",
	[VERDICT_PASS] = "pass",
	[VERDICT_FAIL] = "fail",
	[VERDICT_REPRODUCES] = "reproduces",
	[VERDICT_NOT_REPRODUCED] = "not-reproduced",
	[VERDICT_INCONCLUSIVE] = "inconclusive",
	[VERDICT_NOT_AFFECTED] = "not-affected",
	[VERDICT_AFFECTED] = "affected",
	[VERDICT_REPORTED] = "reported",
};

const char *expect_name(enum expect e)
{
	return expect_names[e];
}

const char *variant_verdict_name(enum variant_verdict v)
{
	return variant_names[v];
}

const char *verdict_name(enum verdict v)
{
	return verdict_names[v];
}

bool run_reproduces(const struct console *c)
{
	return c->outcome == CONSOLE_FAIL && c->match == MATCH_BUG;
}

bool run_matches(enum expect e, const struct console *c)
{
	switch (e) {
	case EXPECT_FAIL:
		return run_reproduces(c);
	case EXPECT_PASS:
		return c->outcome == CONSOLE_PASS;
	case EXPECT_SKIP_OR_PASS:
		return c->outcome == CONSOLE_PASS || c->outcome == CONSOLE_SKIP;
	default:
		return c->outcome == CONSOLE_PASS || c->outcome == CONSOLE_FAIL;
	}
}

enum variant_verdict variant_verdict_of(int n, int pass, int fail, int skip,
					int error, int other, int inconclusive)
{
	if (pass == n)
		return VARIANT_PASS;
	if (fail == n)
		return VARIANT_FAIL;
	if (skip == n)
		return VARIANT_SKIP;
	if (error == n)
		return VARIANT_ERROR;
	if (other == n)
		return VARIANT_OTHER;
	if (inconclusive == n)
		return VARIANT_INCONCLUSIVE;
	return VARIANT_MIXED;
}

int verdict_variants(enum decision d, enum expect *a, enum expect *b)
{
	switch (d) {
	case DECISION_PORT:
		*a = EXPECT_FAIL;
		*b = EXPECT_PASS;
		return 2;
	case DECISION_FIXED_UPSTREAM:
		*a = EXPECT_PASS;
		return 1;
	case DECISION_NOT_PORTED:
		*a = EXPECT_ANY;
		return 1;
	default:
		*a = EXPECT_SKIP_OR_PASS;
		return 1;
	}
}

static enum verdict port_verdict(const struct verdict_in *in)
{
	bool a_ok = in->a.as_expected == in->runs;
	bool b_ok = in->b.as_expected == in->runs;
	/*
	 * A port run short of pass_work, and any FAIL while the host
	 * starved QEMU, prove nothing either way.
	 */
	bool a_starved = !a_ok && in->a.starved &&
		in->a.as_expected + in->a.starved == in->runs;
	bool b_inc = !b_ok && in->b.inconclusive &&
		in->b.as_expected + in->b.inconclusive == in->runs;

	if (!in->a.built || !in->b.built)
		return VERDICT_ERROR;
	if (a_ok && b_ok)
		return VERDICT_FIX_VERIFIED;
	if ((a_ok || a_starved) && (b_ok || b_inc))
		return VERDICT_INCONCLUSIVE;
	if (b_ok)
		return VERDICT_BASE_NOT_REPRODUCED;
	if (a_ok)
		return VERDICT_PORT_FAILS;
	return VERDICT_NOT_VERIFIED;
}

static enum verdict single_verdict(const struct verdict_in *in)
{
	bool ok = in->a.as_expected == in->runs;

	if (!in->a.built)
		return VERDICT_ERROR;
	switch (in->decision) {
	case DECISION_FIXED_UPSTREAM:
		if (!ok && in->a.inconclusive &&
		    in->a.as_expected + in->a.inconclusive == in->runs)
			return VERDICT_INCONCLUSIVE;
		return ok ? VERDICT_PASS : VERDICT_FAIL;
	case DECISION_NOT_PORTED:
		if (in->a.verdict == VARIANT_FAIL)
			return VERDICT_REPRODUCES;
		if (in->a.verdict == VARIANT_PASS)
			return VERDICT_NOT_REPRODUCED;
		return VERDICT_INCONCLUSIVE;
	default:
		return ok ? VERDICT_NOT_AFFECTED : VERDICT_AFFECTED;
	}
}

static const enum verdict expected_of[] = {
	[DECISION_PORT] = VERDICT_FIX_VERIFIED,
	[DECISION_FIXED_UPSTREAM] = VERDICT_PASS,
	[DECISION_NOT_PORTED] = VERDICT_REPORTED,
	[DECISION_NOT_AFFECTED] = VERDICT_NOT_AFFECTED,
};

enum verdict verdict_expected(enum decision d)
{
	return expected_of[d];
}

void verdict_decide(const struct verdict_in *in, struct verdict_out *out)
{
	bool run_errors = in->a.errors || in->b.errors;

	out->expected = verdict_expected(in->decision);
	out->verdict = in->decision == DECISION_PORT ? port_verdict(in) :
		single_verdict(in);
	if (out->verdict == VERDICT_ERROR || run_errors)
		out->exit_code = EXIT_ERROR;
	else if (out->expected == VERDICT_REPORTED)
		out->exit_code = out->verdict == VERDICT_INCONCLUSIVE ?
			EXIT_FINDING : EXIT_PASS;
	else
		out->exit_code = out->verdict == out->expected ? EXIT_PASS :
			EXIT_FINDING;
	out->as_expected = out->exit_code == EXIT_PASS;
	if (run_errors)
		out->verdict = VERDICT_ERROR;
	/*
	 * Bad input or environment (missing fragment, toolchain, series, a
	 * config option that did not survive): nothing was measured, so
	 * nothing is written over earlier evidence.
	 */
	out->publish = !in->a.build_error && !in->b.build_error;
	if (!out->publish)
		out->exit_code = EXIT_ERROR;
}
