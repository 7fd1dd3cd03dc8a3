// SPDX-License-Identifier: GPL-2.0
/*
 * backport verify --all (see verify-all.h).  A row's tree is available
 * when the runner's variable names one, when its Debian source package is
 * installed or already unpacked, or when BACKPORT_MIRROR is set and the
 * row names a kernel.org release; other rows are listed as not run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "results.h"
#include "run.h"
#include "util.h"
#include "verify-all.h"

struct row {
	const struct branch *b;
	const char *how;	/* where the tree comes from, NULL: none */
	int status;		/* verify's exit status, -1: not run */
	struct results r;
	bool have_results;
	double seconds;
};

static bool debian_available(const char *pkg, const char *cache)
{
	char *tarball = xasprintf("/usr/src/%s.tar.xz", pkg);
	char *src = cache_debian_src(cache, pkg);
	bool ok = path_exists(tarball) || is_dir(src);

	free(src);
	free(tarball);
	return ok;
}

static const char *tree_source(const struct branch *b, const char *cache,
			       bool *by_release)
{
	const char *v = getenv(b->tree_var), *mirror;

	*by_release = false;
	if (v && *v)
		return b->tree_var;
	if (b->debian_source && debian_available(b->debian_source, cache))
		return b->debian_source;
	mirror = getenv("BACKPORT_MIRROR");
	if (b->release && mirror && *mirror) {
		*by_release = true;
		return "BACKPORT_MIRROR";
	}
	return NULL;
}

static void run_row(struct row *w, const struct verify_all_opts *o,
		    const char *resdir, bool by_release)
{
	struct strvec av = STRVEC_INIT;
	struct run_result res = { 0 };
	char msg[1024], *path;

	sv_pushl(&av, "verify", "--branch", w->b->name,
		 "--results", resdir, NULL);
	if (by_release)
		sv_pushl(&av, "--version", w->b->release, NULL);
	if (o->runs)
		sv_pushf(&av, "--runs=%d", o->runs);
	if (o->timeout > 0)
		sv_pushf(&av, "--timeout=%g", o->timeout);
	if (o->accel)
		sv_pushf(&av, "--accel=%s", o->accel);
	if (o->install)
		sv_push(&av, "--install-toolchain");
	w->status = run_self((const char *const *)av.v, &res);
	w->seconds = res.elapsed;
	sv_clear(&av);
	path = xasprintf("%s/%s.json", resdir, w->b->name);
	w->have_results = w->status != EXIT_ERROR &&
			  !results_read(path, &w->r, msg, sizeof(msg));
	if (w->status != EXIT_ERROR && !w->have_results) {
		err_msg("%s", msg);
		w->status = EXIT_ERROR;
	}
	free(path);
}

static void variant_cell(char *buf, size_t len, const struct results *r,
			 size_t i)
{
	const struct results_variant *v = &r->variant[i];

	if (i >= r->nvariants)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s %d/%d", v->verdict, v->as_expected,
			 v->runs_total);
}

static void print_matrix(const struct row *rows, size_t n)
{
	char a[32], b[32];
	size_t i;

	printf("\n%-16s %-15s %-10s %-18s %-10s %-10s %7s %s\n", "branch",
	       "decision", "tree", "verdict", "base/run", "port",
	       "seconds", "status");
	for (i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		const struct results *r = &w->r;

		if (!w->how) {
			printf("%-16s %-15s %-10s %-18s %-10s %-10s %7s %s\n",
			       w->b->name, branch_decision(w->b), "-", "-",
			       "-", "-", "-",
			       "not run: no tree (runner variable, Debian package or BACKPORT_MIRROR)");
			continue;
		}
		if (!w->have_results) {
			printf("%-16s %-15s %-10s %-18s %-10s %-10s %7.0f %s\n",
			       w->b->name, branch_decision(w->b), "-", "-",
			       "-", "-", w->seconds, "error (see above)");
			continue;
		}
		variant_cell(a, sizeof(a), r, 0);
		variant_cell(b, sizeof(b), r, 1);
		printf("%-16s %-15s %-10s %-18s %-10s %-10s %7.0f %s\n",
		       w->b->name, branch_decision(w->b), r->tree.version,
		       r->verdict, a, b, w->seconds,
		       r->as_expected ? "as expected" : "NOT as expected");
	}
}

int verify_all(const struct table *t, const struct verify_all_opts *o)
{
	struct row *rows = xcalloc(t->n, sizeof(*rows));
	char *cache = cache_dir();
	char *resdir = o->results ? xstrdup(o->results) :
		       cache_results_dir(cache);
	size_t i, ran = 0;
	int worst = EXIT_PASS;

	for (i = 0; i < t->n; i++) {
		struct row *w = &rows[i];
		bool by_release;

		w->b = &t->b[i];
		w->status = -1;
		w->how = tree_source(w->b, cache, &by_release);
		if (!w->how) {
			info_msg("[%zu/%zu] %s: no tree, not run", i + 1, t->n,
				 w->b->name);
			continue;
		}
		info_msg("[%zu/%zu] %s: verify (tree from %s)", i + 1, t->n,
			 w->b->name, w->how);
		run_row(w, o, resdir, by_release);
		ran++;
		if (w->status > worst)
			worst = w->status;
	}
	print_matrix(rows, t->n);
	printf("\n%zu of %zu rows verified; results in %s\n", ran, t->n,
	       resdir);
	for (i = 0; i < t->n; i++)
		if (rows[i].have_results)
			results_free(&rows[i].r);
	free(rows);
	free(resdir);
	free(cache);
	return ran ? worst : EXIT_ERROR;
}
