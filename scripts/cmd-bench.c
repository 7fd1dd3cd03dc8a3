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
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "builtin.h"
#include "console.h"
#include "json.h"
#include "build.h"
#include "cache.h"
#include "pipeline.h"
#include "treesrc.h"
#include "run.h"
#include "stats.h"
#include "table.h"
#include "tree.h"
#include "util.h"
#include "verdict.h"

const char cmd_bench_summary[] =
	"measure build, boot, detection and pass figures against the goals";

static const char usage[] =
	"usage: backport bench [--branch B]... [--tree-for B=DIR]... [--runs N]\n"
	"                      [--defconfig | --defconfig-for B]...\n"
	"                      [--results DIR] [--timeout S]\n"
	"                      [--accel A]\n"
	"\n"
	"For each branch, in one run:\n"
	"  cold build       base built with BACKPORT_CACHE and CCACHE_DIR pointing\n"
	"                   at fresh temporary directories (new copy, new O=)\n"
	"  warm builds      base, then the port applied, in the normal cache\n"
	"  base boots       N boots of the vulnerable base: time from test start to\n"
	"                   the first hang signature, detection rate within 60 s\n"
	"  port boots       N boots with the port: PASS runtime, false failures\n"
	"  boot to start    QEMU start to BACKPORT-TEST-START, every boot\n"
	"  warm re-verify   what \"verify --runs 1\" costs with warm caches: both\n"
	"                   warm builds plus the first boot of each variant (the\n"
	"                   goal's figure); also shown with the median boots\n"
	"Rows decided fixed-upstream have no vulnerable base: the tree as is is\n"
	"built and booted and must pass.\n"
	"\n"
	"Goals: cold build <= 180 s (2 cores); warm re-verify <= 90 s;\n"
	"detection >= 95 % within 60 s with median <= 30 s; 0 false failures.\n"
	"\n"
	"  --branch B        branch row (repeatable); default: every port row with\n"
	"                    a tree (--tree-for or $<tree_var>) and 6.1.y (its tree\n"
	"                    resolved as verify does: $<tree_var>, else Debian's\n"
	"                    linux-source-6.1)\n"
	"  --tree-for B=DIR  the tree of branch B (read only; repeatable)\n"
	"  --runs N          boots per variant (default 10)\n"
	"  --defconfig       also build \"make defconfig\" of the same tree without\n"
	"                    ccache, for the fragment/defconfig build time ratio\n"
	"  --defconfig-for B the same for branch B only (repeatable; a defconfig\n"
	"                    build takes several times the fragment build)\n"
	"  --results DIR     where bench.json and bench.txt go (default results/);\n"
	"                    after each branch but the last, what is measured so\n"
	"                    far goes to bench.partial.{json,txt} there\n"
	"  --timeout S       QEMU limit per boot (default: boot.timeout of the table)\n"
	"  --accel A         auto (default), tcg or kvm\n"
	"  -h, --help        this text\n"
	"\n"
	"Exit status: 0 every goal met, 1 a goal missed, 2 error (no tree, build\n"
	"failure, a boot that could not run).\n";

#define DETECT_WINDOW	60.0
#define GOAL_COLD	180.0
#define GOAL_REVERIFY	90.0
#define GOAL_RATE	0.95
#define GOAL_MEDIAN	30.0

struct bopts {
	const struct table *t;
	int runs;
	bool defconfig;
	struct strvec defconfig_for;
	double timeout;
	const char *accel;
	char *logdir;
};

struct bvariant {
	struct variant pv;	/* build and boots, from the pipeline */
	double *to_start;	/* QEMU start to test start, -1 unknown */
	double *detect;		/* FAIL: test start to signature, NAN none */
	double *runtime;	/* PASS runs: QEMU wall, NAN otherwise */
	int fail, pass, other, errors;
	double first_boot;	/* kernel_boot() of run 1, s */
};

