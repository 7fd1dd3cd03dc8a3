// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/run-listed.c: the test build (ASan+UBSan, which
 * is compiled with the program list) refuses programs ci/packages.txt
 * does not list; the plain build starts anything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "run.h"

static void test_listed(void **state)
{
	struct run_result r;
	const char *const argv[] = { "backport-no-such-program", NULL };

	assert_int_equal(run_program_listed("git"), 0);
	assert_int_equal(run_program_listed("qemu-system-x86_64"), 0);
	assert_int_equal(run_program_listed("/usr/bin/rsync"), 0);
	/* Paths outside the system's bin directories are not packages. */
	assert_int_equal(run_program_listed("/proc/self/exe"), 0);
	assert_int_equal(run_program_listed("scripts/kconfig/merge_config.sh"),
			 0);
#ifdef __SANITIZE_ADDRESS__
	assert_int_equal(run_program_listed("backport-no-such-program"), -1);
	assert_int_equal(run_program_listed("/usr/bin/backport-no-such"), -1);
	assert_int_equal(run_argv(argv, NULL, &r), -1);
	assert_true(r.spawn_failed);
#else
	assert_int_equal(run_program_listed("backport-no-such-program"), 0);
	assert_int_not_equal(run_argv(argv, NULL, &r), 0);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
