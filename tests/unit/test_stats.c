// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the bench statistics helpers (scripts/stats.c).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "stats.h"

static void test_odd(void **state)
{
	const double v[] = { 57.5, 15.1, 23.5 };
	struct stats s;

	assert_int_equal(stats_summary(v, 3, &s), 0);
	assert_int_equal(s.n, 3);
	assert_true(s.min == 15.1);
	assert_true(s.median == 23.5);
	assert_true(s.max == 57.5);
	/* the input is left alone */
	assert_true(v[0] == 57.5 && v[1] == 15.1 && v[2] == 23.5);
}

static void test_even(void **state)
{
	/* NOTES.md: 10 boots of the 5.10.44 base, median 18.05 */
	const double v[] = { 57.5, 15.1, 23.5, 17.7, 27.2, 24.1, 18.4, 13.5,
			     13.5, 15.5 };
	struct stats s;

	assert_int_equal(stats_summary(v, 10, &s), 0);
	assert_int_equal(s.n, 10);
	assert_true(s.min == 13.5);
	assert_true(fabs(s.median - 18.05) < 1e-9);
	assert_true(s.max == 57.5);
}

static void test_two_and_one(void **state)
{
	const double two[] = { 4, 2 }, one[] = { 7 };
	struct stats s;

	assert_int_equal(stats_summary(two, 2, &s), 0);
	assert_true(s.median == 3 && s.min == 2 && s.max == 4);
	assert_int_equal(stats_summary(one, 1, &s), 0);
	assert_true(s.median == 7 && s.min == 7 && s.max == 7);
}

static void test_empty(void **state)
{
	const double v[] = { 1 };
	struct stats s = { .n = 9, .min = 9, .median = 9, .max = 9 };

	assert_int_equal(stats_summary(v, 0, &s), -1);
	assert_int_equal(s.n, 0);
	assert_true(s.min == 0 && s.median == 0 && s.max == 0);
	assert_true(stats_rate(0, 0) == 0);
	assert_int_equal(stats_count_le(v, 0, 100), 0);
}

static void test_nan_free(void **state)
{
	const double v[] = { NAN, 30, INFINITY, 10, -INFINITY, NAN };
	const double all_nan[] = { NAN, NAN };
	struct stats s;

	assert_int_equal(stats_summary(v, 6, &s), 0);
	assert_int_equal(s.n, 2);
	assert_true(s.min == 10 && s.max == 30 && s.median == 20);
	assert_false(isnan(s.median));
	assert_int_equal(stats_summary(all_nan, 2, &s), -1);
	assert_int_equal(s.n, 0);
	assert_false(isnan(s.median) || isnan(s.min) || isnan(s.max));
	assert_int_equal(stats_count_le(v, 6, 1e9), 2);
}

static void test_rate_and_count(void **state)
{
	const double v[] = { 59.9, 60.0, 60.1, 12 };

	assert_true(stats_rate(3, 3) == 1.0);
	assert_true(fabs(stats_rate(2, 3) - 2.0 / 3) < 1e-12);
	assert_true(stats_rate(0, 5) == 0);
	/* the limit is inclusive: "within 60 s" */
	assert_int_equal(stats_count_le(v, 4, 60), 3);
	assert_int_equal(stats_count_le(v, 4, 11.9), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_odd),
		cmocka_unit_test(test_even),
		cmocka_unit_test(test_two_and_one),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_nan_free),
		cmocka_unit_test(test_rate_and_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
