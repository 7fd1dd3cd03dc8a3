// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for scripts/maintainers.c: parsing, FILE:LINE errors and
 * get_maintainer.pl-style resolution.
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

#include "maintainers.h"
#include "util.h"

static const char good[] =
	"# comment\n"
	"\n"
	"PORT 5.10.y\n"
	"M:\tAnn Example <ann@example.org>\n"
	"R:\tBob Example <bob@example.org>\n"
	"L:\tstable@vger.kernel.org\n"
	"S:\tMaintained\n"
	"F:\tports/5.10.y/\n"
	"F:\tseries/5.10.y\n"
	"\n"
	"TOOLING\n"
	"M:\tAnn Example <ann@example.org>\n"
	"S:\tSupported\n"
	"F:\tscripts/*.c\n"
	"F:\tdocs\n"
	"X:\tscripts/cmd-secret.c\n";

static int parse(const char *text, struct maintainers *m,
		 struct parse_error *err)
{
	return maintainers_parse(text, strlen(text), m, err);
}

static void test_parse_good(void **state)
{
	struct maintainers m;
	struct parse_error err;

	(void)state;
	assert_int_equal(parse(good, &m, &err), 0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.e[0].title, "PORT 5.10.y");
	assert_int_equal(m.e[0].line, 3);
	assert_int_equal(m.e[0].nm, 1);
	assert_int_equal(m.e[0].nf, 2);
	assert_int_equal(m.e[0].f[1].line, 9);
	assert_string_equal(m.e[0].status, "Maintained");
	assert_string_equal(m.e[1].x[0].text, "scripts/cmd-secret.c");
	maintainers_free(&m);
}

struct bad_case {
	const char *text;
	unsigned int line;
	const char *needle;
};

