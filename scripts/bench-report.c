// SPDX-License-Identifier: GPL-2.0
/*
 * backport bench's figures beside their goals: bench.txt for people,
 * bench.json for machines (see bench.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "cache.h"
#include "json.h"
#include "stats.h"
#include "util.h"
#include "work.h"

static const char *const partial[] = { "bench.partial.json",
				       "bench.partial.txt" };

/* ---- figures and goals ----------------------------------------------- */

struct figures {
	struct stats start, detect, runtime, work, after_work;
	size_t boots, detected_in_window, base_runs, false_fail, port_runs;
	size_t inconclusive, pass_short;
	double rate;
	double warm_patched, reverify;
	double reverify_median;	/* the same with the median boot of each */
	bool have_reverify;
};

static void figures_of(const struct bbranch *bb,
		       const struct bench_goals *gl, struct figures *f)
{
	const struct bvariant *pv = bb->ab ? &bb->port : &bb->base;
	double all[2 * 100];
	int i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < bb->base.pv.nruns; i++)
		all[f->boots++] = bb->base.to_start[i];
	if (bb->ab)
		for (i = 0; i < bb->port.pv.nruns; i++)
			all[f->boots++] = bb->port.to_start[i];
	stats_summary(all, f->boots, &f->start);
	if (bb->ab) {
		f->base_runs = (size_t)bb->base.pv.nruns;
		stats_summary(bb->base.detect, f->base_runs, &f->detect);
		stats_summary(bb->base.work, f->base_runs, &f->work);
		stats_summary(bb->base.after_work, f->base_runs,
			      &f->after_work);
		f->detected_in_window = stats_count_le(bb->base.detect,
						       f->base_runs,
						       gl->detect_window);
		f->rate = stats_rate(f->detected_in_window, f->base_runs);
	}
	f->port_runs = (size_t)pv->pv.nruns;
	/* INCONCLUSIVE (short of pass_work at the limit) is no failure */
	f->false_fail = (size_t)(pv->pv.nruns - pv->pass - pv->inconclusive);
	f->inconclusive = (size_t)pv->inconclusive;
	f->pass_short = (size_t)pv->pass_short;
	stats_summary(pv->runtime, f->port_runs, &f->runtime);
	f->warm_patched = pv->pv.br.seconds;
	if (bb->base.pv.built && bb->base.pv.nruns &&
	    (!bb->ab || (bb->port.pv.built && bb->port.pv.nruns))) {
		f->have_reverify = true;
		struct stats w;

		f->reverify = bb->base.pv.br.seconds + bb->base.first_boot;
		stats_summary(bb->base.pv.wall, (size_t)bb->base.pv.nruns, &w);
		f->reverify_median = bb->base.pv.br.seconds + w.median;
		if (bb->ab) {
			f->reverify += bb->port.pv.br.seconds +
				bb->port.first_boot;
			stats_summary(bb->port.pv.wall, (size_t)bb->port.pv.nruns,
				      &w);
			f->reverify_median += bb->port.pv.br.seconds + w.median;
		}
	}
}

static const char *goal(struct goals *g, const char *branch,
			const char *name, const char *limit, bool known,
			bool ok, double value)
{
	json_array_append_new(g->j, json_pack("{s:s, s:s, s:s, s:o, s:o}",
					      "branch", branch, "goal", name,
					      "limit", limit,
					      "value", known ? json_real(value) :
					      json_null(),
					      "met", known ? json_boolean(ok) :
					      json_null()));
	if (!known) {
		g->unknown++;
		return "not measured";
	}
	if (ok)
		g->met++;
	else
		g->missed++;
	return ok ? "met" : "NOT MET";
}

static void row(struct strbuf *sb, const char *branch, const char *what,
		const char *value, const char *lim, const char *verdict)
{
	sb_addf(sb, "%-7s %-36s %-30s %-20s %s\n", branch, what, value,
		lim ? lim : "", verdict ? verdict : "");
}

