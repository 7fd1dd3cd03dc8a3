// SPDX-License-Identifier: GPL-2.0
/*
 * backport verify --all (see verify-all.h).  A row's tree is available
 * when the runner's variable names one, when its Debian source package is
 * installed or already unpacked, or when BACKPORT_MIRROR is set and the
 * row names a kernel.org release; other rows are listed as not run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cache.h"
#include "json.h"
#include "results.h"
#include "run.h"
#include "util.h"
#include "verify-all.h"
#include "work.h"

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
	w->status = run_self_env((const char *const *)av.v, o->env, &res);
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

/* The least and most work (@unit) of @v's runs; false when none had any. */
static bool work_range(const struct results_variant *v, int unit,
		       long long *lo, long long *hi)
{
	bool any = false;
	size_t i;

	for (i = 0; i < v->nruns; i++) {
		long long x;

		if (!v->runs[i].has_work)
			continue;
		x = v->runs[i].work.v[unit];
		if (!any || x < *lo)
			*lo = x;
		if (!any || x > *hi)
			*hi = x;
		any = true;
	}
	return any;
}

void verify_all_work_cell(char *buf, size_t len, const struct results *r,
			  int unit)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < r->nvariants && o < len; i++) {
		long long lo, hi;
		const char *sep = i ? " / " : "";

		if (!work_range(&r->variant[i], unit, &lo, &hi))
			o += snprintf(buf + o, len - o, "%s-", sep);
		else if (lo == hi)
			o += snprintf(buf + o, len - o, "%s%lld", sep, lo);
		else
			o += snprintf(buf + o, len - o, "%s%lld-%lld", sep,
				      lo, hi);
	}
	if (!r->nvariants)
		snprintf(buf, len, "-");
}

/* The least width of each column (and the seconds column's index). */
#define COL_SECONDS	7
static const int col_min[VA_NCOLS] = { 16, 15, 10, 18, 10, 10, 17, 7, 0 };

/* The cells of row @w, one string per column, pushed to @cells. */
static void matrix_cells(struct strvec *cells, const struct table *t,
			 const struct row *w)
{
	const struct results *r = &w->r;
	char a[32], b[32], wk[64];

	sv_pushl(cells, w->b->name, branch_decision(w->b), NULL);
	if (!w->how) {
		sv_pushl(cells, "-", "-", "-", "-", "-", "-",
			 "not run: no tree (runner variable, Debian package or BACKPORT_MIRROR)",
			 NULL);
		return;
	}
	if (!w->have_results) {
		sv_pushl(cells, "-", "-", "-", "-", "-", NULL);
		sv_pushf(cells, "%.0f", w->seconds);
		sv_push(cells, "error (see above)");
		return;
	}
	variant_cell(a, sizeof(a), r, 0);
	variant_cell(b, sizeof(b), r, 1);
	verify_all_work_cell(wk, sizeof(wk), r, t->boot.work_unit);
	sv_pushl(cells, r->tree.version, r->verdict, a, b, wk, NULL);
	sv_pushf(cells, "%.0f", w->seconds);
	sv_push(cells, r->as_expected ? "as expected" : "NOT as expected");
}

void verify_all_format_matrix(struct strbuf *out, char *const *cells,
			      size_t lines)
{
	int width[VA_NCOLS];
	size_t i;
	int c;

	for (c = 0; c < VA_NCOLS; c++) {
		width[c] = col_min[c];
		for (i = 0; i < lines; i++) {
			int l = (int)strlen(cells[i * VA_NCOLS + c]);

			if (l > width[c])
				width[c] = l;
		}
	}
	for (i = 0; i < lines; i++) {
		char *const *l = cells + i * VA_NCOLS;

		for (c = 0; c < VA_NCOLS - 1; c++)
			sb_addf(out, c == COL_SECONDS ? "%*s " : "%-*s ",
				width[c], l[c]);
		sb_addf(out, "%s\n", l[VA_NCOLS - 1]);
	}
}

/* The summary matrix of @n @rows (verify_all_format_matrix()). */
static char *format_matrix(const struct table *t, const struct row *rows,
			   size_t n)
{
	struct strvec cells = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sv_pushl(&cells, "branch", "decision", "tree", "verdict", "base/run",
		 "port", NULL);
	sv_pushf(&cells, "work (%s)", t->boot.work_unit_name);
	sv_pushl(&cells, "seconds", "status", NULL);
	for (i = 0; i < n; i++)
		matrix_cells(&cells, t, &rows[i]);
	verify_all_format_matrix(&sb, cells.v, n + 1);
	sv_clear(&cells);
	return sb_detach(&sb);
}

