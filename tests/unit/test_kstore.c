// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/kstore.c (the key of a built kernel, keeping and
 * finding it) and of the part of scripts/workdir.c it rests on.
 */
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

#include "kstore.h"
#include "table.h"
#include "util.h"
#include "workdir.h"

static char *top;

static char *put(const char *rel, const char *text)
{
	char *p = path_join(top, rel), *d = xstrdup(p);

	*strrchr(d, '/') = 0;
	assert_int_equal(mkdir_p(d, 0755), 0);
	assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
	free(d);
	return p;
}

static void make_argv(struct strvec *av, const char *o, const char *cc)
{
	sv_pushl(av, "make", "-j2", NULL);
	sv_pushf(av, "O=%s", o);
	sv_pushl(av, "ARCH=x86_64", "CROSS_COMPILE=", NULL);
	sv_pushf(av, "CC=%s", cc);
	sv_push(av, "HOSTCC=gcc-11");
}

/* Two rows' base builds of one tree: one key; anything else: another. */
static void test_key(void **state)
{
	struct table t = { .root = "/nonexistent" };
	struct branch b1 = { .name = "4.19.y" }, b2 = { .name = "4.19.y-optional" };
	struct strvec a1 = STRVEC_INIT, a2 = STRVEC_INIT, a3 = STRVEC_INIT;
	struct strvec frags = STRVEC_INIT;
	char msg[256], *w1, *w2, *k1, *k2, *k, *f;

	w1 = workdir_key(&t, &b1, "aa", NULL, NULL, msg, sizeof(msg));
	w2 = workdir_key(&t, &b2, "aa", NULL, NULL, msg, sizeof(msg));
	assert_string_equal(w1, w2);
	f = put("frag/a.config", "CONFIG_A=y\n");
	sv_push(&frags, f);
	make_argv(&a1, "/c/work/4.19.y/base/build", "ccache gcc-11");
	make_argv(&a2, "/c/work/4.19.y-optional/base/build", "ccache gcc-11");
	a2.v[1][2] = '8';	/* -j8: how fast, not what */
	k1 = kstore_key(w1, &a1, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.40",
			&frags);
	k2 = kstore_key(w2, &a2, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.40",
			&frags);
	assert_non_null(k1);
	assert_string_equal(k1, k2);
	free(k2);
	/* Another scratch directory key (tree, variant, compat, series). */
	k = kstore_key("bb", &a1, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.40",
		       &frags);
	assert_string_not_equal(k, k1);
	free(k);
	/* Another compiler, linker or make argument. */
	make_argv(&a3, "/c/work/4.19.y/base/build", "ccache gcc-12");
	k = kstore_key(w1, &a3, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.40",
		       &frags);
	assert_string_not_equal(k, k1);
	free(k);
	k = kstore_key(w1, &a1, "gcc-11 (Debian 11.4.0-1) 11.4.0", "ld 2.40",
		       &frags);
	assert_string_not_equal(k, k1);
	free(k);
	k = kstore_key(w1, &a1, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.41",
		       &frags);
	assert_string_not_equal(k, k1);
	free(k);
	/* A fragment's content, not its path. */
	free(put("frag/a.config", "CONFIG_A=y\nCONFIG_B=y\n"));
	k = kstore_key(w1, &a1, "gcc-11 (Debian 11.3.0-12) 11.3.0", "ld 2.40",
		       &frags);
	assert_string_not_equal(k, k1);
	free(k);
	unlink(f);
	assert_null(kstore_key(w1, &a1, "gcc-11", "ld", &frags));
	free(f);
	free(k1);
	free(w1);
	free(w2);
	sv_clear(&a1);
	sv_clear(&a2);
	sv_clear(&a3);
	sv_clear(&frags);
}