static json_t *stats_json(const struct stats *s)
{
	if (!s->n)
		return json_null();
	return json_pack("{s:i, s:f, s:f, s:f}", "n", (int)s->n,
			 "min", s->min, "median", s->median, "max", s->max);
}

static json_t *array_json(const double *v, int n)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, !isnan(v[i]) ? json_real(v[i]) :
				      json_null());
	return a;
}

static json_t *variant_json(const struct bvariant *v)
{
	if (!v->pv.built)
		return json_null();
	return json_pack("{s:s, s:f, s:f, s:s*, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "variant", v->pv.name,
			 "build_seconds", v->pv.br.seconds,
			 "make_seconds", v->pv.br.make_seconds,
			 "config_sha256", v->pv.br.config_sha256,
			 "runs", v->pv.nruns, "fail", v->fail, "pass", v->pass,
			 "other", v->other, "errors", v->errors,
			 "inconclusive", v->inconclusive,
			 "pass_short_of_work", v->pass_short,
			 "to_start_seconds", array_json(v->to_start, v->pv.nruns),
			 "detect_seconds", array_json(v->detect, v->pv.nruns),
			 "pass_qemu_seconds", array_json(v->runtime, v->pv.nruns),
			 "work_before_hang", array_json(v->work, v->pv.nruns),
			 "detect_after_work_seconds",
			 array_json(v->after_work, v->pv.nruns),
			 "boot_call_seconds", array_json(v->pv.wall, v->pv.nruns));
}

/* The build rows of @bb: cold, defconfig, warm. */
static void rows_builds(const struct bbranch *bb,
			const struct bench_goals *gl, struct strbuf *sb,
			struct goals *g)
{
	const char *n = bb->b->name;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char val[96], lim[64];
	const char *v;

	if (bb->cold_ok)
		snprintf(val, sizeof(val), "%.1f s (make %.1f s)%s",
			 bb->cold.seconds, bb->cold.make_seconds,
			 ncpu == 2 ? "" : " [not 2 cores]");
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "<= %g s, 2 cores", gl->cold_build);
	v = goal(g, n, "cold build", lim, bb->cold_ok,
		 bb->cold.seconds <= gl->cold_build, bb->cold.seconds);
	row(sb, n, "cold build (empty ccache)", val, lim, v);
	if (bb->defconfig_s >= 0 && bb->cold_ok) {
		snprintf(val, sizeof(val), "%.1f s (make %.1f s)",
			 bb->defconfig_s, bb->defconfig_make_s);
		row(sb, n, "defconfig build (no ccache)", val, NULL, NULL);
		snprintf(val, sizeof(val), "%.2f (make/make)",
			 bb->cold.make_seconds / bb->defconfig_make_s);
		row(sb, n, "fragment/defconfig build time", val, NULL,
		    NULL);
	} else if (bb->defconfig_error) {
		row(sb, n, "defconfig build (no ccache)", "failed", NULL,
		    NULL);
	}
	if (bb->base.pv.built) {
		snprintf(val, sizeof(val), "%.1f s (make %.1f s)",
			 bb->base.pv.br.seconds, bb->base.pv.br.make_seconds);
		row(sb, n, bb->ab ? "warm build, base" : "warm build, as is",
		    val, NULL, NULL);
	}
	if (bb->ab && bb->port.pv.built) {
		snprintf(val, sizeof(val), "%.1f s (make %.1f s)",
			 bb->port.pv.br.seconds, bb->port.pv.br.make_seconds);
		row(sb, n, "warm rebuild, port applied", val, NULL, NULL);
	}
}

/* The names of a pair of timing rows (median and longest) and their goals. */
struct timing_rows {
	const char *summary, *longest;		/* the rows */
	const char *median_goal, *longest_goal;	/* the goals */
	const char *none;			/* the value with no figure */
};

static const struct timing_rows detect_rows = {
	"base: time to detect min/med/max", "base: longest time to detect",
	"median time to detect", "longest time to detect",
	"- (none detected)",
};