static void test_parse_errors(void **state)
{
	static const struct bad_case cases[] = {
		{ "M:\ta <a@b.c>\n", 1, "outside an entry" },
		{ "E\nM:\tnobody\nS:\tMaintained\nF:\tx\n", 2, "Full Name" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\n", 1, "no F:" },
		{ "E\nM:\ta <a@b.c>\nF:\tx\n", 1, "no S:" },
		{ "E\nS:\tMaintained\nF:\tx\n", 1, "no M:" },
		{ "E\nM:\ta <a@b.c>\nS:\tLovely\nF:\tx\n", 3, "not one of" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\t/abs\n", 4, "absolute" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\ta/../b\n", 4, "'..'" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nQ:\tx\n", 4, "unknown tag" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\tx\t\n", 4, "trailing" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\n", 4, "empty F:" },
		{ "E\nM:\ta <a@b.c>\n\tmore\n", 3, "whitespace" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\tx\n\nE\n", 6, "duplicate" },
		{ "E\nM:\ta <a@b.c>\nS:\tMaintained\nF:\tx\ngarbage\n", 5, "neither" },
		{ "E\nL:\tnot a list\nS:\tMaintained\nF:\tx\n", 2, "list address" },
		{ "E\nS:\tMaintained\nS:\tOrphan\nF:\tx\n", 3, "second S:" },
		{ "# only a comment\n", 0, "no entries" },
		{ "E\r\n", 1, "CRLF" },
	};
	struct maintainers m;
	struct parse_error err;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = parse(cases[i].text, &m, &err);

		if (r == 0 || err.line != cases[i].line ||
		    !strstr(err.msg, cases[i].needle))
			fail_msg("case %zu: r=%d line=%u msg=\"%s\", want line %u \"%s\"",
				 i, r, err.line, err.msg, cases[i].line,
				 cases[i].needle);
		assert_int_equal(m.n, 0);
		assert_null(m.e);
	}
}

static void test_orphan_needs_no_maintainer(void **state)
{
	struct maintainers m;
	struct parse_error err;

	(void)state;
	assert_int_equal(parse("OLD\nS:\tOrphan\nF:\told/\n", &m, &err), 0);
	maintainers_free(&m);
}

static void test_patterns(void **state)
{
	(void)state;
	/* Trailing '/': the directory and everything below. */
	assert_true(maintainers_pattern_match("ports/5.10.y/", "ports/5.10.y/a.patch"));
	assert_true(maintainers_pattern_match("ports/5.10.y/", "ports/5.10.y/sub/a"));
	assert_true(maintainers_pattern_match("ports/5.10.y/", "ports/5.10.y"));
	assert_false(maintainers_pattern_match("ports/5.10.y/", "ports/5.10.yy/a"));
	assert_false(maintainers_pattern_match("ports/5.1/", "ports/5.10.y/a"));
	/* Exact file. */
	assert_true(maintainers_pattern_match("series/5.10.y", "series/5.10.y"));
	assert_false(maintainers_pattern_match("series/5.10.y", "series/5.10.y.orig"));
	/* Globs do not cross '/'. */
	assert_true(maintainers_pattern_match("scripts/*.c", "scripts/cmd-mail.c"));
	assert_false(maintainers_pattern_match("scripts/*.c", "scripts/sub/x.c"));
	assert_false(maintainers_pattern_match("scripts/*.c", "scripts/x.h"));
	assert_true(maintainers_pattern_match("ports/*/", "ports/5.4.y/x.patch"));
	/* A directory named without '/' covers its files. */
	assert_true(maintainers_pattern_match("docs", "docs/HACKING.md"));
	assert_true(maintainers_pattern_match("docs", "./docs/HACKING.md"));
	assert_false(maintainers_pattern_match("docs", "docsx/a"));
}

static void test_resolve(void **state)
{
	struct maintainers m;
	struct parse_error err;
	struct maint_owners o = { NULL, 0 };

	(void)state;
	assert_int_equal(parse(good, &m, &err), 0);
	assert_int_equal(maintainers_resolve(&m, "ports/5.10.y/x.patch", &o), 1);
	assert_int_equal(o.n, 3);
	assert_string_equal(o.v[0].who, "Ann Example <ann@example.org>");
	assert_string_equal(o.v[0].roles, "maintainer:PORT 5.10.y");
	assert_string_equal(o.v[1].roles, "reviewer:PORT 5.10.y");
	assert_true(o.v[2].is_list);
	assert_string_equal(o.v[2].who, "stable@vger.kernel.org");
	/* Same person via a second entry: roles merge, no duplicate. */
	assert_int_equal(maintainers_resolve(&m, "scripts/cmd-mail.c", &o), 1);
	assert_int_equal(o.n, 3);
	assert_string_equal(o.v[0].roles,
			    "maintainer:PORT 5.10.y,maintainer:TOOLING");
	/* X: excludes. */
	assert_int_equal(maintainers_resolve(&m, "scripts/cmd-secret.c", &o), 0);
	assert_int_equal(maintainers_resolve(&m, "nowhere/x", &o), 0);
	maint_owners_free(&o);
	maintainers_free(&m);
}

static void test_address(void **state)
{
	char *a;

	(void)state;
	a = maint_address("Ann Example <Ann@Example.ORG>");
	assert_string_equal(a, "ann@example.org");
	free(a);
	a = maint_address("list@example.org (moderated)");
	assert_string_equal(a, "list@example.org");
	free(a);
}

static void test_load_file(void **state)
{
	char path[] = "/tmp/test_maintainers.XXXXXX";
	struct maintainers m;
	struct parse_error err;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, good, strlen(good)), (ssize_t)strlen(good));
	close(fd);
	assert_int_equal(maintainers_load(path, &m, &err), 0);
	assert_string_equal(m.path, path);
	maintainers_free(&m);
	unlink(path);
	assert_int_equal(maintainers_load(path, &m, &err), -1);
	assert_int_equal(err.line, 0);
	assert_non_null(strstr(err.msg, "cannot read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_orphan_needs_no_maintainer),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_load_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
