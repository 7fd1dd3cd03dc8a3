// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of mbox files, mail-format patches and unified diffs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"
#include "util.h"

int parse_fail(struct parse_error *err, unsigned int line,
	       const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

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

static bool next_line(struct lines *ls, struct line *l)
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

static bool peek_line(const struct lines *ls, struct line *l)
{
	struct lines copy = *ls;

	return next_line(&copy, l);
}

static bool line_is(const struct line *l, const char *s)
{
	size_t n = strlen(s);

	return l->len == n && !memcmp(l->s, s, n);
}

static bool line_starts(const struct line *l, const char *s)
{
	size_t n = strlen(s);

	return l->len >= n && !memcmp(l->s, s, n);
}

static bool line_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

int text_check(const char *buf, size_t len, struct parse_error *err)
{
	unsigned int no = 1;
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\0')
			return parse_fail(err, no,
				    "NUL byte at column %zu: binary data, not a text patch",
				    i - start + 1);
		if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] == '\n'))
			return parse_fail(err, no,
				    "CRLF line ending; convert the file with dos2unix");
		if (buf[i] == '\n') {
			no++;
			start = i + 1;
			continue;
		}
		if (i - start >= PATCH_MAX_LINE)
			return parse_fail(err, no, "line longer than %d bytes",
				    PATCH_MAX_LINE);
	}
	return 0;
}

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
static int parse_headers(struct lines *ls, struct patch *p,
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
static void parse_trailers(struct patch *p)
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

static int parse_inbody(struct lines *ls, struct patch *p)
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

int patch_parse(const char *buf, size_t len, struct patch *p,
		struct parse_error *err)
{
	return patch_parse_at(buf, len, 1, p, err);
}

int patch_parse_at(const char *buf, size_t len, unsigned int first_line,
		   struct patch *p, struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = first_line };
	const struct mail_header *h;
	struct strbuf msg = STRBUF_INIT;
	struct line l, first;
	bool in_msg = true;

	memset(p, 0, sizeof(*p));
	memset(err, 0, sizeof(*err));
	if (text_check(buf, len, err)) {
		err->line += first_line - 1;
		return -1;
	}
	if (peek_line(&ls, &first) && line_starts(&first, "From ") &&
	    !line_starts(&first, "From: "))
		next_line(&ls, &first);	/* mbox separator */
	if (parse_headers(&ls, p, err))
		goto bad;

	h = patch_header(p, "From");
	if (!h) {
		parse_fail(err, first_line, "no \"From:\" header (author)");
		goto bad;
	}
	p->author = xstrdup(h->value);
	p->author_line = h->line;
	h = patch_header(p, "Subject");
	if (!h || !*h->value) {
		parse_fail(err, first_line, "no \"Subject:\" header");
		goto bad;
	}
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

	parse_inbody(&ls, p);
	if (p->subject && strchr(p->subject, '[')) {
		char *s = subject_strip(p->subject);

		free(p->subject);
		p->subject = s;
	}

	p->message_line = ls.no;
	while (in_msg && peek_line(&ls, &l)) {
		if (line_is(&l, "---") || is_diff_start(&ls, &l))
			break;
		next_line(&ls, &l);
		if (!p->first_line && !line_blank(&l)) {
			p->first_line = xstrndup(l.s, l.len);
			p->first_line_no = l.no;
		}
		sb_add(&msg, l.s, l.len);
		sb_addc(&msg, '\n');
	}
	p->message = sb_detach(&msg);
	parse_trailers(p);

	/* Skip the notes between "---" and the diff (diffstat etc.). */
	while (peek_line(&ls, &l) && !is_diff_start(&ls, &l))
		next_line(&ls, &l);
	if (!peek_line(&ls, &l)) {
		parse_fail(err, ls.no > first_line ? ls.no - 1 : first_line,
		     "no diff found (expected \"diff --git\" or \"---\"/\"+++\" lines)");
		goto bad;
	}
	p->diff_line = l.no;
	p->diff_offset = l.off;
	p->diff = xstrndup(buf + l.off, len - l.off);
	if (diff_parse(buf + l.off, len - l.off, l.no, p, err))
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

int mbox_split(const char *buf, size_t len, mbox_fn fn, void *arg,
	       struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = 1 };
	size_t msg_start = 0;
	unsigned int msg_line = 1;
	bool prev_blank = true, have_msg = false;
	struct line l;
	int ret;

	memset(err, 0, sizeof(*err));
	if (!len)
		return parse_fail(err, 0, "empty mbox");
	if (text_check(buf, len, err))
		return -1;
	while (next_line(&ls, &l)) {
		if (prev_blank && line_starts(&l, "From ")) {
			if (have_msg) {
				ret = fn(buf + msg_start, l.off - msg_start,
					 msg_line, arg);
				if (ret)
					return ret;
			}
			have_msg = true;
			msg_start = l.off + l.len + 1;
			if (msg_start > len)
				msg_start = len;
			msg_line = l.no + 1;
		} else if (!have_msg) {
			/* Not an mbox: treat the whole input as one mail. */
			have_msg = true;
			msg_start = 0;
			msg_line = 1;
		}
		prev_blank = l.len == 0;
	}
	return fn(buf + msg_start, len - msg_start, msg_line, arg);
}
