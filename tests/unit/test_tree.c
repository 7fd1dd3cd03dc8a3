// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of tree_inspect() and tree_version() (scripts/tree.c): the
 * version of a tree, and whether it has a fix, decided from the fix's own diff, on small
 * files written for the tests.
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
#include "run.h"
#include "tree.h"
#include "util.h"

/* The fix: one line after the anchor in lib/gadget.c. */
static const char fix_diff[] =
	"diff --git a/lib/gadget.c b/lib/gadget.c\n"
	"index 1111111..2222222 100644\n"
	"--- a/lib/gadget.c\n"
	"+++ b/lib/gadget.c\n"
	"@@ -4,6 +4,7 @@ void gadget_wait(struct gadget *x, int e)\n"
	" \tstruct gadget *g;\n"
	"\040\n"
	" \tg = entry_to_gadget(e);\n"
	"+\tg = gadget_head(g);\n"
	"\040\n"
	" \tif (!get_gadget_unless_zero(g))\n"
	" \t\treturn;\n"
	"--\040\n"
	"2.30.0\n";

static const char vulnerable[] =
	"/* gadget_wait() waits */\n"
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tstruct gadget *g;\n"
	"\n"
	"\tg = entry_to_gadget(e);\n"
	"\n"
	"\tif (!get_gadget_unless_zero(g))\n"
	"\t\treturn;\n"
	"}\n";

static const char fixed[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tstruct gadget *g;\n"
	"\n"
	"\tg = entry_to_gadget(e);\n"
	"\tg = gadget_head(g);\n"
	"\n"
	"\tif (!get_gadget_unless_zero(g))\n"
	"\t\treturn;\n"
	"}\n";

/* Context changed: neither applies nor reverses. */
static const char conflict[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tstruct gadget *g;\n"
	"\n"
	"\tg = entry_to_gadget(e);\n"
	"\n"
	"\tif (!try_get_gadget(g))\n"
	"\t\treturn;\n"
	"}\n";

static const char reworked[] =
	"void gadget_wait(struct gadget *x, int e)\n"
	"{\n"
	"\tgadget_wait_unlocked(x, e);\n"
	"}\n";

static void fix_of(struct upstream *up)
{
	struct parse_error err;

	memset(up, 0, sizeof(*up));
	up->subject = "gadget: wait on the head";
	up->rework_marker = "gadget_wait_unlocked(";
	up->rework_commit = "0badc0ffee12";
	up->file = "lib/gadget.c";
	up->fixes = "0123456789ab";
	up->fixes_release = "4.5";
	assert_int_equal(fixdiff_parse(fix_diff, 1, &up->diff, &err), 0);
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

static const char mk510[] =
	"# SPDX\nVERSION = 5\nPATCHLEVEL = 10\nSUBLEVEL = 40\nEXTRAVERSION = -rc1\n";

/* The state tree_inspect() gives @src in a 5.10 tree; @detail_has in it. */
static enum fix_state state_of(const char *src, const char *detail_has,
			       unsigned int *line)
{
	struct upstream up;
	struct tree_info ti;
	enum fix_state st;
	char msg[256];
	char *d = mktree(mk510, src);

	fix_of(&up);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	st = ti.state;
	assert_non_null(strstr(ti.detail, detail_has));
	*line = ti.hunk_line;
	tree_info_free(&ti);
	fixdiff_free(&up.diff);
	assert_int_equal(remove_tree(d), 0);
	free(d);
	return st;
}

static void test_states(void **state)
{
	unsigned int line;

	assert_int_equal(state_of(vulnerable, "applies", &line), FIX_ABSENT);
	assert_int_equal(line, 4);
	assert_int_equal(state_of(fixed, "reverses", &line), FIX_PRESENT);
	assert_int_equal(line, 3);
	assert_int_equal(state_of(conflict, "hunk 1 (@@ -4,6 +4,7 @@", &line),
			 FIX_CONFLICT);
	assert_int_equal(line, 0);
	assert_int_equal(state_of(reworked, "0badc0ffee12 rework", &line),
			 FIX_REWORKED);
	assert_string_equal(fix_state_name(FIX_ABSENT), "vulnerable");
	assert_string_equal(fix_state_name(FIX_PRESENT), "fixed");
	assert_string_equal(fix_state_name(FIX_CONFLICT), "conflicts");
}

static void test_inspect(void **state)
{
	static const char old[] = "VERSION = 4\nPATCHLEVEL = 4\nSUBLEVEL = 1\n";
	struct upstream up;
	struct tree_info ti;
	char msg[256];
	char *d = mktree(mk510, vulnerable);

	fix_of(&up);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_string_equal(ti.version, "5.10.40-rc1");
	assert_string_equal(ti.branch, "5.10.y");
	assert_int_equal(ti.state, FIX_ABSENT);
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

	d = mktree(mk510, NULL);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "lib/gadget.c"));
	assert_int_equal(remove_tree(d), 0);
	free(d);

	d = mktree(NULL, NULL);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "Makefile"));
	assert_int_equal(remove_tree(d), 0);
	free(d);
	fixdiff_free(&up.diff);
}

