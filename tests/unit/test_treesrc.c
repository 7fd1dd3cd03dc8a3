// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/treesrc.c: which tree resolve_tree() takes, and
 * how it says it found it (the results' tree.source), for --tree, the
 * row's variable and a Debian source package already in the cache.
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

#include "treesrc.h"
#include "util.h"

struct fixture {
	char root[64];
	char *tree, *cache, *debian;
	struct branch b;
	struct table t;
};

static void put(const char *dir)
{
	char *mk = path_join(dir, "Makefile");
	static const char text[] = "VERSION = 5\nPATCHLEVEL = 10\n";

	assert_int_equal(write_file_atomic(mk, text, strlen(text)), 0);
	free(mk);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	snprintf(f->root, sizeof(f->root), "/tmp/test_treesrc.XXXXXX");
	assert_non_null(mkdtemp(f->root));
	f->tree = path_join(f->root, "v5.10.40");
	f->cache = path_join(f->root, "cache");
	f->debian = path_join(f->cache, "src/linux-source-5.10");
	put(f->tree);
	put(f->debian);
	f->b.name = "5.10.y";
	f->b.tree_var = "BACKPORT_TEST_TREE_5_10";
	f->b.debian_source = "linux-source-5.10";
	setenv("BACKPORT_CACHE", f->cache, 1);
	unsetenv(f->b.tree_var);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	remove_tree(f->root);
	free(f->tree);
	free(f->cache);
	free(f->debian);
	free(f);
	return 0;
}

/* resolve_tree() gives @want_dir, and @want_source as how. */
static void resolves(struct fixture *f, const char *tree_opt,
		     const char *want_dir, const char *want_source)
{
	char *source = NULL;
	char *dir = resolve_tree(&f->t, &f->b, tree_opt, NULL, false,
				 &source);

	assert_non_null(dir);
	assert_string_equal(dir, want_dir);
	assert_non_null(source);
	assert_string_equal(source, want_source);
	free(dir);
	free(source);
}

static void test_sources(void **state)
{
	struct fixture *f = *state;
	char *source = NULL, *dir;

	/* Nothing given: the row's Debian package, unpacked earlier. */
	resolves(f, NULL, f->debian, "debian linux-source-5.10");
	/* The row's variable wins over the package, --tree over both. */
	setenv(f->b.tree_var, f->tree, 1);
	resolves(f, NULL, f->tree, "variable BACKPORT_TEST_TREE_5_10");
	resolves(f, f->debian, f->debian, "--tree");
	/* Without @source it is not asked for. */
	dir = resolve_tree(&f->t, &f->b, NULL, NULL, false, NULL);
	assert_string_equal(dir, f->tree);
	free(dir);
	/* No tree: nothing to say how. */
	setenv(f->b.tree_var, f->root, 1);
	dir = resolve_tree(&f->t, &f->b, NULL, NULL, false, &source);
	assert_null(dir);
	assert_null(source);
	unsetenv(f->b.tree_var);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sources, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
