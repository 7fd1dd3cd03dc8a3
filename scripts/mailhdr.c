// SPDX-License-Identifier: GPL-2.0
/*
 * The mail part of a mail-format patch: the mail headers (unfolded), the
 * in-body From:/Date:/Subject: block, and the trailers of the message.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "mailhdr.h"
#include "patch.h"
#include "util.h"

/* "Name: value" with a name of printable, non-space characters. */
static size_t header_name_len(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->s[i];

		if (c == ':')
			return i > 0 ? i : 0;
		if (c <= 32 || c >= 127)
			return 0;
	}
	return 0;
}

static char *line_dup_trim(const char *s, size_t len)
{
	char *d = xstrndup(s, len), *t = trim(d);

	if (t != d)
		memmove(d, t, strlen(t) + 1);
	return d;
}

static void add_header(struct patch *p, const struct line *l, size_t nlen)
{
	struct mail_header *h;

	p->hdrs = xrealloc(p->hdrs, (p->nhdrs + 1) * sizeof(*p->hdrs));
	h = &p->hdrs[p->nhdrs++];
	h->name = xstrndup(l->s, nlen);
	h->value = line_dup_trim(l->s + nlen + 1, l->len - nlen - 1);
	h->line = l->no;
}

static void fold_into(char **value, const struct line *l)
{
	char *cont = line_dup_trim(l->s, l->len);
	char *joined = xasprintf("%s%s%s", *value, **value ? " " : "", cont);

	free(cont);
	free(*value);
	*value = joined;
}

/* Mail headers up to the first blank line; folded lines are unfolded. */
int mail_parse_headers(struct lines *ls, struct patch *p,
		       struct parse_error *err)
{
	struct line l;

	while (next_line(ls, &l)) {
		size_t nlen;

		if (l.len == 0)
			return 0;
		if (l.s[0] == ' ' || l.s[0] == '\t') {
			if (!p->nhdrs)
				return parse_fail(err, l.no,
					    "continuation line before any header");
			fold_into(&p->hdrs[p->nhdrs - 1].value, &l);
			continue;
		}
		nlen = header_name_len(&l);
		if (!nlen) {
			if (!p->nhdrs)
				return parse_fail(err, l.no,
					    "not a mail header; a patch starts with headers such as \"From:\" and \"Subject:\"");
			return parse_fail(err, l.no,
				    "malformed header line (no blank line between headers and body?)");
		}
		add_header(p, &l, nlen);
	}
	if (!p->nhdrs)
		return parse_fail(err, 0, "empty input: no mail headers");
	return parse_fail(err, ls->no - 1, "headers end without a body");
}

const struct mail_header *patch_header(const struct patch *p,
				       const char *name)
{
	size_t i;

	for (i = 0; i < p->nhdrs; i++)
		if (!strcasecmp(p->hdrs[i].name, name))
			return &p->hdrs[i];
	return NULL;
}

char *subject_strip(const char *subject)
{
	const char *s = subject;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncasecmp(s, "re:", 3)) {
			s += 3;
			continue;
		}
		if (*s == '[') {
			const char *e = strchr(s, ']');

			if (!e)
				break;
			s = e + 1;
			continue;
		}
		break;
	}
	return line_dup_trim(s, strlen(s));
}

static bool is_trailer_line(const char *s, size_t len, size_t *klen)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == ':')
			break;
		if (!isalnum((unsigned char)c) && c != '-')
			return false;
	}
	if (i == 0 || i >= len || i + 1 >= len || s[i + 1] != ' ')
		return false;
	*klen = i;
	return true;
}

/* The last paragraph of the message, if it is made of trailers. */
void mail_parse_trailers(struct patch *p)
{
	char *msg = p->message;
	size_t n = strlen(msg), start, i;
	unsigned int no;
	char *line, *save = NULL, *copy;
	bool any = false;

	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	start = n;
	while (start > 0) {
		if (start >= 2 && msg[start - 1] == '\n' &&
		    msg[start - 2] == '\n')
			break;
		start--;
	}
	/* A message that starts with one blank line: not in the block. */
	while (start < n && msg[start] == '\n')
		start++;
	no = p->message_line;
	for (i = 0; i < start; i++)
		if (msg[i] == '\n')
			no++;
	copy = xstrndup(msg + start, n - start);
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), no++) {
		size_t klen;
		struct trailer *t;

		if ((line[0] == ' ' || line[0] == '\t') && p->ntrailers) {
			t = &p->trailers[p->ntrailers - 1];
			t->wrapped = true;
			fold_into(&t->value, &(struct line){ .s = line,
				  .len = strlen(line) });
			continue;
		}
		if (line[0] == '[')
			continue;	/* "[ name: backport note ]" */
		if (!is_trailer_line(line, strlen(line), &klen)) {
			/* Not a trailer block after all. */
			if (!any)
				break;
			/* A wrapped value without indentation. */
			if (p->ntrailers) {
				t = &p->trailers[p->ntrailers - 1];
				t->wrapped = true;
				fold_into(&t->value, &(struct line){ .s = line,
					  .len = strlen(line) });
			}
			continue;
		}
		any = true;
		p->trailers = xrealloc(p->trailers, (p->ntrailers + 1) *
				       sizeof(*p->trailers));
		t = &p->trailers[p->ntrailers++];
		t->key = xstrndup(line, klen);
		t->value = line_dup_trim(line + klen + 1,
					 strlen(line) - klen - 1);
		t->line = no;
		t->wrapped = false;
	}
	free(copy);
}

int mail_parse_inbody(struct lines *ls, struct patch *p)
{
	struct line l;
	bool any = false;

	/* Skip leading blank lines. */
	while (peek_line(ls, &l) && line_blank(&l))
		next_line(ls, &l);
	while (peek_line(ls, &l)) {
		char **dst = NULL;
		size_t skip = 0;

		if (line_starts(&l, "From: ")) {
			dst = &p->author;
			skip = 6;
			p->inbody_from = true;
			p->author_line = l.no;
		} else if (line_starts(&l, "Date: ")) {
			dst = &p->date;
			skip = 6;
		} else if (line_starts(&l, "Subject: ")) {
			dst = &p->subject;
			skip = 9;
		} else {
			break;
		}
		next_line(ls, &l);
		free(*dst);
		*dst = line_dup_trim(l.s + skip, l.len - skip);
		any = true;
	}
	if (any) {
		while (peek_line(ls, &l) && line_blank(&l))
			next_line(ls, &l);
	}
	return 0;
}