json_t *verify_all_variant_json(const struct results_variant *v,
				const struct table *t)
{
	long long lo = 0, hi = 0;
	bool any = work_range(v, t->boot.work_unit, &lo, &hi);

	return json_pack("{s:s, s:s?, s:i, s:i, s:s, s:o, s:o}",
			 "name", v->name, "verdict", v->verdict,
			 "as_expected", v->as_expected,
			 "runs", v->runs_total,
			 "work_unit", t->boot.work_unit_name,
			 "work_min", any ? json_integer(lo) : json_null(),
			 "work_max", any ? json_integer(hi) : json_null());
}

static json_t *row_json(const struct row *w, const struct table *t)
{
	json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o}",
			      "branch", w->b->name,
			      "decision", branch_decision(w->b),
			      "tree_from", json_str_or_null(w->how),
			      "exit_status", w->status < 0 ? json_null() :
			      json_integer(w->status),
			      "seconds", w->status < 0 ? json_null() :
			      json_real(w->seconds));
	json_t *vs = json_array();
	size_t i;

	if (w->have_results) {
		json_object_set_new(j, "tree_version",
				    json_str_or_null(w->r.tree.version));
		json_object_set_new(j, "verdict",
				    json_str_or_null(w->r.verdict));
		json_object_set_new(j, "expected",
				    json_str_or_null(w->r.expected));
		json_object_set_new(j, "as_expected",
				    json_boolean(w->r.as_expected));
		for (i = 0; i < w->r.nvariants; i++)
			json_array_append_new(vs,
				verify_all_variant_json(&w->r.variant[i], t));
	} else {
		json_object_set_new(j, "tree_version", json_null());
		json_object_set_new(j, "verdict", json_null());
		json_object_set_new(j, "expected", json_null());
		json_object_set_new(j, "as_expected", json_null());
	}
	json_object_set_new(j, "variants", vs);
	return j;
}

/*
 * <resdir>/verify-all.json (see verify-all.h) of @arr, the rows'
 * documents; -1 when not written.
 */
static int write_summary(json_t *arr, const struct verify_all_opts *o,
			 const char *resdir,
			 const struct verify_all_summary *sum)
{
	json_t *doc;
	char *p;
	int ret;

	doc = json_pack("{s:o, s:f, s:i, s:i, s:i, s:O}",
			"runs", o->runs ? json_integer(o->runs) : json_null(),
			"seconds", sum->seconds, "rows_total", (int)sum->rows,
			"verified", (int)sum->verified,
			"exit_status", sum->status, "rows", arr);
	if (mkdir_p(resdir, 0755)) {
		err_msg("cannot create %s: %s", resdir, strerror(errno));
		json_decref(doc);
		return -1;
	}
	p = path_join(resdir, "verify-all.json");
	ret = json_write_file(p, doc);
	free(p);
	json_decref(doc);
	return ret;
}

int verify_all(const struct table *t, const struct verify_all_opts *o,
	       struct verify_all_summary *sum)
{
	double start = now_seconds();
	struct verify_all_summary s = { .rows = t->n };
	struct row *rows = xcalloc(t->n, sizeof(*rows));
	char *cache = o->cache ? xstrdup(o->cache) : cache_dir();
	char *resdir = o->results ? xstrdup(o->results) :
		       cache_results_dir(cache);
	size_t i, ran = 0;
	int worst = EXIT_PASS, ret;

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
	s.verified = ran;
	s.status = ran ? worst : EXIT_ERROR;
	s.seconds = now_seconds() - start;
	for (i = 0; i < t->n; i++)
		s.as_expected += rows[i].have_results && rows[i].r.as_expected;
	s.matrix = format_matrix(t, rows, t->n);
	printf("\n%s", s.matrix);
	printf("\n%zu of %zu rows verified in %.0f s; results in %s\n", ran,
	       t->n, s.seconds, resdir);
	s.row_docs = json_array();
	for (i = 0; i < t->n; i++)
		json_array_append_new(s.row_docs, row_json(&rows[i], t));
	if (write_summary(s.row_docs, o, resdir, &s))
		s.status = EXIT_ERROR;
	ret = s.status;
	if (sum)
		*sum = s;
	else
		verify_all_summary_free(&s);
	for (i = 0; i < t->n; i++)
		if (rows[i].have_results)
			results_free(&rows[i].r);
	free(rows);
	free(resdir);
	free(cache);
	return ret;
}

void verify_all_summary_free(struct verify_all_summary *sum)
{
	free(sum->matrix);
	json_decref(sum->row_docs);
	memset(sum, 0, sizeof(*sum));
}
