/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "backport verify --all": every row whose tree is available, one after
 * another, each by "backport verify --branch B" as a child (so one row's
 * error stops only that row), then one summary matrix, printed and
 * written as <results>/verify-all.json (this file owns that document):
 *
 *   {"runs": N or null, "seconds": wall time of the whole run,
 *    "rows_total": rows of the table, "verified": rows run,
 *    "exit_status": the worst row's,
 *    "rows": [{"branch", "decision", "tree_from" (null: no tree),
 *              "exit_status" (null: not run), "seconds",
 *              "tree_version", "verdict", "expected", "as_expected"
 *              (null without results),
 *              "variants": [{"name", "verdict", "as_expected", "runs",
 *                            "work_unit", "work_min", "work_max"}]}]}
 *
 * work_min/work_max: the least and most of the row's work unit (work.h)
 * in the runs' last work reports, null when no run reported work.
 */
#ifndef BACKPORT_VERIFY_ALL_H
#define BACKPORT_VERIFY_ALL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "results.h"
#include "util.h"
#include "table.h"

struct verify_all_opts {
	int runs;		/* 0: verify's default */
	const char *results;	/* NULL: <cache>/results */
	double timeout;		/* 0: verify's default */
	const char *accel;	/* as given, or NULL */
	bool install;
	/*
	 * The cache the rows use (NULL: cache_dir()) and what the children's
	 * environment adds (NULL: nothing), e.g. BACKPORT_CACHE and
	 * CCACHE_DIR of a cold run (backport bench --matrix).
	 */
	const char *cache;
	const char *const *env;
};

struct verify_all_summary {
	double seconds;		/* the whole run */
	size_t rows, verified, as_expected;
	int status;		/* as verify_all() returns */
	char *matrix;		/* the summary matrix, as printed */
	json_t *row_docs;	/* verify-all.json's "rows" (a reference) */
};

/*
 * Returns the worst row's exit status (2 when no row had a tree); fills
 * @sum when not NULL (then verify_all_summary_free() it).
 */
int verify_all(const struct table *t, const struct verify_all_opts *o,
	       struct verify_all_summary *sum);
void verify_all_summary_free(struct verify_all_summary *sum);

/*
 * The matrix's work cell of @r: each variant's least and most work
 * (@unit, enum work_field) over its runs, "0-4 / 104-111"; "-" for a
 * variant whose runs reported none.
 */
void verify_all_work_cell(char *buf, size_t len, const struct results *r,
			  int unit);
/*
 * The summary matrix's text: @lines lines (the header first) of
 * VA_NCOLS cells each (branch, decision, tree, verdict, base/run, port,
 * work, seconds, status), each column as wide as its widest cell but at
 * least as wide as it has always been, so that a long verdict or work
 * range never shifts the columns after it; seconds right-aligned.
 */
#define VA_NCOLS	9
void verify_all_format_matrix(struct strbuf *out, char *const *cells,
			      size_t lines);
/* A variant of a row in verify-all.json. */
json_t *verify_all_variant_json(const struct results_variant *v,
				const struct table *t);

#endif
