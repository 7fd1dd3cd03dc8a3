// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/results-write.c: every results document the
 * project committed (results/<branch>.json, written by verify) read with
 * results_read() and written again gives the same bytes, its JUnit
 * report the committed .junit.xml, and its console excerpts the committed
 * results/logs/<branch>/<variant>-<n>.txt; no document (nor bench.json,
 * nor results/trees/<tree>.json) names a path of the machine that wrote it.
 * results_write_excerpts() and results_hide_path() on their own.
 */
#include <dirent.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "results.h"
#include "util.h"

/*
 * results/4.19.y-optional.json as written on 2026-11-26, before builds
 * recorded the tree identity, compat patches and toolchain symbols
 */
#define LEGACY_419_OPTIONAL "tests/fixtures/results/legacy/4.19.y-optional.json"

/* Paths of a machine: none may appear in a committed results file. */
static const char *const machine[] = {
	"/root", "/home", "/work", "/tmp", "~/.cache",
};

static void same_file(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

	assert_int_equal(read_file(a, &x), 0);
	assert_int_equal(read_file(b, &y), 0);
	if (x.len != y.len || memcmp(x.buf, y.buf, x.len))
		fail_msg("%s and %s differ", a, b);
	sb_release(&x);
	sb_release(&y);
}

static void round_trip(const char *path)
{
	char tmpl[] = "/tmp/test_results_write.XXXXXX";
	char *dir = mkdtemp(tmpl), *j, *x, *junit, *stem;
	struct results r;
	char msg[512];

	assert_non_null(dir);
	if (results_read(path, &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	j = path_join(dir, "r.json");
	x = path_join(dir, "r.junit.xml");
	assert_int_equal(results_write_json(&r, j), 0);
	assert_int_equal(results_write_junit(&r, x), 0);
	same_file(path, j);
	stem = xstrndup(path, strlen(path) - 5);
	junit = xasprintf("%s.junit.xml", stem);
	free(stem);
	same_file(junit, x);
	results_free(&r);
	unlink(j);
	unlink(x);
	rmdir(dir);
	free(junit);
	free(j);
	free(x);
}

/* Every string in @j: not a path of the machine. */
static void no_machine_path(const char *file, json_t *j)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_string(j)) {
		const char *s = json_string_value(j);

		if (*s == '/' || *s == '~')
			fail_msg("%s: \"%.80s\": an absolute path", file, s);
		for (i = 0; i < ARRAY_SIZE(machine); i++)
			if (strstr(s, machine[i]))
				fail_msg("%s: \"%.80s\" names %s", file, s,
					 machine[i]);
	}
	json_object_foreach(j, key, v)
		no_machine_path(file, v);
	json_array_foreach(j, i, v)
		no_machine_path(file, v);
}

/*
 * The excerpt of run @n of @v of @r: written where its log says, beside
 * the document in results/, and cut around the signature: the signature's
 * numbered line is in it, and for a FAIL the line after it too (the
 * trace starts there); a silent FAIL has its vCPU samples instead.
 */
static void committed_excerpt(const struct results *r,
			      const struct results_variant *v,
			      const struct results_run *run,
			      struct strvec *named)
{
	char *want = results_log_path(r->branch, v->name, run->run);
	char *path = path_join("results", want), *line;
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(run->log);
	assert_string_equal(run->log, want);
	if (read_file(path, &sb))
		fail_msg("%s: not committed (%s %s run %d)", path, r->branch,
			 v->name, run->run);
	if (strcmp(sb_str(&sb), run->excerpt))
		fail_msg("%s is not the excerpt of %s %s run %d", path,
			 r->branch, v->name, run->run);
	if (run->signature) {
		line = xasprintf("%6d| %s\n", run->signature_line,
				 run->signature);
		if (!strstr(sb.buf, line))
			fail_msg("%s: no signature line %d", path,
				 run->signature_line);
		free(line);
	}
	if (run->kind == KIND_SILENT) {
		/* no signature line: the vCPU samples end the excerpt */
		if (!strstr(sb.buf, "\n  vcpu| sample 1/"))
			fail_msg("%s: a silent run without vCPU samples",
				 path);
	} else if (run->outcome == CONSOLE_FAIL) {
		line = xasprintf("\n%6d| ", run->signature_line + 1);
		if (!strstr(sb.buf, line))
			fail_msg("%s: nothing after the signature (line %d)",
				 path, run->signature_line);
		free(line);
	}
	sv_push(named, path);
	sb_release(&sb);
	free(path);
	free(want);
}

