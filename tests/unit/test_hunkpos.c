// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/hunkpos.c: hunk headers moved to where a row
 * records its hunks, nothing else changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hunkpos.h"
#include "util.h"

/* The "---" part of a mail: diffstat, then two hunks in one file. */
static const char part[] =
	"---\n"
	" mm/x.c | 2 ++\n"
	"\n"
	"diff --git a/mm/x.c b/mm/x.c\n"
	"--- a/mm/x.c\n"
	"+++ b/mm/x.c\n"
	"@@ -295,6 +295,7 @@ void f(struct s *a,\n"
	" \t\tgoto out;\n"
	"\040\n"
	" \tpage = e(entry);\n"
	"+\tpage = h(page);\n"
	"\040\n"
	" \t/*\n"
	" \t * comment\n"
	"@@ -400 +401,2 @@\n"
	" x\n"
	"+y\n"
	"--\040\n"
	"2.30.0\n";

static const char moved[] =
	"---\n"
	" mm/x.c | 2 ++\n"
	"\n"
	"diff --git a/mm/x.c b/mm/x.c\n"
	"--- a/mm/x.c\n"
	"+++ b/mm/x.c\n"
	"@@ -326,6 +326,7 @@ void f(struct s *a,\n"
	" \t\tgoto out;\n"
	"\040\n"
	" \tpage = e(entry);\n"
	"+\tpage = h(page);\n"
	"\040\n"
	" \t/*\n"
	" \t * comment\n"
	"@@ -410 +411,2 @@\n"
	" x\n"
	"+y\n"
	"--\040\n"
	"2.30.0\n";

static struct hunk_pos at[] = {
	{ .file = "mm/x.c", .old_start = 326 },
	{ .file = "mm/x.c", .old_start = 410 },
};

static void parse(const char *text, struct fix_diff *fd)
{
	struct parse_error err;

	assert_int_equal(fixdiff_parse(text, 1, fd, &err), 0);
}

static void test_header(void **state)
{
	struct fix_diff fd;
	unsigned long o, n;
	char *h;

	parse(part, &fd);
	h = hunkpos_header(&fd.h[0], 326);
	assert_string_equal(h, "@@ -326,6 +326,7 @@ void f(struct s *a,");
	free(h);
	/* The second hunk's new start keeps the first one's added line. */
	h = hunkpos_header(&fd.h[1], 410);
	assert_string_equal(h, "@@ -410 +411,2 @@");
	free(h);
	h = hunkpos_header(&fd.h[0], 295);
	assert_string_equal(h, fd.h[0].header);
	free(h);
	hunkpos_starts(&fd.h[1], 12, &o, &n);
	assert_int_equal(o, 12);
	assert_int_equal(n, 13);
	fixdiff_free(&fd);
}

static void test_apply(void **state)
{
	struct branch b = { .name = "5.10.y", .hunks = at, .nhunks = 2 };
	struct branch none = { .name = "5.4.y" };
	struct fix_diff up;
	char msg[256], *r, *other;

	parse(part, &up);
	r = hunkpos_apply(part, &up, &b, msg, sizeof(msg));
	assert_non_null(r);
	assert_string_equal(r, moved);
	free(r);
	/* Applied again to its own output: the same text. */
	r = hunkpos_apply(moved, &up, &b, msg, sizeof(msg));
	assert_string_equal(r, moved);
	free(r);
	/* No record: upstream's numbers. */
	r = hunkpos_apply(part, &up, &none, msg, sizeof(msg));
	assert_string_equal(r, part);
	free(r);
	/* A diff whose hunks are not the fix's is refused. */
	other = xstrdup(part);
	*strstr(other, "+++ b/mm/x.c") = '\0';
	assert_null(hunkpos_apply(other, &up, &b, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "no hunk"));
	free(other);
	b.nhunks = 1;
	assert_null(hunkpos_apply(part, &up, &b, msg, sizeof(msg)));
	assert_string_equal(msg, "5.10.y records 1 hunks, the fix has 2");
	fixdiff_free(&up);
	parse("+++ b/mm/x.c\n@@ -1,2 +1,3 @@\n a\n+b\n a\n", &up);
	assert_null(hunkpos_apply(part, &up, &b, msg, sizeof(msg)));
	assert_string_equal(msg, "the diff has 2 hunks, the fix 1");
	fixdiff_free(&up);
	parse("+++ b/mm/y.c\n@@ -1,2 +1,3 @@\n a\n+b\n a\n"
	      "@@ -400 +401,2 @@\n x\n+y\n", &up);
	b.nhunks = 2;
	assert_null(hunkpos_apply(part, &up, &b, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "hunk 1 (mm/x.c @@ -295,6 +295,7 @@"));
	fixdiff_free(&up);
}