struct bbranch {
	const struct branch *b;
	char *tree;
	struct tree_info ti;
	struct build_result cold;
	bool cold_ok;
	double defconfig_s;	/* -1 not measured */
	double defconfig_make_s;	/* its make bzImage */
	char *defconfig_error;
	struct bvariant base, port;	/* port unused for fixed-upstream */
	bool ab;
	double wall;
	char *error;
};

static bool want_defconfig(const struct bopts *o, const char *branch)
{
	size_t i;

	if (o->defconfig)
		return true;
	for (i = 0; i < o->defconfig_for.n; i++)
		if (!strcmp(o->defconfig_for.v[i], branch))
			return true;
	return false;
}

/* make defconfig + bzImage of the cold copy, no ccache, fresh O=. */
static int defconfig_build(struct bbranch *bb, const char *tmp)
{
	char *o = xasprintf("%s/defconfig", tmp);
	char *log = xasprintf("%s/defconfig.log", tmp);
	char *label = xasprintf("bench %s: defconfig build", bb->b->name);
	const char *const env[] = { "CCACHE_DISABLE=1", "LC_ALL=C", NULL };
	struct strvec dc = STRVEC_INIT, bz = STRVEC_INIT;
	struct run_opts ro = { .cwd = bb->cold.srcdir, .env = env,
			       .log_path = log, .progress_label = label,
			       .progress_every = 30 };
	struct run_result r;
	double t0 = now_seconds(), t1;
	char how[96];
	int ret = -1;

	kbuild_make_argv(&dc, bb->b, bb->b->cc, o);
	kbuild_make_argv(&bz, bb->b, bb->b->cc, o);
	sv_push(&dc, "defconfig");
	sv_push(&bz, "bzImage");
	info_msg("bench %s: make defconfig + bzImage without ccache, log %s",
		 bb->b->name, log);
	if (run_argv((const char *const *)dc.v, &ro, &r))
		goto failed;
	t1 = now_seconds();
	if (run_argv((const char *const *)bz.v, &ro, &r)) {
failed:
		bb->defconfig_error = xasprintf("defconfig build failed (%s); see %s",
						run_describe(&r, how, sizeof(how)),
						log);
		goto out;
	}
	bb->defconfig_s = now_seconds() - t0;
	bb->defconfig_make_s = now_seconds() - t1;
	info_msg("bench %s: defconfig build %.0fs (make bzImage %.0fs)",
		 bb->b->name, bb->defconfig_s, bb->defconfig_make_s);
	ret = 0;
out:
	sv_clear(&bz);
	sv_clear(&dc);
	free(label);
	free(log);
	free(o);
	return ret;
}

/*
 * Cold-build directories of benches that were interrupted: <cache>/bench.*
 * whose "pid" names a process that is gone.  Those kept on purpose (a
 * failed build's logs, marked "kept") stay.
 */
static void sweep_stale(const char *cache)
{
	DIR *d = opendir(cache);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct strbuf sb = STRBUF_INIT;
		char *dir, *pidf, *kept;
		long pid = 0;
		bool stale;

		if (!cache_is_bench_dir(de->d_name))
			continue;
		dir = path_join(cache, de->d_name);
		pidf = path_join(dir, "pid");
		kept = path_join(dir, "kept");
		if (!read_file(pidf, &sb))
			pid = strtol(sb_str(&sb), NULL, 10);
		stale = is_dir(dir) && !path_exists(kept) &&
			(pid <= 0 || (kill((pid_t)pid, 0) && errno == ESRCH));
		if (stale) {
			info_msg("removing %s, left by an interrupted bench", dir);
			if (remove_tree(dir))
				warn_msg("cannot remove %s", dir);
		}
		sb_release(&sb);
		free(kept);
		free(pidf);
		free(dir);
	}
	closedir(d);
}