static const struct timing_rows after_work_rows = {
	"base: detect after last work line",
	"base: longest after last work line",
	"median detect after last work line",
	"longest detect after last work line",
	"-",
};

/*
 * Two rows of @s against the detection goals: min/median/max beside the
 * median goal, the longest beside the longest goal.  @known: whether
 * the figure was measured at all.
 */
static void rows_timing(struct strbuf *sb, struct goals *g, const char *n,
			const struct bench_goals *gl, const struct stats *s,
			bool known, const struct timing_rows *t)
{
	char val[96], lim[64];
	const char *v;

	if (s->n)
		snprintf(val, sizeof(val), "%.1f/%.1f/%.1f s",
			 s->min, s->median, s->max);
	else
		snprintf(val, sizeof(val), "%s", t->none);
	snprintf(lim, sizeof(lim), "median <= %g s", gl->detect_median);
	v = goal(g, n, t->median_goal, lim, known,
		 s->n && s->median <= gl->detect_median, s->median);
	row(sb, n, t->summary, val, lim, v);
	if (s->n)
		snprintf(val, sizeof(val), "%.1f s", s->max);
	snprintf(lim, sizeof(lim), "max <= %g s", gl->detect_max);
	v = goal(g, n, t->longest_goal, lim, known,
		 s->n && s->max <= gl->detect_max, s->max);
	row(sb, n, t->longest, val, lim, v);
}

/* The boot rows of @bb: to test start, warm re-verify, detection. */
static void rows_boots(const struct bbranch *bb, const struct figures *f,
		       const struct bench_goals *gl, struct strbuf *sb,
		       struct goals *g)
{
	const char *n = bb->b->name;
	char val[96], lim[64];
	const char *v;

	if (f->start.n)
		snprintf(val, sizeof(val), "%.1f/%.1f/%.1f s (%zu boots)",
			 f->start.min, f->start.median, f->start.max,
			 f->start.n);
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "median <= %g s", gl->to_start);
	v = goal(g, n, "boot to test start", lim, f->start.n > 0,
		 f->start.median <= gl->to_start, f->start.median);
	row(sb, n, "boot to test start min/med/max", val, lim, v);
	if (f->have_reverify)
		snprintf(val, sizeof(val), "%.1f s (median boots: %.1f s)",
			 f->reverify, f->reverify_median);
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "<= %g s", gl->warm_reverify);
	v = goal(g, n, "warm re-verify total", lim, f->have_reverify,
		 f->reverify <= gl->warm_reverify, f->reverify);
	row(sb, n, "warm re-verify (builds+1 boot each)", val, lim, v);
	if (!bb->ab)
		return;
	rows_timing(sb, g, n, gl, &f->detect, bb->base.pv.nruns > 0,
		    &detect_rows);
	/*
	 * The same from the test's last work line before the hang: what the
	 * detectors take once the livelock began, without the work a base
	 * still did before it (5.4.y's bases split hundreds of times).
	 */
	rows_timing(sb, g, n, gl, &f->after_work, f->after_work.n > 0,
		    &after_work_rows);
	/* issue 12 section 1: pass_work >= 10 x the most a base did */
	if (f->work.n)
		snprintf(val, sizeof(val), "%.0f/%.0f/%.0f %s",
			 f->work.min, f->work.median, f->work.max,
			 work_field_name(bb->base.pv.runs[0].con.work_unit));
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "10 x max <= %lld", bb->b->pass_work);
	v = goal(g, n, "pass_work above 10 x work before the hang", lim,
		 f->work.n > 0,
		 (double)bb->b->pass_work >= 10 * f->work.max, f->work.max);
	row(sb, n, "base: work before hang min/med/max", val, lim, v);
	snprintf(val, sizeof(val), "%.0f %% (%zu/%zu)", 100 * f->rate,
		 f->detected_in_window, f->base_runs);
	snprintf(lim, sizeof(lim), ">= %g %%", 100 * gl->detect_rate);
	v = goal(g, n, "detection rate in the window", lim,
		 bb->base.pv.nruns > 0, f->rate >= gl->detect_rate, f->rate);
	{
		char what[64];

		snprintf(what, sizeof(what), "base: detected within %g s",
			 gl->detect_window);
		row(sb, n, what, val, lim, v);
	}
}

