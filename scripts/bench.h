/* SPDX-License-Identifier: GPL-2.0 */
/*
 * backport bench's measurements: per branch a cold build (fresh cache and
 * empty ccache), the warm builds and N boots of each variant through the
 * pipeline (pipeline.h), then the figures beside their goals
 * (bench-report.c).
 */
#ifndef BACKPORT_BENCH_H
#define BACKPORT_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "bench-goals.h"
#include "build.h"
#include "pipeline.h"
#include "table.h"
#include "tree.h"
#include "util.h"
#include "verify-all.h"

struct bopts {
	const struct table *t;
	struct bench_goals goals;	/* configs/bench.json */
	int runs;
	int port_runs;		/* boots of the port (or as-is), default runs */
	int load;		/* busy host processes during the boots */
	bool defconfig;
	struct strvec defconfig_for;
	double timeout;
	const char *accel;
	char *logdir;
	bool matrix;		/* --matrix: the whole matrix too */
};

struct bvariant {
	struct variant pv;	/* build and boots, from the pipeline */
	double *to_start;	/* QEMU start to test start, -1 unknown */
	double *detect;		/* FAIL: test start to signature, NAN none */
	double *runtime;	/* PASS runs: QEMU wall, NAN otherwise */
	double *work;		/* FAIL runs: last work line's count, or NAN */
	double *after_work;	/* FAIL: last work line to signature, NAN */
	int fail, pass, other, errors;
	int inconclusive;	/* short of pass_work at the test's limit */
	int pass_short;		/* PASS with less work than pass_work */
	double first_boot;	/* kernel_boot() of run 1, s */
};

struct bbranch {
	const struct branch *b;
	char *tree;
	char *tree_source;	/* how it was found; bench.json names no path */
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

/*
 * The whole matrix, "verify --all --runs <matrix_runs>" twice on one fresh
 * cache and empty ccache: cold, then warm (bench-matrix.c).
 */
struct bmatrix {
	bool measured;		/* --matrix was given and it ran */
	int runs;
	struct verify_all_summary cold, warm;
	bool have_cold, have_warm;
	char *error;
};

struct goals {
	int met, missed, unknown;
	json_t *j;
};

/*
 * A new scratch directory for a bench's cold work under @cache (its pid
 * inside, so that a later bench removes it when this one was killed);
 * NULL with @err set.  bench_scratch_done() removes it, or with @keep
 * marks it kept (its logs explain a failure).
 */
char *bench_scratch(const char *cache, char **err);
void bench_scratch_done(char *tmp, bool keep);

/* Measure the whole matrix into @m (m->error set on failure, -1). */
int bench_matrix(const struct bopts *o, struct bmatrix *m);
void bmatrix_free(struct bmatrix *m);

/*
 * Measure branch @bb: name its variants, the cold build, then the base
 * and (port rows) the port through the pipeline.  @cache is the cache
 * directory (console logs under it).  Returns 0, or -1 with bb->error set.
 */
int bench_branch(struct bopts *o, struct bbranch *bb, const char *cache);
void bbranch_free(struct bbranch *bb);

/* What a bench has measured so far, and where its results go. */
struct bench_doc {
	const struct bopts *o;
	const struct table *t;
	const struct bbranch *bb;	/* the first @n branches */
	size_t n;
	const struct bmatrix *m;	/* NULL or not measured: none */
	double start;			/* now_seconds() at its start */
	const char *resdir;
};

/*
 * Render the table and the JSON document of @d.
 * @part: a progress snapshot, bench.partial.{json,txt}, written even after
 * an error; otherwise the final bench.{json,txt}, printed, and written only
 * without @error (an error leaves earlier evidence alone).  @gout, when
 * not NULL, gets the goals' counts.
 */
int bench_publish(const struct bench_doc *d, bool error, bool part,
		  struct goals *gout);
/* Remove the progress snapshot of @resdir (a bench that ended well). */
void bench_remove_partial(const char *resdir);

#endif
