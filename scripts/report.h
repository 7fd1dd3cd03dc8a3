/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report of "backport report": one row per branch of the table,
 * filled from results/<branch>.json and the tools, then rendered.
 */
#ifndef BACKPORT_REPORT_H
#define BACKPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "evidence.h"
#include "table.h"
#include "util.h"

/* A build-compatibility patch a variant's build applied (compat.h). */
struct report_compat {
	char *variant, *commit;
	char *subject;		/* from configs/compat.json, or NULL */
};

struct report_row {
	const struct branch *b;
	struct evidence ev;
	char *apply, *build, *boot;
	struct report_compat *compat;
	size_t ncompat;
	struct strvec logs;	/* excerpts, relative to results/ */
	/* "base run 1: FAIL (soft-lockup), bug: soft-lockup in the ..." */
	struct strvec log_labels;
	char *range_diff;	/* NULL: not a port */
	int range_rc;
	char *checkpatch;	/* NULL: not run */
	int checkpatch_rc;
	struct strvec ports;
};

/*
 * The cells of @r (r->b set, the rest zero); with @tools, the range-diff
 * ("backport diff", when @diff_cmd says this build has it) and, with
 * @checkpatch (or NULL), the checkpatch output of a port row too.  -1
 * with @msg when its results are there but not valid.
 */
int report_fill_row(const struct table *t, struct report_row *r,
		    const char *checkpatch, bool tools, bool diff_cmd,
		    char *msg, size_t msglen);
void report_row_free(struct report_row *r);

/*
 * The compat patches of the builds of @r's results into r->compat, with
 * their subjects when configs/compat.json still lists them; as Markdown
 * (nothing when there are none) and as a JSON array (report-compat.c).
 */
void report_compat_fill(const struct table *t, struct report_row *r);
void report_compat_md(const struct report_row *r, struct strbuf *sb);
/* The runs of @r's results, one table line each, work included. */
void report_runs_md(const struct report_row *r, struct strbuf *sb);
json_t *report_compat_json(const struct report_row *r);
void report_compat_free(struct report_row *r);

/*
 * The checkpatch.pl the report ran, named without its path: "`scripts/
 * checkpatch.pl` of Linux 5.12.9" when it is a kernel tree's (the tree's
 * Makefile says which), else "`NAME`" (malloc'd).
 */
char *report_checkpatch_name(const char *checkpatch);

/*
 * The path from the directory of @output (a file; NULL: stdout, taken as
 * the project root) to @root's results/, relative: "." for
 * results/REPORT.md, "results" for the root (malloc'd).
 */
char *report_results_link(const char *root, const char *output);

/*
 * The rows of every branch of @t (t->n of them), appended to @sb; the
 * console excerpts are linked through @links (report_results_link()).
 * The JSON names them relative to the project root.
 */
void report_render_md(const struct table *t, struct report_row *rows,
		      const char *checkpatch, const char *links,
		      struct strbuf *sb);
void report_render_json(const struct table *t, struct report_row *rows,
			const char *checkpatch, struct strbuf *sb);
/* The results of the verified rows as one KCIDB document. */
void report_render_kcidb(const struct table *t, struct report_row *rows,
			 struct strbuf *sb);

#endif
