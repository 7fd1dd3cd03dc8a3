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
#include "run.h"
#include "series.h"
#include "table.h"
#include "tree.h"
#include "util.h"

const char cmd_apply_summary[] =
	"apply a branch's series to a scratch copy of a kernel tree (quilt)";

static const char *const apply_usage[] = {
	"usage: backport apply --branch B --tree DIR [--check] [--keep DIR2] [--json]",
	"",
	"Copies the kernel tree DIR (never modified; may be read-only) to a\n"
	"scratch directory under $TMPDIR and runs the real\n"
	"\"quilt --quiltrc=- push -a --fuzz=0\" there with QUILT_PATCHES=ports/B\n"
	"and QUILT_SERIES=series/B.  Reports each patch as applied, applied at\n"
	"an offset, or FAILED with quilt's message.  Fuzz is refused.",
	NULL,
};

enum pstate { P_NOT_TRIED, P_APPLIED, P_OFFSET, P_FAILED };

static const char *const pstate_names[] = {
	"not-tried", "applied", "offset", "FAILED",
};

struct pres {
	char *name;
	enum pstate state;
	struct strbuf msg;	/* quilt's lines about problems / offsets */
};

struct apply {
	struct pres *p;
	size_t n;
	long cur;		/* index of the patch quilt works on */
	struct strbuf log;
};

static int on_quilt_line(const char *line, void *arg)
{
	struct apply *a = arg;
	struct pres *p;
	size_t i;

	sb_addf(&a->log, "%s\n", line);
	if (starts_with(line, "Applying patch ")) {
		const char *name = line + 15, *slash = strrchr(name, '/');

		if (slash)
			name = slash + 1;
		for (i = 0; i < a->n; i++) {
			const char *s = strrchr(a->p[i].name, '/');

			if (!strcmp(s ? s + 1 : a->p[i].name, name)) {
				a->cur = (long)i;
				a->p[i].state = P_APPLIED;
			}
		}
		return 0;
	}
	if (a->cur < 0)
		return 0;
	p = &a->p[a->cur];
	if (strstr(line, "FAILED") || strstr(line, "does not apply") ||
	    strstr(line, "with fuzz") || strstr(line, "can't find file") ||
	    strstr(line, "Reversed (or previously applied)") ||
	    strstr(line, "malformed patch")) {
		p->state = P_FAILED;
		sb_addf(&p->msg, "%s%s", p->msg.len ? "; " : "", line);
	} else if (strstr(line, "(offset ") && p->state == P_APPLIED) {
		p->state = P_OFFSET;
		sb_addf(&p->msg, "%s%s", p->msg.len ? "; " : "", line);
	} else if (strstr(line, "(offset ")) {
		sb_addf(&p->msg, "%s%s", p->msg.len ? "; " : "", line);
	}
	return 0;
}

/* Refuse patch paths that would leave the scratch tree. */
static bool safe_rel(const char *p)
{
	const char *s;

	if (!*p || p[0] == '/')
		return false;
	for (s = p; (s = strstr(s, "..")); s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || !s[2]))
			return false;
	return true;
}

/* Files the series touches (paths after -pN stripping), plus Makefile. */
static int touched_files(const struct table *t, const char *branch,
			 const struct series *s, struct strvec *out)
{
	size_t i, j;

	sv_push(out, "Makefile");
	for (i = 0; i < s->n; i++) {
		char *rel = xasprintf("ports/%s/%s", branch, s->e[i].name);
		char *abs = table_path(t, rel);
		struct strbuf sb = STRBUF_INIT;
		struct parse_error err;
		struct patch p;

		if (read_file(abs, &sb)) {
			err_msg("%s: cannot read (listed in series/%s line %u): %m",
				rel, branch, s->e[i].line);
			goto fail;
		}
		if (patch_parse(sb_str(&sb), sb.len, &p, &err)) {
			err_msg("%s:%u: %s", rel, err.line, err.msg);
			goto fail;
		}
		if (s->e[i].strip != 1) {
			err_msg("series/%s:%u: -p%u: only -p1 git diffs are supported",
				branch, s->e[i].line, s->e[i].strip);
			patch_free(&p);
			goto fail;
		}
		for (j = 0; j < p.nfiles; j++) {
			const char *f = p.files[j].old_path;

			if (!f || !strcmp(f, "/dev/null"))
				f = p.files[j].new_path;
			if (!f || !safe_rel(f)) {
				err_msg("%s:%u: path \"%s\" leaves the tree",
					rel, p.files[j].line, f ? f : "");
				patch_free(&p);
				goto fail;
			}
			sv_push(out, f);
		}
		patch_free(&p);
		sb_release(&sb);
		free(abs);
		free(rel);
		continue;
fail:
		sb_release(&sb);
		free(abs);
		free(rel);
		return -1;
	}
	return 0;
}

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

static void print_result(const struct apply *a, const char *branch,
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
				pstate_names[a->p[i].state]));
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
		printf("%-8s %s%s%s\n", pstate_names[a->p[i].state],
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
	const char *branch, *tree, *keep;
	bool check, json;
};

