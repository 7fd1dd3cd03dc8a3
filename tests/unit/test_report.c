// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/report.c: how the report names the checkpatch.pl
 * it ran, without the path it has on this machine, and the relative path
 * from where the report is written to results/, through which it links
 * the console excerpts.
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

#include "report.h"
#include "util.h"

static void name_is(const char *checkpatch, const char *want)
{
	char *got = report_checkpatch_name(checkpatch);

	assert_string_equal(got, want);
	free(got);
}

static void test_checkpatch_name(void **state)
{
	char tmpl[] = "/tmp/test_report.XXXXXX";
	char *top = mkdtemp(tmpl), *mk, *cp;
	static const char makefile[] =
		"VERSION = 5\nPATCHLEVEL = 12\nSUBLEVEL = 9\nEXTRAVERSION =\n";

	assert_non_null(top);
	cp = xasprintf("%s/v5.12.9/scripts/checkpatch.pl", top);
	/* No Makefile above scripts/: not known to be a tree's. */
	name_is(cp, "`checkpatch.pl`");
	mk = xasprintf("%s/v5.12.9/Makefile", top);
	assert_int_equal(write_file_atomic(mk, makefile, strlen(makefile)), 0);
	name_is(cp, "`scripts/checkpatch.pl` of Linux 5.12.9");
	name_is("/usr/local/bin/checkpatch", "`checkpatch`");
	name_is("checkpatch.pl", "`checkpatch.pl`");
	assert_int_equal(remove_tree(top), 0);
	free(mk);
	free(cp);
}

static void link_is(const char *root, const char *output, const char *want)
{
	char *got = report_results_link(root, output);

	if (strcmp(got, want))
		fail_msg("report in %s: \"%s\", want \"%s\"",
			 output ? output : "(stdout)", got, want);
	free(got);
}

static void test_results_link(void **state)
{
	char tmpl[] = "/tmp/test_report.XXXXXX";
	char *top = mkdtemp(tmpl), *root, *p, cwd[4096];
	static const char *const dirs[] = {
		"repo/results/sub", "out/deep", "rep",
	};
	size_t i;

	assert_non_null(top);
	root = path_join(top, "repo");
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		p = path_join(top, dirs[i]);
		assert_int_equal(mkdir_p(p, 0755), 0);
		free(p);
	}
	assert_non_null(getcwd(cwd, sizeof(cwd)));

	p = path_join(root, "results/REPORT.md");
	link_is(root, p, ".");
	free(p);
	p = path_join(root, "REPORT.md");
	link_is(root, p, "results");
	free(p);
	p = path_join(root, "results/sub/r.md");
	link_is(root, p, "..");
	free(p);
	p = path_join(top, "out/deep/r.md");
	link_is(root, p, "../../repo/results");
	free(p);
	/* A directory whose name starts like the root's is no parent. */
	p = path_join(top, "rep/r.md");
	link_is(root, p, "../repo/results");
	free(p);
	link_is(root, NULL, "results");
	/* Relative to the working directory, through a "..". */
	assert_int_equal(chdir(root), 0);
	link_is(".", "results/REPORT.md", ".");
	link_is(".", "REPORT.md", "results");
	link_is(root, "results/../REPORT.md", "results");
	assert_int_equal(chdir(cwd), 0);

	assert_int_equal(remove_tree(top), 0);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checkpatch_name),
		cmocka_unit_test(test_results_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