/* The PASS rows of the port (or the tree as is). */
static void rows_pass(const struct bbranch *bb, const struct figures *f,
		      const struct bench_goals *gl, struct strbuf *sb,
		      struct goals *g)
{
	const char *n = bb->b->name, *who = bb->ab ? "port" : "as is";
	char val[96], lim[32], what[64];
	const char *v;

	if (f->runtime.n)
		snprintf(val, sizeof(val), "%.1f s (%zu passes)",
			 f->runtime.median, f->runtime.n);
	else
		snprintf(val, sizeof(val), "- (no pass)");
	snprintf(what, sizeof(what), "%s: PASS runtime (median)", who);
	row(sb, n, what, val, NULL, NULL);
	snprintf(val, sizeof(val), "%zu/%zu (%zu INCONCLUSIVE)",
		 f->false_fail, f->port_runs, f->inconclusive);
	snprintf(lim, sizeof(lim), "<= %d", gl->false_failures);
	v = goal(g, n, "false failures", lim, f->port_runs > 0,
		 f->false_fail <= (size_t)gl->false_failures,
		 (double)f->false_fail);
	snprintf(what, sizeof(what), "%s: false failures", who);
	row(sb, n, what, val, lim, v);
	snprintf(val, sizeof(val), "%zu/%zu", f->pass_short, f->port_runs);
	snprintf(lim, sizeof(lim), "<= %d", gl->pass_below_work);
	v = goal(g, n, "PASS short of pass_work", lim, f->port_runs > 0,
		 f->pass_short <= (size_t)gl->pass_below_work,
		 (double)f->pass_short);
	snprintf(what, sizeof(what), "%s: PASS short of pass_work", who);
	row(sb, n, what, val, lim, v);
}

/* The name of the tree's directory: bench.json names no path. */
static const char *tree_dir(const char *tree)
{
	const char *slash = tree ? strrchr(tree, '/') : NULL;

	return slash ? slash + 1 : tree ? tree : "";
}

static json_t *branch_json(const struct bbranch *bb, const struct figures *f,
			   const char *error)
{
	const char *n = bb->b->name;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	json_t *j;

	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f}",
		      "branch", n, "decision", decision_name(bb->b->decision),
		      "tree", tree_dir(bb->tree),
		      "tree_source", bb->tree_source ? bb->tree_source : "",
		      "tree_version", bb->ti.version ? bb->ti.version : "",
		      "fix_state", fix_state_name(bb->ti.state),
		      "wall_seconds", bb->wall);
	json_object_set_new(j, "cold_build", !bb->cold_ok ? json_null() :
			    json_pack("{s:f, s:f, s:s*, s:i}",
				      "seconds", bb->cold.seconds,
				      "make_seconds", bb->cold.make_seconds,
				      "config_sha256", bb->cold.config_sha256,
				      "cores", (int)ncpu));
	json_object_set_new(j, "defconfig_build", bb->defconfig_s < 0 ?
			    json_null() :
			    json_pack("{s:f, s:f, s:f}",
				      "seconds", bb->defconfig_s,
				      "make_seconds", bb->defconfig_make_s,
				      "fragment_ratio_make",
				      bb->cold.make_seconds /
				      bb->defconfig_make_s));
	json_object_set_new(j, "base", variant_json(&bb->base));
	json_object_set_new(j, "port", bb->ab ? variant_json(&bb->port) :
			    json_null());
	json_object_set_new(j, "boot_to_test_start", stats_json(&f->start));
	json_object_set_new(j, "time_to_detect", stats_json(&f->detect));
	json_object_set_new(j, "work_before_hang", stats_json(&f->work));
	json_object_set_new(j, "detect_after_work",
			    stats_json(&f->after_work));
	json_object_set_new(j, "detection_rate_60s", bb->ab && f->base_runs ?
			    json_real(f->rate) : json_null());
	json_object_set_new(j, "pass_runtime", stats_json(&f->runtime));
	json_object_set_new(j, "false_failures", f->port_runs ?
			    json_integer((json_int_t)f->false_fail) :
			    json_null());
	json_object_set_new(j, "warm_reverify_seconds", f->have_reverify ?
			    json_real(f->reverify) : json_null());
	json_object_set_new(j, "warm_reverify_median_boots_seconds",
			    f->have_reverify ? json_real(f->reverify_median) :
			    json_null());
	json_object_set_new(j, "error", json_str_or_null(error));
	return j;
}