static void test_numbers_only(void **state)
{
	char *r;

	assert_true(hunkpos_numbers_only("@@ -295,6 +295,7 @@ void f(x,",
					 "@@ -326,6 +326,7 @@ void f(x,"));
	assert_true(hunkpos_numbers_only("@@ -1 +1 @@", "@@ -1 +1 @@"));
	assert_false(hunkpos_numbers_only("@@ -295,6 +295,7 @@ void f(x,",
					  "@@ -326,6 +326,8 @@ void f(x,"));
	assert_false(hunkpos_numbers_only("@@ -295,6 +295,7 @@ void f(x,",
					  "@@ -326,6 +326,7 @@ void g(x,"));
	assert_false(hunkpos_numbers_only("@@ -1 +1 @@", "@@ -1,1 +1 @@"));
	assert_false(hunkpos_numbers_only("@@ -x +1 @@", "@@ -x +1 @@"));
	assert_false(hunkpos_numbers_only("@@ -1, +1 @@", "@@ -1, +1 @@"));
	assert_false(hunkpos_numbers_only("@@ -1 +1 @", "@@ -1 +1 @"));
	r = hunkpos_range("@@ -326,6 +326,7 @@ void f(x,");
	assert_string_equal(r, "@@ -326,6 +326,7 @@");
	free(r);
	r = hunkpos_range("not a header");
	assert_string_equal(r, "not a header");
	free(r);
}

/* The port's hunk headers against upstream's, and the record. */
static void test_moves(void **state)
{
	struct branch b = { .name = "5.10.y", .release = "5.10.46",
			    .hunks = at, .nhunks = 2 };
	struct branch opt = { .name = "4.19.y-optional", .optional = "x" };
	struct branch none = { .name = "5.4.y", .release = "5.4.128" };
	struct fix_diff up, port;
	struct hunk_move *m;
	char *t, *other;

	parse(part, &up);
	parse(moved, &port);
	assert_int_equal(hunkpos_moves(&up, &port, &b, &m), 2);
	assert_int_equal(m[0].index, 1);
	assert_string_equal(m[0].file, "mm/x.c");
	assert_string_equal(m[0].up, up.h[0].header);
	assert_string_equal(m[0].port, port.h[0].header);
	assert_true(m[0].intended && m[1].intended);
	t = hunkpos_move_text(&b, &m[0]);
	assert_string_equal(t, "hunk 1 of mm/x.c: upstream @@ -295,6 +295,7 @@, port @@ -326,6 +326,7 @@ (refreshed against 5.10.46): line numbers only");
	free(t);
	hunkpos_moves_free(m, 2);
	/* An optional series has no record: a refresh is intended. */
	assert_int_equal(hunkpos_moves(&up, &port, &opt, &m), 2);
	assert_true(m[1].intended);
	t = hunkpos_move_text(&opt, &m[1]);
	assert_non_null(strstr(t, "(refreshed by hand, no record in configs/branches.json)"));
	free(t);
	hunkpos_moves_free(m, 2);
	/* A generated row without a record, or elsewhere than recorded. */
	assert_int_equal(hunkpos_moves(&up, &port, &none, &m), 2);
	assert_false(m[0].intended);
	hunkpos_moves_free(m, 2);
	at[1].old_start = 500;
	assert_int_equal(hunkpos_moves(&up, &port, &b, &m), 2);
	assert_true(m[0].intended);
	assert_false(m[1].intended);
	t = hunkpos_move_text(&b, &m[1]);
	assert_non_null(strstr(t, "(not where configs/branches.json records it)"));
	free(t);
	hunkpos_moves_free(m, 2);
	at[1].old_start = 410;
	/* Same headers, or another section: no move. */
	assert_int_equal(hunkpos_moves(&up, &up, &b, &m), 0);
	assert_null(m);
	fixdiff_free(&port);
	other = xstrdup(moved);
	memcpy(strstr(other, "void f("), "void g(", 7);
	parse(other, &port);
	assert_int_equal(hunkpos_moves(&up, &port, &b, &m), 1);
	assert_int_equal(m[0].index, 2);
	hunkpos_moves_free(m, 1);
	fixdiff_free(&port);
	free(other);
	fixdiff_free(&up);
}

/* lint's check: the port's numbers against the record. */
static void test_check(void **state)
{
	struct branch b = { .name = "5.10.y", .hunks = at, .nhunks = 2 };
	const char *d = strstr(moved, "diff --git");
	struct parse_error err;
	struct hunkpos_miss miss;
	struct fix_diff up;
	struct patch p;

	parse(part, &up);
	memset(&p, 0, sizeof(p));
	assert_int_equal(diff_parse(d, strlen(d), 4, &p, &err), 0);
	assert_int_equal(hunkpos_check(&p, &up, &b, &miss), 0);
	at[1].old_start = 420;
	assert_int_equal(hunkpos_check(&p, &up, &b, &miss), 1);
	assert_int_equal(miss.index, 2);
	assert_string_equal(miss.file, "mm/x.c");
	assert_int_equal(miss.line, 15);
	assert_int_equal(miss.old_start, 410);
	assert_int_equal(miss.new_start, 411);
	assert_int_equal(miss.want_old, 420);
	assert_int_equal(miss.want_new, 421);
	at[1].old_start = 410;
	b.nhunks = 1;
	assert_int_equal(hunkpos_check(&p, &up, &b, &miss), -1);
	patch_free(&p);
	fixdiff_free(&up);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_numbers_only),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
