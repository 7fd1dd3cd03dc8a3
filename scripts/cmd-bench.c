// SPDX-License-Identifier: GPL-2.0
/*
 * backport bench: the pipeline's figures, all measured in one run, next to
 * the goals they are held to.
 *
 * Per branch: a cold build (fresh cache directory and an empty ccache), the
 * base and the port built again in the normal cache (the warm re-verify
 * case), N boots of the base (time to detect, detection rate) and N boots of
 * the port (PASS runtime, false failures).  Rows decided "fixed-upstream"
 * have no vulnerable base: their tree as is must pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "builtin.h"
#include "cache.h"
#include "load.h"
#include "options-common.h"
#include "quilt.h"
#include "table.h"
#include "tree.h"
#include "treesrc.h"
#include "util.h"
#include "valid.h"

const char cmd_bench_summary[] =
	"measure build, boot, detection and pass figures against the goals";

static const char *const bench_usage[] = {
	"usage: backport bench [--branch B]... [--tree-for B=DIR]... [--runs N]",
	"                      [--port-runs M] [--load N]",
	"                      [--defconfig | --defconfig-for B]...",
	"                      [--results DIR] [--timeout S]",
	"                      [--accel A] [--matrix]",
	"",
	"For each branch, in one run:\n"
	"  cold build       base built with BACKPORT_CACHE and CCACHE_DIR pointing\n"
	"                   at fresh temporary directories (new copy, new O=)\n"
	"  warm builds      base, then the port applied, in the normal cache; each\n"
	"                   after an untimed warm-up build of the same variant, so\n"
	"                   that it is warm whatever the cache held\n"
	"  base boots       N boots of the vulnerable base: time from test start to\n"
	"                   the bug's signature, detection rate in the window\n"
	"  port boots       M boots with the port: PASS runtime, false failures,\n"
	"                   INCONCLUSIVE runs, PASS runs short of pass_work\n"
	"  boot to start    QEMU start to BACKPORT-TEST-START, every boot\n"
	"  warm re-verify   what \"verify --runs 1\" costs with warm caches: both\n"
	"                   warm builds plus the first boot of each variant (the\n"
	"                   goal's figure); also shown with the median boots\n"
	"Rows decided fixed-upstream have no vulnerable base: the tree as is is\n"
	"built and booted and must pass.\n"
	"\n"
	"With --load N, N busy host processes, each in a session of its own (as\n"
	"from another terminal), run during every boot (not the builds).  With\n"
	"--matrix, the whole matrix too: \"verify --all --runs R\" (R:\n"
	"matrix_runs) with BACKPORT_CACHE and CCACHE_DIR pointing at fresh\n"
	"temporary directories (cold), then again on what it left (warm); the\n"
	"rows are those verify --all finds a tree for (their variables, Debian\n"
	"packages, BACKPORT_MIRROR).  The goals each figure is printed beside\n"
	"are data: configs/bench.json.",
	NULL,
};

/* What the command line asks of a bench. */
struct bench_cmd {
	struct bopts o;
	struct strvec want, tree_for;
	const char *resdir_opt;
};

static void bench_options(int argc, char **argv, struct bench_cmd *bc)
{
	struct bopts *o = &bc->o;
	const struct bp_option options[] = {
		OPT_BRANCH_LIST(&bc->want,
				"branch row (repeatable); default: every port row with\n"
				"a tree (--tree-for or $<tree_var>) and 6.1.y (its tree\n"
				"resolved as verify does: $<tree_var>, else Debian's\n"
				"linux-source-6.1)"),
		OPT_STRING_LIST("tree-for", "B=DIR", &bc->tree_for,
				"the tree of branch B (read only; repeatable)"),
		OPT_INT("runs", "N", &o->runs, 1, 100,
			"boots per variant (default 10)"),
		OPT_INT("port-runs", "M", &o->port_runs, 1, 100,
			"boots of the port, or of a fixed-upstream tree as is\n"
			"(default: --runs)"),
		OPT_INT("load", "N", &o->load, 0, LOAD_MAX,
			"busy host processes during the boots (default 0)"),
		OPT_BOOL("defconfig", &o->defconfig,
			 "also build \"make defconfig\" of the same tree without\n"
			 "ccache, for the fragment/defconfig build time ratio"),
		OPT_STRING_LIST("defconfig-for", "B", &o->defconfig_for,
				"the same for branch B only (repeatable; a defconfig\n"
				"build takes several times the fragment build)"),
		OPT_STRING("results", "DIR", &bc->resdir_opt,
			   "where bench.json and bench.txt go (default results/);\n"
			   "after each branch but the last, what is measured so\n"
			   "far goes to bench.partial.{json,txt} there"),
		OPT_BOOL("matrix", &o->matrix,
			 "also the whole matrix, cold then warm (after the\n"
			 "branches; without --branch, only the matrix; --runs and\n"
			 "--load do not apply to it)"),
		OPT_BOOT_TIMEOUT(&o->timeout),
		OPT_BOOT_ACCEL(&o->accel),
		OPT_TRAILER("Exit status: 0 every goal met, 1 a goal missed, 2 error (no tree, build\n"
			    "failure, a boot that could not run)."),
		OPT_END(),
	};

	parse_options(argc, argv, options, bench_usage, PARSE_OPT_NO_ARGS);
}