/* bb->error with the tree and the cache named, not their paths. */
static char *error_text(const struct bbranch *bb)
{
	char *cache, *t, *ret;

	if (!bb->error)
		return NULL;
	cache = cache_dir();
	t = bb->tree ? str_replace_all(bb->error, bb->tree, "<tree>") :
		xstrdup(bb->error);
	ret = str_replace_all(t, cache, "<cache>");
	free(t);
	free(cache);
	return ret;
}

static void report_branch(const struct bbranch *bb,
			  const struct bench_goals *gl, struct strbuf *sb,
			  struct goals *g, json_t *branches)
{
	char *error = error_text(bb);
	struct figures f;

	figures_of(bb, gl, &f);
	rows_builds(bb, gl, sb, g);
	rows_boots(bb, &f, gl, sb, g);
	rows_pass(bb, &f, gl, sb, g);
	if (error)
		sb_addf(sb, "%-7s error: %s\n", bb->b->name, error);
	json_array_append_new(branches, branch_json(bb, &f, error));
	free(error);
}

/* One pass of the whole matrix beside its goal @limit. */
static void matrix_row(const char *what, const char *goal_name, bool have,
		       const struct verify_all_summary *s, double limit,
		       struct strbuf *sb, struct goals *g)
{
	char val[96], lim[64];
	const char *v;

	if (have)
		snprintf(val, sizeof(val), "%.1f s (%zu/%zu as expected)",
			 s->seconds, s->as_expected, s->verified);
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "<= %g s", limit);
	v = goal(g, "matrix", goal_name, lim, have, s->seconds <= limit,
		 s->seconds);
	row(sb, "matrix", what, val, lim, v);
}

static void report_matrix(const struct bmatrix *m,
			  const struct bench_goals *gl, struct strbuf *sb,
			  struct goals *g)
{
	char what[64];

	snprintf(what, sizeof(what), "verify --all --runs %d, cold", m->runs);
	matrix_row(what, "whole matrix, cold", m->have_cold, &m->cold,
		   gl->matrix_cold, sb, g);
	snprintf(what, sizeof(what), "verify --all --runs %d, warm", m->runs);
	matrix_row(what, "whole matrix, warm", m->have_warm, &m->warm,
		   gl->matrix_warm, sb, g);
	if (m->error)
		sb_addf(sb, "%-7s error: %s\n", "matrix", m->error);
}

static json_t *pass_json(bool have, const struct verify_all_summary *s)
{
	if (!have)
		return json_null();
	return json_pack("{s:f, s:i, s:i, s:i, s:i, s:o}", "seconds",
			 s->seconds, "rows", (int)s->rows,
			 "verified", (int)s->verified,
			 "as_expected", (int)s->as_expected,
			 "exit_status", s->status,
			 "row_results", s->row_docs ?
			 json_incref(s->row_docs) : json_null());
}