/* The cold build: a fresh cache (copy, O=) and an empty ccache. */
static int cold_build(const struct bopts *o, struct bbranch *bb)
{
	char *cache = cache_dir(), *tmp = cache_bench_template(cache);
	char *c1, *c2;
	struct build_req req = { .t = o->t, .b = bb->b, .tree = bb->tree };
	int ret = -1;

	if (mkdir_p(cache, 0755))
		goto fail_tmp;
	sweep_stale(cache);
	if (!mkdtemp(tmp))
		goto fail_tmp;
	{
		char *pidf = path_join(tmp, "pid");
		char *pid = xasprintf("%ld\n", (long)getpid());
		int r = write_file_atomic(pidf, pid, strlen(pid));

		free(pid);
		free(pidf);
		if (r)
			goto fail_tmp;
	}
	c1 = path_join(tmp, "cache");
	c2 = path_join(tmp, "ccache");
	req.cache = c1;
	req.ccache_dir = c2;
	info_msg("bench %s: cold build (empty ccache %s)", bb->b->name, c2);
	kernel_build(&req, &bb->cold);
	free(c1);
	free(c2);
	if (bb->cold.status != EXIT_PASS) {
		bb->error = xasprintf("cold build: %s", bb->cold.error ?
				      bb->cold.error : "failed");
		goto clean;
	}
	bb->cold_ok = true;
	info_msg("bench %s: cold build %.0fs (make %.0fs)", bb->b->name,
		 bb->cold.seconds, bb->cold.make_seconds);
	if (want_defconfig(o, bb->b->name))
		defconfig_build(bb, tmp);
	ret = 0;
clean:
	/* Logs of a failed build are worth more than the disk space. */
	if (!ret && remove_tree(tmp))
		warn_msg("cannot remove %s", tmp);
	if (ret) {
		char *kept = path_join(tmp, "kept");

		if (write_file_atomic(kept, "", 0))
			warn_msg("cannot write %s", kept);
		free(kept);
	}
	free(tmp);
	free(cache);
	return ret;
fail_tmp:
	bb->error = xasprintf("cannot create %s: %s", tmp, strerror(errno));
	free(tmp);
	free(cache);
	return -1;
}

/* The figures of run @i of @v. */
static void bench_run(struct bvariant *v, int i)
{
	const struct boot_result *r = &v->pv.runs[i];
	const struct console *c = &r->con;

	v->to_start[i] = c->started && c->start_host >= 0 ?
		c->start_host : NAN;
	v->detect[i] = NAN;
	v->runtime[i] = NAN;
	if (r->status) {
		v->errors++;
	} else if (c->outcome == CONSOLE_FAIL && livelock_kind(c->kind)) {
		v->fail++;
		if (c->sig_time >= 0)
			v->detect[i] = c->sig_time;
	} else if (c->outcome == CONSOLE_PASS) {
		v->pass++;
		v->runtime[i] = r->seconds;
	} else {
		v->other++;
	}
}

static int bench_variant(const struct bopts *o, struct bbranch *bb,
			 struct bvariant *v)
{
	struct pipeline_opts po = {
		.t = o->t, .b = bb->b, .tree = bb->tree, .runs = o->runs,
		.timeout = o->timeout, .accel = o->accel, .logdir = o->logdir,
		.log_prefix = "bench-", .label = "bench ",
	};
	size_t n = (size_t)o->runs;
	int i;

	if (pipeline_variant(&po, &v->pv)) {
		bb->error = xasprintf("%s build: %s", v->pv.name,
				      v->pv.br.error ? v->pv.br.error :
				      "failed");
		return -1;
	}
	v->to_start = xcalloc(n, sizeof(double));
	v->detect = xcalloc(n, sizeof(double));
	v->runtime = xcalloc(n, sizeof(double));
	v->first_boot = v->pv.nruns ? v->pv.wall[0] : 0;
	for (i = 0; i < v->pv.nruns; i++)
		bench_run(v, i);
	return 0;
}

static void bvariant_free(struct bvariant *v)
{
	variant_free(&v->pv);
	free(v->to_start);
	free(v->detect);
	free(v->runtime);
}

static void bbranch_free(struct bbranch *bb)
{
	free(bb->tree);
	tree_info_free(&bb->ti);
	build_result_free(&bb->cold);
	free(bb->defconfig_error);
	bvariant_free(&bb->base);
	bvariant_free(&bb->port);
	free(bb->error);
}

