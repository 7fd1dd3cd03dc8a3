// SPDX-License-Identifier: GPL-2.0
/*
 * Hunk headers moved to where a row records its hunks (see hunkpos.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hunkpos.h"
#include "util.h"

/*
 * Where the parts of "@@ -A[,B] +C[,D] @@..." are: A spans [old, old_end),
 * C spans [new, new_end), and the ranges end (after the second "@@") at
 * @end.  Returns 0, or -1 when @s is no hunk header.
 */
struct parts {
	size_t old, old_end, new, new_end, end;
};

static size_t digits(const char *s, size_t i)
{
	while (isdigit((unsigned char)s[i]))
		i++;
	return i;
}

/* Past ",digits" at @i, if there; 0 when the comma has no digits. */
static size_t count_end(const char *s, size_t i)
{
	size_t j;

	if (s[i] != ',')
		return i;
	j = digits(s, i + 1);
	return j == i + 1 ? 0 : j;
}

static int split_header(const char *s, struct parts *p)
{
	size_t i;

	if (strncmp(s, "@@ -", 4))
		return -1;
	p->old = 4;
	p->old_end = digits(s, 4);
	i = count_end(s, p->old_end);
	if (p->old_end == p->old || !i || strncmp(s + i, " +", 2))
		return -1;
	p->new = i + 2;
	p->new_end = digits(s, p->new);
	i = count_end(s, p->new_end);
	if (p->new_end == p->new || !i || strncmp(s + i, " @@", 3))
		return -1;
	p->end = i + 3;
	return 0;
}

void hunkpos_starts(const struct fix_hunk *h, unsigned long old_start,
		    unsigned long *old, unsigned long *new)
{
	unsigned long d;

	*old = old_start;
	if (old_start >= h->old_start) {
		*new = h->new_start + (old_start - h->old_start);
		return;
	}
	d = h->old_start - old_start;
	*new = h->new_start > d ? h->new_start - d : 0;
}

char *hunkpos_header(const struct fix_hunk *h, unsigned long old_start)
{
	const char *s = h->header;
	unsigned long old, new;
	struct parts p;

	if (split_header(s, &p))
		return xstrdup(s);
	hunkpos_starts(h, old_start, &old, &new);
	return xasprintf("%.*s%lu%.*s%lu%s", (int)p.old, s, old,
			 (int)(p.new - p.old_end), s + p.old_end, new,
			 s + p.new_end);
}

/* The hunks of @fd are those of @up: same files, same sizes. */
static int same_hunks(const struct fix_diff *fd, const struct fix_diff *up,
		      char *msg, size_t msglen)
{
	size_t i;

	if (fd->n != up->n) {
		snprintf(msg, msglen, "the diff has %zu hunks, the fix %zu",
			 fd->n, up->n);
		return -1;
	}
	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *a = &fd->h[i], *b = &up->h[i];

		if (strcmp(a->path, b->path) || a->old_count != b->old_count ||
		    a->new_count != b->new_count) {
			snprintf(msg, msglen,
				 "hunk %zu (%s %s) is not the fix's (%s %s)",
				 i + 1, a->path, a->header, b->path,
				 b->header);
			return -1;
		}
	}
	return 0;
}

char *hunkpos_apply(const char *text, const struct fix_diff *up,
		    const struct branch *b, char *msg, size_t msglen)
{
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct fix_diff fd;
	const char *p, *eol;
	unsigned int no = 1;
	size_t k = 0;

	if (!b->nhunks)
		return xstrdup(text);
	if (fixdiff_parse(text, 1, &fd, &err)) {
		snprintf(msg, msglen, "line %u: %s", err.line, err.msg);
		return NULL;
	}
	if (b->nhunks != up->n)
		snprintf(msg, msglen, "%s records %zu hunks, the fix has %zu",
			 b->name, b->nhunks, up->n);
	if (b->nhunks != up->n || same_hunks(&fd, up, msg, msglen)) {
		fixdiff_free(&fd);
		return NULL;
	}
	for (p = text; *p; p = eol, no++) {
		eol = strchrnul(p, '\n');
		if (*eol)
			eol++;
		if (k < fd.n && no == fd.h[k].line) {
			char *h = hunkpos_header(&fd.h[k],
						 b->hunks[k].old_start);

			sb_addf(&sb, "%s%s", h, eol[-1] == '\n' ? "\n" : "");
			free(h);
			k++;
			continue;
		}
		sb_add(&sb, p, (size_t)(eol - p));
	}
	fixdiff_free(&fd);
	return sb_detach(&sb);
}

