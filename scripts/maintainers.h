/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MAINTAINERS.txt in the kernel's MAINTAINERS format: entries separated by
 * blank lines, each a title line followed by "X:\tvalue" lines.  Tags
 * understood: M (maintainer), R (reviewer), L (mailing list), S (status),
 * W (web page), T (SCM tree), F (files), X (excluded files).  Lines
 * starting with '#' are comments.
 *
 * F:/X: patterns follow get_maintainer.pl: a trailing '/' means the
 * directory and everything below it, '*' and '?' are fnmatch(3) globs that
 * do not cross '/', and a pattern naming a leading directory of a path
 * matches the files below it.
 */
#ifndef BACKPORT_MAINTAINERS_H
#define BACKPORT_MAINTAINERS_H

#include <stdbool.h>
#include <stddef.h>

#include "patch.h"

struct maint_value {
	char *text;
	unsigned int line;
};

struct maint_entry {
	char *title;
	unsigned int line;		/* line of the title */
	struct maint_value *m, *r, *l, *f, *x, *w, *t;
	size_t nm, nr, nl, nf, nx, nw, nt;
	char *status;			/* S: value, NULL if none */
};

struct maintainers {
	char *path;			/* file it was loaded from */
	struct maint_entry *e;
	size_t n;
};

/*
 * Parse MAINTAINERS text.  Returns 0, or -1 with @err holding the 1-based
 * line and the reason; @m is left empty on failure.
 */
int maintainers_parse(const char *buf, size_t len, struct maintainers *m,
		      struct parse_error *err);
/* Read and parse @path; err->line 0 means the file could not be read. */
int maintainers_load(const char *path, struct maintainers *m,
		     struct parse_error *err);
void maintainers_free(struct maintainers *m);

/* Does F:/X: @pattern cover @path (relative, no leading "./")? */
bool maintainers_pattern_match(const char *pattern, const char *path);
/* Does @e cover @path (some F: matches, no X: matches)? */
bool maintainers_entry_covers(const struct maint_entry *e, const char *path);

/* One person or list resolved for a set of paths, get_maintainer style. */
struct maint_owner {
	char *who;		/* "Name <mail>" or "list@host" */
	char *roles;		/* "maintainer:ENTRY,reviewer:OTHER" */
	bool is_list;
};

struct maint_owners {
	struct maint_owner *v;
	size_t n;
};

/*
 * Add the owners of @path to @o (merging roles of the same address).
 * Returns the number of entries that matched.
 */
size_t maintainers_resolve(const struct maintainers *m, const char *path,
			   struct maint_owners *o);
void maint_owners_free(struct maint_owners *o);

/* The bare address of "Name <mail>" or "mail" (malloc'd, lower case). */
char *maint_address(const char *who);

#endif