/* ---- figures and goals ----------------------------------------------- */

struct figures {
	struct stats start, detect, runtime;
	size_t boots, detected_in_window, base_runs, false_fail, port_runs;
	double rate;
	double warm_patched, reverify;
	double reverify_median;	/* the same with the median boot of each */
	bool have_reverify;
};

static void figures_of(const struct bbranch *bb, struct figures *f)
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
		f->detected_in_window = stats_count_le(bb->base.detect,
						       f->base_runs,
						       DETECT_WINDOW);
		f->rate = stats_rate(f->detected_in_window, f->base_runs);
	}
	f->port_runs = (size_t)pv->pv.nruns;
	f->false_fail = (size_t)(pv->pv.nruns - pv->pass);
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

struct goals {
	int met, missed, unknown;
	json_t *j;
};

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
	return json_pack("{s:s, s:f, s:f, s:s*, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o}",
			 "variant", v->pv.name,
			 "build_seconds", v->pv.br.seconds,
			 "make_seconds", v->pv.br.make_seconds,
			 "config_sha256", v->pv.br.config_sha256,
			 "runs", v->pv.nruns, "fail", v->fail, "pass", v->pass,
			 "other", v->other, "errors", v->errors,
			 "to_start_seconds", array_json(v->to_start, v->pv.nruns),
			 "detect_seconds", array_json(v->detect, v->pv.nruns),
			 "pass_qemu_seconds", array_json(v->runtime, v->pv.nruns),
			 "boot_call_seconds", array_json(v->pv.wall, v->pv.nruns));
}

static void report_branch(const struct bbranch *bb, struct strbuf *sb,
			  struct goals *g, json_t *branches)
{
	const char *n = bb->b->name;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char val[96], lim[64];
	const char *v;
	struct figures f;
	json_t *j;

	figures_of(bb, &f);

