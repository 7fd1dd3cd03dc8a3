// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/valid.c: each kind of value, good and hostile,
 * the quoting of values in messages, and repo_path_abs().
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

#include "util.h"
#include "valid.h"

struct vrow {
	enum vkind k;
	const char *s;
	bool ok;
};

static const struct vrow rows[] = {
	{ V_IDENT, "BACKPORT_TREE_5_10", true },
	{ V_IDENT, "_X", true },
	{ V_IDENT, "X;touch${IFS}/tmp/INJ", false },
	{ V_IDENT, "5X", false },
	{ V_IDENT, "lower", false },
	{ V_IDENT, "A B", false },
	{ V_IDENT, "", false },
	{ V_CONFIG, "CONFIG_STACK_VALIDATION", true },
	{ V_CONFIG, "CONFIG_", false },
	{ V_CONFIG, "STACK_VALIDATION", false },
	{ V_CONFIG, "CONFIG_X=y", false },
	{ V_PACKAGE, "gcc-11", true },
	{ V_PACKAGE, "linux-source-6.1", true },
	{ V_PACKAGE, "g++", true },
	{ V_PACKAGE, "-oAPT::x", false },
	{ V_PACKAGE, "gcc 11", false },
	{ V_PACKAGE, "Gcc", false },
	{ V_PACKAGE, "g", false },
	{ V_PROGRAM, "gcc-11", true },
	{ V_PROGRAM, "clang", true },
	{ V_PROGRAM, "gcc\nEVIL=1", false },
	{ V_PROGRAM, "/usr/bin/gcc", false },
	{ V_PROGRAM, "ccache gcc", false },
	{ V_PROGRAM, "$(shell id)", false },
	{ V_PROGRAM, "-v", false },
	{ V_REPO_PATH, "series/5.10.y", true },
	{ V_REPO_PATH, "configs/fragments/thp-migration.config", true },
	{ V_REPO_PATH, "ports/4.19.y-optional/x_y.patch", true },
	{ V_REPO_PATH, "../outside/x", false },
	{ V_REPO_PATH, "/etc/passwd", false },
	{ V_REPO_PATH, "series/../../x", false },
	{ V_REPO_PATH, "series//x", false },
	{ V_REPO_PATH, "series/", false },
	{ V_REPO_PATH, ".git/hooks/pre-commit", false },
	{ V_REPO_PATH, "a/./b", false },
	{ V_REPO_PATH, "5.10.y /../x", false },
	{ V_REPO_PATH, "-rf", false },
	{ V_REPO_PATH, "a\nb", false },
	{ V_REPO_PATH, "", false },
	{ V_FILE_NAME, "mm-thp-use-head-page.patch", true },
	{ V_FILE_NAME, "a/b.patch", false },
	{ V_FILE_NAME, "..", false },
	{ V_FILE_NAME, ".hidden", false },
	{ V_BRANCH, "5.10.y", true },
	{ V_BRANCH, "4.19.y-optional", true },
	{ V_BRANCH, "6.12.y", true },
	{ V_BRANCH, "5.10.y /../../../x/y.y", false },
	{ V_BRANCH, "\n5.10.y", false },
	{ V_BRANCH, " 5.10.y", false },
	{ V_BRANCH, "+5.10.y", false },
	{ V_BRANCH, "05.10.y", false },
	{ V_BRANCH, "5.10.y-", false },
	{ V_BRANCH, "5.10.y-Opt", false },
	{ V_BRANCH, "5.10", false },
	{ V_BRANCH, "5.10.44", false },
	{ V_RELEASE, "4.5", true },
	{ V_RELEASE, "5.10.46", true },
	{ V_RELEASE, "4.5-rc1", false },
	{ V_RELEASE, "4", false },
	{ V_VERSION, "5.10.46", true },
	{ V_VERSION, "5.10", false },
	{ V_VERSION, "5.10.46\n", false },
	{ V_VERSION, "5.10.x", false },
	{ V_COMMIT, "ffc90cbb2970ab88b66ea51dd580469eede57b67", true },
	{ V_COMMIT, "FFC90CBB2970AB88B66EA51DD580469EEDE57B67", false },
	{ V_COMMIT, "ffc90cbb2970", false },
	{ V_ABBREV, "ffc90cbb2970", true },
	{ V_ABBREV, "ffc90cbb297", false },
	{ V_ABBREV, "ffc90cbb2970 x", false },
	{ V_LINE, "clean cherry-pick: put_and_wait_on_page_locked()", true },
	{ V_LINE, "Grüße", true },
	{ V_LINE, "a\nFrom 123 Mon Sep 17 00:00:00 2001", false },
	{ V_LINE, "tab\there", false },
	{ V_LINE, "\x7f", false },
	{ V_LINE, "", false },
	{ V_LINE, "\xc3", false },
	{ V_PERSON, "Xu Yu <xuyu@linux.alibaba.com>", true },
	{ V_PERSON, "Seed d0859760 maintainers <m@users.noreply.example>", true },
	{ V_PERSON, "xuyu@linux.alibaba.com", false },
	{ V_PERSON, "Xu Yu <xuyu@linux.alibaba.com>\nBcc: x@y", false },
	{ V_PERSON, "Xu <a@b> <c@d>", false },
	{ V_PERSON, "Xu <a b@c>", false },
	{ V_PERSON, "Xu <@c>", false },
	{ V_PERSON, "Xu <a@>", false },
	{ V_PERSON, "<a@b>", false },
	{ V_CPU, "kvm64", true },
	{ V_CPU, "max,+x2apic", true },
	{ V_CPU, "kvm64 -device x", false },
	{ V_SYMBOL, "__migration_entry_wait", true },
	{ V_SYMBOL, "copy_user_generic_string", true },
	{ V_SYMBOL, "foo.cold", true },
	{ V_SYMBOL, "9lives", false },
	{ V_SYMBOL, "f+0x10/0x20", false },
	{ V_SYMBOL, "a b", false },
	{ V_SYMBOL, "", false },
};

