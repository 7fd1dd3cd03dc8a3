// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing the unified diff of a patch: its files, and each hunk's header
 * checked against the lines the hunk really has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "patch.h"
#include "util.h"

/* Strip "a/" or "b/" and any trailing tab + timestamp. */
static char *diff_path(const char *s, size_t len)
{
	const char *tab = memchr(s, '\t', len);

	if (tab)
		len = (size_t)(tab - s);
	if (len >= 2 && (s[0] == 'a' || s[0] == 'b') && s[1] == '/') {
		s += 2;
		len -= 2;
	}
	return xstrndup(s, len);
}

static int parse_range(const char **sp, unsigned long *start,
		       unsigned long *count)
{
	char *end;

	*start = strtoul(*sp, &end, 10);
	if (end == *sp)
		return -1;
	*count = 1;
	if (*end == ',') {
		const char *c = end + 1;

		*count = strtoul(c, &end, 10);
		if (end == c)
			return -1;
	}
	*sp = end;
	return 0;
}

static int parse_hunk_header(const struct line *l, struct hunk *h)
{
	char *hdr = xstrndup(l->s, l->len);
	const char *s = hdr + 3;
	const char *sec;
	int ret = -1;

	memset(h, 0, sizeof(*h));
	h->line = l->no;
	if (*s++ != '-' || parse_range(&s, &h->old_start, &h->old_count))
		goto out;
	if (*s++ != ' ' || *s++ != '+' ||
	    parse_range(&s, &h->new_start, &h->new_count))
		goto out;
	if (strncmp(s, " @@", 3))
		goto out;
	sec = s + 3;
	while (*sec == ' ')
		sec++;
	h->section = xstrdup(sec);
	ret = 0;
out:
	free(hdr);
	return ret;
}

int diff_hunk_header(const char *s, size_t len, unsigned int no,
		     struct hunk *h)
{
	struct line l = { .s = s, .len = len, .no = no };

	return parse_hunk_header(&l, h);
}

static struct file_diff *add_file(struct patch *p, unsigned int line)
{
	struct file_diff *f;

	p->files = xrealloc(p->files, (p->nfiles + 1) * sizeof(*p->files));
	f = &p->files[p->nfiles++];
	memset(f, 0, sizeof(*f));
	f->line = line;
	return f;
}

static int parse_hunk_body(struct lines *ls, struct hunk *h,
			   struct parse_error *err)
{
	unsigned long old_left = h->old_count, new_left = h->new_count;
	struct line l;

	while (old_left || new_left) {
		if (!next_line(ls, &l))
			return parse_fail(err, h->line,
				    "truncated hunk: file ends with %lu old and %lu new lines of this hunk missing",
				    old_left, new_left);
		if (l.len == 0 || l.s[0] == ' ') {
			if (!old_left || !new_left)
				return parse_fail(err, l.no,
					    "hunk has more context lines than its @@ header counts");
			old_left--;
			new_left--;
		} else if (l.s[0] == '-') {
			if (!old_left)
				return parse_fail(err, l.no,
					    "hunk has more removed lines than its @@ header counts");
			old_left--;
			h->removed++;
		} else if (l.s[0] == '+') {
			if (!new_left)
				return parse_fail(err, l.no,
					    "hunk has more added lines than its @@ header counts");
			new_left--;
			h->added++;
		} else if (l.s[0] == '\\') {
			continue;
		} else {
			return parse_fail(err, l.no,
				    "unexpected line inside a hunk (%lu old, %lu new lines still expected)",
				    old_left, new_left);
		}
	}
	/* "\ No newline at end of file" after the last line. */
	if (peek_line(ls, &l) && l.len && l.s[0] == '\\')
		next_line(ls, &l);
	/* A diff line right after the counted ones: the counts are wrong. */
	if (peek_line(ls, &l) && l.len && !line_is(&l, "-- ") &&
	    !line_starts(&l, "--- ") &&
	    (l.s[0] == '+' || l.s[0] == '-' || l.s[0] == ' '))
		return parse_fail(err, l.no,
			    "hunk has more lines than its @@ header counts");
	return 0;
}

int diff_parse(const char *buf, size_t len, unsigned int first_line,
	       struct patch *p, struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = first_line };
	struct file_diff *f = NULL;
	struct line l;
	size_t i, total = 0;

	while (next_line(&ls, &l)) {
		if (line_is(&l, "-- ") || line_is(&l, "--"))
			break;	/* mail signature: end of the patch */
		if (line_starts(&l, "diff --git ")) {
			f = add_file(p, l.no);
			f->git_header = true;
			continue;
		}
		if (line_starts(&l, "--- ")) {
			struct line nx;

			if (!next_line(&ls, &nx) || !line_starts(&nx, "+++ "))
				return parse_fail(err, l.no,
					    "\"---\" file line not followed by \"+++\"");
			if (!f || f->old_path)
				f = add_file(p, l.no);
			f->old_path = diff_path(l.s + 4, l.len - 4);
			f->new_path = diff_path(nx.s + 4, nx.len - 4);
			continue;
		}
		if (line_starts(&l, "@@ ")) {
			struct hunk h;

			if (!f || !f->old_path)
				return parse_fail(err, l.no,
					    "hunk without \"---\"/\"+++\" file lines");
			if (parse_hunk_header(&l, &h))
				return parse_fail(err, l.no, "malformed hunk header");
			if (parse_hunk_body(&ls, &h, err)) {
				free(h.section);
				return -1;
			}
			f->hunks = xrealloc(f->hunks, (f->nhunks + 1) *
					    sizeof(*f->hunks));
			f->hunks[f->nhunks++] = h;
			continue;
		}
		/* Extended git headers and text between files are ignored. */
	}
	for (i = 0; i < p->nfiles; i++) {
		f = &p->files[i];
		if (!f->old_path && f->git_header)
			continue;	/* mode change or binary: no hunks */
		if (!f->nhunks)
			return parse_fail(err, f->line, "file diff has no hunks");
		total += f->nhunks;
	}
	if (!total)
		return parse_fail(err, first_line, "no hunks found in the diff");
	return 0;
}
