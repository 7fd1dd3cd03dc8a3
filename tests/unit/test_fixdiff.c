// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/fixdiff.c: parsing a fix's diff and placing its
 * hunks in a file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixdiff.h"
#include "util.h"

static const char two_hunks[] =
	"diff --git a/a.c b/a.c\n"
	"--- a/a.c\n"
	"+++ b/a.c\n"
	"@@ -1,3 +1,3 @@ int f(void)\n"
	" one\n"
	"-two\n"
	"+TWO\n"
	" three\n"
	"diff --git a/b.c b/b.c\n"
	"--- a/b.c\n"
	"+++ b/b.c\n"
	"@@ -10,2 +10,3 @@\n"
	" x = 1;\n"
	"+y = 2;\n"
	"\\ No newline at end of file\n"
	" z = 3;\n"
	"--\040\n"
	"2.39.5\n";

static void test_parse(void **state)
{
	struct parse_error err;
	struct fix_diff fd;

	assert_int_equal(fixdiff_parse(two_hunks, 20, &fd, &err), 0);
	assert_int_equal(fd.n, 2);
	assert_int_equal(fd.files.n, 2);
	assert_string_equal(fd.h[0].path, "a.c");
	assert_string_equal(fd.h[0].header, "@@ -1,3 +1,3 @@ int f(void)");
	assert_string_equal(fd.h[0].section, "int f(void)");
	assert_int_equal(fd.h[0].line, 23);
	assert_int_equal(fd.h[0].pre.n, 3);
	assert_string_equal(fd.h[0].pre.v[1], "two");
	assert_string_equal(fd.h[0].post.v[1], "TWO");
	assert_string_equal(fd.h[0].anchor, "one");
	assert_string_equal(fd.h[0].first_added, "TWO");
	assert_string_equal(fd.h[1].path, "b.c");
	assert_int_equal(fd.h[1].index, 2);
	assert_int_equal(fd.h[1].pre.n, 2);
	assert_int_equal(fd.h[1].post.n, 3);
	assert_string_equal(fd.h[1].anchor, "x = 1;");
	/* The header's numbers. */
	assert_int_equal(fd.h[0].old_start, 1);
	assert_int_equal(fd.h[0].old_count, 3);
	assert_int_equal(fd.h[1].new_start, 10);
	assert_int_equal(fd.h[1].new_count, 3);
	fixdiff_free(&fd);
}

static void test_errors(void **state)
{
	struct parse_error err;
	struct fix_diff fd;

	assert_int_equal(fixdiff_parse("no diff here\n", 5, &fd, &err), -1);
	assert_int_equal(err.line, 5);
	assert_non_null(strstr(err.msg, "no hunk"));
	assert_int_equal(fixdiff_parse("@@ -1 +1 @@\n-a\n+b\n", 1, &fd, &err), -1);
	assert_non_null(strstr(err.msg, "before any +++"));
	assert_int_equal(fixdiff_parse("+++ b/x\n@@ -1,2 +1,2 @@\n a\n", 1,
				       &fd, &err), -1);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.msg, "hunk 1 ends early"));
	assert_int_equal(fixdiff_parse("+++ b/x\n@@ -1,2 +1,2 @@\n a\nzzz\n",
				       1, &fd, &err), -1);
	assert_int_equal(err.line, 4);
	assert_int_equal(fixdiff_parse("+++ b/x\n@@ -x +1 @@\n", 1, &fd, &err),
			 -1);
	assert_non_null(strstr(err.msg, "malformed hunk header"));
}

static void test_states(void **state)
{
	struct parse_error err;
	struct fix_diff fd;
	unsigned long line;

	assert_int_equal(fixdiff_parse(two_hunks, 1, &fd, &err), 0);
	assert_int_equal(fixdiff_hunk_state(&fd.h[0], "zero\none\ntwo\nthree\n",
					    &line), HUNK_ABSENT);
	assert_int_equal(line, 2);
	assert_int_equal(fixdiff_hunk_state(&fd.h[0], "one\nTWO\nthree", &line),
			 HUNK_APPLIED);
	assert_int_equal(line, 1);
	/* Whitespace counts, as with --fuzz=0. */
	assert_int_equal(fixdiff_hunk_state(&fd.h[0], "one\n two\nthree\n",
					    &line), HUNK_CONFLICT);
	assert_int_equal(line, 0);
	/* A prefix of the image is not the image. */
	assert_int_equal(fixdiff_hunk_state(&fd.h[0], "one\ntwo\n", &line),
			 HUNK_CONFLICT);
	assert_int_equal(fixdiff_hunk_state(&fd.h[0], "", &line),
			 HUNK_CONFLICT);
	assert_int_equal(fixdiff_hunk_state(&fd.h[1], "x = 1;\ny = 2;\nz = 3;\n",
					    &line), HUNK_APPLIED);
	fixdiff_free(&fd);
}

/* Every place a pre-image stands: none, one, several, overlapping. */
static void test_places(void **state)
{
	struct parse_error err;
	struct fix_diff fd;
	unsigned long first, second;

	assert_int_equal(fixdiff_parse(two_hunks, 1, &fd, &err), 0);
	assert_int_equal(fixdiff_pre_places(&fd.h[0], "one\nTWO\nthree\n",
					    &first, &second), 0);
	assert_int_equal(first, 0);
	assert_int_equal(second, 0);
	assert_int_equal(fixdiff_pre_places(&fd.h[0], "\n\none\ntwo\nthree\n",
					    &first, &second), 1);
	assert_int_equal(first, 3);
	assert_int_equal(second, 0);
	assert_int_equal(fixdiff_pre_places(&fd.h[0],
					    "one\ntwo\nthree\nx\none\ntwo\nthree",
					    &first, &second), 2);
	assert_int_equal(first, 1);
	assert_int_equal(second, 5);
	fixdiff_free(&fd);
	assert_int_equal(fixdiff_parse("+++ b/x\n@@ -1,2 +1,3 @@\n a\n+b\n a\n",
				       1, &fd, &err), 0);
	assert_int_equal(fixdiff_pre_places(&fd.h[0], "a\na\na\n", &first,
					    &second), 2);
	assert_int_equal(first, 1);
	assert_int_equal(second, 2);
	fixdiff_free(&fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_places),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