/* ---- selection ---------------------------------------------------------- */

static const char *tree_for(const struct strvec *tf, const char *name)
{
	size_t i, l = strlen(name);

	for (i = 0; i < tf->n; i++)
		if (!strncmp(tf->v[i], name, l) && tf->v[i][l] == '=')
			return tf->v[i] + l + 1;
	return NULL;
}

/* Every --tree-for is BRANCH=DIR of a known branch. */
static int check_tree_for(const struct table *t, const struct strvec *tf)
{
	size_t i;

	for (i = 0; i < tf->n; i++) {
		char *eq = strchr(tf->v[i], '=');
		char *name = eq ? xstrndup(tf->v[i], eq - tf->v[i]) : NULL;
		bool ok = name && eq[1] && table_branch(t, name, false);

		free(name);
		if (!ok) {
			err_msg("--tree-for %s: want BRANCH=DIR of a known branch",
				tf->v[i]);
			return -1;
		}
	}
	return 0;
}

/* Without --branch: every port row with a tree, and 6.1.y. */
static size_t default_rows(const struct table *t, const struct strvec *tf,
			   struct bbranch *bb)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++) {
		const struct branch *b = &t->b[i];

		if (b->optional)
			continue;
		if (b->decision == DECISION_PORT &&
		    (tree_for(tf, b->name) ||
		     (b->tree_var && getenv(b->tree_var))))
			bb[n++].b = b;
		else if (b->decision == DECISION_PORT)
			info_msg("bench: %s skipped: no tree (--tree-for %s=DIR or $%s)",
				 b->name, b->name,
				 b->tree_var ? b->tree_var : "?");
	}
	bb[n].b = table_find(t, "6.1.y");
	if (bb[n].b)
		n++;
	return n;
}

/* The tree of row @bb, inspected; -1 with the message printed. */
static int prepare_row(const struct table *t, const struct strvec *tf,
		       struct bbranch *bb)
{
	const struct branch *b = bb->b;
	const char *env = getenv(b->tree_var);
	char msg[512];

