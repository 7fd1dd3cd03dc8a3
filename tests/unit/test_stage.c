// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/stage.c: all files written, or none.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "stage.h"
#include "util.h"

static char *at(const char *dir, const char *rel)
{
	return path_join(dir, rel);
}

static char *slurp(const char *dir, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	char *p = at(dir, rel);
	int r = read_file(p, &sb);

	free(p);
	if (r) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static void put(const char *dir, const char *rel, const char *text)
{
	char *p = at(dir, rel);

	assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
	free(p);
}

static struct strvec seen;

static int see(const char *path, const struct stat *st, int flag,
	       struct FTW *ftw)
{
	sv_push(&seen, path);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of @dir, sorted, as one string. */
static char *listing(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	assert_int_equal(nftw(dir, see, 16, FTW_PHYS), 0);
	qsort(seen.v, seen.n, sizeof(*seen.v), cmp);
	for (i = 0; i < seen.n; i++)
		sb_addf(&sb, "%s\n", seen.v[i]);
	sv_clear(&seen);
	return sb_detach(&sb);
}

static void test_all_written(void **state)
{
	char dir[] = "/tmp/test_stage.XXXXXX", *s;
	struct stage st;

	assert_non_null(mkdtemp(dir));
	put(dir, "series/5.10.y", "old\n");
	stage_init(&st, dir);
	stage_add(&st, "upstream/x.mbox", xstrdup("mbox\n"), true);
	stage_add(&st, "ports/5.10.y/a.patch", xstrdup("patch\n"), true);
	stage_add(&st, "series/5.10.y", xstrdup("old\na.patch\n"), false);
	assert_int_equal(stage_commit(&st), 0);
	stage_free(&st);
	s = slurp(dir, "ports/5.10.y/a.patch");
	assert_string_equal(s, "patch\n");
	free(s);
	s = slurp(dir, "series/5.10.y");
	assert_string_equal(s, "old\na.patch\n");
	free(s);
	/* Again: nothing changes, the same content is fine. */
	stage_init(&st, dir);
	stage_add(&st, "ports/5.10.y/a.patch", xstrdup("patch\n"), true);
	assert_int_equal(stage_commit(&st), 0);
	stage_free(&st);
	s = listing(dir);
	assert_null(strstr(s, ".backport-stage"));
	free(s);
	assert_int_equal(remove_tree(dir), 0);
}

static void expect_nothing(const char *dir, struct stage *st)
{
	char *before = listing(dir), *after, *s;

	assert_int_equal(stage_commit(st), -1);
	stage_free(st);
	after = listing(dir);
	assert_string_equal(before, after);
	s = slurp(dir, "series/5.10.y");
	assert_string_equal(s, "old\n");
	free(s);
	free(before);
	free(after);
}

static void test_nothing_written(void **state)
{
	char dir[] = "/tmp/test_stage.XXXXXX", *p;
	struct stage st;

	assert_non_null(mkdtemp(dir));
	put(dir, "series/5.10.y", "old\n");
	put(dir, "ports/5.4.y/a.patch", "another port\n");
	p = at(dir, "ports/5.12.y/a.patch");
	assert_int_equal(mkdir_p(p, 0755), 0);
	free(p);

	/* A committed port with other contents is never replaced. */
	stage_init(&st, dir);
	stage_add(&st, "series/5.10.y", xstrdup("old\na.patch\n"), false);
	stage_add(&st, "ports/5.4.y/a.patch", xstrdup("patch\n"), true);
	expect_nothing(dir, &st);
	/* A directory where a file goes. */
	stage_init(&st, dir);
	stage_add(&st, "series/5.10.y", xstrdup("old\na.patch\n"), false);
	stage_add(&st, "ports/5.12.y/a.patch", xstrdup("patch\n"), true);
	expect_nothing(dir, &st);
	/* A path out of the repository. */
	stage_init(&st, dir);
	stage_add(&st, "series/5.10.y", xstrdup("old\na.patch\n"), false);
	stage_add(&st, "ports/5.10.y /../../../x/a.patch", xstrdup("p\n"),
		  true);
	expect_nothing(dir, &st);
	/* The same file twice. */
	stage_init(&st, dir);
	stage_add(&st, "series/5.10.y", xstrdup("old\na.patch\n"), false);
	stage_add(&st, "series/5.10.y", xstrdup("old\nb.patch\n"), false);
	expect_nothing(dir, &st);
	assert_int_equal(remove_tree(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_written),
		cmocka_unit_test(test_nothing_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