/* tree_version(): the Makefile's version as tree_inspect() reads it. */
static void test_version(void **state)
{
	static const char noextra[] =
		"VERSION = 5\nPATCHLEVEL = 12\nSUBLEVEL = 9\nEXTRAVERSION =\n";
	char *d = mktree(mk510, NULL), *v;

	v = tree_version(d);
	assert_string_equal(v, "5.10.40-rc1");
	free(v);
	assert_int_equal(remove_tree(d), 0);
	free(d);
	d = mktree(noextra, NULL);
	v = tree_version(d);
	assert_string_equal(v, "5.12.9");
	free(v);
	assert_int_equal(remove_tree(d), 0);
	free(d);
	d = mktree("all:\n\techo hi\n", NULL);
	assert_null(tree_version(d));
	assert_int_equal(remove_tree(d), 0);
	free(d);
	d = mktree(NULL, NULL);
	assert_null(tree_version(d));
	assert_int_equal(remove_tree(d), 0);
	free(d);
}

static void git_in(const char *dir, const char *const *args)
{
	static const char *const env[] = {
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org",
		"GIT_CONFIG_NOSYSTEM=1", "HOME=/nonexistent", NULL
	};
	struct run_opts o = { .cwd = dir, .env = env, .capture = NULL };
	struct strvec av = STRVEC_INIT;
	struct run_result r;

	sv_push(&av, "git");
	for (; *args; args++)
		sv_push(&av, *args);
	assert_int_equal(run_argv((const char *const *)av.v, &o, &r), 0);
	sv_clear(&av);
}

static const char *text_is(const char *path, void *arg, char *msg,
			   size_t msglen)
{
	if (!arg)
		snprintf(msg, msglen, "%s: not given", path);
	return arg;
}

/* The buffer-level entry points the fuzzers call (fuzz_tree). */
static void test_texts(void **state)
{
	struct tree_info ti = { 0 };
	struct upstream up;
	unsigned long lines[1];
	char msg[256];

	fix_of(&up);
	assert_int_equal(tree_makefile_version(mk510, &ti), 0);
	assert_string_equal(ti.version, "5.10.40-rc1");
	assert_string_equal(ti.branch, "5.10.y");
	tree_info_free(&ti);
	assert_int_equal(tree_makefile_version("VERSION = 5\n", &ti), -1);
	assert_null(ti.version);
	assert_int_equal(tree_inspect_text(mk510, "M", &up, text_is,
					   (void *)vulnerable, &ti, msg,
					   sizeof(msg)), 0);
	assert_int_equal(ti.state, FIX_ABSENT);
	assert_int_equal(ti.hunk_line, 4);
	assert_null(ti.path);
	tree_info_free(&ti);
	assert_int_equal(tree_inspect_text(mk510, "M", &up, text_is, NULL, &ti,
					   msg, sizeof(msg)), -1);
	assert_string_equal(msg, "lib/gadget.c: not given");
	tree_info_free(&ti);
	assert_int_equal(tree_inspect_text("x = 1\n", "dir/Makefile", &up,
					   text_is, NULL, &ti, msg,
					   sizeof(msg)), -1);
	assert_non_null(strstr(msg, "dir/Makefile:1: no VERSION/PATCHLEVEL"));
	assert_int_equal(tree_place_hunks_text(&up.diff, text_is,
					       (void *)vulnerable, lines, msg,
					       sizeof(msg)), 0);
	assert_int_equal(lines[0], 4);
	fixdiff_free(&up.diff);
}

