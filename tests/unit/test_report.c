// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/report.c: how the report names the checkpatch.pl
 * it ran, without the path it has on this machine.
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checkpatch_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