static int apply_series(const struct table *t, const struct branch *b,
		 const struct opts *op)
{
	struct tree_info ti, after = { 0 };
	struct strvec files = STRVEC_INIT;
	struct apply a = { .cur = -1, .log = STRBUF_INIT };
	struct parse_error err;
	struct run_result res;
	struct run_opts ro = { 0 };
	struct series s = { 0 };
	char msg[512], why[128];
	char *sabs = table_path(t, b->series), *pdir = NULL, *envp = NULL;
	char *envs = NULL, *scratch = NULL, *work = NULL, *sha_after = NULL;
	char *orig;
	const char *tmp = getenv("TMPDIR"), *state_after = NULL;
	const char *mode = op->check ? "partial" : "full";
	int ret = EXIT_ERROR;
	size_t i, nok = 0, nfail = 0;

	if (tree_inspect(op->tree, &t->up, &ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		free(sabs);
		return EXIT_ERROR;
	}
	if (strcmp(ti.branch, b->base))
		warn_msg("%s is %s, not a %s tree", ti.path, ti.version,
			 b->base);
	if (series_load(sabs, &s, &err)) {
		if (err.line)
			err_msg("%s:%u: %s", b->series, err.line, err.msg);
		else
			err_msg("%s: %s", b->series, err.msg);
		goto out;
	}
	if (!s.n) {
		err_msg("%s: no patches listed", b->series);
		goto out;
	}
	if (!have_program("quilt")) {
		err_msg("quilt is not installed (apt-get install quilt)");
		goto out;
	}
	if (touched_files(t, b->name, &s, &files))
		goto out;
	if (op->keep) {
		if (path_exists(op->keep)) {
			err_msg("--keep %s: exists; give a new directory",
				op->keep);
			goto out;
		}
		work = xstrdup(op->keep);
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
	}
	if (op->check ? copy_some(ti.path, work, &files) :
			copy_all(ti.path, work))
		goto out;

	pdir = path_join(t->root, "ports");
	envp = xasprintf("QUILT_PATCHES=%s/%s", pdir, b->name);
	envs = xasprintf("QUILT_SERIES=%s", sabs);
	{
		const char *const env[] = { envp, envs, "QUILT_PC=.pc", "LC_ALL=C",
				      NULL };
		const char *const argv[] = { "quilt", "--quiltrc=-", "push", "-a",
				       "--fuzz=0", NULL };

		a.n = s.n;
		a.p = xcalloc(s.n, sizeof(*a.p));
		for (i = 0; i < s.n; i++) {
			a.p[i].name = xstrdup(s.e[i].name);
			a.p[i].msg = (struct strbuf)STRBUF_INIT;
		}
		ro.cwd = work;
		ro.env = env;
		ro.timeout = 600;
		ro.on_line = on_quilt_line;
		ro.line_arg = &a;
		if (run_argv(argv, &ro, &res) < 0)
			goto out;
	}
	for (i = 0; i < a.n; i++) {
		if (a.p[i].state == P_APPLIED || a.p[i].state == P_OFFSET)
			nok++;
		else if (a.p[i].state == P_FAILED)
			nfail++;
	}
	if (res.exit_code != 0 && !nfail) {
		/* quilt failed without a patch we could blame. */
		for (i = 0; i < a.n; i++) {
			if (a.p[i].state != P_APPLIED &&
			    a.p[i].state != P_OFFSET) {
				a.p[i].state = P_FAILED;
				sb_addf(&a.p[i].msg, "quilt push: %s",
					run_describe(&res, why, sizeof(why)));
				nfail++;
				if (nok)
					nok--;
				break;
			}
		}
		if (!nfail && a.n) {
			a.p[a.n - 1].state = P_FAILED;
			sb_addf(&a.p[a.n - 1].msg, "quilt push: %s",
				run_describe(&res, why, sizeof(why)));
			nfail++;
			nok--;
		}
	}
	if (!nfail && !tree_inspect(work, &t->up, &after, msg, sizeof(msg)))
		state_after = fix_state_name(after.state);
	orig = path_join(ti.path, t->up.file);
	sha_after = sha256_file_hex(orig);
	free(orig);
	print_result(&a, b->name, &ti, op->keep ? "kept" : mode, state_after,
		     sha_after && ti.file_sha256 &&
		     !strcmp(sha_after, ti.file_sha256), op->json, nok, nfail);
	ret = nfail ? EXIT_FINDING : EXIT_PASS;
	if (op->keep)
		info_msg("patched copy kept in %s (quilt .pc/ inside)", work);
out:
	if (scratch && remove_tree(scratch))
		warn_msg("%s: cannot remove: %m", scratch);
	for (i = 0; i < a.n; i++) {
		free(a.p[i].name);
		sb_release(&a.p[i].msg);
	}
	free(a.p);
	sb_release(&a.log);
	sv_clear(&files);
	series_free(&s);
	tree_info_free(&ti);
	tree_info_free(&after);
	free(sabs);
	free(pdir);
	free(envp);
	free(envs);
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
			 "the kernel tree (its Makefile and the fixed file)"),
		OPT_BOOL("check", &op.check,
			 "copy only the files the series touches (fast)"),
		OPT_STRING("keep", "DIR2", &op.keep,
			   "copy the whole tree to DIR2 (must not exist) and keep\n"
			   "it patched, with quilt's .pc/ (not with --check)"),
		OPT_JSON(&op.json),
		OPT_TRAILER("Exit status: 0 every patch applied, 1 a patch failed, 2 usage error,\n"
			    "not a kernel tree, bad series or quilt missing."),
		OPT_END(),
	};
	const struct branch *b;
	struct table t;
	int ret;

	argc = parse_options(argc, argv, options, apply_usage, 0);
	if (argc)
		usage_msg_opt(apply_usage, options,
			      "unexpected argument \"%s\"", argv[0]);
	if (!op.branch || !op.tree)
		usage_msg_opt(apply_usage, options,
			      "--branch and --tree are required");
	if (op.check && op.keep)
		usage_msg_opt(apply_usage, options,
			      "--keep keeps a full copy; it does not go with --check");
	b = table_load_branch(&t, op.branch, true);
	if (!b)
		return EXIT_ERROR;
	ret = apply_series(&t, b, &op);
	table_free(&t);
	return ret;
}
