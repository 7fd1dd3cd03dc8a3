/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The regression test's work reports: at least once a second the test
 * prints one line on the console,
 *
 *   # BACKPORT-WORK t=3.0 split_attempts=120 splits=41 rollbacks=3 tail_faults=81920 recreates=40
 *
 * t: seconds since the test's start; split_attempts: writes to
 * split_huge_pages; splits: the thp_split_page delta (successful splits);
 * rollbacks: the thp_split_page_failed delta; tail_faults: kernel-mode
 * tail-page operations of the tail threads; recreates: THPs made again
 * after a split.  Every count is a decimal integer; all five must be
 * there, each once; unknown keys are ignored (a newer test may add some).
 * A line whose values were cut or garbled (kernel output interleaved on
 * the serial console) is not a work line.
 *
 * A run passes only when the last report's count of the table's
 * "work_unit" reaches "pass_work" (configs/branches.json "boot").
 */
#ifndef BACKPORT_WORK_H
#define BACKPORT_WORK_H

#include <stdbool.h>

#include <jansson.h>

#include "json-read.h"

enum work_field {
	WORK_SPLIT_ATTEMPTS,
	WORK_SPLITS,
	WORK_ROLLBACKS,
	WORK_TAIL_FAULTS,
	WORK_RECREATES,
	WORK_NFIELDS,
};

/* The marker that starts a work line (after the TAP comment "# "). */
#define WORK_MARKER	"BACKPORT-WORK"

struct work {
	double t;			/* s since the test's start */
	long long v[WORK_NFIELDS];	/* by enum work_field */
};

/* "splits", ...; NULL past the last. */
const char *work_field_name(unsigned int i);
/* The index of @name, or -1 when it is none of them. */
int work_field_index(const char *name);

/*
 * @text (a console line, kernel timestamp stripped): true when it is a
 * work line, then filled into @w; @w is not touched otherwise.
 */
bool work_parse(const char *text, struct work *w);

/* {"t": T, "split_attempts": N, ...}; and back (absent: *@have false). */
json_t *work_json(const struct work *w);
int work_read(struct json_rd *d, json_t *o, const char *pre,
	      struct work *w, bool *have);

#endif
