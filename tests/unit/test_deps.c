// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/deps.c (ci/packages.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deps.h"
#include "util.h"

static int parse(const char *s, struct deps *ds, struct parse_error *e)
{
	return deps_parse(s, strlen(s), ds, e);
}

static void test_good(void **state)
{
	static const char s[] =
		"# a comment\n"
		"\n"
		"build-essential make gcc\n"
		"libcmocka-dev\n"
		"  qemu-system-x86\tqemu-system-x86_64\040\n"
		"g++-12 g++";
	struct parse_error e;
	struct deps ds;

	assert_int_equal(parse(s, &ds, &e), 0);
	assert_int_equal(ds.n, 4);
	assert_string_equal(ds.d[0].package, "build-essential");
	assert_int_equal(ds.d[0].line, 3);
	assert_int_equal(ds.d[0].programs.n, 2);
	assert_string_equal(ds.d[0].programs.v[1], "gcc");
	assert_int_equal(ds.d[1].programs.n, 0);
	assert_string_equal(ds.d[2].programs.v[0], "qemu-system-x86_64");
	assert_string_equal(ds.d[3].package, "g++-12");
	assert_non_null(deps_find(&ds, "libcmocka-dev"));
	assert_null(deps_find(&ds, "libcmocka"));
	deps_free(&ds);
}

static void test_errors(void **state)
{
	static const struct { const char *text; unsigned int line; const char *msg; } bad[] = {
		{ "rsync\nRsync\n", 2, "\"Rsync\" is not a Debian package name" },
		{ "rsync\nrsync x\n", 2, "listed twice" },
		{ "rsync ../bin/sh\n", 1, "\"../bin/sh\" is not a program name" },
		{ "rsync a;b\n", 1, "not a program name" },
		{ "# only\n\n", 0, "no package listed" },
		{ "x\n", 1, "not a Debian package name" },
	};
	struct parse_error e;
	struct deps ds;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(parse(bad[i].text, &ds, &e), -1);
		assert_int_equal(e.line, bad[i].line);
		assert_non_null(strstr(e.msg, bad[i].msg));
		assert_int_equal(ds.n, 0);
	}
	assert_int_equal(deps_parse("a\0b", 3, &ds, &e), -1);
	assert_non_null(strstr(e.msg, "NUL"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
