// SPDX-License-Identifier: GPL-2.0
/*
 * backport apply: apply a branch's port series to a scratch copy of a
 * kernel tree with the real quilt ("quilt --quiltrc=- push -a --fuzz=0",
 * QUILT_PATCHES=ports/B, QUILT_SERIES=series/B) and report each patch.
 * The tree itself is only read: it may be read-only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "json.h"
#include "options-common.h"
#include "patch.h"
#include "quilt.h"
#include "run.h"
#include "series.h"
#include "stop.h"
#include "table.h"
#include "tree.h"
#include "treesrc.h"
#include "util.h"

const char cmd_apply_summary[] =
	"apply a branch's series to a scratch copy of a kernel tree (quilt)";

static const char *const apply_usage[] = {
	"usage: backport apply --branch B [--tree DIR | --version X.Y.Z] [--check]",
	"                      [--keep DIR2] [--json]",
	"",
	"Copies the kernel tree DIR (never modified; may be read-only; default\n"
	"$<tree_var> of the row, else release X.Y.Z fetched from kernel.org\n"
	"into the cache) to a scratch directory under $TMPDIR and runs the real\n"
	"\"quilt --quiltrc=- push -a --fuzz=0\" there with QUILT_PATCHES=ports/B\n"
	"and QUILT_SERIES=series/B.  Reports each patch as applied, applied at\n"
	"an offset, or FAILED with quilt's message.  Fuzz is refused.",
	NULL,
};

static int copy_some(const char *tree, const char *dst,
		     const struct strvec *files)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		char *src = path_join(tree, files->v[i]);
		char *to = path_join(dst, files->v[i]);
		struct strbuf sb = STRBUF_INIT;
		int r = 0;

		if (path_exists(src)) {
			if (read_file(src, &sb)) {
				err_msg("%s: %m", src);
				r = -1;
			} else if (write_file_atomic(to, sb_str(&sb), sb.len)) {
				err_msg("%s: %m", to);
				r = -1;
			}
		}
		sb_release(&sb);
		free(src);
		free(to);
		if (r)
			return -1;
	}
	return 0;
}

static int run_simple(const char *const *argv)
{
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { .capture = &out, .timeout = 3600 };
	struct run_result res;
	char why[128];
	int r = run_argv(argv, &o, &res);

	if (r > 0)
		err_msg("%s %s: %s: %s", argv[0], argv[1],
			run_describe(&res, why, sizeof(why)), sb_str(&out));
	sb_release(&out);
	return r ? -1 : 0;
}

/* The whole tree: reflinked where the file system can, writable after. */
static int copy_all(const char *tree, const char *dst)
{
	char *src = xasprintf("%s/.", tree);
	const char *const cp[] = { "cp", "-a", "--reflink=auto", "--", src, dst,
			     NULL };
	const char *const ch[] = { "chmod", "-R", "u+w", "--", dst, NULL };
	int r;

	if (mkdir_p(dst, 0755)) {
		err_msg("%s: %m", dst);
		free(src);
		return -1;
	}
	r = run_simple(cp);
	if (!r)
		r = run_simple(ch);
	free(src);
	return r;
}

static void print_result(const struct quilt_push *a, const char *branch,
			 const struct tree_info *ti, const char *mode,
			 const char *after, bool untouched, bool json,
			 size_t nok, size_t nfail)
{
	size_t i;

	if (json) {
		json_t *o = json_object(), *arr = json_array();

		json_object_set_new(o, "branch", json_string(branch));
		json_object_set_new(o, "tree", json_string(ti->path));
		json_object_set_new(o, "version", json_string(ti->version));
		json_object_set_new(o, "mode", json_string(mode));
		for (i = 0; i < a->n; i++) {
			json_t *p = json_object();

			json_object_set_new(p, "patch", json_string(a->p[i].name));
			json_object_set_new(p, "status", json_string(
				quilt_state_name(a->p[i].state)));
			json_object_set_new(p, "message",
					    json_string(sb_str(&a->p[i].msg)));
			json_array_append_new(arr, p);
		}
		json_object_set_new(o, "patches", arr);
		json_object_set_new(o, "applied", json_integer((json_int_t)nok));
		json_object_set_new(o, "failed", json_integer((json_int_t)nfail));
		json_object_set_new(o, "fix_state_after", json_str_or_null(after));
		json_object_set_new(o, "tree_untouched", json_boolean(untouched));
		json_object_set_new(o, "quilt_output",
				    json_string(sb_str(&a->log)));
		json_print(o);
		json_decref(o);
		return;
	}
	for (i = 0; i < a->n; i++)
		printf("%-8s %s%s%s\n", quilt_state_name(a->p[i].state),
		       a->p[i].name, a->p[i].msg.len ? ": " : "",
		       sb_str(&a->p[i].msg));
	if (nfail)
		fputs(sb_str(&a->log), stdout);
	printf("apply %s to %s (%s, %s copy): %zu of %zu applied, %zu failed%s%s%s\n",
	       branch, ti->path, ti->version, mode, nok, a->n, nfail,
	       after ? "; fix state after: " : "", after ? after : "",
	       untouched ? "; tree untouched" : "; TREE CHANGED");
}

