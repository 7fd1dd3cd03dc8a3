// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/series.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "series.h"
#include "util.h"

static int parse(const char *s, struct series *se, struct parse_error *e)
{
	return series_parse(s, strlen(s), se, e);
}

static void test_good(void **state)
{
	static const char s[] =
		"# a comment\n"
		"\n"
		"first.patch\n"
		"  sub/second.patch -p0   # why\n"
		"third.patch\t-p2\n"
		"last..dots.patch";
	struct series se;
	struct parse_error e;

	assert_int_equal(parse(s, &se, &e), 0);
	assert_int_equal(se.n, 4);
	assert_string_equal(se.e[0].name, "first.patch");
	assert_int_equal(se.e[0].strip, 1);
	assert_int_equal(se.e[0].line, 3);
	assert_string_equal(se.e[1].name, "sub/second.patch");
	assert_int_equal(se.e[1].strip, 0);
	assert_int_equal(se.e[1].line, 4);
	assert_int_equal(se.e[2].strip, 2);
	assert_string_equal(se.e[3].name, "last..dots.patch");
	assert_int_equal(se.e[3].line, 6);
	assert_int_equal(series_find(&se, "third.patch"), 2);
	assert_int_equal(series_find(&se, "nope.patch"), -1);
	series_free(&se);
}

static void test_empty(void **state)
{
	struct series se;
	struct parse_error e;

	assert_int_equal(parse("", &se, &e), 0);
	assert_int_equal(se.n, 0);
	assert_int_equal(parse("# only\n\n \040\n", &se, &e), 0);
	assert_int_equal(se.n, 0);
	series_free(&se);
}

static void expect_error(const char *s, unsigned int line, const char *needle)
{
	struct series se;
	struct parse_error e;

	assert_int_equal(parse(s, &se, &e), -1);
	if (e.line != line || !strstr(e.msg, needle))
		fail_msg("want %u \"%s\", got %u \"%s\"", line, needle, e.line,
			 e.msg);
	assert_int_equal(se.n, 0);
	assert_null(se.e);
}

static void test_errors(void **state)
{
	expect_error("a.patch\n/etc/passwd\n", 2, "absolute");
	expect_error("a.patch\n\n../up.patch\n", 3, "..");
	expect_error("x/../../y.patch\n", 1, "..");
	expect_error("a/..\n", 1, "..");
	expect_error("a.patch -R\n", 1, "only -pN");
	expect_error("a.patch -px\n", 1, "only -pN");
	expect_error("a.patch -p1x\n", 1, "bad strip level");
	expect_error("a.patch -p1 -p2\n", 1, "more than one option");
	expect_error("a.patch\nb.patch\na.patch\n", 3, "listed twice");
	expect_error("a.patch\r\n", 1, "CRLF");
	expect_error("dir/\n", 1, "directory");
}

static void test_load(void **state)
{
	char path[] = "/tmp/test_series.XXXXXX";
	int fd = mkstemp(path);
	struct series se;
	struct parse_error e;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "one.patch\n", 10), 10);
	close(fd);
	assert_int_equal(series_load(path, &se, &e), 0);
	assert_int_equal(se.n, 1);
	series_free(&se);
	unlink(path);
	assert_int_equal(series_load(path, &se, &e), -1);
	assert_int_equal(e.line, 0);
	assert_non_null(strstr(e.msg, "No such file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
