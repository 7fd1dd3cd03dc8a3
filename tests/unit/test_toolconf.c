// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/toolconf.c: the toolchain symbols of a .config,
 * their differences, and the explanation against committed evidence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "results.h"
#include "toolconf.h"
#include "util.h"

static char *const prefixes[] = {
	"CONFIG_CC_VERSION_TEXT", "CONFIG_PAHOLE_VERSION", "CONFIG_RUST",
	"CONFIG_LD_", NULL
};

/* A .config of this test's own, shaped like Kconfig writes them. */
static const char config[] =
	"#\n# Automatically generated file; DO NOT EDIT.\n#\n"
	"CONFIG_CC_VERSION_TEXT=\"gcc-12 (Debian 12.2.0-14) 12.2.0\"\n"
	"CONFIG_CC_IS_GCC=y\n"
	"CONFIG_LD_VERSION=24000\n"
	"CONFIG_PAHOLE_VERSION=0\n"
	"# CONFIG_RUST_IS_AVAILABLE is not set\n"
	"# CONFIG_RUST is not set\n"
	"#CONFIG_LD_X is not set\n"
	"# CONFIG_LD_Y is not set, really\n"
	"CONFIG_LDX=1\n"
	"CONFIG_LD_=3\n"
	" CONFIG_LD_Z=1\n"
	"CONFIG_PAHOLE_VERSION=125\r\n"
	"CONFIG_LD_IS_BFD=y";

static void test_collect(void **state)
{
	static const char *const want[] = {
		"CONFIG_CC_VERSION_TEXT=\"gcc-12 (Debian 12.2.0-14) 12.2.0\"",
		"CONFIG_LD_VERSION=24000",
		"CONFIG_RUST_IS_AVAILABLE=n",
		"CONFIG_RUST=n",
		"CONFIG_LD_=3",
		"CONFIG_PAHOLE_VERSION=125",
		"CONFIG_LD_IS_BFD=y",
	};
	struct strvec sv = STRVEC_INIT;
	size_t i;

	sv_push(&sv, "kept");
	assert_int_equal(toolconf_collect(config, strlen(config), prefixes,
					  &sv), ARRAY_SIZE(want));
	assert_string_equal(sv.v[0], "kept");
	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_string_equal(sv.v[i + 1], want[i]);
	/* No prefixes, no symbols; a NUL inside a line drops that line. */
	assert_int_equal(toolconf_collect(config, strlen(config), NULL, &sv),
			 0);
	assert_int_equal(toolconf_collect("CONFIG_RUST=y\0x\n", 16, prefixes,
					  &sv), 0);
	sv_clear(&sv);
}

static void test_diff(void **state)
{
	struct strvec a = STRVEC_INIT, b = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;

	sv_pushl(&a, "CONFIG_PAHOLE_VERSION=0", "CONFIG_RUST=n",
		 "CONFIG_LD_VERSION=24000", "broken", NULL);
	sv_pushl(&b, "CONFIG_PAHOLE_VERSION=125", "CONFIG_LD_VERSION=24000",
		 "CONFIG_RUST_IS_AVAILABLE=y", NULL);
	assert_int_equal(toolconf_diff(&a, &b, &sb), 3);
	assert_string_equal(sb_str(&sb),
			    "CONFIG_PAHOLE_VERSION: 0 here, 125 there\n"
			    "CONFIG_RUST: n here, unset there\n"
			    "CONFIG_RUST_IS_AVAILABLE: unset here, y there\n");
	sb_reset(&sb);
	assert_int_equal(toolconf_diff(&a, &a, &sb), 0);
	assert_int_equal(sb.len, 0);
	sb_release(&sb);
	sv_clear(&a);
	sv_clear(&b);
}

static void test_explain(void **state)
{
	struct strvec here_conf = STRVEC_INIT;
	struct toolconf_here h = {
		.tree_id = "aa", .tree_version = "6.1.192",
		.config_sha256 = "1111111111111111", .config = &here_conf,
		.cc_version = "gcc-12 12.2.0", .ld_version = "GNU ld 2.40",
	};
	struct results r;
	struct strbuf sb = STRBUF_INIT;

	memset(&r, 0, sizeof(r));
	sv_push(&here_conf, "CONFIG_PAHOLE_VERSION=0");
	r.tree.id = "aa";
	r.config_sha256 = "2222222222222222";
	r.toolchain.cc_version = "gcc-12 12.2.0";
	r.toolchain.ld_version = "GNU ld 2.41";
	/* Documents before the record: the difference, and what to do. */
	assert_int_equal(toolconf_explain(&h, &r, "results/6.1.y.json", &sb),
			 0);
	assert_non_null(strstr(sb_str(&sb), ".config 111111111111 differs from results/6.1.y.json's 222222222222"));
	assert_non_null(strstr(sb_str(&sb), "linker: \"GNU ld 2.40\" here, \"GNU ld 2.41\" there\n"));
	assert_null(strstr(sb_str(&sb), "compiler:"));
	assert_non_null(strstr(sb_str(&sb), "records no toolchain symbols"));
	sb_reset(&sb);
	r.toolchain.has_config = true;
	sv_push(&r.toolchain.config, "CONFIG_PAHOLE_VERSION=125");
	assert_int_equal(toolconf_explain(&h, &r, "E", &sb), 0);
	assert_non_null(strstr(sb_str(&sb), "CONFIG_PAHOLE_VERSION: 0 here, 125 there\n"));
	sb_reset(&sb);
	r.config_sha256 = "1111111111111111";
	assert_int_equal(toolconf_explain(&h, &r, "E", &sb), 1);
	assert_string_equal(sb_str(&sb), ".config 111111111111 is the one of E\n");
	sb_reset(&sb);
	/* Another tree, or no .config there: nothing to say. */
	r.tree.id = "bb";
	assert_int_equal(toolconf_explain(&h, &r, "E", &sb), -1);
	r.tree.id = NULL;
	r.tree.version = "6.1.192";
	assert_int_equal(toolconf_explain(&h, &r, "E", &sb), 1);
	r.config_sha256 = NULL;
	sb_reset(&sb);
	assert_int_equal(toolconf_explain(&h, &r, "E", &sb), -1);
	assert_int_equal(sb.len, 0);
	sv_clear(&r.toolchain.config);
	sv_clear(&here_conf);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
