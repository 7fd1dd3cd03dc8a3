/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Looking at a kernel source tree without touching it: its version, and
 * whether it has the fix (from the fix's own diff).
 */
#ifndef BACKPORT_TREE_H
#define BACKPORT_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

/* Decided from the fix's own diff (fixdiff.h). */
enum fix_state {
	FIX_ABSENT,		/* the diff applies: not applied yet */
	FIX_PRESENT,		/* the diff reverses: applied */
	FIX_REWORKED,		/* conflicts, and the rework marker is there */
	FIX_NOT_AFFECTED,	/* older than the commit the fix repairs */
	FIX_CONFLICT,		/* a hunk neither applies nor reverses */
};

struct tree_info {
	char *path;		/* absolute */
	char *version;		/* "5.10.44" plus EXTRAVERSION */
	unsigned int major, minor, sub;
	char *branch;		/* "5.10.y" */
	enum fix_state state;
	char *detail;		/* one line explaining the state */
	unsigned int hunk_line;	/* where the first hunk stands, 0 none */
	char *file_sha256;	/* of upstream.file (mm/migrate.c) */
};

/*
 * Inspect @dir.  Returns 0, or -1 with a message naming the file in @msg
 * (not a kernel tree, unreadable file...).
 */
int tree_inspect(const char *dir, const struct upstream *up,
		 struct tree_info *ti, char *msg, size_t msglen);
void tree_info_free(struct tree_info *ti);
/*
 * The text of the file @path (relative to the tree) for the _text entry
 * points, valid until the next call; NULL with the reason in @msg.
 */
typedef const char *(*tree_text_fn)(const char *path, void *arg, char *msg,
				    size_t msglen);
/*
 * tree_inspect() on texts, no file read: the version from @makefile (the
 * Makefile's text, @mkname in messages), the fix's state from the files
 * @text_of gives.  It leaves ti->path and ti->file_sha256 NULL and does
 * not look at the git history (a conflict stays FIX_CONFLICT).
 */
int tree_inspect_text(const char *makefile, const char *mkname,
		      const struct upstream *up, tree_text_fn text_of,
		      void *arg, struct tree_info *ti, char *msg,
		      size_t msglen);
/*
 * The version of a Makefile's text, from its VERSION, PATCHLEVEL (both
 * required), SUBLEVEL and EXTRAVERSION assignments: ti->version
 * ("5.10.44" plus EXTRAVERSION), ti->branch, ti->major/minor/sub.
 * Returns 0, or -1 with @ti untouched.
 */
int tree_makefile_version(const char *makefile, struct tree_info *ti);
/*
 * The version of the tree @dir as tree_inspect() reads it from its
 * Makefile ("5.10.44" plus EXTRAVERSION), malloc'd; NULL when @dir has
 * no Makefile with VERSION and PATCHLEVEL.
 */
char *tree_version(const char *dir);
/*
 * Where each hunk of @fd lands in @dir with no offset, as "quilt push
 * --fuzz=0" would place it: the one line of its file where its pre-image
 * starts, into @lines (fd->n entries).  Returns 0, or -1 with @msg naming
 * the first hunk whose pre-image stands nowhere, in more than one place,
 * or before the end of the hunk ahead of it in the same file.
 */
int tree_place_hunks(const char *dir, const struct fix_diff *fd,
		     unsigned long *lines, char *msg, size_t msglen);
/* The same on the texts @text_of gives. */
int tree_place_hunks_text(const struct fix_diff *fd, tree_text_fn text_of,
			  void *arg, unsigned long *lines, char *msg,
			  size_t msglen);
const char *fix_state_name(enum fix_state s);

#endif