/* A conflicting file in a git tree whose history has the fix's subject. */
static void test_git_history(void **state)
{
	static const char *const init[] = { "init", "-q", NULL };
	static const char *const add[] = { "add", "-A", NULL };
	static const char *const base[] = { "commit", "-q", "-m",
					    "gadget: add waiting", NULL };
	static const char *const fix[] = { "commit", "-q", "-m",
					   "gadget: wait on the head",
					   "-m", "Backported with other context.",
					   NULL };
	struct upstream up;
	struct tree_info ti;
	char msg[256], *d = mktree(mk510, conflict), *p;

	fix_of(&up);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_int_equal(ti.state, FIX_CONFLICT);
	tree_info_free(&ti);
	git_in(d, init);
	git_in(d, add);
	git_in(d, base);
	/* Only a commit whose subject is the fix's counts. */
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_int_equal(ti.state, FIX_CONFLICT);
	tree_info_free(&ti);
	/* The backport: still no hunk applies or reverses. */
	p = path_join(d, "lib/gadget.c");
	assert_int_equal(write_file_atomic(p, conflict, strlen(conflict) - 2), 0);
	free(p);
	git_in(d, add);
	git_in(d, fix);
	assert_int_equal(tree_inspect(d, &up, &ti, msg, sizeof(msg)), 0);
	assert_int_equal(ti.state, FIX_PRESENT);
	assert_non_null(strstr(ti.detail, "git history"));
	tree_info_free(&ti);
	fixdiff_free(&up.diff);
	assert_int_equal(remove_tree(d), 0);
	free(d);
}

/* Where the hunks land: once, nowhere, twice, in a missing file. */
static void test_place_hunks(void **state)
{
	struct upstream up;
	unsigned long line;
	char msg[256], *twice, *d;

	fix_of(&up);
	d = mktree(mk510, vulnerable);
	assert_int_equal(tree_place_hunks(d, &up.diff, &line, msg,
					  sizeof(msg)), 0);
	assert_int_equal(line, 4);
	assert_int_equal(remove_tree(d), 0);
	free(d);

	d = mktree(mk510, fixed);
	assert_int_equal(tree_place_hunks(d, &up.diff, &line, msg,
					  sizeof(msg)), -1);
	assert_non_null(strstr(msg, "lib/gadget.c: hunk 1 (@@ -4,6 +4,7 @@"));
	assert_non_null(strstr(msg, "does not apply"));
	assert_int_equal(remove_tree(d), 0);
	free(d);

	twice = xasprintf("%s%s", vulnerable, vulnerable);
	d = mktree(mk510, twice);
	assert_int_equal(tree_place_hunks(d, &up.diff, &line, msg,
					  sizeof(msg)), -1);
	assert_non_null(strstr(msg, "line 4 or 14 (2 places)"));
	assert_int_equal(remove_tree(d), 0);
	free(d);
	free(twice);

	d = mktree(mk510, NULL);
	assert_int_equal(tree_place_hunks(d, &up.diff, &line, msg,
					  sizeof(msg)), -1);
	assert_non_null(strstr(msg, "lib/gadget.c"));
	assert_int_equal(remove_tree(d), 0);
	free(d);
	fixdiff_free(&up.diff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_inspect),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_git_history),
		cmocka_unit_test(test_place_hunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
