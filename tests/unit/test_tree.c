// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of fix_state_of() and tree_inspect() (scripts/tree.c) on
 * small C snippets written for the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tree.h"
#include "util.h"

static const struct upstream up = {
	.function = "gadget_wait",
	.anchor = "g = entry_to_gadget(e);",
	.fix_line = "g = gadget_head(g);",
	.rework_marker = "gadget_wait_unlocked(",
	.rework_commit = "0badc0ffee12",
	.file = "lib/gadget.c",
	.fixes = "0123456789ab",
	.fixes_release = "4.5",
};

static const char vulnerable[] =
	"/*\n"
	" * gadget_wait() waits\n"
	" */\n"
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tstruct gadget *g;\n"
	"\n"
	"\tg = entry_to_gadget(e);\n"
	"\n"
	"\tif (!get_page_unless_zero(g))\n"
	"\t\treturn;\n"
	"}\n";

static const char fixed[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tstruct gadget *g;\n"
	"\n"
	"\tg = entry_to_gadget(e);\n"
	"\t\tg = gadget_head(g); \040\n"
	"\tif (!get_page_unless_zero(g))\n"
	"\t\treturn;\n"
	"}\n";

static const char reworked[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tgadget_wait_on_locked(x, e);\n"
	"}\n";

static const char unknown[] =
	"void other_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tg = entry_to_gadget(e);\n"
	"\tg = gadget_head(g);\n"
	"}\n";

static const char anchor_outside[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tget_page_unless_zero(x);\n"
	"}\n"
	"void later(void)\n"
	"{\n"
	"\tg = entry_to_gadget(e);\n"
	"}\n";

static void test_states(void **state)
{
	unsigned int f, a;

	assert_int_equal(fix_state_of(vulnerable, &up, &f, &a), FIX_ABSENT);
	assert_int_equal(f, 4);
	assert_int_equal(a, 8);
	/* A prototype (ends in ';') is not the definition. */
	assert_int_equal(fix_state_of("int gadget_wait(int x);\n", &up, &f,
				      &a), FIX_UNKNOWN);
	assert_int_equal(fix_state_of(fixed, &up, &f, &a), FIX_PRESENT);
	assert_int_equal(f, 1);
	assert_int_equal(a, 5);
	assert_int_equal(fix_state_of(reworked, &up, &f, &a), FIX_REWORKED);
	assert_int_equal(f, 1);
	assert_int_equal(a, 0);
	assert_int_equal(fix_state_of(unknown, &up, &f, &a), FIX_UNKNOWN);
	assert_int_equal(f, 0);
	/* The anchor in another function does not count. */
	assert_int_equal(fix_state_of(anchor_outside, &up, &f, &a),
			 FIX_UNKNOWN);
	assert_int_equal(a, 0);
	assert_int_equal(fix_state_of("", &up, &f, &a), FIX_UNKNOWN);
	/* The function gone, its replacement called: reworked. */
	assert_int_equal(fix_state_of("void w(void)\n{\n\tgadget_wait_unlocked(e, l);\n}\n",
				      &up, &f, &a), FIX_REWORKED);
	assert_int_equal(f, 0);
	/* The marker counts only when the function is gone. */
	assert_int_equal(fix_state_of("void gadget_wait(int e)\n{\n\tget_page_unless_zero(x);\n\tgadget_wait_unlocked(e, l);\n}\n",
				      &up, &f, &a), FIX_UNKNOWN);
	assert_int_equal(f, 1);
	assert_string_equal(fix_state_name(FIX_ABSENT), "vulnerable");
	assert_string_equal(fix_state_name(FIX_PRESENT), "fixed");
}

static char *mktree(const char *makefile, const char *src)
{
	char tmpl[] = "/tmp/test_tree.XXXXXX";
	char *d = xstrdup(mkdtemp(tmpl)), *p;

	if (makefile) {
		p = path_join(d, "Makefile");
		assert_int_equal(write_file_atomic(p, makefile,
						   strlen(makefile)), 0);
		free(p);
	}
	if (src) {
		p = path_join(d, "lib/gadget.c");
		assert_int_equal(write_file_atomic(p, src, strlen(src)), 0);
		free(p);
	}
	return d;
}

static void test_inspect(void **state)
{
	static const char mk[] =
		"# SPDX\nVERSION = 5\nPATCHLEVEL = 10\nSUBLEVEL = 40\nEXTRAVERSION = -rc1\n";
	static const char old[] = "VERSION = 4\nPATCHLEVEL = 4\nSUBLEVEL = 1\n";
	struct tree_info ti;
	char msg[256];
	char *d = mktree(mk, vulnerable);

	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_string_equal(ti.version, "5.10.40-rc1");
	assert_string_equal(ti.branch, "5.10.y");
	assert_int_equal(ti.state, FIX_ABSENT);
	assert_int_equal(ti.anchor_line, 8);
	assert_non_null(ti.file_sha256);
	assert_int_equal(strlen(ti.file_sha256), 64);
	tree_info_free(&ti);
	assert_int_equal(remove_tree(d), 0);
	free(d);

	d = mktree(old, vulnerable);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_int_equal(ti.state, FIX_NOT_AFFECTED);
	tree_info_free(&ti);
	assert_int_equal(remove_tree(d), 0);
	free(d);

	d = mktree("all:\n\techo hi\n", vulnerable);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "not a kernel tree"));
	assert_int_equal(remove_tree(d), 0);
	free(d);

	d = mktree(NULL, NULL);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "Makefile"));
	assert_int_equal(remove_tree(d), 0);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_inspect),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
