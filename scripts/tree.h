/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Looking at a kernel source tree without touching it: its version, and
 * the state of the function the fix changes.
 */
#ifndef BACKPORT_TREE_H
#define BACKPORT_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

enum fix_state {
	FIX_ABSENT,		/* code is there, fix line missing */
	FIX_PRESENT,		/* fix line right after the anchor */
	FIX_REWORKED,		/* function no longer takes a page ref */
	FIX_NOT_AFFECTED,	/* older than the commit the fix repairs */
	FIX_UNKNOWN,		/* function or anchor not found */
};

struct tree_info {
	char *path;		/* absolute */
	char *version;		/* "5.10.44" plus EXTRAVERSION */
	unsigned int major, minor, sub;
	char *branch;		/* "5.10.y" */
	enum fix_state state;
	char *detail;		/* one line explaining the state */
	unsigned int func_line;	/* line of the function in the file */
	unsigned int anchor_line;
	char *file_sha256;	/* of upstream.file (mm/migrate.c) */
};

/*
 * Inspect @dir.  Returns 0, or -1 with a message naming the file in @msg
 * (not a kernel tree, unreadable file...).
 */
int tree_inspect(const char *dir, const struct upstream *up,
		 struct tree_info *ti, char *msg, size_t msglen);
void tree_info_free(struct tree_info *ti);
const char *fix_state_name(enum fix_state s);

/* Classify a function body (exposed for unit tests). */
enum fix_state fix_state_of(const char *file_text, const struct upstream *up,
			    unsigned int *func_line,
			    unsigned int *anchor_line);

#endif
