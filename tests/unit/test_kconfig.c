// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/kconfig.c: fragments, tree symbols, the survival
 * check and the configuration key.
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

#include "kconfig.h"
#include "util.h"

static void fragment(struct kopts *o, const char *text, const char *path)
{
	char *buf = xstrdup(text);

	kconfig_fragment_parse(buf, path, o);
	free(buf);
}

static void tree(struct kconfig_tree *kt, const char *rel, const char *text)
{
	char *buf = xstrdup(text);

	kconfig_tree_add(kt, rel, buf, strlen(buf));
	free(buf);
}

/* A tree knowing A, B, LOCKUP_DETECTOR and SOFTLOCKUP_DETECTOR, not GONE. */
static void small_tree(struct kconfig_tree *kt)
{
	tree(kt, "Kconfig", "config A\n\tbool \"a\"\nmenuconfig B\n");
	tree(kt, "lib/Kconfig.debug",
	     "  config LOCKUP_DETECTOR\nconfig SOFTLOCKUP_DETECTOR\n");
	tree(kt, "Makefile", "VERSION = 5\n");
	tree(kt, "mm/migrate.c", "not an input\n");
	kconfig_tree_done(kt);
}

static void test_fragment(void **state)
{
	struct kopts o = { 0 };

	fragment(&o, "CONFIG_A=y\n# CONFIG_B is not set\n"
		 "  CONFIG_N=42\nnot a line\nCONFIG_A=m\n", "f.config");
	assert_int_equal(o.n, 3);
	assert_string_equal(o.v[0].name, "A");
	assert_string_equal(o.v[0].value, "m");
	assert_string_equal(o.v[0].where, "f.config:5");
	assert_string_equal(o.v[1].name, "B");
	assert_string_equal(o.v[1].value, "n");
	assert_string_equal(o.v[2].value, "42");
	assert_int_equal(o.v[0].group, 0);
	kopts_free(&o);
}

static void test_any_of(void **state)
{
	struct kopts o = { 0 };

	fragment(&o, "CONFIG_LOCKUP_DETECTOR=y\nCONFIG_SOFTLOCKUP_DETECTOR=y\n"
		 "# backport-any-of: CONFIG_LOCKUP_DETECTOR SOFTLOCKUP_DETECTOR\n",
		 "d.config");
	assert_int_equal(o.n, 2);
	assert_int_equal(o.v[0].group, 1);
	assert_int_equal(o.v[1].group, 1);
	kopts_free(&o);
}

static void test_tree_symbols(void **state)
{
	struct kconfig_tree kt = KCONFIG_TREE_INIT;

	small_tree(&kt);
	assert_true(kconfig_tree_has(&kt, "A"));
	assert_true(kconfig_tree_has(&kt, "B"));
	assert_true(kconfig_tree_has(&kt, "LOCKUP_DETECTOR"));
	assert_false(kconfig_tree_has(&kt, "GONE"));
	assert_false(kconfig_tree_has(&kt, "LOCKUP"));
	/* Kconfig files and the top Makefile are inputs, sources are not. */
	assert_int_equal(kt.inputs.n, 3);
	assert_true(starts_with(kt.inputs.v[0], "Kconfig "));
	assert_true(starts_with(kt.inputs.v[1], "Makefile "));
	assert_true(starts_with(kt.inputs.v[2], "lib/Kconfig.debug "));
	kconfig_tree_free(&kt);
}

static int check(const char *frag, const char *dotconfig, char *const *ign,
		 struct strbuf *report)
{
	struct kconfig_tree kt = KCONFIG_TREE_INIT;
	struct kopts want = { 0 };
	char *dc = xstrdup(dotconfig);
	int bad;

	small_tree(&kt);
	fragment(&want, frag, "f.config");
	bad = kconfig_check(&want, &kt, dc, ign, report);
	free(dc);
	kopts_free(&want);
	kconfig_tree_free(&kt);
	return bad;
}

