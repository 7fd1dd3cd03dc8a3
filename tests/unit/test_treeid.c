// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/treeid.c and scripts/workdir.c on small trees
 * made by the tests.
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cache.h"
#include "treeid.h"
#include "util.h"
#include "workdir.h"

static char *top;

static void put(const char *rel, const char *text)
{
	char *p = path_join(top, rel), *d = xstrdup(p);

	*strrchr(d, '/') = 0;
	assert_int_equal(mkdir_p(d, 0755), 0);
	assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
	free(d);
	free(p);
}

static void list_entries(const char *dir, struct strvec *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			sv_push(out, de->d_name);
	closedir(d);
}

static char *id_of(const char *dir, const char *cache)
{
	char msg[256];
	char *id = tree_identity(dir, cache, msg, sizeof(msg));

	if (!id)
		fail_msg("%s", msg);
	assert_int_equal(strlen(id), 64);
	return id;
}

/* The identity follows content, names, modes and links; nothing else. */
static void test_identity(void **state)
{
	char *tree = path_join(top, "t"), *a, *b, *p;
	char msg[256];

	put("t/Makefile", "VERSION = 5\n");
	put("t/mm/migrate.c", "int x;\n");
	a = id_of(tree, NULL);
	/* Only metadata changes: same identity. */
	p = path_join(tree, "mm/migrate.c");
	assert_int_equal(utimensat(AT_FDCWD, p, NULL, 0), 0);
	b = id_of(tree, NULL);
	assert_string_equal(a, b);
	free(b);
	/* What the copy leaves out does not count. */
	put("t/.git/HEAD", "ref: x\n");
	put("t/.config", "CONFIG_X=y\n");
	put("t/include/generated/autoconf.h", "#define X 1\n");
	put("t/arch/x86/include/generated/asm/x.h", "\n");
	b = id_of(tree, NULL);
	assert_string_equal(a, b);
	free(b);
	/* Content, the executable bit and a symlink's target count. */
	put("t/mm/migrate.c", "int y;\n");
	b = id_of(tree, NULL);
	assert_string_not_equal(a, b);
	free(a);
	a = b;
	assert_int_equal(chmod(p, 0755), 0);
	b = id_of(tree, NULL);
	assert_string_not_equal(a, b);
	free(a);
	a = b;
	free(p);
	p = path_join(tree, "link");
	assert_int_equal(symlink("Makefile", p), 0);
	b = id_of(tree, NULL);
	assert_string_not_equal(a, b);
	free(a);
	a = b;
	unlink(p);
	assert_int_equal(symlink("mm", p), 0);
	b = id_of(tree, NULL);
	assert_string_not_equal(a, b);
	assert_true(treeid_excluded(".git"));
	assert_true(treeid_excluded("arch/arm64/include/generated"));
	assert_false(treeid_excluded("arch/x86/include/asm"));
	assert_null(tree_identity("/nonexistent/tree", NULL, msg,
				  sizeof(msg)));
	assert_non_null(strstr(msg, "/nonexistent/tree"));
	free(a);
	free(b);
	free(p);
	free(tree);
}

/* The cache answers for an unchanged tree, never for a changed one. */
static void test_cache(void **state)
{
	char *tree = path_join(top, "c"), *cache = path_join(top, "cache");
	char *a, *b, *dir, *path;
	struct strvec ents = STRVEC_INIT;
	const char *fake = "0000000000000000000000000000000000000000000000000000000000000000\n";

	put("c/Makefile", "VERSION = 6\n");
	a = id_of(tree, cache);
	dir = path_join(cache, "tree-ids");
	list_entries(dir, &ents);
	assert_int_equal(ents.n, 1);
	path = path_join(dir, ents.v[0]);
	/* A remembered answer is used as it is... */
	assert_int_equal(write_file_atomic(path, fake, strlen(fake)), 0);
	b = id_of(tree, cache);
	assert_string_equal(b, "0000000000000000000000000000000000000000000000000000000000000000");
	free(b);
	/* ...until the tree changes. */
	put("c/Makefile", "VERSION = 7\n");
	b = id_of(tree, cache);
	assert_string_not_equal(a, b);
	assert_string_not_equal(b, "0000000000000000000000000000000000000000000000000000000000000000");
	free(a);
	free(b);
	free(path);
	sv_clear(&ents);
	free(dir);
	free(cache);
	free(tree);
}

