// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the parts of verify-all.c that read a row's results: the
 * matrix's work cell and a variant of verify-all.json, on committed
 * results documents (a port row with work in both variants, a row whose
 * runs predate the work reports) and on one made here; and the matrix's
 * layout.
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
	/* written before runs reported their work */
	read_results("tests/fixtures/results/legacy/4.14.y.json", &r);
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

static const char *const header[VA_NCOLS] = {
	"branch", "decision", "tree", "verdict", "base/run", "port",
	"work (splits)", "seconds", "status",
};

static const char *const short_row[VA_NCOLS] = {
	"5.10.y", "port", "5.10.46", "fix-verified", "FAIL 3/3", "PASS 3/3",
	"0-4 / 102-109", "64", "as expected",
};

/* Cells that are wider than their columns were, as bench --matrix had. */
static const char *const long_row[VA_NCOLS] = {
	"4.19.y-optional", "port (optional)", "4.19.72",
	"base-not-reproduced", "MIXED 2/3", "PASS 3/3",
	"141-1924 / 2008-2016", "164", "NOT as expected",
};

static void format(struct strbuf *sb, const char *const *const *rows,
		   size_t n)
{
	const char *cells[4 * VA_NCOLS];
	size_t i;

	assert_true(n <= 4);
	for (i = 0; i < n * VA_NCOLS; i++)
		cells[i] = rows[i / VA_NCOLS][i % VA_NCOLS];
	verify_all_format_matrix(sb, (char *const *)cells, n);
}

#define OLD_FORMAT "%-16s %-15s %-10s %-18s %-10s %-10s %-17s %7s %s\n"

/* Cells that fit: the same bytes as the fixed-width format always gave. */
static void test_matrix_fixed(void **state)
{
	const char *const *rows[] = { header, short_row };
	struct strbuf sb = STRBUF_INIT;
	char want[512];
	int o;

	(void)state;
	format(&sb, rows, 2);
	o = snprintf(want, sizeof(want), OLD_FORMAT, header[0], header[1],
		     header[2], header[3], header[4], header[5], header[6],
		     header[7], header[8]);
	snprintf(want + o, sizeof(want) - o, OLD_FORMAT, short_row[0], short_row[1],
		 short_row[2], short_row[3], short_row[4], short_row[5],
		 short_row[6], short_row[7], short_row[8]);
	assert_string_equal(sb_str(&sb), want);
	sb_release(&sb);
}

/* The widths the columns had before they followed their cells. */
static const size_t old_width[VA_NCOLS] = { 16, 15, 10, 18, 10, 10, 17, 7, 0 };

/* A wider cell widens its column on every line; the others follow it. */
static void test_matrix_wide(void **state)
{
	const char *const *rows[] = { header, short_row, long_row };
	struct strbuf sb = STRBUF_INIT;
	const char *l[3], *p;
	size_t i, off = 0;
	int c;

	(void)state;
	format(&sb, rows, 3);
	p = sb_str(&sb);
	for (i = 0; i < 3; i++) {
		l[i] = p;
		p = strchr(p, '\n');
		assert_non_null(p);
		p++;
	}
	assert_int_equal(*p, '\0');
	for (c = 0; c < VA_NCOLS; c++) {
		size_t w = old_width[c];

		for (i = 0; i < 3; i++)
			if (strlen(rows[i][c]) > w)
				w = strlen(rows[i][c]);
		for (i = 0; i < 3; i++) {
			const char *cell = rows[i][c];
			/* seconds (column 7) are right-aligned */
			size_t at = off + (c == 7 ? w - strlen(cell) : 0);

			assert_memory_equal(l[i] + at, cell, strlen(cell));
			/* padded with blanks; the last cell ends its line */
			assert_int_equal(l[i][at + strlen(cell)],
					 c == VA_NCOLS - 1 ? '\n' : ' ');
		}
		off += w + 1;
	}
	/* the widened columns: verdict 19 and work 20 wide */
	assert_memory_equal(l[2] + 16 + 1 + 15 + 1 + 10 + 1,
			    "base-not-reproduced MIXED 2/3", 29);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_row),
		cmocka_unit_test(test_no_work),
		cmocka_unit_test(test_equal_and_unit),
		cmocka_unit_test(test_matrix_fixed),
		cmocka_unit_test(test_matrix_wide),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