	if (bb->cold_ok)
		snprintf(val, sizeof(val), "%.1f s (make %.1f s)%s",
			 bb->cold.seconds, bb->cold.make_seconds,
			 ncpu == 2 ? "" : " [not 2 cores]");
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "<= %.0f s, 2 cores", GOAL_COLD);
	v = goal(g, n, "cold build", lim, bb->cold_ok,
		 bb->cold.seconds <= GOAL_COLD, bb->cold.seconds);
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
	if (f.start.n)
		snprintf(val, sizeof(val), "%.1f/%.1f/%.1f s (%zu boots)",
			 f.start.min, f.start.median, f.start.max,
			 f.start.n);
	else
		snprintf(val, sizeof(val), "-");
	row(sb, n, "boot to test start min/med/max", val, NULL, NULL);
	if (f.have_reverify)
		snprintf(val, sizeof(val), "%.1f s (median boots: %.1f s)",
			 f.reverify, f.reverify_median);
	else
		snprintf(val, sizeof(val), "-");
	snprintf(lim, sizeof(lim), "<= %.0f s", GOAL_REVERIFY);
	v = goal(g, n, "warm re-verify total", lim, f.have_reverify,
		 f.reverify <= GOAL_REVERIFY, f.reverify);
	row(sb, n, "warm re-verify (builds+1 boot each)", val, lim, v);
	if (bb->ab) {
		if (f.detect.n)
			snprintf(val, sizeof(val), "%.1f/%.1f/%.1f s",
				 f.detect.min, f.detect.median, f.detect.max);
		else
			snprintf(val, sizeof(val), "- (none detected)");
		snprintf(lim, sizeof(lim), "median <= %.0f s", GOAL_MEDIAN);
		v = goal(g, n, "median time to detect", lim,
			 bb->base.pv.nruns > 0,
			 f.detect.n && f.detect.median <= GOAL_MEDIAN,
			 f.detect.median);
		row(sb, n, "base: time to detect min/med/max", val, lim, v);
		snprintf(val, sizeof(val), "%.0f %% (%zu/%zu)", 100 * f.rate,
			 f.detected_in_window, f.base_runs);
		snprintf(lim, sizeof(lim), ">= %.0f %%", 100 * GOAL_RATE);
		v = goal(g, n, "detection rate within 60 s", lim,
			 bb->base.pv.nruns > 0, f.rate >= GOAL_RATE, f.rate);
		row(sb, n, "base: detected within 60 s", val, lim, v);
	}
	if (f.runtime.n)
		snprintf(val, sizeof(val), "%.1f s (%zu passes)",
			 f.runtime.median, f.runtime.n);
	else
		snprintf(val, sizeof(val), "- (no pass)");
	row(sb, n, bb->ab ? "port: PASS runtime (median)" :
	    "as is: PASS runtime (median)", val, NULL, NULL);
	snprintf(val, sizeof(val), "%zu/%zu", f.false_fail, f.port_runs);
	v = goal(g, n, "false failures", "0", f.port_runs > 0,
		 !f.false_fail, (double)f.false_fail);
	row(sb, n, bb->ab ? "port: false failures" : "as is: false failures",
	    val, "0", v);
	if (bb->error)
		sb_addf(sb, "%-7s error: %s\n", n, bb->error);

	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:f}",
		      "branch", n, "decision", decision_name(bb->b->decision),
		      "tree", bb->tree ? bb->tree : "",
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
	json_object_set_new(j, "boot_to_test_start", stats_json(&f.start));
	json_object_set_new(j, "time_to_detect", stats_json(&f.detect));
	json_object_set_new(j, "detection_rate_60s", bb->ab && f.base_runs ?
			    json_real(f.rate) : json_null());
	json_object_set_new(j, "pass_runtime", stats_json(&f.runtime));
	json_object_set_new(j, "false_failures", f.port_runs ?
			    json_integer((json_int_t)f.false_fail) :
			    json_null());
	json_object_set_new(j, "warm_reverify_seconds", f.have_reverify ?
			    json_real(f.reverify) : json_null());
	json_object_set_new(j, "warm_reverify_median_boots_seconds",
			    f.have_reverify ? json_real(f.reverify_median) :
			    json_null());
	json_object_set_new(j, "error", json_str_or_null(bb->error));
	json_array_append_new(branches, j);
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

static int select_branches(const struct table *t, const struct strvec *want,
			   const struct strvec *tf, struct bbranch **out,
			   size_t *nout)
{
	struct bbranch *bb = xcalloc(t->n + want->n + 1, sizeof(*bb));
	size_t i, n = 0;

	for (i = 0; i < tf->n; i++) {
		char *eq = strchr(tf->v[i], '=');
		char *name = eq ? xstrndup(tf->v[i], eq - tf->v[i]) : NULL;
		bool ok = name && eq[1] && table_branch(t, name, false);

		free(name);
		if (!ok) {
			err_msg("--tree-for %s: want BRANCH=DIR of a known branch",
				tf->v[i]);
			goto fail;
		}
	}
	if (want->n) {
		for (i = 0; i < want->n; i++) {
			const struct branch *b = table_branch(t, want->v[i],
							      false);

			if (!b)
				goto fail;
			bb[n++].b = b;
		}
	} else {
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
	}
	for (i = 0; i < n; i++) {
		const char *env;
		char msg[512];

		bb[i].defconfig_s = -1;
		env = getenv(bb[i].b->tree_var);
		if (!tree_for(tf, bb[i].b->name) && !(env && *env) &&
		    !bb[i].b->debian_source) {
			err_msg("no kernel tree for %s: pass --tree-for %s=DIR or set %s",
				bb[i].b->name, bb[i].b->name, bb[i].b->tree_var);
			goto fail;
		}
		bb[i].tree = resolve_tree(bb[i].b, tree_for(tf, bb[i].b->name),
					  true);
		if (!bb[i].tree)
			goto fail;
		if (tree_inspect(bb[i].tree, &t->up, &bb[i].ti, msg,
				 sizeof(msg))) {
			err_msg("%s", msg);
			goto fail;
		}
		if (strcmp(bb[i].ti.branch, bb[i].b->base))
			warn_msg("%s is %s, not a %s tree", bb[i].tree,
				 bb[i].ti.version, bb[i].b->base);
		if (bb[i].b->decision != DECISION_PORT &&
		    bb[i].b->decision != DECISION_FIXED_UPSTREAM) {
			err_msg("bench %s: row is %s: nothing to measure (port and fixed-upstream rows only)",
				bb[i].b->name, decision_name(bb[i].b->decision));
			goto fail;
		}
		if (bb[i].b->decision == DECISION_PORT &&
		    bb[i].ti.state == FIX_PRESENT)
			warn_msg("%s (%s) already contains the fix: the base cannot fail",
				 bb[i].tree, bb[i].ti.version);
	}
	*out = bb;
	*nout = n;
	return 0;
fail:
	for (i = 0; i < n; i++)
		bbranch_free(&bb[i]);
	free(bb);
	return -1;
}

