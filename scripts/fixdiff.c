// SPDX-License-Identifier: GPL-2.0
/*
 * A fix's diff against a tree's files (see fixdiff.h).
 */
#include <stdlib.h>
#include <string.h>

#include "fixdiff.h"

static void hunk_free(struct fix_hunk *h)
{
	free(h->path);
	free(h->header);
	free(h->section);
	free(h->anchor);
	free(h->first_added);
	sv_clear(&h->pre);
	sv_clear(&h->post);
}

void fixdiff_free(struct fix_diff *fd)
{
	size_t i;

	for (i = 0; i < fd->n; i++)
		hunk_free(&fd->h[i]);
	free(fd->h);
	sv_clear(&fd->files);
	memset(fd, 0, sizeof(*fd));
}

static char *trimmed(const char *s)
{
	char *d = xstrdup(s), *t = trim(d), *r = xstrdup(t);

	free(d);
	return r;
}

/* One body line of the current hunk; -1 when it is not one. */
static int body_line(struct fix_hunk *h, const char *s, unsigned long *old,
		     unsigned long *new, const char **prev)
{
	switch (s[0]) {
	case ' ':
		if (!*old || !*new)
			return -1;
		sv_push(&h->pre, s + 1);
		sv_push(&h->post, s + 1);
		(*old)--;
		(*new)--;
		*prev = s + 1;
		return 0;
	case '-':
		if (!*old)
			return -1;
		sv_push(&h->pre, s + 1);
		(*old)--;
		break;
	case '+':
		if (!*new)
			return -1;
		sv_push(&h->post, s + 1);
		(*new)--;
		if (!h->first_added)
			h->first_added = trimmed(s + 1);
		break;
	default:
		return -1;
	}
	if (!h->anchor)
		h->anchor = trimmed(*prev ? *prev : "");
	return 0;
}

struct walk {
	struct fix_diff *fd;
	char *path;		/* of the file being read */
	struct fix_hunk *cur;
	unsigned long old, new;	/* lines the current hunk still has */
	const char *prev;	/* last context line of the current hunk */
};

static int start_hunk(struct walk *w, const char *s, unsigned int no,
		      struct parse_error *err)
{
	struct fix_diff *fd = w->fd;
	struct hunk hk;

	if (!w->path)
		return parse_fail(err, no, "hunk before any +++ line");
	if (diff_hunk_header(s, strlen(s), no, &hk))
		return parse_fail(err, no, "malformed hunk header");
	w->old = hk.old_count;
	w->new = hk.new_count;
	fd->h = xrealloc(fd->h, (fd->n + 1) * sizeof(*fd->h));
	w->cur = &fd->h[fd->n++];
	memset(w->cur, 0, sizeof(*w->cur));
	w->cur->path = xstrdup(w->path);
	w->cur->header = xstrdup(s);
	w->cur->section = hk.section;
	w->cur->old_start = hk.old_start;
	w->cur->old_count = hk.old_count;
	w->cur->new_start = hk.new_start;
	w->cur->new_count = hk.new_count;
	w->cur->index = (unsigned int)fd->n;
	w->cur->line = no;
	w->prev = NULL;
	return 0;
}

static int walk_line(struct walk *w, char *s, unsigned int no,
		     struct parse_error *err)
{
	if (w->cur && (w->old || w->new)) {
		if (s[0] == '\\')
			return 0;
		if (body_line(w->cur, s, &w->old, &w->new, &w->prev))
			return parse_fail(err, no, "hunk %u ends early",
					  w->cur->index);
		return 0;
	}
	w->cur = NULL;
	if (!strncmp(s, "+++ ", 4)) {
		const char *p = s + 4;

		free(w->path);
		w->path = NULL;
		if (!strcmp(p, "/dev/null"))
			return 0;
		w->path = xstrdup(starts_with(p, "b/") ? p + 2 : p);
		sv_push(&w->fd->files, w->path);
		return 0;
	}
	if (!strncmp(s, "@@ ", 3))
		return start_hunk(w, s, no, err);
	return 0;
}

int fixdiff_parse(const char *diff, unsigned int first_line,
		  struct fix_diff *fd, struct parse_error *err)
{
	char *buf = xstrdup(diff), *s, *save = NULL;
	struct walk w = { .fd = fd };
	unsigned int no = first_line;
	int ret = 0;

	memset(fd, 0, sizeof(*fd));
	memset(err, 0, sizeof(*err));
	for (s = buf; s && !ret; s = save, no++) {
		save = strchr(s, '\n');
		if (save)
			*save++ = '\0';
		else if (!*s)
			break;
		ret = walk_line(&w, s, no, err);
	}
	if (!ret && w.cur && (w.old || w.new))
		ret = parse_fail(err, no, "hunk %u ends early", w.cur->index);
	if (!ret && !fd->n)
		ret = parse_fail(err, first_line, "the diff has no hunk");
	free(w.path);
	free(buf);
	if (ret)
		fixdiff_free(fd);
	return ret;
}

/*
 * The 1-based line, @from or later, where @lines stand in @text one after
 * another, or 0.
 */
static unsigned long find_block_from(const char *text,
				     const struct strvec *lines,
				     unsigned long from)
{
	const char *p;
	unsigned long no = 1;

	if (!lines->n)
		return 0;
	for (p = text; p && *p; no++) {
		const char *q = p, *eol;
		size_t i;

		for (i = 0; no >= from && i < lines->n && q; i++) {
			size_t len = strlen(lines->v[i]);

			eol = strchr(q, '\n');
			if ((size_t)(eol ? eol - q : (long)strlen(q)) != len ||
			    memcmp(q, lines->v[i], len))
				break;
			q = eol ? eol + 1 : NULL;
		}
		if (no >= from && i == lines->n)
			return no;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

static unsigned long find_block(const char *text, const struct strvec *lines)
{
	return find_block_from(text, lines, 1);
}

enum hunk_state fixdiff_hunk_state(const struct fix_hunk *h,
				   const char *text, unsigned long *line)
{
	*line = find_block(text, &h->post);
	if (*line)
		return HUNK_APPLIED;
	*line = find_block(text, &h->pre);
	return *line ? HUNK_ABSENT : HUNK_CONFLICT;
}

unsigned long fixdiff_pre_places(const struct fix_hunk *h, const char *text,
				 unsigned long *first, unsigned long *second)
{
	unsigned long n = 0, at = 0, l;

	*first = *second = 0;
	while ((l = find_block_from(text, &h->pre, at + 1))) {
		if (!n)
			*first = l;
		else if (n == 1)
			*second = l;
		n++;
		at = l;
	}
	return n;
}