static void test_check(void **state)
{
	struct strbuf r = STRBUF_INIT;
	static char *const ign[] = { "CONFIG_B", NULL };

	assert_int_equal(check("CONFIG_A=y\n# CONFIG_B is not set\n",
			       "CONFIG_A=y\n", NULL, &r), 0);
	assert_int_equal(r.len, 0);
	assert_int_equal(check("CONFIG_A=y\nCONFIG_B=y\n",
			       "# CONFIG_A is not set\n", NULL, &r), 2);
	assert_non_null(strstr(r.buf, "  CONFIG_A=y requested (f.config:1), .config has it unset\n"));
	sb_reset(&r);
	/* config_ignore turns the miss into a note. */
	assert_int_equal(check("CONFIG_B=y\n", "CONFIG_B=m\n", ign, &r), 0);
	assert_non_null(strstr(r.buf, "note: CONFIG_B=y requested (f.config:1), .config has m (config_ignore"));
	sb_reset(&r);
	/* An option the tree lacks is a note, not a miss. */
	assert_int_equal(check("CONFIG_GONE=y\n", "", NULL, &r), 0);
	assert_string_equal(r.buf, "  note: CONFIG_GONE (f.config:1) does not exist in this tree\n");
	sb_release(&r);
}

static void test_check_any_of(void **state)
{
	static const char f[] =
		"CONFIG_LOCKUP_DETECTOR=y\nCONFIG_SOFTLOCKUP_DETECTOR=y\n"
		"# backport-any-of: CONFIG_LOCKUP_DETECTOR CONFIG_SOFTLOCKUP_DETECTOR\n";
	struct strbuf r = STRBUF_INIT;

	assert_int_equal(check(f, "CONFIG_SOFTLOCKUP_DETECTOR=y\n", NULL, &r), 0);
	assert_int_equal(check(f, "CONFIG_LOCKUP_DETECTOR=y\n", NULL, &r), 0);
	assert_int_equal(check(f, "", NULL, &r), 2);
	sb_release(&r);
}

static void test_key(void **state)
{
	struct kconfig_tree kt = KCONFIG_TREE_INIT, kt2 = KCONFIG_TREE_INIT;
	struct strvec av = STRVEC_INIT, frags = STRVEC_INIT;
	char path[] = "/tmp/test_kconfig.XXXXXX";
	char *k1, *k2, *k3, *k4, *stamp;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "CONFIG_A=y\n", 11), 11);
	close(fd);
	small_tree(&kt);
	sv_pushl(&av, "make", "-j2", NULL);
	sv_push(&frags, path);
	k1 = kconfig_key(&av, "gcc 12", "ld 2.40", &frags, &kt);
	k2 = kconfig_key(&av, "gcc 12", "ld 2.40", &frags, &kt);
	k3 = kconfig_key(&av, "gcc 11", "ld 2.40", &frags, &kt);
	small_tree(&kt2);
	tree(&kt2, "arch/x86/Kconfig", "config X86\n");
	kconfig_tree_done(&kt2);
	k4 = kconfig_key(&av, "gcc 12", "ld 2.40", &frags, &kt2);
	assert_non_null(k1);
	assert_int_equal(strlen(k1), 64);
	assert_string_equal(k1, k2);
	assert_string_not_equal(k1, k3);
	assert_string_not_equal(k1, k4);
	stamp = kconfig_stamp_text(k1, "abc");
	assert_non_null(stamp);
	assert_true(starts_with(stamp, "key "));
	assert_null(kconfig_stamp_text(NULL, "abc"));
	unlink(path);
	/* An unreadable fragment gives no key. */
	assert_null(kconfig_key(&av, "gcc 12", "ld 2.40", &frags, &kt));
	free(stamp);
	free(k1);
	free(k2);
	free(k3);
	free(k4);
	sv_clear(&av);
	sv_clear(&frags);
	kconfig_tree_free(&kt);
	kconfig_tree_free(&kt2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fragment),
		cmocka_unit_test(test_any_of),
		cmocka_unit_test(test_tree_symbols),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_any_of),
		cmocka_unit_test(test_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