/* Every .txt under results/logs/<branch>/ is the excerpt of a run. */
static void no_stray_excerpts(const char *branch,
			      const struct strvec *named)
{
	char *dir = xasprintf("results/logs/%s", branch);
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;

	while (d && (e = readdir(d))) {
		char *p = path_join(dir, e->d_name);
		bool found = false;

		for (i = 0; i < named->n; i++)
			found |= !strcmp(named->v[i], p);
		if (ends_with(e->d_name, ".txt") && !found)
			fail_msg("%s: no run of results/%s.json names it", p,
				 branch);
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
}

static void committed_excerpts(const char *file)
{
	struct strvec named = STRVEC_INIT;
	json_error_t jerr;
	json_t *doc = json_load_file(file, 0, &jerr);
	struct results r;
	char msg[512];
	size_t i, j;

	assert_non_null(doc);
	no_machine_path(file, doc);
	json_decref(doc);
	if (results_read(file, &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	for (i = 0; i < r.nvariants; i++)
		for (j = 0; j < r.variant[i].nruns; j++)
			if (r.variant[i].runs[j].excerpt &&
			    *r.variant[i].runs[j].excerpt)
				committed_excerpt(&r, &r.variant[i],
						  &r.variant[i].runs[j], &named);
	no_stray_excerpts(r.branch, &named);
	sv_clear(&named);
	results_free(&r);
}

static void test_committed_results(void **state)
{
	glob_t g;
	size_t i, n = 0;

	assert_int_equal(glob("results/[0-9]*.json", 0, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		round_trip(g.gl_pathv[i]);
		committed_excerpts(g.gl_pathv[i]);
		n++;
	}
	/* Every decision of the table has a row with results. */
	assert_true(n >= 4);
	globfree(&g);
}

/* bench.json, bench.rerun.json and results/trees/<tree>.json too. */
static void test_committed_json(void **state)
{
	static const char *const pats[] = {
		"results/*.json", "results/trees/*.json",
	};
	json_error_t jerr;
	size_t i, j, n = 0;
	glob_t g;

	for (i = 0; i < ARRAY_SIZE(pats); i++) {
		assert_int_equal(glob(pats[i], 0, NULL, &g), 0);
		for (j = 0; j < g.gl_pathc; j++, n++) {
			json_t *doc = json_load_file(g.gl_pathv[j], 0, &jerr);

			if (!doc)
				fail_msg("%s: %s", g.gl_pathv[j], jerr.text);
			no_machine_path(g.gl_pathv[j], doc);
			json_decref(doc);
		}
		globfree(&g);
	}
	assert_true(n >= 12);
}

/* The tree's identity: written when known, read back, validated. */
static void test_tree_id(void **state)
{
	static const char id[] =
		"0917ba81de658de4f8e7a1574ce2f450fa5a09766a7da40641fc79bbf749bd76";
	struct results r, back;
	char msg[512], *text, *bad;
	json_t *doc;

	/* a 4.19.y-optional document written before the identity was recorded */
	assert_int_equal(results_read(LEGACY_419_OPTIONAL, &r, msg,
				      sizeof(msg)), 0);
	assert_null(r.tree.id);
	r.tree.id = xstrdup(id);
	doc = results_json(&r);
	text = json_dumps(doc, JSON_INDENT(2));
	assert_non_null(strstr(text, "\"id\": \"0917ba81"));
	assert_int_equal(results_parse(text, strlen(text), "t.json", &back,
				       msg, sizeof(msg)), 0);
	assert_string_equal(back.tree.id, id);
	results_free(&back);
	bad = xstrdup(text);
	*strstr(bad, "0917ba81") = 'X';
	assert_int_not_equal(results_parse(bad, strlen(bad), "t.json", &back,
					   msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "tree.id"));
	results_free(&back);
	free(bad);
	free(text);
	json_decref(doc);
	results_free(&r);
}

static void put(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);

	assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
	free(p);
}

static bool has(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	bool ret = path_exists(p);

	free(p);
	return ret;
}

/*
 * results_write_excerpts() on the committed 5.10.y document: the same
 * files as committed, each log set; an earlier run's .txt removed, the
 * rest of the directory left alone; a run without excerpt gets no file.
 */
static void test_write_excerpts(void **state)
{
	char tmpl[] = "/tmp/test_results_write.XXXXXX";
	char *dir = mkdtemp(tmpl), msg[512];
	struct results r;
	struct results_run *run;

	assert_non_null(dir);
	if (results_read("results/5.10.y.json", &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	put(dir, "logs/5.10.y/base-9.txt", "an earlier run\n");
	put(dir, "logs/5.10.y/NOTES.md", "not the tool's\n");
	put(dir, "logs/5.4.y/base-9.txt", "another branch\n");
	run = &r.variant[1].runs[2];
	free(run->excerpt);
	run->excerpt = NULL;
	free(r.variant[0].runs[0].log);
	r.variant[0].runs[0].log = xstrdup("/root/.cache/base-1.log");
	assert_int_equal(results_write_excerpts(&r, dir, msg, sizeof(msg)), 0);
	assert_string_equal(r.variant[0].runs[0].log, "logs/5.10.y/base-1.txt");
	assert_string_equal(r.variant[1].runs[1].log,
			    "logs/5.10.y/patched-2.txt");
	assert_null(run->log);
	assert_true(has(dir, "logs/5.10.y/base-1.txt"));
	assert_true(has(dir, "logs/5.10.y/patched-2.txt"));
	assert_false(has(dir, "logs/5.10.y/patched-3.txt"));
	assert_false(has(dir, "logs/5.10.y/base-9.txt"));
	assert_true(has(dir, "logs/5.10.y/NOTES.md"));
	assert_true(has(dir, "logs/5.4.y/base-9.txt"));
	{
		char *got = path_join(dir, "logs/5.10.y/base-2.txt");

		same_file("results/logs/5.10.y/base-2.txt", got);
		free(got);
	}
	/* Names that would leave the directory are refused. */
	free(r.branch);
	r.branch = xstrdup("..");
	assert_int_equal(results_write_excerpts(&r, dir, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "branch \"..\", variant \"base\": not a directory and a file name");
	results_free(&r);
	assert_int_equal(remove_tree(dir), 0);
}

/* Error texts name <tree> and <cache>, not their paths. */
static void test_hide_path(void **state)
{
	static const char cache[] = "/home/u/.cache/backport";
	static const char tree[] = "/home/u/.cache/backport/src/linux-source-6.1";
	struct results_run run = {
		.error = xstrdup("/home/u/.cache/backport/boot/x: no initramfs"),
	};
	struct results r = {
		.nvariants = 1,
		.variant = { {
			.build.error = xstrdup("make in /home/u/.cache/backport/src/linux-source-6.1 failed; see /home/u/.cache/backport/work/6.1.y/base/build.log"),
			.runs = &run, .nruns = 1,
		} },
	};

	results_hide_path(&r, tree, "<tree>");
	results_hide_path(&r, cache, "<cache>");
	results_hide_path(&r, "", "<nothing>");
	assert_string_equal(r.variant[0].build.error,
			    "make in <tree> failed; see <cache>/work/6.1.y/base/build.log");
	assert_string_equal(run.error, "<cache>/boot/x: no initramfs");
	free(r.variant[0].build.error);
	free(run.error);
}

static void test_log_path(void **state)
{
	char *p = results_log_path("4.19.y-optional", "patched", 3);

	assert_string_equal(p, "logs/4.19.y-optional/patched-3.txt");
	free(p);
}

/*
 * A build's "compat" list (one commit for the base, none for the port)
 * is written, read back the same, and written again byte for byte.
 */
static void test_compat_round_trip(void **state)
{
	char tmpl[] = "/tmp/test_results_write.XXXXXX";
	char *dir = mkdtemp(tmpl), *j1, *j2, msg[512];
	struct results r, back;

	assert_non_null(dir);
	/* a 4.19.y-optional document written before builds listed their compat patches */
	if (results_read(LEGACY_419_OPTIONAL, &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_int_equal(r.nvariants, 2);
	assert_false(r.variant[0].build.has_compat);
	r.variant[0].build.has_compat = true;
	sv_push(&r.variant[0].build.compat,
		"1d489151e9f9d1647110277ff77282fe4d96d09b");
	r.variant[1].build.has_compat = true;
	/* The toolchain's ld line and .config symbols, new as well. */
	assert_false(r.toolchain.has_config);
	assert_null(r.toolchain.ld_version);
	r.toolchain.ld_version = xstrdup("GNU ld (GNU Binutils for Debian) 2.40");
	r.toolchain.has_config = true;
	sv_pushl(&r.toolchain.config, "CONFIG_PAHOLE_VERSION=0",
		 "CONFIG_CC_VERSION_TEXT=\"gcc-11 (Debian 11.3.0-12) 11.3.0\"",
		 NULL);
	j1 = path_join(dir, "1.json");
	j2 = path_join(dir, "2.json");
	assert_int_equal(results_write_json(&r, j1), 0);
	if (results_read(j1, &back, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_true(back.variant[0].build.has_compat);
	assert_int_equal(back.variant[0].build.compat.n, 1);
	assert_string_equal(back.variant[0].build.compat.v[0],
			    "1d489151e9f9d1647110277ff77282fe4d96d09b");
	assert_true(back.variant[1].build.has_compat);
	assert_int_equal(back.variant[1].build.compat.n, 0);
	assert_string_equal(back.toolchain.ld_version,
			    "GNU ld (GNU Binutils for Debian) 2.40");
	assert_true(back.toolchain.has_config);
	assert_int_equal(back.toolchain.config.n, 2);
	assert_string_equal(back.toolchain.config.v[0],
			    "CONFIG_PAHOLE_VERSION=0");
	assert_int_equal(results_write_json(&back, j2), 0);
	same_file(j1, j2);
	results_free(&r);
	results_free(&back);
	unlink(j1);
	unlink(j2);
	rmdir(dir);
	free(j1);
	free(j2);
}

/*
 * "reused_from" (the kernel another row built from the same inputs) is
 * written only when set, read back the same, and written again the same.
 */
static void test_reused_round_trip(void **state)
{
	char tmpl[] = "/tmp/test_results_write.XXXXXX";
	char *dir = mkdtemp(tmpl), *j1, *j2, msg[512];
	struct results r, back;
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(dir);
	if (results_read("results/5.12.y.json", &r, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_null(r.variant[0].build.reused_from);
	j1 = path_join(dir, "1.json");
	j2 = path_join(dir, "2.json");
	assert_int_equal(results_write_json(&r, j1), 0);
	assert_int_equal(read_file(j1, &sb), 0);
	assert_null(strstr(sb_str(&sb), "reused_from"));
	r.variant[0].build.reused_from = xstrdup("4.19.y");
	assert_int_equal(results_write_json(&r, j1), 0);
	if (results_read(j1, &back, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_string_equal(back.variant[0].build.reused_from, "4.19.y");
	assert_null(back.variant[1].build.reused_from);
	assert_int_equal(results_write_json(&back, j2), 0);
	same_file(j1, j2);
	sb_release(&sb);
	results_free(&r);
	results_free(&back);
	unlink(j1);
	unlink(j2);
	rmdir(dir);
	free(j1);
	free(j2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed_results),
		cmocka_unit_test(test_committed_json),
		cmocka_unit_test(test_tree_id),
		cmocka_unit_test(test_write_excerpts),
		cmocka_unit_test(test_hide_path),
		cmocka_unit_test(test_log_path),
		cmocka_unit_test(test_compat_round_trip),
		cmocka_unit_test(test_reused_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
