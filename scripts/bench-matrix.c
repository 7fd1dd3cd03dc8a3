// SPDX-License-Identifier: GPL-2.0
/*
 * backport bench --matrix (see bench.h): the whole matrix, as a user
 * verifies it, timed twice on one scratch cache: "verify --all" with an
 * empty BACKPORT_CACHE and CCACHE_DIR (cold: every tree copied and built
 * from nothing, Debian sources unpacked, KVM probed), then again with
 * what the first run left (warm).  The rows' results go to the scratch
 * directory, never to results/; the scratch directory goes at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cache.h"
#include "util.h"
#include "verify-all.h"

/* One verify --all pass on the caches in @tmp; -1 with @err on an error. */
static int one_pass(const struct bopts *o, const char *tmp, const char *what,
		    struct verify_all_summary *sum, char **err)
{
	char *c1 = path_join(tmp, "cache"), *c2 = path_join(tmp, "ccache");
	char *res = xasprintf("%s/results-%s", tmp, what);
	struct strvec env = STRVEC_INIT;
	struct verify_all_opts vo = {
		.runs = o->goals.matrix_runs, .results = res,
		.timeout = o->timeout, .cache = c1,
		.accel = strcmp(o->accel, "auto") ? o->accel : NULL,
	};

	sv_pushf(&env, "BACKPORT_CACHE=%s", c1);
	sv_pushf(&env, "CCACHE_DIR=%s", c2);
	vo.env = (const char *const *)env.v;

	info_msg("bench matrix: %s verify --all --runs %d (cache %s)", what,
		 vo.runs, c1);
	verify_all(o->t, &vo, sum);
	info_msg("bench matrix: %s: %zu of %zu rows verified in %.0f s, %zu as expected, exit %d",
		 what, sum->verified, sum->rows, sum->seconds,
		 sum->as_expected, sum->status);
	sv_clear(&env);
	free(res);
	free(c2);
	free(c1);
	if (sum->status != EXIT_ERROR)
		return 0;
	*err = xasprintf("%s verify --all: a row ended in an error (see above)",
			 what);
	return -1;
}

int bench_matrix(const struct bopts *o, struct bmatrix *m)
{
	char *cache = cache_dir(), *tmp = bench_scratch(cache, &m->error);
	int ret = -1;

	free(cache);
	m->runs = o->goals.matrix_runs;
	if (!tmp)
		return -1;
	m->measured = true;
	m->have_cold = !one_pass(o, tmp, "cold", &m->cold, &m->error);
	if (m->have_cold)
		m->have_warm = !one_pass(o, tmp, "warm", &m->warm, &m->error);
	if (m->have_warm)
		ret = 0;
	/* Each row's error is in the output above; the copies are GBs. */
	bench_scratch_done(tmp, false);
	return ret;
}

void bmatrix_free(struct bmatrix *m)
{
	verify_all_summary_free(&m->cold);
	verify_all_summary_free(&m->warm);
	free(m->error);
	memset(m, 0, sizeof(*m));
}
