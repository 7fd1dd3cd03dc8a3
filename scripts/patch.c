// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing a mail-format patch: its headers and message (mailhdr.c), then
 * its diff (diff.c).  mbox.c splits an mbox into such messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "mailhdr.h"
#include "patch.h"
#include "util.h"

/* @l may be peeked or already read: look at the line after it. */
static bool is_diff_start(const struct lines *ls, const struct line *l)
{
	struct lines after = *ls;
	struct line nx;

	if (line_starts(l, "diff --git ") || line_starts(l, "Index: "))
		return true;
	after.pos = l->off + l->len + 1;
	after.no = l->no + 1;
	if (line_starts(l, "--- ") && next_line(&after, &nx) &&
	    line_starts(&nx, "+++ "))
		return true;
	return false;
}

int patch_parse(const char *buf, size_t len, struct patch *p,
		struct parse_error *err)
{
	return patch_parse_at(buf, len, 1, p, err);
}

/* The author, subject, date and Message-Id from the mail headers. */
static int header_fields(struct patch *p, unsigned int first_line,
			 struct parse_error *err)
{
	const struct mail_header *h;

	h = patch_header(p, "From");
	if (!h)
		return parse_fail(err, first_line, "no \"From:\" header (author)");
	p->author = xstrdup(h->value);
	p->author_line = h->line;
	h = patch_header(p, "Subject");
	if (!h || !*h->value)
		return parse_fail(err, first_line, "no \"Subject:\" header");
	p->raw_subject = xstrdup(h->value);
	p->subject = subject_strip(h->value);
	h = patch_header(p, "Date");
	if (h)
		p->date = xstrdup(h->value);
	h = patch_header(p, "Message-Id");
	if (h) {
		const char *v = h->value;
		size_t n = strlen(v);

		if (n >= 2 && v[0] == '<' && v[n - 1] == '>')
			p->message_id = xstrndup(v + 1, n - 2);
		else
			p->message_id = xstrdup(v);
	}
	return 0;
}

/* The commit message, up to "---" or the diff, and its trailers. */
static void read_message(struct lines *ls, struct patch *p)
{
	struct strbuf msg = STRBUF_INIT;
	struct line l;

	p->message_line = ls->no;
	while (peek_line(ls, &l)) {
		if (line_is(&l, "---") || is_diff_start(ls, &l))
			break;
		next_line(ls, &l);
		if (!p->first_line && !line_blank(&l)) {
			p->first_line = xstrndup(l.s, l.len);
			p->first_line_no = l.no;
		}
		sb_add(&msg, l.s, l.len);
		sb_addc(&msg, '\n');
	}
	p->message = sb_detach(&msg);
	mail_parse_trailers(p);
}

/* Past the notes after "---" (diffstat etc.), the diff to the end. */
static int read_diff(struct lines *ls, unsigned int first_line,
		     struct patch *p, struct parse_error *err)
{
	struct line l;

	while (peek_line(ls, &l) && !is_diff_start(ls, &l))
		next_line(ls, &l);
	if (!peek_line(ls, &l))
		return parse_fail(err,
				  ls->no > first_line ? ls->no - 1 : first_line,
				  "no diff found (expected \"diff --git\" or \"---\"/\"+++\" lines)");
	p->diff_line = l.no;
	p->diff_offset = l.off;
	p->diff = xstrndup(ls->buf + l.off, ls->len - l.off);
	return diff_parse(ls->buf + l.off, ls->len - l.off, l.no, p, err);
}

int patch_parse_at(const char *buf, size_t len, unsigned int first_line,
		   struct patch *p, struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = first_line };
	struct line first;

	memset(p, 0, sizeof(*p));
	memset(err, 0, sizeof(*err));
	if (text_check(buf, len, err)) {
		err->line += first_line - 1;
		return -1;
	}
	if (mbox_check_one(buf, len, first_line, err))
		return -1;
	if (peek_line(&ls, &first) && line_starts(&first, "From ") &&
	    !line_starts(&first, "From: "))
		next_line(&ls, &first);	/* mbox separator */
	if (mail_parse_headers(&ls, p, err) ||
	    header_fields(p, first_line, err))
		goto bad;

	mail_parse_inbody(&ls, p);
	if (p->subject && strchr(p->subject, '[')) {
		char *s = subject_strip(p->subject);

		free(p->subject);
		p->subject = s;
	}
	read_message(&ls, p);
	if (read_diff(&ls, first_line, p, err))
		goto bad;
	return 0;
bad:
	patch_free(p);
	return -1;
}

void patch_free(struct patch *p)
{
	size_t i, j;

	for (i = 0; i < p->nhdrs; i++) {
		free(p->hdrs[i].name);
		free(p->hdrs[i].value);
	}
	free(p->hdrs);
	for (i = 0; i < p->ntrailers; i++) {
		free(p->trailers[i].key);
		free(p->trailers[i].value);
	}
	free(p->trailers);
	for (i = 0; i < p->nfiles; i++) {
		for (j = 0; j < p->files[i].nhunks; j++)
			free(p->files[i].hunks[j].section);
		free(p->files[i].hunks);
		free(p->files[i].old_path);
		free(p->files[i].new_path);
	}
	free(p->files);
	free(p->author);
	free(p->date);
	free(p->subject);
	free(p->raw_subject);
	free(p->message_id);
	free(p->message);
	free(p->first_line);
	free(p->diff);
	memset(p, 0, sizeof(*p));
}
