/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A port made for its branch: where the fix's hunks land in the row's
 * release is recorded in configs/branches.json ("hunks", struct
 * hunk_pos), and the port's hunk headers say so.  Moving a hunk changes
 * the two start numbers of its "@@ -a,b +c,d @@" header by the same
 * amount and nothing else: the counts, the function context and every
 * line of the hunk stay upstream's (so does "git patch-id", which ignores
 * line numbers).  Pure functions, unit-tested and fuzzed.
 */
#ifndef BACKPORT_HUNKPOS_H
#define BACKPORT_HUNKPOS_H

#include <stdbool.h>
#include <stddef.h>

#include "fixdiff.h"
#include "table.h"

/*
 * Where hunk @h goes when its pre-image starts at line @old_start: the
 * old and new start numbers of its header there.
 */
void hunkpos_starts(const struct fix_hunk *h, unsigned long old_start,
		    unsigned long *old, unsigned long *new);

/*
 * The header of @h moved so that its pre-image starts at @old_start
 * (malloc'd); byte for byte the same as h->header apart from the two
 * start numbers.
 */
char *hunkpos_header(const struct fix_hunk *h, unsigned long old_start);

/*
 * @text (the "---" part of a mail, or a whole mail) whose diff is @up,
 * with every hunk header moved to the row @b's record (a copy when @b
 * records none).  NULL, with @msg filled, when the hunks of @text are
 * not those of @up (another count, file or size).
 */
char *hunkpos_apply(const char *text, const struct fix_diff *up,
		    const struct branch *b, char *msg, size_t msglen);

/*
 * Whether the hunk headers @a and @b differ at most in their two start
 * numbers (counts and function context equal).
 */
bool hunkpos_numbers_only(const char *a, const char *b);

/* A hunk of a port that is not where its row records it. */
struct hunkpos_miss {
	unsigned int index;	/* 1-based, over the whole diff */
	const char *file;
	unsigned int line;	/* of its header in the patch */
	unsigned long old_start, new_start;	/* the port's */
	unsigned long want_old, want_new;	/* where the record puts it */
};

/*
 * Check the hunks of the port @p (of the fix @up) against row @b's
 * record.  Returns 0 when every one starts where recorded, 1 with @m
 * filled for the first that does not, -1 when @p has another number of
 * hunks than the record.
 */
int hunkpos_check(const struct patch *p, const struct fix_diff *up,
		  const struct branch *b, struct hunkpos_miss *m);

/* A hunk whose header the port changed in its start numbers only. */
struct hunk_move {
	unsigned int index;	/* 1-based, over the whole diff */
	char *file;
	char *up, *port;	/* upstream's header and the port's */
	/*
	 * Where the row's record puts it; in a hand-kept optional series,
	 * which records none, any such refresh is.
	 */
	bool intended;
};

/*
 * The hunks of @port (a port's diff) whose headers differ from those of
 * the fix @up in their start numbers and nothing else, for row @b, into
 * a malloc'd array in *@out; their count.  None when the two diffs have
 * different hunks.
 */
size_t hunkpos_moves(const struct fix_diff *up, const struct fix_diff *port,
		     const struct branch *b, struct hunk_move **out);
void hunkpos_moves_free(struct hunk_move *m, size_t n);
/*
 * "hunk 1 of mm/migrate.c: upstream @@ -295,6 +295,7 @@, port @@ -326,6
 * +326,7 @@ (refreshed against 5.10.46): line numbers only" (malloc'd).
 */
char *hunkpos_move_text(const struct branch *b, const struct hunk_move *m);

/* "@@ -a,b +c,d @@" of a header, without its section (malloc'd). */
char *hunkpos_range(const char *header);

#endif