struct opts {
	const char *branch, *tree, *version, *keep;
	bool check, json;
};

static int apply_series(const struct table *t, const struct branch *b,
			const struct opts *op)
{
	struct tree_info ti, after = { 0 };
	struct strvec files = STRVEC_INIT;
	struct quilt_push q = { 0 };
	struct series s = { 0 };
	char msg[512];
	char *scratch = NULL, *work = NULL, *sha_after = NULL, *orig;
	const char *tmp = getenv("TMPDIR"), *state_after = NULL;
	const char *mode = op->check ? "partial" : "full";
	int ret = EXIT_ERROR;

	if (tree_inspect(op->tree, &t->up, &ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return EXIT_ERROR;
	}
	if (strcmp(ti.branch, b->base))
		warn_msg("%s is %s, not a %s tree", ti.path, ti.version,
			 b->base);
	if (quilt_series_check(t, b, &s, &files, msg, sizeof(msg))) {
		err_msg("%s", msg);
		goto out;
	}
	if (!have_program("quilt")) {
		err_msg("quilt is not installed (apt-get install quilt)");
		goto out;
	}
	if (op->keep) {
		if (path_exists(op->keep)) {
			err_msg("--keep %s: exists; give a new directory",
				op->keep);
			goto out;
		}
		work = xstrdup(op->keep);
		stop_cleanup_add(work);
	} else {
		scratch = xasprintf("%s/backport-apply.XXXXXX",
				    tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(scratch)) {
			err_msg("mkdtemp %s: %m", scratch);
			free(scratch);
			scratch = NULL;
			goto out;
		}
		work = path_join(scratch, "tree");
		stop_cleanup_add(scratch);
	}
	if (op->check ? copy_some(ti.path, work, &files) :
			copy_all(ti.path, work))
		goto out;
	if (quilt_push_series(t, b, &s, work, NULL, &q) < 0)
		goto out;
	if (!q.nfail && !tree_inspect(work, &t->up, &after, msg, sizeof(msg)))
		state_after = fix_state_name(after.state);
	orig = path_join(ti.path, t->up.file);
	sha_after = sha256_file_hex(orig);
	free(orig);
	print_result(&q, b->name, &ti, op->keep ? "kept" : mode, state_after,
		     sha_after && ti.file_sha256 &&
		     !strcmp(sha_after, ti.file_sha256), op->json, q.nok,
		     q.nfail);
	ret = q.nfail ? EXIT_FINDING : EXIT_PASS;
	if (op->keep)
		info_msg("patched copy kept in %s (quilt .pc/ inside)", work);
out:
	if (op->keep && work)
		stop_cleanup_remove(work);
	if (scratch)
		stop_cleanup_remove(scratch);
	if (scratch && remove_tree(scratch))
		warn_msg("%s: cannot remove: %m", scratch);
	quilt_push_free(&q);
	sv_clear(&files);
	series_free(&s);
	tree_info_free(&ti);
	tree_info_free(&after);
	free(scratch);
	free(work);
	free(sha_after);
	return ret;
}

int cmd_apply(int argc, char **argv)
{
	struct opts op = { 0 };
	const struct bp_option options[] = {
		OPT_BRANCH(&op.branch, "a port row of configs/branches.json"),
		OPT_TREE(&op.tree,
			 "the kernel tree (its Makefile and the fixed file);\n"
			 "default: $<tree_var> of the row"),
		OPT_VERSION(&op.version,
			    "without --tree or $<tree_var>: this kernel.org\n"
			    "release of the branch, fetched into the cache once"),
		OPT_BOOL("check", &op.check,
			 "copy only the files the series touches (fast)"),
		OPT_STRING("keep", "DIR2", &op.keep,
			   "copy the whole tree to DIR2 (must not exist) and keep\n"
			   "it patched, with quilt's .pc/ (not with --check)"),
		OPT_JSON(&op.json),
		OPT_TRAILER("Exit status: 0 every patch applied, 1 a patch failed, 2 usage error,\n"
			    "no tree (or its fetch failed), not a kernel tree, bad series or quilt\n"
			    "missing."),
		OPT_END(),
	};
	const struct branch *b;
	struct table t;
	char *tree;
	int ret;

	argc = parse_options(argc, argv, options, apply_usage, 0);
	if (argc)
		usage_msg_opt(apply_usage, options,
			      "unexpected argument \"%s\"", argv[0]);
	if (!op.branch)
		usage_msg_opt(apply_usage, options, "--branch is required");
	if (op.check && op.keep)
		usage_msg_opt(apply_usage, options,
			      "--keep keeps a full copy; it does not go with --check");
	b = table_load_branch(&t, op.branch, true);
	if (!b)
		return EXIT_ERROR;
	tree = resolve_tree(&t, b, op.tree, op.version, false, NULL);
	op.tree = tree;
	ret = tree ? apply_series(&t, b, &op) : EXIT_ERROR;
	free(tree);
	table_free(&t);
	return ret;
}
