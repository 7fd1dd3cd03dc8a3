/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The line reader the mail and patch parsers (mbox.c, mailhdr.c, diff.c,
 * patch.c) share.  Internal to them: not part of the patch.h interface.
 */
#ifndef BACKPORT_LINES_H
#define BACKPORT_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* A cursor over the input, one line at a time. */
struct lines {
	const char *buf;
	size_t len;
	size_t pos;		/* offset of the next line */
	unsigned int no;	/* number of the next line */
};

struct line {
	const char *s;
	size_t len;		/* without the newline */
	size_t off;
	unsigned int no;
};

static inline bool next_line(struct lines *ls, struct line *l)
{
	const char *nl;

	if (ls->pos >= ls->len)
		return false;
	l->s = ls->buf + ls->pos;
	l->off = ls->pos;
	l->no = ls->no++;
	nl = memchr(l->s, '\n', ls->len - ls->pos);
	l->len = nl ? (size_t)(nl - l->s) : ls->len - ls->pos;
	ls->pos += l->len + (nl ? 1 : 0);
	return true;
}

static inline bool peek_line(const struct lines *ls, struct line *l)
{
	struct lines copy = *ls;

	return next_line(&copy, l);
}

static inline bool line_is(const struct line *l, const char *s)
{
	size_t n = strlen(s);

	return l->len == n && !memcmp(l->s, s, n);
}

static inline bool line_starts(const struct line *l, const char *s)
{
	size_t n = strlen(s);

	return l->len >= n && !memcmp(l->s, s, n);
}

static inline bool line_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

#endif
