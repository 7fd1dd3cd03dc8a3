/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verdict policy: what one boot counts as, what a variant's runs add
 * up to, and what a branch's row concludes from its variants.  Pure
 * functions of their inputs (no I/O), so every decision has a unit test
 * (tests/unit/test_verdict.c).
 */
#ifndef BACKPORT_VERDICT_H
#define BACKPORT_VERDICT_H

#include <stdbool.h>

#include "console.h"
#include "table.h"

/* What a variant's runs must show. */
enum expect {
	EXPECT_FAIL,		/* the vulnerable base: a livelock */
	EXPECT_PASS,
	EXPECT_SKIP_OR_PASS,	/* a branch the bug does not affect */
	EXPECT_ANY,		/* reported, not judged (not-ported rows) */
};

/* A variant's runs taken together. */
enum variant_verdict {
	VARIANT_PASS,		/* every run passed */
	VARIANT_FAIL,		/* every run failed */
	VARIANT_SKIP,
	VARIANT_ERROR,		/* no run could be judged */
	VARIANT_MIXED,		/* runs disagree */
	VARIANT_OTHER,		/* every run failed, none with the bug */
	VARIANT_INCONCLUSIVE,	/* every run fell short of pass_work */
};

/* A row's verdict. */
enum verdict {
	VERDICT_ERROR,
	VERDICT_FIX_VERIFIED,	/* port: base fails, port passes */
	VERDICT_BASE_NOT_REPRODUCED,
	VERDICT_PORT_FAILS,
	VERDICT_NOT_VERIFIED,
	VERDICT_PASS,		/* fixed-upstream */
	VERDICT_FAIL,
	VERDICT_REPRODUCES,	/* not-ported: the base livelocks */
	VERDICT_NOT_REPRODUCED,
	VERDICT_INCONCLUSIVE,
	VERDICT_NOT_AFFECTED,
	VERDICT_AFFECTED,
	VERDICT_REPORTED,	/* only ever expected, for not-ported rows */
};

const char *expect_name(enum expect e);
const char *variant_verdict_name(enum variant_verdict v);
const char *verdict_name(enum verdict v);

/*
 * Did the boot @c reproduce the bug: a FAIL whose trace matched the bug's
 * signature (console.h, MATCH_BUG)?  A FAIL of anything else ("other":
 * an unrelated oops or panic, a hang without the fault path's frames, a
 * test failure, a timeout) never counts.
 */
bool run_reproduces(const struct console *c);
/* Does the classified console @c show what @e asks for? */
bool run_matches(enum expect e, const struct console *c);
/*
 * The variant verdict of @n runs with these outcome counts: @fail the
 * FAILs that are the bug, @other the FAILs that are not.
 */
enum variant_verdict variant_verdict_of(int n, int pass, int fail, int skip,
					int error, int other, int inconclusive);

/* What verdict_decide() needs of one variant. */
struct variant_tally {
	bool built;
	bool build_error;	/* bad input or environment, not a finding */
	int as_expected;	/* runs that matched */
	int errors;		/* runs that could not be judged */
	int inconclusive;	/* runs short of pass_work: never a pass */
	/* of them, FAILs while the host starved QEMU (hostwait.h) */
	int starved;
	enum variant_verdict verdict;
};

struct verdict_in {
	enum decision decision;
	int runs;		/* boots per variant */
	struct variant_tally a;	/* the base, or the tree as is */
	struct variant_tally b;	/* the port (port rows) */
};

struct verdict_out {
	enum verdict expected;
	enum verdict verdict;
	bool as_expected;
	/* Something was measured: results may be written. */
	bool publish;
	int exit_code;		/* EXIT_PASS, EXIT_FINDING or EXIT_ERROR */
};

/* What a row of @d must conclude. */
enum verdict verdict_expected(enum decision d);
/* The variants a row of @d runs, and what each must show. */
int verdict_variants(enum decision d, enum expect *a, enum expect *b);
void verdict_decide(const struct verdict_in *in, struct verdict_out *out);

#endif
