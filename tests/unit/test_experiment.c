// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/experiment.c: the committed experiment of 5.10.y,
 * and what --experiment refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "experiment.h"
#include "table.h"
#include "util.h"

static struct table t;

static int setup(void **state)
{
	return table_load_default(&t);
}

static int teardown(void **state)
{
	table_free(&t);
	return 0;
}

static void test_committed(void **state)
{
	const struct branch *b = table_find(&t, "5.10.y");
	struct branch x;
	char msg[512], *rel;

	assert_non_null(b);
	if (experiment_branch(&t, b, "experiments/5.10.y-v1", &x, msg,
			      sizeof(msg)))
		fail_msg("%s", msg);
	assert_string_equal(x.name, "5.10.y");
	assert_string_equal(x.series, "experiments/5.10.y-v1/series");
	rel = branch_port_rel(&x, "a.patch");
	assert_string_equal(rel, "experiments/5.10.y-v1/a.patch");
	free(rel);
	rel = branch_ports_rel(&x);
	assert_string_equal(rel, "experiments/5.10.y-v1");
	free(rel);
	/* The row itself is untouched. */
	assert_string_equal(b->series, "series/5.10.y");
	assert_null(b->patches_dir);
	experiment_branch_free(&x);
	assert_null(x.patches_dir);
}

static void test_refused(void **state)
{
	static const struct {
		const char *branch, *dir, *want;
	} c[] = {
		{ "6.1.y", "experiments/5.10.y-v1", "6.1.y is fixed-upstream, not a port row" },
		{ "4.19.y", "experiments/5.10.y-v1", "not a port row" },
		{ "5.10.y", "experiments/none", "experiments/none/series: no such file" },
		{ "5.10.y", "series", "\"series\" is not a directory experiments/<name>" },
		{ "5.10.y", "experiments/", "is not a directory experiments/<name>" },
		{ "5.10.y", "experiments/a/b", "is not a directory experiments/<name>" },
		{ "5.10.y", "experiments/../ports", "is not a directory" },
		{ "5.10.y", "/etc", "is not a directory" },
		{ "5.10.y", "experiments/a b", "is not a directory" },
	};
	struct branch x;
	char msg[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		const struct branch *b = table_find(&t, c[i].branch);

		assert_non_null(b);
		msg[0] = 0;
		if (!experiment_branch(&t, b, c[i].dir, &x, msg, sizeof(msg)))
			fail_msg("case %zu accepted", i);
		if (!strstr(msg, c[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, msg,
				 c[i].want);
		assert_null(x.patches_dir);
	}
}

static void test_results_dir(void **state)
{
	char msg[512];

	assert_int_not_equal(experiment_results_check(&t, "results", msg,
						      sizeof(msg)), 0);
	assert_non_null(strstr(msg, "holds the ports' evidence"));
	assert_int_not_equal(experiment_results_check(&t, "./results/", msg,
						      sizeof(msg)), 0);
	assert_int_equal(experiment_results_check(&t, "experiments", msg,
						  sizeof(msg)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_results_dir),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
