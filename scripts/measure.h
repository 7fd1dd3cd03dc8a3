/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "backport port --measure": where the hunks of the fix the ports carry
 * land in a tree of a row's release, measured with the placement code
 * of tree.c / fixdiff.c, against what configs/branches.json records.
 */
#ifndef BACKPORT_MEASURE_H
#define BACKPORT_MEASURE_H

#include "table.h"

/*
 * Measure in @dir (a kernel tree, only read) for the row @b.  Prints one
 * line per hunk and, when the record differs or is missing, the "hunks"
 * value to put in the row.  Refuses a tree that is not the row's
 * release (by its Makefile) and a fix that does not place exactly once
 * per hunk.  Returns the exit status: 0 the record is what was measured,
 * 1 it differs or is missing, or the fix does not place cleanly, 2 the
 * tree is not the row's release or cannot be read.
 */
int port_measure(const struct table *t, const struct branch *b,
		 const char *dir);

#endif