static void test_store(void **state)
{
	struct branch rows[] = { { .name = "4.19.y" }, { .name = "4.19.y-optional" } };
	struct table t = { .root = "/nonexistent", .b = rows, .n = 2 };
	char *cache = path_join(top, "cache"), msg[256], *p;
	char *bz = put("o/bzImage", "kernel\n"), *cfg = put("o/config", "CONFIG_A=y\n");
	char *gen = put("o/gen_init_cpio", "#!/bin/sh\n");
	char *map = put("o/System.map", "ffffffff81000000 T _text\n");
	char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct kstore_entry e = { .bzimage = bz, .config = cfg,
				  .gen_init_cpio = gen, .system_map = map,
				  .built_by = "4.19.y",
				  .file_sha256 = sha }, got;
	struct strbuf sb = STRBUF_INIT;
	struct stat st;

	assert_int_equal(kstore_find(cache, "k1", &t, &got), 0);
	assert_int_equal(kstore_save(cache, "k1", &e, msg, sizeof(msg)), 0);
	assert_int_equal(kstore_find(cache, "k1", &t, &got), 1);
	assert_string_equal(got.built_by, "4.19.y");
	assert_string_equal(got.file_sha256, sha);
	assert_int_equal(read_file(got.bzimage, &sb), 0);
	assert_string_equal(sb_str(&sb), "kernel\n");
	assert_int_equal(stat(got.gen_init_cpio, &st), 0);
	assert_true(st.st_mode & 0100);
	/* System.map beside the bzImage, where a boot looks for it */
	p = path_join(got.dir, "System.map");
	assert_string_equal(got.system_map, p);
	free(p);
	sb_reset(&sb);
	assert_int_equal(read_file(got.system_map, &sb), 0);
	assert_string_equal(sb_str(&sb), "ffffffff81000000 T _text\n");
	kstore_entry_free(&got);
	assert_int_equal(kstore_find(cache, "k2", &t, &got), 0);
	/* A row the table does not have is no kernel of this table's. */
	e.built_by = "9.9.y";
	assert_int_equal(kstore_save(cache, "k3", &e, msg, sizeof(msg)), 0);
	assert_int_equal(kstore_find(cache, "k3", &t, &got), 0);
	/* Saved again: replaced whole. */
	e.built_by = "4.19.y-optional";
	e.gen_init_cpio = NULL;
	e.system_map = NULL;
	assert_int_equal(kstore_save(cache, "k1", &e, msg, sizeof(msg)), 0);
	assert_int_equal(kstore_find(cache, "k1", &t, &got), 1);
	assert_string_equal(got.built_by, "4.19.y-optional");
	assert_null(got.gen_init_cpio);
	assert_null(got.system_map);
	/* Incomplete (no config): none. */
	assert_int_equal(unlink(got.config), 0);
	kstore_entry_free(&got);
	assert_int_equal(kstore_find(cache, "k1", &t, &got), 0);
	/* A missing file to keep: an error, nothing half-kept. */
	e.config = "/nonexistent/config";
	assert_int_equal(kstore_save(cache, "k4", &e, msg, sizeof(msg)), -1);
	p = path_join(cache, "kernels/k4");
	assert_false(path_exists(p));
	free(p);
	sb_release(&sb);
	free(bz);
	free(cfg);
	free(gen);
	free(map);
	free(cache);
}

static void test_has_key(void **state)
{
	char *wd = path_join(top, "w"), *src = path_join(wd, "src");
	char *bld = path_join(wd, "build"), msg[256];

	assert_false(workdir_has_key(wd, "k1"));
	assert_int_equal(workdir_claim(wd, src, bld, "k1", true, msg,
				       sizeof(msg)), 0);
	assert_true(workdir_has_key(wd, "k1"));
	assert_false(workdir_has_key(wd, "k2"));
	assert_false(workdir_has_key(wd, "k"));
	free(bld);
	free(src);
	free(wd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_has_key),
	};
	char tmpl[] = "/tmp/test_kstore.XXXXXX";
	int r;

	top = mkdtemp(tmpl);
	assert_non_null(top);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	remove_tree(top);
	return r;
}
