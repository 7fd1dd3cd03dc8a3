/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The goals of backport bench, data in configs/bench.json: every figure
 * is printed beside its limit as met or not met.
 */
#ifndef BACKPORT_BENCH_GOALS_H
#define BACKPORT_BENCH_GOALS_H

#include <stddef.h>

#include <jansson.h>

struct bench_goals {
	double cold_build;	/* s, empty ccache, 2 cores */
	double warm_reverify;	/* s, both warm builds + 1 boot each */
	double detect_median;	/* s, test start to the bug's signature */
	double detect_max;	/* s */
	double detect_window;	/* s: a later detection is a miss */
	double detect_rate;	/* fraction of the bases detected in it */
	double to_start;	/* s, QEMU start to test start, median */
	int false_failures;	/* at most, per row */
	int pass_below_work;	/* PASS runs short of pass_work, at most */
	/* verify --all of every row with a tree, matrix_runs boots each */
	double matrix_cold;	/* s, fresh cache and empty ccache */
	double matrix_warm;	/* s, the same caches right after */
	int matrix_runs;	/* boots per variant, 1 to 100 */
};

/*
 * Parse @len bytes of @buf as the goals file @file; -1 with "FILE: FIELD:
 * what" in @msg when a goal is missing, unknown or out of range.
 */
int bench_goals_parse(const char *buf, size_t len, const char *file,
		      struct bench_goals *g, char *msg, size_t msglen);
/* The same from the file @path (its message printed). */
int bench_goals_load(const char *path, struct bench_goals *g);
/* The goals as bench.json's "goal_limits": every key, in the file's order. */
json_t *bench_goals_json(const struct bench_goals *g);

#endif
