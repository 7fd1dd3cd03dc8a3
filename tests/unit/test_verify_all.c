// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the parts of verify-all.c that read a row's results: the
 * matrix's work cell and a variant of verify-all.json, on committed
 * results documents (a port row with work in both variants, a row whose
 * runs predate the work reports) and on one made here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "results.h"
#include "table.h"
#include "util.h"
#include "verify-all.h"
#include "work.h"

static struct table t;

static int setup(void **state)
{
	(void)state;
	return table_load_default(&t);
}

static int teardown(void **state)
{
	(void)state;
	table_free(&t);
	return 0;
}

static void read_results(const char *path, struct results *r)
{
	char msg[512];

	if (results_read(path, r, msg, sizeof(msg)))
		fail_msg("%s", msg);
}

/* The least and most splits of a variant, from its runs as read. */
static void range_of(const struct results_variant *v, long long *lo,
		     long long *hi)
{
	size_t i;

	*lo = -1;
	*hi = -1;
	for (i = 0; i < v->nruns; i++) {
		long long x = v->runs[i].work.v[WORK_SPLITS];

		assert_true(v->runs[i].has_work);
		if (*lo < 0 || x < *lo)
			*lo = x;
		if (x > *hi)
			*hi = x;
	}
}

static void test_port_row(void **state)
{
	struct results r;
	char cell[64], want[64];
	long long alo, ahi, blo, bhi;
	json_t *j;

	(void)state;
	assert_string_equal(t.boot.work_unit_name, "splits");
	read_results("results/5.10.y.json", &r);
	assert_int_equal(r.nvariants, 2);
	range_of(&r.variant[0], &alo, &ahi);
	range_of(&r.variant[1], &blo, &bhi);
	assert_true(ahi < blo);	/* the base hung, the port split on */
	snprintf(want, sizeof(want), "%lld-%lld / %lld-%lld", alo, ahi, blo,
		 bhi);
	verify_all_work_cell(cell, sizeof(cell), &r, t.boot.work_unit);
	assert_string_equal(cell, want);
	j = verify_all_variant_json(&r.variant[1], &t);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
			    "patched");
	assert_string_equal(json_string_value(json_object_get(j, "verdict")),
			    "PASS");
	assert_string_equal(json_string_value(json_object_get(j,
							      "work_unit")),
			    "splits");
	assert_int_equal(json_integer_value(json_object_get(j, "work_min")),
			 blo);
	assert_int_equal(json_integer_value(json_object_get(j, "work_max")),
			 bhi);
	assert_int_equal(json_integer_value(json_object_get(j, "runs")),
			 r.variant[1].runs_total);
	json_decref(j);
	results_free(&r);
}

/* Runs without work reports: "-", and null in the JSON. */
static void test_no_work(void **state)
{
	struct results r;
	char cell[64];
	json_t *j;
	size_t i;

	(void)state;
	read_results("results/4.9.y.json", &r);
	for (i = 0; i < r.variant[0].nruns; i++)
		assert_false(r.variant[0].runs[i].has_work);
	verify_all_work_cell(cell, sizeof(cell), &r, t.boot.work_unit);
	assert_string_equal(cell, "-");
	j = verify_all_variant_json(&r.variant[0], &t);
	assert_true(json_is_null(json_object_get(j, "work_min")));
	assert_true(json_is_null(json_object_get(j, "work_max")));
	json_decref(j);
	results_free(&r);
}

/* One value when least and most agree; another unit reads its own count. */
static void test_equal_and_unit(void **state)
{
	struct results r;
	char cell[64];

	(void)state;
	read_results("results/5.10.y.json", &r);
	r.variant[0].runs[0].work.v[WORK_ROLLBACKS] = 7;
	r.variant[0].runs[1].work.v[WORK_ROLLBACKS] = 7;
	r.variant[0].runs[2].work.v[WORK_ROLLBACKS] = 7;
	r.variant[1].runs[1].has_work = false;
	r.variant[1].runs[0].work.v[WORK_ROLLBACKS] = 3;
	r.variant[1].runs[2].work.v[WORK_ROLLBACKS] = 9;
	verify_all_work_cell(cell, sizeof(cell), &r, WORK_ROLLBACKS);
	assert_string_equal(cell, "7 / 3-9");
	results_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_row),
		cmocka_unit_test(test_no_work),
		cmocka_unit_test(test_equal_and_unit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
