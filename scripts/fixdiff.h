/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whether a tree has a fix, decided from the fix's own diff, the way
 * "quilt push --fuzz=0" would: a hunk whose post-image (its context and
 * added lines) stands in the file is applied (the diff reverses there), a
 * hunk whose pre-image (its context and removed lines) stands there is
 * not applied yet (the diff applies), and a hunk with neither conflicts
 * with the tree.  Lines compare byte for byte; offsets are allowed, fuzz
 * is not.  Pure functions, unit-tested and fuzzed.
 */
#ifndef BACKPORT_FIXDIFF_H
#define BACKPORT_FIXDIFF_H

#include <stddef.h>

#include "patch.h"
#include "util.h"

enum hunk_state {
	HUNK_ABSENT,		/* pre-image found: the hunk applies */
	HUNK_APPLIED,		/* post-image found: the hunk reverses */
	HUNK_CONFLICT,		/* neither */
};

struct fix_hunk {
	char *path;		/* the file it changes */
	char *header;		/* its "@@ -a,b +c,d @@ section" line */
	char *section;		/* the header's text after the second "@@" */
	unsigned int index;	/* 1-based, over the whole diff */
	unsigned int line;	/* line of the header in the diff text */
	unsigned long old_start, old_count;	/* the header's numbers */
	unsigned long new_start, new_count;
	struct strvec pre;	/* context and removed lines */
	struct strvec post;	/* context and added lines */
	char *anchor;		/* context line before the first change, trimmed */
	char *first_added;	/* first added line, trimmed, or NULL */
};

struct fix_diff {
	struct fix_hunk *h;
	size_t n;
	struct strvec files;	/* the files it changes, in diff order */
};

/*
 * Parse the unified diff @diff (the diff part of a mail; what follows the
 * last hunk, such as a "-- " signature, is ignored).  @first_line is the
 * line @diff starts at in its file, for messages.  Returns 0, or -1 with
 * @err filled.
 */
int fixdiff_parse(const char *diff, unsigned int first_line,
		  struct fix_diff *fd, struct parse_error *err);
void fixdiff_free(struct fix_diff *fd);

/*
 * Where hunk @h stands in the file text @text: its state and the 1-based
 * line of the file where its image starts (0 for a conflict).
 */
enum hunk_state fixdiff_hunk_state(const struct fix_hunk *h,
				   const char *text, unsigned long *line);

/*
 * Every line of the file text @text where the pre-image of @h starts:
 * how many there are, the first and the second (0 when none).  Where
 * "quilt push --fuzz=0" puts the hunk with no offset is the one line
 * when there is exactly one.
 */
unsigned long fixdiff_pre_places(const struct fix_hunk *h, const char *text,
				 unsigned long *first, unsigned long *second);

#endif