static void test_kinds(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *why = valid_check(rows[i].k, rows[i].s);
		const char *want = rows[i].ok ? "valid" : "invalid";

		if (!why != rows[i].ok)
			fail_msg("kind %d \"%s\": want %s, got %s",
				 (int)rows[i].k, rows[i].s, want,
				 why ? why : "valid");
	}
	assert_non_null(valid_check(V_LINE, NULL));
	assert_non_null(strstr(valid_check(V_REPO_PATH, "../x"), "\"..\""));
	assert_non_null(strstr(valid_check(V_REPO_PATH, "/etc/passwd"),
			       "absolute"));
}

static void test_utf8(void **state)
{
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("\xc3\xa9", 2));
	assert_true(utf8_valid("\xe2\x82\xac", 3));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_false(utf8_valid("\xe9", 1));		/* Latin-1 */
	assert_false(utf8_valid("\xc0\xaf", 2));	/* overlong '/' */
	assert_false(utf8_valid("\xe0\x80\xaf", 3));	/* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(utf8_valid("\xe2\x82", 2));	/* cut short */
}

static void test_quote(void **state)
{
	char *q = valid_quote("a\nb\t\"c\\\x01\xff", 60);

	assert_string_equal(q, "\"a\\nb\\t\\\"c\\\\\\x01\\xff\"");
	free(q);
	q = valid_quote("abcdef", 3);
	assert_string_equal(q, "\"abc\"...");
	free(q);
}

static void test_repo_path_abs(void **state)
{
	char dir[] = "/tmp/test_valid.XXXXXX", msg[256], *p, *sub, *ln;

	assert_non_null(mkdtemp(dir));
	sub = xasprintf("%s/ports", dir);
	assert_int_equal(mkdir_p(sub, 0755), 0);
	ln = xasprintf("%s/ports/out", dir);
	assert_int_equal(symlink("/tmp", ln), 0);

	p = repo_path_abs(dir, "ports/5.10.y/x.patch", msg, sizeof(msg));
	assert_non_null(p);
	assert_true(ends_with(p, "/ports/5.10.y/x.patch"));
	free(p);
	assert_null(repo_path_abs(dir, "../x", msg, sizeof(msg)));
	assert_non_null(strstr(msg, "\"../x\" is not a relative path"));
	assert_null(repo_path_abs(dir, "ports/out/x.patch", msg, sizeof(msg)));
	assert_non_null(strstr(msg, "symbolic link out of the repository"));
	/* A file where a directory is needed. */
	p = xasprintf("%s/ports/f", dir);
	assert_int_equal(write_file_atomic(p, "x", 1), 0);
	free(p);
	assert_null(repo_path_abs(dir, "ports/f/x.patch", msg, sizeof(msg)));
	assert_non_null(strstr(msg, "is not a directory"));
	assert_int_equal(remove_tree(dir), 0);
	free(ln);
	free(sub);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_repo_path_abs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
