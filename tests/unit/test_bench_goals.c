// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the bench goals (scripts/bench-goals.c, configs/bench.json);
 * the busy processes of --load are test_load.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bench-goals.h"
#include "util.h"

#define GOALS(body)	"{\"goals\": {" body "}}"
#define ALL	"\"cold_build_seconds\": 180, \"warm_reverify_seconds\": 40, " \
		"\"detect_median_seconds\": 5, \"detect_max_seconds\": 10, " \
		"\"detection_window_seconds\": 60, \"detection_rate\": 1, " \
		"\"boot_to_test_start_seconds\": 1.5, \"false_failures\": 0, " \
		"\"pass_below_work\": 0, \"matrix_cold_seconds\": 2100, " \
		"\"matrix_warm_seconds\": 720, \"matrix_runs\": 3"

static int parse(const char *s, struct bench_goals *g, char *msg, size_t n)
{
	return bench_goals_parse(s, strlen(s), "bench.json", g, msg, n);
}

/* The committed file: the goals of issue 12 section 7. */
static void test_committed(void **state)
{
	struct bench_goals g;

	assert_int_equal(bench_goals_load("configs/bench.json", &g), 0);
	assert_true(g.warm_reverify == 40);
	assert_true(g.detect_median == 5 && g.detect_max == 10);
	assert_true(g.to_start == 1.5 && g.detect_rate == 1);
	assert_int_equal(g.false_failures, 0);
	assert_int_equal(g.matrix_runs, 3);
}

static void test_good(void **state)
{
	struct bench_goals g;
	char msg[256] = "";

	assert_int_equal(parse(GOALS(ALL), &g, msg, sizeof(msg)), 0);
	assert_true(g.cold_build == 180 && g.detect_window == 60);
	assert_int_equal(g.pass_below_work, 0);
	assert_true(g.matrix_cold == 2100 && g.matrix_warm == 720);
	assert_int_equal(g.matrix_runs, 3);
}

/* ALL with the text @from replaced by @to. */
static char *all_but(const char *from, const char *to)
{
	const char *at = strstr(ALL, from);
	char *s;

	assert_non_null(at);
	s = xasprintf("{\"goals\": {%.*s%s%s}}", (int)(at - ALL), ALL, to,
		      at + strlen(from));
	return s;
}

static void test_bad(void **state)
{
	static const struct {
		const char *in, *msg;
	} c[] = {
		{ "[1]", "bench.json: (top level): an array, not an object" },
		{ "{\"goal\": {}}", "bench.json: goal: unknown key" },
		{ "{}", "bench.json: goals: missing" },
		{ GOALS(ALL ", \"detect_mean_seconds\": 3"),
		  "bench.json: goals.detect_mean_seconds: unknown key" },
		{ GOALS("\"cold_build_seconds\": 180"),
		  "bench.json: goals.warm_reverify_seconds: missing" },
		{ "{\"goals\": {\"cold_build_seconds\": -1}}",
		  "bench.json: goals.cold_build_seconds: negative (-1)" },
		{ "{\"goals\": {\"cold_build_seconds\": 0}}",
		  "bench.json: goals.cold_build_seconds: 0 is not a limit from 0 to 86400 s" },
		{ "{\"goals\": {\"cold_build_seconds\": \"3\"}}",
		  "bench.json: goals.cold_build_seconds: a string, not a number" },
		{ "{\"goals\": 1", "bench.json:1:" },
	};
	static const struct {
		const char *from, *to, *msg;
	} r[] = {
		{ "\"detect_median_seconds\": 5", "\"detect_median_seconds\": 11",
		  "bench.json: goals: want detect_median_seconds <= detect_max_seconds <= detection_window_seconds" },
		{ "\"detection_rate\": 1", "\"detection_rate\": 1.5",
		  "bench.json: goals.detection_rate: not a fraction above 0 and at most 1" },
		{ "\"false_failures\": 0, ", "",
		  "bench.json: goals.false_failures: missing" },
		{ "\"matrix_runs\": 3", "\"matrix_runs\": 0",
		  "bench.json: goals.matrix_runs: 0 is not a number of boots from 1 to 100" },
		{ "\"matrix_runs\": 3", "\"matrix_runs\": 101",
		  "bench.json: goals.matrix_runs: 101 is not a number of boots from 1 to 100" },
		{ ", \"matrix_runs\": 3", "",
		  "bench.json: goals.matrix_runs: missing" },
		{ "\"matrix_warm_seconds\": 720", "\"matrix_warm_seconds\": 90000",
		  "bench.json: goals.matrix_warm_seconds: 90000 is not a limit from 0 to 86400 s" },
	};
	struct bench_goals g;
	char msg[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		msg[0] = 0;
		assert_int_equal(parse(c[i].in, &g, msg, sizeof(msg)), -1);
		if (strncmp(msg, c[i].msg, strlen(c[i].msg)))
			fail_msg("case %zu: \"%s\", want \"%s\"", i, msg,
				 c[i].msg);
	}
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		char *in = all_but(r[i].from, r[i].to);

		msg[0] = 0;
		assert_int_equal(parse(in, &g, msg, sizeof(msg)), -1);
		if (strcmp(msg, r[i].msg))
			fail_msg("case r%zu: \"%s\", want \"%s\"", i, msg,
				 r[i].msg);
		free(in);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