int hunkpos_check(const struct patch *p, const struct fix_diff *up,
		  const struct branch *b, struct hunkpos_miss *m)
{
	size_t i, j, k = 0;

	for (i = 0; i < p->nfiles; i++)
		k += p->files[i].nhunks;
	if (k != b->nhunks || k != up->n)
		return -1;
	for (i = 0, k = 0; i < p->nfiles; i++) {
		for (j = 0; j < p->files[i].nhunks; j++, k++) {
			const struct hunk *h = &p->files[i].hunks[j];

			memset(m, 0, sizeof(*m));
			hunkpos_starts(&up->h[k], b->hunks[k].old_start,
				       &m->want_old, &m->want_new);
			if (h->old_start == m->want_old &&
			    h->new_start == m->want_new)
				continue;
			m->index = (unsigned int)k + 1;
			m->file = up->h[k].path;
			m->line = h->line;
			m->old_start = h->old_start;
			m->new_start = h->new_start;
			return 1;
		}
	}
	return 0;
}

/* @s without its two start numbers: "@@ -,6 +,7 @@ section". */
static char *skeleton(const char *s)
{
	struct parts p;

	if (split_header(s, &p))
		return xstrdup(s);
	return xasprintf("%.*s%.*s%s", (int)p.old, s,
			 (int)(p.new - p.old_end), s + p.old_end, s + p.new_end);
}

bool hunkpos_numbers_only(const char *a, const char *b)
{
	struct parts pa, pb;
	char *sa, *sb;
	bool r;

	if (split_header(a, &pa) || split_header(b, &pb))
		return false;
	sa = skeleton(a);
	sb = skeleton(b);
	r = !strcmp(sa, sb);
	free(sa);
	free(sb);
	return r;
}

char *hunkpos_range(const char *header)
{
	struct parts p;

	if (split_header(header, &p))
		return xstrdup(header);
	return xstrndup(header, p.end);
}

size_t hunkpos_moves(const struct fix_diff *up, const struct fix_diff *port,
		     const struct branch *b, struct hunk_move **out)
{
	size_t i, n = 0;

	*out = NULL;
	for (i = 0; port->n == up->n && i < port->n; i++) {
		const struct fix_hunk *a = &up->h[i], *c = &port->h[i];
		struct hunk_move *m;
		char *want;

		if (strcmp(a->path, c->path) || !strcmp(a->header, c->header) ||
		    !hunkpos_numbers_only(a->header, c->header))
			continue;
		*out = xrealloc(*out, (n + 1) * sizeof(**out));
		m = &(*out)[n++];
		m->index = a->index;
		m->file = xstrdup(a->path);
		m->up = xstrdup(a->header);
		m->port = xstrdup(c->header);
		want = b->nhunks == up->n ?
		       hunkpos_header(a, b->hunks[i].old_start) : NULL;
		m->intended = want ? !strcmp(want, c->header) : !!b->optional;
		free(want);
	}
	return n;
}

void hunkpos_moves_free(struct hunk_move *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(m[i].file);
		free(m[i].up);
		free(m[i].port);
	}
	free(m);
}

char *hunkpos_move_text(const struct branch *b, const struct hunk_move *m)
{
	char *a = hunkpos_range(m->up), *c = hunkpos_range(m->port), *r;
	char *why;

	if (!m->intended)
		why = xstrdup("not where configs/branches.json records it");
	else if (b->nhunks)
		why = xasprintf("refreshed against %s", b->release);
	else
		why = xstrdup("refreshed by hand, no record in configs/branches.json");
	r = xasprintf("hunk %u of %s: upstream %s, port %s (%s): line numbers only",
		      m->index, m->file, a, c, why);
	free(a);
	free(c);
	free(why);
	return r;
}