static const char *const partial[] = { "bench.partial.json",
				       "bench.partial.txt" };

/*
 * Render the table and the JSON document for the first @n branches.
 * @part: a progress snapshot, bench.partial.{json,txt}, written even after
 * an error; otherwise the final bench.{json,txt}, printed, and written only
 * without error (an error leaves earlier evidence alone).
 */
static int publish(const struct bopts *o, const struct table *t,
		   const struct bbranch *bb, size_t n, double start,
		   bool error, const char *resdir, bool part,
		   struct goals *gout)
{
	struct goals g = { 0 };
	struct strbuf sb = STRBUF_INIT;
	json_t *doc, *branches;
	char when[32], *p;
	time_t now = time(NULL);
	int ret = 0;
	size_t i;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	sb_addf(&sb, "backport bench %s: %ld cores, %d runs per variant, boot timeout %.0f s%s\n",
		when, sysconf(_SC_NPROCESSORS_ONLN), o->runs, o->timeout,
		part ? " (in progress)" : "");
	row(&sb, "branch", "figure", "value", "goal", "");
	g.j = json_array();
	branches = json_array();
	for (i = 0; i < n; i++)
		report_branch(&bb[i], &sb, &g, branches);
	sb_addf(&sb, "goals: %d met, %d not met, %d not measured; total %.0f s\n",
		g.met, g.missed, g.unknown, now_seconds() - start);
	if (!part) {
		fputs(sb.buf, stdout);
		fflush(stdout);
	}