	bb->defconfig_s = -1;
	if (!tree_for(tf, b->name) && !(env && *env) && !b->debian_source) {
		err_msg("no kernel tree for %s: pass --tree-for %s=DIR or set %s",
			b->name, b->name, b->tree_var);
		return -1;
	}
	bb->tree = resolve_tree(t, b, tree_for(tf, b->name), NULL, true,
				&bb->tree_source);
	if (!bb->tree)
		return -1;
	if (tree_for(tf, b->name)) {
		/* bench's option for the tree is --tree-for, not --tree. */
		free(bb->tree_source);
		bb->tree_source = xstrdup("--tree-for");
	}
	if (tree_inspect(bb->tree, &t->up, &bb->ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return -1;
	}
	if (strcmp(bb->ti.branch, b->base))
		warn_msg("%s is %s, not a %s tree", bb->tree, bb->ti.version,
			 b->base);
	if (b->decision != DECISION_PORT &&
	    b->decision != DECISION_FIXED_UPSTREAM) {
		err_msg("bench %s: row is %s: nothing to measure (port and fixed-upstream rows only)",
			b->name, decision_name(b->decision));
		return -1;
	}
	if (b->decision == DECISION_PORT && bb->ti.state == FIX_PRESENT)
		warn_msg("%s (%s) already contains the fix: the base cannot fail",
			 bb->tree, bb->ti.version);
	return 0;
}

/* Every --defconfig-for names a branch this run measures. */
static int check_defconfig_for(const struct bopts *o,
			       const struct bbranch *bb, size_t n)
{
	size_t i, k;

	for (i = 0; i < o->defconfig_for.n; i++) {
		for (k = 0; k < n; k++)
			if (!strcmp(bb[k].b->name, o->defconfig_for.v[i]))
				break;
		if (k == n) {
			err_msg("--defconfig-for %s: not one of the branches measured in this run",
				o->defconfig_for.v[i]);
			return -1;
		}
	}
	return 0;
}

/*
 * The rows to measure, each with its tree inspected.  What the options
 * name (--tree-for, --branch, --defconfig-for, a port row's series) is
 * checked before any tree is resolved (unpacked, maybe).
 */
static int select_branches(const struct table *t, const struct bopts *o,
			   const struct strvec *want,
			   const struct strvec *tf, struct bbranch **out,
			   size_t *nout)
{
	struct bbranch *bb = xcalloc(t->n + want->n + 1, sizeof(*bb));
	size_t i, n = 0;

	if (check_tree_for(t, tf))
		goto fail;
	for (i = 0; i < want->n; i++) {
		const struct branch *b = table_branch(t, want->v[i], false);

		if (!b)
			goto fail;
		bb[n++].b = b;
	}
	if (!want->n && !o->matrix)
		n = default_rows(t, tf, bb);
	if (check_defconfig_for(o, bb, n))
		goto fail;
	for (i = 0; i < n; i++)
		if (quilt_series_precheck(t, bb[i].b))
			goto fail;
	for (i = 0; i < n; i++)
		if (prepare_row(t, tf, &bb[i]))
			goto fail;
	*out = bb;
	*nout = n;
	return 0;
fail:
	for (i = 0; i < n; i++)
		bbranch_free(&bb[i]);
	free(bb);
	return -1;
}

/*
 * Measure every branch, then the whole matrix when asked, then the
 * figures; the exit status of the bench.
 */
static int measure_all(struct bopts *o, const struct table *t,
			struct bbranch *bb, size_t n, const char *resdir,
			const char *cache)
{
	struct bmatrix m = { 0 };
	struct bench_doc d = { .o = o, .t = t, .bb = bb,
			       .start = now_seconds(), .resdir = resdir };
	struct goals g = { 0 };
	bool error = false;
	size_t i;

	for (i = 0; i < n; i++) {
		double t0 = now_seconds();

		if (bench_branch(o, &bb[i], cache))
			error = true;
		bb[i].wall = now_seconds() - t0;
		/* What is measured so far survives an interrupted bench. */
		d.n = i + 1;
		if (i + 1 < n || o->matrix)
			bench_publish(&d, error, true, NULL);
	}
	d.n = n;
	d.m = &m;
	if (o->matrix && bench_matrix(o, &m))
		error = true;
	if (bench_publish(&d, error, false, &g))
		error = true;
	else if (!error)
		bench_remove_partial(resdir);
	bmatrix_free(&m);
	if (error || g.unknown)
		return EXIT_ERROR;
	return g.missed ? EXIT_FINDING : EXIT_PASS;
}

int cmd_bench(int argc, char **argv)
{
	struct bench_cmd bc = {
		.o = { .runs = 10, .accel = "auto",
		       .defconfig_for = STRVEC_INIT },
		.want = STRVEC_INIT, .tree_for = STRVEC_INIT,
	};
	struct bopts *o = &bc.o;
	struct bbranch *bb = NULL;
	char *resdir = NULL, *cache = NULL;
	int ret = EXIT_ERROR;
	size_t i, n = 0;
	struct table t;

	bench_options(argc, argv, &bc);
	if ((bc.resdir_opt && output_dir_check("--results", bc.resdir_opt)) ||
	    table_load_default(&t))
		goto out_opts;
	o->t = &t;
	if (!o->port_runs)
		o->port_runs = o->runs;
	{
		char *gp = table_path(&t, "configs/bench.json");
		int r = bench_goals_load(gp, &o->goals);

		free(gp);
		if (r)
			goto out;
	}
	if (o->timeout <= 0)
		o->timeout = t.boot.timeout;
	if (select_branches(&t, o, &bc.want, &bc.tree_for, &bb, &n))
		goto out;
	if (!n && !o->matrix) {
		err_msg("bench: no branch to measure");
		goto out;
	}
	resdir = bc.resdir_opt ? xstrdup(bc.resdir_opt) :
		table_path(&t, "results");
	cache = cache_dir();
	if (mkdir_p(resdir, 0755)) {
		err_msg("cannot create %s", resdir);
		goto out;
	}
	ret = measure_all(o, &t, bb, n, resdir, cache);
out:
	for (i = 0; i < n; i++)
		bbranch_free(&bb[i]);
	free(bb);
	free(o->logdir);
	free(cache);
	free(resdir);
	table_free(&t);
out_opts:
	sv_clear(&o->defconfig_for);
	sv_clear(&bc.want);
	sv_clear(&bc.tree_for);
	return ret;
}
