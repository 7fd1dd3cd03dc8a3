// SPDX-License-Identifier: GPL-2.0
/*
 * backport bench's measurements (see bench.h).
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "cache.h"
#include "run.h"
#include "stop.h"
#include "util.h"
#include "verdict.h"

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

char *bench_scratch(const char *cache, char **err)
{
	char *tmp = cache_bench_template(cache), *pidf, *pid;
	int r;

	*err = NULL;
	if (mkdir_p(cache, 0755))
		goto fail;
	sweep_stale(cache);
	if (!mkdtemp(tmp))
		goto fail;
	stop_cleanup_add(tmp);
	pidf = path_join(tmp, "pid");
	pid = xasprintf("%ld\n", (long)getpid());
	r = write_file_atomic(pidf, pid, strlen(pid));
	free(pid);
	free(pidf);
	if (!r)
		return tmp;
fail:
	stop_cleanup_remove(tmp);
	*err = xasprintf("cannot create %s: %s", tmp, strerror(errno));
	free(tmp);
	return NULL;
}

void bench_scratch_done(char *tmp, bool keep)
{
	stop_cleanup_remove(tmp);
	/* Logs of a failed build are worth more than the disk space. */
	if (!keep && remove_tree(tmp))
		warn_msg("cannot remove %s", tmp);
	if (keep) {
		char *kept = path_join(tmp, "kept");

		if (write_file_atomic(kept, "", 0))
			warn_msg("cannot write %s", kept);
		free(kept);
	}
	free(tmp);
}

/* The cold build: a fresh cache (copy, O=) and an empty ccache. */
static int cold_build(const struct bopts *o, struct bbranch *bb)
{
	char *cache = cache_dir(), *tmp = bench_scratch(cache, &bb->error);
	char *c1, *c2;
	struct build_req req = { .t = o->t, .b = bb->b, .tree = bb->tree };
	int ret = -1;

	free(cache);
	if (!tmp)
		return -1;
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
	bench_scratch_done(tmp, ret != 0);
	return ret;
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
	v->work[i] = NAN;
	v->after_work[i] = NAN;
	if (r->status) {
		v->errors++;
	} else if (run_reproduces(c)) {
		v->fail++;
		if (c->sig_time >= 0)
			v->detect[i] = c->sig_time;
		if (c->have_work)
			v->work[i] = (double)c->work.v[c->work_unit];
		if (c->have_work && c->sig_time >= 0)
			v->after_work[i] = c->sig_time - c->work.t;
	} else if (c->outcome == CONSOLE_PASS) {
		v->pass++;
		v->runtime[i] = r->seconds;
		if (c->pass_work > 0 &&
		    c->work.v[c->work_unit] < c->pass_work)
			v->pass_short++;
	} else {
		v->inconclusive += c->outcome == CONSOLE_INCONCLUSIVE;
		v->other++;
	}
}

/*
 * Build @v once before its timed build, so that the timed one is what a
 * re-verify costs whatever this cache held: its copy and O= directory
 * made, its objects in ccache.  Without it, on a cache that never built
 * this variant (a new machine, a new tree) the "warm" build would be the
 * first one, with the ccache of the normal cache possibly empty too (the
 * cold build has one of its own).
 */
static int warm_up(const struct pipeline_opts *po, struct bbranch *bb,
		   struct bvariant *v)
{
	struct build_result br = { 0 };
	int ret = 0;

	info_msg("bench %s %s: warm-up build (the timed build after it is warm)",
		 bb->b->name, v->pv.name);
	if (pipeline_build(po, &v->pv, &br) != EXIT_PASS) {
		bb->error = xasprintf("%s warm-up build: %s", v->pv.name,
				      br.error ? br.error : "failed");
		ret = -1;
	} else {
		info_msg("bench %s %s: warm-up build %.0fs (make %.0fs)",
			 bb->b->name, v->pv.name, br.seconds, br.make_seconds);
	}
	build_result_free(&br);
	return ret;
}

static int bench_variant(const struct bopts *o, struct bbranch *bb,
			 struct bvariant *v, int runs)
{
	struct pipeline_opts po = {
		.t = o->t, .b = bb->b, .tree = bb->tree, .runs = runs,
		.timeout = o->timeout, .accel = o->accel, .logdir = o->logdir,
		.log_prefix = "bench-", .label = "bench ", .load = o->load,
	};
	size_t n = (size_t)runs;
	int i;

	if (warm_up(&po, bb, v))
		return -1;
	if (pipeline_variant(&po, &v->pv)) {
		bb->error = xasprintf("%s build: %s", v->pv.name,
				      v->pv.br.error ? v->pv.br.error :
				      "failed");
		return -1;
	}
	v->to_start = xcalloc(n, sizeof(double));
	v->detect = xcalloc(n, sizeof(double));
	v->runtime = xcalloc(n, sizeof(double));
	v->work = xcalloc(n, sizeof(double));
	v->after_work = xcalloc(n, sizeof(double));
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
	free(v->work);
	free(v->after_work);
}

void bbranch_free(struct bbranch *bb)
{
	free(bb->tree);
	free(bb->tree_source);
	tree_info_free(&bb->ti);
	build_result_free(&bb->cold);
	free(bb->defconfig_error);
	bvariant_free(&bb->base);
	bvariant_free(&bb->port);
	free(bb->error);
}

int bench_branch(struct bopts *o, struct bbranch *b, const char *cache)
{
	info_msg("bench %s (%s): tree %s (%s, %s), %d base and %d port runs, load %d",
		 b->b->name, decision_name(b->b->decision), b->tree,
		 b->ti.version, fix_state_name(b->ti.state), o->runs,
		 o->port_runs, o->load);
	free(o->logdir);
	o->logdir = cache_logs_dir(cache, b->b->name);
	if (mkdir_p(o->logdir, 0755)) {
		b->error = xasprintf("cannot create %s", o->logdir);
		return -1;
	}
	b->ab = b->b->decision == DECISION_PORT;
	b->base.pv.name = b->ab ? "base" : "as-is";
	b->base.pv.expect = b->ab ? EXPECT_FAIL : EXPECT_PASS;
	b->port.pv.expect = EXPECT_PASS;
	b->port.pv.name = "patched";
	b->port.pv.patched = true;
	if (cold_build(o, b) ||
	    bench_variant(o, b, &b->base, b->ab ? o->runs : o->port_runs) ||
	    (b->ab && bench_variant(o, b, &b->port, o->port_runs)))
		return -1;
	return b->base.errors || b->port.errors ? -1 : 0;
}
