// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of bench's report (scripts/bench-report.c): the figures a
 * branch's runs give, beside their goals, in bench.txt and bench.json.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "bench.h"
#include "util.h"

#define NRUNS 3

struct fixture {
	char dir[64];
	struct table t;
	struct branch b;
	struct bopts o;
	struct bbranch bb;
	struct boot_result runs[2][NRUNS];
	double wall[2][NRUNS];
	double arr[2][5][NRUNS];	/* to_start detect runtime work after */
};

static void variant_set(struct fixture *f, int k, struct bvariant *v)
{
	v->pv.name = k ? "patched" : "base";
	v->pv.built = true;
	v->pv.nruns = NRUNS;
	v->pv.runs = f->runs[k];
	v->pv.wall = f->wall[k];
	v->pv.br.seconds = 6;
	v->to_start = f->arr[k][0];
	v->detect = f->arr[k][1];
	v->runtime = f->arr[k][2];
	v->work = f->arr[k][3];
	v->after_work = f->arr[k][4];
	v->first_boot = f->wall[k][0];
}

/*
 * A 5.4.y-like branch: bases that split a while before they hang
 * (detected 3.0, 8.0 and 40.0 s after the test's start, 2.0, 3.0 and
 * 3.4 s after their last work line), ports that pass.
 */
