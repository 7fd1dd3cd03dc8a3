// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/results-write.c: every results document the
 * project committed (results/<branch>.json, written by verify) read with
 * results_read() and written again gives the same bytes, and its JUnit
 * report the committed .junit.xml.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "results.h"
#include "util.h"

static void same_file(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

	assert_int_equal(read_file(a, &x), 0);
	assert_int_equal(read_file(b, &y), 0);
	if (x.len != y.len || memcmp(x.buf, y.buf, x.len))
		fail_msg("%s and %s differ", a, b);
	sb_release(&x);
	sb_release(&y);
}

static void round_trip(const char *path)
{
	char tmpl[] = "/tmp/test_results_write.XXXXXX";
	char *dir = mkdtemp(tmpl), *j, *x, *junit, *stem;
	struct results r;
	char msg[512];

	assert_non_null(dir);
	if (results_read(path, &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	j = path_join(dir, "r.json");
	x = path_join(dir, "r.junit.xml");
	assert_int_equal(results_write_json(&r, j), 0);
	assert_int_equal(results_write_junit(&r, x), 0);
	same_file(path, j);
	stem = xstrndup(path, strlen(path) - 5);
	junit = xasprintf("%s.junit.xml", stem);
	free(stem);
	same_file(junit, x);
	results_free(&r);
	unlink(j);
	unlink(x);
	rmdir(dir);
	free(junit);
	free(j);
	free(x);
}

static void test_committed_results(void **state)
{
	glob_t g;
	size_t i, n = 0;

	assert_int_equal(glob("results/[0-9]*.json", 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		round_trip(g.gl_pathv[i]);
		n++;
	}
	/* Every decision of the table has a row with results. */
	assert_true(n >= 4);
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_results),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