/* The matrices the passes printed, after the goals of bench.txt. */
static void matrix_texts(const struct bmatrix *m, struct strbuf *sb)
{
	if (m->have_cold && m->cold.matrix)
		sb_addf(sb, "\nmatrix, cold pass (empty cache and ccache):\n%s",
			m->cold.matrix);
	if (m->have_warm && m->warm.matrix)
		sb_addf(sb, "\nmatrix, warm pass (the caches the cold pass left):\n%s",
			m->warm.matrix);
}

static json_t *matrix_json(const struct bmatrix *m)
{
	return json_pack("{s:i, s:o, s:o, s:o}", "runs", m->runs,
			 "cold", pass_json(m->have_cold, &m->cold),
			 "warm", pass_json(m->have_warm, &m->warm),
			 "error", json_str_or_null(m->error));
}

int bench_publish(const struct bench_doc *d, bool error, bool part,
		  struct goals *gout)
{
	const struct bopts *o = d->o;
	const struct bmatrix *m = d->m;
	const char *resdir = d->resdir;
	double start = d->start;
	struct goals g = { 0 };
	struct strbuf sb = STRBUF_INIT;
	json_t *doc, *branches;
	char when[32], *p;
	time_t now = time(NULL);
	int ret = 0;
	size_t i;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	sb_addf(&sb, "backport bench %s: %ld cores, %d base and %d port runs, %d busy host processes, boot timeout %.0f s",
		when, sysconf(_SC_NPROCESSORS_ONLN), o->runs, o->port_runs,
		o->load, o->timeout);
	if (o->matrix)
		sb_addf(&sb, ", whole matrix with %d boots per variant",
			o->goals.matrix_runs);
	sb_addf(&sb, "%s\n", part ? " (in progress)" : "");
	row(&sb, "branch", "figure", "value", "goal", "");
	g.j = json_array();
	branches = json_array();
	for (i = 0; i < d->n; i++)
		report_branch(&d->bb[i], &o->goals, &sb, &g, branches);
	if (m && m->measured)
		report_matrix(m, &o->goals, &sb, &g);
	sb_addf(&sb, "goals: %d met, %d not met, %d not measured; total %.0f s\n",
		g.met, g.missed, g.unknown, now_seconds() - start);
	if (m && m->measured)
		matrix_texts(m, &sb);
	if (!part) {
		fputs(sb.buf, stdout);
		fflush(stdout);
	}

	doc = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:f, s:b, s:b}",
			"finished", when, "upstream", d->t->up.commit,
			"cores", (int)sysconf(_SC_NPROCESSORS_ONLN),
			"runs_per_variant", o->runs, "port_runs", o->port_runs,
			"load", o->load, "boot_timeout", o->timeout,
			"defconfig", o->defconfig || o->defconfig_for.n,
			"complete", !part);
	json_object_set_new(doc, "goal_limits", bench_goals_json(&o->goals));
	json_object_set_new(doc, "branches", branches);
	if (m && m->measured)
		json_object_set_new(doc, "matrix", matrix_json(m));
	json_object_set_new(doc, "goals", g.j);
	json_object_set_new(doc, "summary",
			    json_pack("{s:i, s:i, s:i, s:b, s:f}",
				      "met", g.met, "missed", g.missed,
				      "not_measured", g.unknown,
				      "error", error,
				      "total_seconds", now_seconds() - start));
	if (error && !part) {
		err_msg("bench: no results written (fix the error above)");
	} else {
		p = path_join(resdir, part ? partial[0] : "bench.json");
		if (json_write_file(p, doc))
			ret = -1;
		free(p);
		p = path_join(resdir, part ? partial[1] : "bench.txt");
		if (write_file_atomic(p, sb.buf, sb.len)) {
			err_msg("%s: %s", p, strerror(errno));
			ret = -1;
		}
		free(p);
	}
	json_decref(doc);
	sb_release(&sb);
	if (gout)
		*gout = g;
	return ret;
}

void bench_remove_partial(const char *resdir)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(partial); i++) {
		char *p = path_join(resdir, partial[i]);

		unlink(p);
		free(p);
	}
}
