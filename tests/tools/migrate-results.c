// SPDX-License-Identifier: GPL-2.0
/*
 * Converter of results/<branch>.json written before the results named no
 * machine path (make build/migrate-results; the committed results were
 * converted with it, and t56 checks that an old document gives the
 * committed one back), for documents still in the old layout elsewhere:
 *
 *   build/migrate-results DIR FILE...
 *
 * Each FILE (old layout) loses what named the verifying machine's paths
 * (tree.path, build.bzimage, build.log, runs[].log, console_logs), gets
 * tree.source and tree.dir from the old tree.path, is read with
 * results_parse() and written into DIR with the tool's own writers:
 * results_write_excerpts() (each run's committed excerpt into
 * DIR/logs/<branch>/<variant>-<n>.txt), results_write_json() and
 * results_write_junit().
 *
 * The old documents do not say whether a tree of one's own came from
 * --tree or the row's variable: such a tree's source is "--tree or
 * variable BACKPORT_TREE_X_Y".  A tree in a cache's src/ directory is the
 * row's Debian package or a kernel.org release, as treesrc.c names them.
 *
 *   build/migrate-results --bench FILE...
 *
 * rewrites each bench.json in place as bench-report.c now writes it: each
 * branch's "tree" the directory's name, followed by "tree_source" (bench
 * takes --tree-for, not --tree).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json.h"
#include "results.h"
#include "table.h"
#include "util.h"

/* tree.source for the old tree.path @path of row @b (@opt: "--tree"). */
static char *source_of(const struct branch *b, const char *path,
		       const char *opt)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = (size_t)(name - path);
	bool in_src = n >= 5 && !strncmp(name - 5, "/src/", 5);

	if (in_src && b->debian_source && !strcmp(name, b->debian_source))
		return xasprintf("debian %s", name);
	if (in_src && starts_with(name, "linux-"))
		return xasprintf("kernel.org %s.tar.xz", name);
	return xasprintf("%s or variable %s", opt, b->tree_var);
}

static void strip_variant(json_t *v)
{
	json_t *run;
	size_t i;

	if (!json_is_object(v))
		return;
	json_object_del(json_object_get(v, "build"), "bzimage");
	json_object_del(json_object_get(v, "build"), "log");
	json_array_foreach(json_object_get(v, "runs"), i, run)
		json_object_del(run, "log");
}

/* @doc (old layout) without paths; -1 when it has no tree path. */
static int strip(const struct table *t, json_t *doc)
{
	const struct branch *b = table_find(t, json_string_value(
					json_object_get(doc, "branch")));
	json_t *tree = json_object_get(doc, "tree");
	const char *path = json_string_value(json_object_get(tree, "path"));
	const char *name;
	char *source;

	if (!b || !path)
		return -1;
	name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	source = source_of(b, path, "--tree");
	json_object_set_new(tree, "source", json_string(source));
	json_object_set_new(tree, "dir", json_string(name));
	free(source);
	json_object_del(tree, "path");
	json_object_del(doc, "console_logs");
	strip_variant(json_object_get(doc, "run"));
	strip_variant(json_object_get(json_object_get(doc, "ab"), "a"));
	strip_variant(json_object_get(json_object_get(doc, "ab"), "b"));
	return 0;
}

static int migrate(const struct table *t, const char *dir, const char *file)
{
	json_error_t jerr;
	json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	struct results r;
	char msg[512], *text, *path;
	int ret = -1;

	if (!doc || strip(t, doc)) {
		err_msg("%s: not a results document of the old layout", file);
		json_decref(doc);
		return -1;
	}
	text = json_dumps(doc, JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (results_parse(text, strlen(text), file, &r, msg, sizeof(msg))) {
		err_msg("%s", msg);
		free(text);
		return -1;
	}
	free(text);
	if (results_write_excerpts(&r, dir, msg, sizeof(msg))) {
		err_msg("%s", msg);
		goto out;
	}
	path = xasprintf("%s/%s.json", dir, r.branch);
	ret = results_write_json(&r, path);
	free(path);
	path = xasprintf("%s/%s.junit.xml", dir, r.branch);
	if (results_write_junit(&r, path))
		ret = -1;
	free(path);
out:
	results_free(&r);
	return ret;
}

/* A branch of bench.json, its "tree" path made name and source. */
static json_t *bench_branch(const struct table *t, json_t *o)
{
	const struct branch *b = table_find(t, json_string_value(
					json_object_get(o, "branch")));
	const char *path = json_string_value(json_object_get(o, "tree"));
	json_t *n = json_object(), *v;
	const char *key;
	char *source;

	if (!b || !path)
		return NULL;
	source = source_of(b, path, "--tree-for");
	json_object_foreach(o, key, v) {
		if (strcmp(key, "tree")) {
			json_object_set(n, key, v);
			continue;
		}
		json_object_set_new(n, "tree", json_string(strrchr(path, '/') ?
							   strrchr(path, '/') + 1 :
							   path));
		json_object_set_new(n, "tree_source", json_string(source));
	}
	free(source);
	return n;
}

static int migrate_bench(const struct table *t, const char *file)
{
	json_error_t jerr;
	json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	json_t *branches = json_array(), *o, *n;
	size_t i;
	int ret = -1;

	json_array_foreach(json_object_get(doc, "branches"), i, o) {
		n = bench_branch(t, o);
		if (!n) {
			err_msg("%s: branches[%zu]: no branch or tree", file, i);
			goto out;
		}
		json_array_append_new(branches, n);
	}
	if (!doc || !i) {
		err_msg("%s: not a bench.json", file);
		goto out;
	}
	json_object_set(doc, "branches", branches);
	ret = json_write_file(file, doc);
out:
	json_decref(branches);
	json_decref(doc);
	return ret;
}

int main(int argc, char **argv)
{
	bool bench = argc > 1 && !strcmp(argv[1], "--bench");
	struct table t;
	int i, ret = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s DIR FILE... | --bench FILE...\n",
			argv[0]);
		return EXIT_ERROR;
	}
	if (table_load_default(&t))
		return EXIT_ERROR;
	for (i = 2; i < argc; i++)
		if (bench ? migrate_bench(&t, argv[i]) :
		    migrate(&t, argv[1], argv[i]))
			ret = EXIT_ERROR;
	table_free(&t);
	return ret;
}