	doc = json_pack("{s:s, s:s, s:i, s:i, s:f, s:b, s:b}",
			"finished", when, "upstream", t->up.commit,
			"cores", (int)sysconf(_SC_NPROCESSORS_ONLN),
			"runs_per_variant", o->runs, "boot_timeout", o->timeout,
			"defconfig", o->defconfig || o->defconfig_for.n,
			"complete", !part);
	json_object_set_new(doc, "goal_limits",
			    json_pack("{s:f, s:f, s:f, s:f, s:f, s:i}",
				      "cold_build_seconds", GOAL_COLD,
				      "warm_reverify_seconds", GOAL_REVERIFY,
				      "detection_rate", GOAL_RATE,
				      "detection_window_seconds", DETECT_WINDOW,
				      "detect_median_seconds", GOAL_MEDIAN,
				      "false_failures", 0));
	json_object_set_new(doc, "branches", branches);
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

int cmd_bench(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "branch", required_argument, NULL, 'b' },
		{ "tree-for", required_argument, NULL, 't' },
		{ "runs", required_argument, NULL, 'n' },
		{ "defconfig", no_argument, NULL, 'd' },
		{ "defconfig-for", required_argument, NULL, 'D' },
		{ "results", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "accel", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct bopts o = { .runs = 10, .accel = "auto",
			   .defconfig_for = STRVEC_INIT };
	struct strvec want = STRVEC_INIT, tf = STRVEC_INIT;
	struct goals g = { 0 };
	struct bbranch *bb = NULL;
	const char *resdir_opt = NULL;
	char *resdir = NULL, *cache = NULL, *p;
	double start = now_seconds();
	int ret = EXIT_ERROR, c;
	bool error = false;
	size_t i, n = 0;
	struct table t;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			sv_push(&want, optarg);
			break;
		case 't':
			sv_push(&tf, optarg);
			break;
		case 'n':
			o.runs = opt_int(usage, "--runs", optarg, 1, 100);
			break;
		case 'd':
			o.defconfig = true;
			break;
		case 'D':
			sv_push(&o.defconfig_for, optarg);
			break;
		case 'r':
			resdir_opt = optarg;
			break;
		case 'T':
			o.timeout = opt_seconds(usage, "--timeout", optarg);
			break;
		case 'a':
			o.accel = optarg;
			break;
		default:
			usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (table_load_default(&t))
		goto out_opts;
	o.t = &t;
	if (o.timeout <= 0)
		o.timeout = t.boot.timeout;
	if (select_branches(&t, &want, &tf, &bb, &n))
		goto out;
	if (!n) {
		err_msg("bench: no branch to measure");
		goto out;
	}
	for (i = 0; i < o.defconfig_for.n; i++) {
		size_t k;

		for (k = 0; k < n; k++)
			if (!strcmp(bb[k].b->name, o.defconfig_for.v[i]))
				break;
		if (k == n) {
			err_msg("--defconfig-for %s: not one of the branches measured in this run",
				o.defconfig_for.v[i]);
			goto out;
		}
	}
	resdir = resdir_opt ? xstrdup(resdir_opt) : table_path(&t, "results");
	cache = cache_dir();
	if (mkdir_p(resdir, 0755)) {
		err_msg("cannot create %s", resdir);
		goto out;
	}

	for (i = 0; i < n; i++) {
		struct bbranch *b = &bb[i];
		double t0 = now_seconds();

		info_msg("bench %s (%s): tree %s (%s, %s), %d runs per variant",
			 b->b->name, decision_name(b->b->decision), b->tree,
			 b->ti.version, fix_state_name(b->ti.state), o.runs);
		free(o.logdir);
		o.logdir = cache_logs_dir(cache, b->b->name);
		if (mkdir_p(o.logdir, 0755)) {
			b->error = xasprintf("cannot create %s", o.logdir);
			error = true;
			continue;
		}
		b->ab = b->b->decision == DECISION_PORT;
		b->base.pv.name = b->ab ? "base" : "as-is";
		b->base.pv.expect = b->ab ? EXPECT_FAIL : EXPECT_PASS;
		b->port.pv.expect = EXPECT_PASS;
		b->port.pv.name = "patched";
		b->port.pv.patched = true;
		if (cold_build(&o, b) ||
		    bench_variant(&o, b, &b->base) ||
		    (b->ab && bench_variant(&o, b, &b->port)))
			error = true;
		if (b->base.errors || b->port.errors)
			error = true;
		b->wall = now_seconds() - t0;
		/* What is measured so far survives an interrupted bench. */
		if (i + 1 < n)
			publish(&o, &t, bb, i + 1, start, error, resdir, true,
				NULL);
	}

	if (publish(&o, &t, bb, n, start, error, resdir, false, &g))
		error = true;
	else if (!error)
		for (i = 0; i < ARRAY_SIZE(partial); i++) {
			p = path_join(resdir, partial[i]);
			unlink(p);
			free(p);
		}

	if (error || g.unknown)
		ret = EXIT_ERROR;
	else
		ret = g.missed ? EXIT_FINDING : EXIT_PASS;
out:
	for (i = 0; i < n; i++)
		bbranch_free(&bb[i]);
	free(bb);
	free(o.logdir);
	free(cache);
	free(resdir);
	table_free(&t);
out_opts:
	sv_clear(&o.defconfig_for);
	sv_clear(&want);
	sv_clear(&tf);
	return ret;
}