static void test_workdir(void **state)
{
	char *wd = path_join(top, "w"), *src = path_join(wd, "src");
	char *bld = path_join(wd, "build"), *obj = path_join(bld, "x.o"), *p;
	char msg[256];

	/* Nothing there: claimed, nothing removed. */
	assert_int_equal(workdir_claim(wd, src, bld, "k1", true, msg,
				       sizeof(msg)), 0);
	put("w/src/Makefile", "x\n");
	put("w/build/x.o", "obj\n");
	/* Same key: kept. */
	assert_int_equal(workdir_claim(wd, src, bld, "k1", true, msg,
				       sizeof(msg)), 0);
	assert_true(path_exists(obj));
	/* Another key: both removed. */
	assert_int_equal(workdir_claim(wd, src, bld, "k2", true, msg,
				       sizeof(msg)), 1);
	assert_false(path_exists(obj));
	assert_false(path_exists(src));
	/* Directories without a stamp (an older version made them). */
	put("w/build/x.o", "obj\n");
	put("w/inputs", "");
	p = path_join(wd, "inputs");
	assert_int_equal(unlink(p), 0);
	free(p);
	assert_int_equal(workdir_claim(wd, src, bld, "k2", true, msg,
				       sizeof(msg)), 1);
	assert_false(path_exists(obj));
	free(obj);
	free(bld);
	free(src);
	free(wd);
}

static void test_key(void **state)
{
	struct table t = { .root = "/nonexistent" };
	struct branch b = { .name = "5.10.y" };
	struct series_entry e = { .name = "fix.patch", .strip = 1, .line = 1 };
	struct series s = { .e = &e, .n = 1 };
	char msg[256];
	char *k1 = workdir_key(&t, &b, "aa", NULL, NULL, msg, sizeof(msg));
	char *k2 = workdir_key(&t, &b, "bb", NULL, NULL, msg, sizeof(msg));
	struct strvec none = STRVEC_INIT, compat = STRVEC_INIT;
	char *k3, *k4, *k5;

	assert_non_null(k1);
	assert_non_null(k2);
	assert_string_not_equal(k1, k2);
	/* A patch that cannot be read is named. */
	assert_null(workdir_key(&t, &b, "aa", &s, NULL, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "fix.patch"));
	/* No compat patch keeps the key; one, or another version, not. */
	k3 = workdir_key(&t, &b, "aa", NULL, &none, msg, sizeof(msg));
	assert_string_equal(k1, k3);
	sv_push(&compat, "1d489151e9f9d1647110277ff77282fe4d96d09b 01");
	k4 = workdir_key(&t, &b, "aa", NULL, &compat, msg, sizeof(msg));
	assert_string_not_equal(k1, k4);
	free(compat.v[0]);
	compat.v[0] = xstrdup("1d489151e9f9d1647110277ff77282fe4d96d09b 02");
	k5 = workdir_key(&t, &b, "aa", NULL, &compat, msg, sizeof(msg));
	assert_string_not_equal(k4, k5);
	sv_clear(&compat);
	free(k1);
	free(k2);
	free(k3);
	free(k4);
	free(k5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_workdir),
		cmocka_unit_test(test_key),
	};
	char tmpl[] = "/tmp/test_treeid.XXXXXX";
	int r;

	top = mkdtemp(tmpl);
	assert_non_null(top);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	remove_tree(top);
	return r;
}
