/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One variant of a branch through the whole pipeline: build (build.h),
 * N boots (qemu.h), each console classified (console.h) and judged
 * against what the variant must show (verdict.h).  "backport verify" and
 * "backport bench" both drive it.
 */
#ifndef BACKPORT_PIPELINE_H
#define BACKPORT_PIPELINE_H

#include <stdbool.h>

#include "build.h"
#include "qemu.h"
#include "results.h"
#include "table.h"
#include "verdict.h"

struct pipeline_opts {
	const struct table *t;
	const struct branch *b;
	const char *tree;	/* read only */
	int runs;		/* boots per variant */
	double timeout;		/* QEMU limit per boot, s */
	const char *accel;	/* auto, tcg, kvm */
	const char *append;	/* extra kernel command line, or NULL */
	bool install;		/* may apt-get install the toolchain */
	const char *logdir;	/* console logs: <logdir>/<log_prefix><variant>-<n>.log */
	const char *log_prefix;
	const char *label;	/* progress lines start "<label><branch> <variant>: " */
	bool print_runs;	/* each run's classification on stdout */
	int load;		/* busy host processes during the boots (load.h) */
};

struct variant {
	const char *name;	/* base, patched, as-is */
	enum expect expect;
	bool patched;
	bool tried;		/* pipeline_variant() ran */
	struct build_result br;
	bool built;
	int nruns;
	struct boot_result *runs;
	double *wall;		/* the kernel_boot() call of each run, s */
	int as_expected;	/* runs that matched @expect */
	int errors;		/* runs that could not be judged */
	int inconclusive;	/* runs short of pass_work, or host-starved */
	int starved;		/* of them, host-starved FAILs (hostwait.h) */
	double boot_seconds;	/* QEMU time of the judged runs */
	double detect_seconds;	/* first detection (FAIL runs), -1 none */
	enum variant_verdict verdict;
};

/*
 * The build of @v that pipeline_variant() makes, into @br (kernel_build()'s
 * status); bench's warm-up builds the same kernel this way.
 */
int pipeline_build(const struct pipeline_opts *o, const struct variant *v,
		   struct build_result *br);
/*
 * Build @v (its error in v->br.error, progress on stderr) and boot it
 * o->runs times.  Returns 0 when it was built, -1 when the build failed.
 */
int pipeline_variant(const struct pipeline_opts *o, struct variant *v);
void variant_free(struct variant *v);
/*
 * @v as a variant of the results document (strings copied); the runs'
 * "log" is left for results_write_excerpts().
 */
void variant_results(const struct variant *v, struct results_variant *out);
/* The tally verdict_decide() needs. */
void variant_tally(const struct variant *v, struct variant_tally *t);

#endif