static int setup(void **state)
{
	static const double detect[] = { 3.0, 8.0, 40.0 };
	static const double after[] = { 2.0, 3.0, 3.4 };
	static const double work[] = { 0, 120, 727 };
	struct fixture *f = calloc(1, sizeof(*f));
	int i, k;

	strcpy(f->dir, "/tmp/test_bench_report.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->t.up.commit = "ffc90cbb2970ab17a9fa8ef1d4a1e8b9d1a3f1b0";
	f->b.name = "5.4.y";
	f->b.decision = DECISION_PORT;
	f->b.pass_work = 2000;
	assert_int_equal(bench_goals_load("configs/bench.json",
					  &f->o.goals), 0);
	f->o.runs = f->o.port_runs = NRUNS;
	f->o.timeout = 300;
	f->bb.b = &f->b;
	f->bb.ab = true;
	for (k = 0; k < 2; k++)
		for (i = 0; i < NRUNS; i++) {
			f->runs[k][i].con.work_unit = WORK_SPLITS;
			f->wall[k][i] = k ? 112 : 6;
			f->arr[k][0][i] = 1.0;
			f->arr[k][1][i] = k ? NAN : detect[i];
			f->arr[k][2][i] = k ? 110 : NAN;
			f->arr[k][3][i] = k ? NAN : work[i];
			f->arr[k][4][i] = k ? NAN : after[i];
		}
	variant_set(f, 0, &f->bb.base);
	variant_set(f, 1, &f->bb.port);
	f->bb.base.fail = NRUNS;
	f->bb.port.pass = NRUNS;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	remove_tree(f->dir);
	free(f);
	return 0;
}

/* The row of bench.txt that holds @what, or NULL. */
static char *row_of(const char *txt, const char *what)
{
	const char *at = strstr(txt, what), *bol, *eol;

	if (!at)
		return NULL;
	for (bol = at; bol > txt && bol[-1] != '\n'; bol--)
		;
	eol = strchrnul(at, '\n');
	return xstrndup(bol, (size_t)(eol - bol));
}

static void assert_row(const char *txt, const char *what, const char *value,
		       const char *verdict)
{
	char *r = row_of(txt, what);
	size_t n;

	assert_non_null(r);
	assert_non_null(strstr(r, value));
	n = strlen(r);
	assert_true(n >= strlen(verdict));
	assert_string_equal(r + n - strlen(verdict), verdict);
	free(r);
}

/* bench_publish() of @n branches and @m, then bench.txt into @sb. */
static void publish(struct fixture *f, size_t n, const struct bmatrix *m,
		    struct goals *g, struct strbuf *sb)
{
	struct bench_doc d = { .o = &f->o, .t = &f->t, .bb = &f->bb, .n = n,
			       .m = m, .start = now_seconds(),
			       .resdir = f->dir };
	char *p;

	assert_int_equal(bench_publish(&d, false, false, g), 0);
	p = path_join(f->dir, "bench.txt");
	sb_reset(sb);
	assert_int_equal(read_file(p, sb), 0);
	free(p);
}

static void test_detect_after_work(void **state)
{
	struct fixture *f = *state;
	struct strbuf sb = STRBUF_INIT;
	struct goals g;
	json_t *doc, *br;
	json_error_t je;
	char *p;

	publish(f, 1, NULL, &g, &sb);
	/* from the test's start: the work before the hang counts */
	assert_row(sb.buf, "base: time to detect min/med/max",
		   "3.0/8.0/40.0 s", "NOT MET");
	assert_row(sb.buf, "base: longest time to detect", "40.0 s",
		   "NOT MET");
	/* from the last work line: what the detectors take */
	assert_row(sb.buf, "base: detect after last work line",
		   "2.0/3.0/3.4 s", "met");
	assert_row(sb.buf, "base: longest after last work line", "3.4 s",
		   "met");
	assert_row(sb.buf, "base: work before hang", "0/120/727 splits",
		   "NOT MET");
	assert_row(sb.buf, "port: false failures", "0/3", "met");
	sb_release(&sb);

	p = path_join(f->dir, "bench.json");
	doc = json_load_file(p, 0, &je);
	free(p);
	assert_non_null(doc);
	/* the goals as configs/bench.json has them, in its order */
	{
		static const char *const keys[] = {
			"cold_build_seconds", "warm_reverify_seconds",
			"detect_median_seconds", "detect_max_seconds",
			"detection_window_seconds", "detection_rate",
			"boot_to_test_start_seconds", "false_failures",
			"pass_below_work", "matrix_cold_seconds",
			"matrix_warm_seconds", "matrix_runs",
		};
		json_t *gl = json_object_get(doc, "goal_limits");
		const char *k;
		json_t *v;
		size_t i = 0;

		json_object_foreach(gl, k, v)
			assert_string_equal(k, keys[i++]);
		assert_int_equal(i, ARRAY_SIZE(keys));
		assert_true(json_real_value(json_object_get(gl,
			"warm_reverify_seconds")) == f->o.goals.warm_reverify);
		assert_true(json_is_integer(json_object_get(gl,
							    "false_failures")));
	}
	br = json_array_get(json_object_get(doc, "branches"), 0);
	assert_true(json_real_value(json_object_get(
		json_object_get(br, "detect_after_work"), "median")) == 3.0);
	assert_int_equal(json_array_size(json_object_get(
		json_object_get(br, "base"), "detect_after_work_seconds")),
		NRUNS);
	assert_true(json_is_null(json_array_get(json_object_get(
		json_object_get(br, "port"), "detect_after_work_seconds"), 0)));
	/* no --matrix: no matrix in the document, no matrix row */
	assert_null(json_object_get(doc, "matrix"));
	json_decref(doc);
	assert_true(g.met > 0 && g.missed > 0);
}

/*
 * The whole matrix only (no branch): the cold pass within its goal, the
 * warm one beyond it; then a matrix whose warm pass did not complete.
 */
static void test_matrix(void **state)
{
	struct fixture *f = *state;
	struct bmatrix m = {
		.measured = true, .runs = 3, .have_cold = true,
		.have_warm = true,
		.cold = { .seconds = 1890.4, .rows = 10, .verified = 10,
			  .as_expected = 9, .status = 1 },
		.warm = { .seconds = 800, .rows = 10, .verified = 10,
			  .as_expected = 10, .status = 0 },
	};
	struct strbuf sb = STRBUF_INIT;
	struct goals g;
	json_t *doc, *mj;
	json_error_t je;
	char *p;

	f->o.matrix = true;
	m.cold.matrix = xstrdup("branch  verdict\n5.10.y  fix-verified\n");
	m.cold.row_docs = json_pack("[{s:s}]", "branch", "5.10.y");
	m.warm.matrix = xstrdup("branch  verdict\n5.10.y  reproduces\n");
	publish(f, 0, &m, &g, &sb);
	assert_non_null(strstr(sb.buf, ", whole matrix with 3 boots per variant\n"));
	/* the passes' matrices after the goals, each under its pass */
	p = strstr(sb.buf, "\ngoals: ");
	assert_non_null(p);
	assert_non_null(strstr(p, "\n\nmatrix, cold pass (empty cache and ccache):\nbranch  verdict\n5.10.y  fix-verified\n\nmatrix, warm pass (the caches the cold pass left):\nbranch  verdict\n5.10.y  reproduces\n"));
	assert_row(sb.buf, "verify --all --runs 3, cold",
		   "1890.4 s (9/10 as expected)", "met");
	assert_row(sb.buf, "verify --all --runs 3, warm",
		   "800.0 s (10/10 as expected)", "NOT MET");
	assert_null(strstr(sb.buf, "5.4.y"));
	assert_int_equal(g.met, 1);
	assert_int_equal(g.missed, 1);
	assert_int_equal(g.unknown, 0);
	p = path_join(f->dir, "bench.json");
	doc = json_load_file(p, 0, &je);
	free(p);
	assert_non_null(doc);
	mj = json_object_get(doc, "matrix");
	assert_int_equal(json_integer_value(json_object_get(mj, "runs")), 3);
	assert_true(json_real_value(json_object_get(json_object_get(mj,
		"cold"), "seconds")) == 1890.4);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
		mj, "cold"), "as_expected")), 9);
	assert_true(json_is_null(json_object_get(mj, "error")));
	/* each pass's rows as verify-all.json has them; none: null */
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(json_object_get(mj, "cold"), "row_results"),
		0), "branch")), "5.10.y");
	assert_true(json_is_null(json_object_get(json_object_get(mj, "warm"),
						 "row_results")));
	json_decref(doc);

	m.have_warm = false;
	m.error = xstrdup("warm verify --all: a row ended in an error (see above)");
	publish(f, 0, &m, &g, &sb);
	assert_row(sb.buf, "verify --all --runs 3, warm", "-",
		   "not measured");
	assert_non_null(strstr(sb.buf, "matrix  error: warm verify --all"));
	/* a pass that did not complete shows no matrix */
	assert_non_null(strstr(sb.buf, "matrix, cold pass"));
	assert_null(strstr(sb.buf, "matrix, warm pass"));
	assert_int_equal(g.unknown, 1);
	bmatrix_free(&m);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_detect_after_work, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_matrix, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
