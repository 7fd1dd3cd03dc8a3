// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting an mbox into messages, the text checks every mail and patch
 * input goes through, and the parse errors they report.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "patch.h"
#include "util.h"
#include "valid.h"

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

int text_check_utf8(const char *buf, size_t len, struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = 1 };
	struct line l;
	size_t i, n;

	while (next_line(&ls, &l)) {
		if (utf8_valid(l.s, l.len))
			continue;
		/* The first byte that starts no character. */
		for (i = 0; i < l.len; i += n) {
			for (n = 1; n <= 4 && i + n <= l.len; n++)
				if (utf8_valid(l.s + i, n))
					break;
			if (n > 4 || i + n > l.len)
				break;
		}
		return parse_fail(err, l.no,
				  "not valid UTF-8 (byte 0x%02x at column %zu); mails are written as charset=UTF-8",
				  (unsigned char)l.s[i < l.len ? i : l.len - 1],
				  (i < l.len ? i : l.len - 1) + 1);
	}
	return 0;
}

/*
 * git mailsplit's is_from_line() on @len bytes at @s (without the newline;
 * @nl: one followed): "From " and something ending in a time and a year,
 * as "From <sha> Mon Sep 17 00:00:00 2001".  Works on a NUL-terminated
 * copy with the newline, as git does, so it reads no byte past the line.
 */
bool mbox_from_line(const char *s, size_t len, bool nl)
{
	size_t glen = len + (nl ? 1 : 0);
	const char *colon, *line;
	char *copy;
	bool r = false;

	if (glen < 20 || len < 5 || memcmp("From ", s, 5))
		return false;
	copy = xmalloc(glen + 3);
	memcpy(copy, s, len);
	memcpy(copy + len, nl ? "\n\0\0" : "\0\0\0", 3);
	colon = copy + glen - 2;
	line = copy + 5;
	for (;;) {
		if (colon < line)
			goto out;
		if (*--colon == ':')
			break;
	}
	if (!isdigit((unsigned char)colon[-4]) ||
	    !isdigit((unsigned char)colon[-2]) ||
	    !isdigit((unsigned char)colon[-1]) ||
	    !isdigit((unsigned char)colon[1]) ||
	    !isdigit((unsigned char)colon[2]))
		goto out;
	r = strtol(colon + 3, NULL, 10) > 90;	/* the year */
out:
	free(copy);
	return r;
}

static bool from_line(const struct lines *ls, const struct line *l)
{
	return mbox_from_line(l->s, l->len, l->off + l->len < ls->len);
}

int mbox_check_one(const char *buf, size_t len, unsigned int first_line,
		   struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = first_line };
	struct line l;

	/* The message's own separator line, if it has one. */
	if (peek_line(&ls, &l) && line_starts(&l, "From "))
		next_line(&ls, &l);
	while (next_line(&ls, &l))
		if (from_line(&ls, &l))
			return parse_fail(err, l.no,
				    "\"%.*s\" starts another message (git mailsplit splits here): one mail per patch",
				    (int)(l.len < 72 ? l.len : 72), l.s);
	return 0;
}

/*
 * The white space git mailsplit skips before the first message (git's
 * own isspace(): space, tab, LF and CR, not VT or FF): its length, and
 * in @no the number of the line the first message starts on.
 */
static size_t leading_space(const char *buf, size_t len, unsigned int *no)
{
	size_t i;

	*no = 1;
	for (i = 0; i < len && strchr(" \t\n\r", buf[i]); i++)
		*no += buf[i] == '\n';
	return i;
}

/*
 * Split as "git mailsplit -b" does: white space before the first message
 * is dropped; an input that then starts with a "From " line is split at
 * every line mbox_from_line() takes, blank line before it or not; one
 * that does not is one bare mail.
 */
int mbox_split(const char *buf, size_t len, mbox_fn fn, void *arg,
	       struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len };
	size_t msg_start;
	unsigned int msg_line;
	struct line l;
	int ret;

	memset(err, 0, sizeof(*err));
	if (!len)
		return parse_fail(err, 0, "empty file: no mail in it");
	if (text_check(buf, len, err))
		return -1;
	ls.pos = leading_space(buf, len, &ls.no);
	if (!next_line(&ls, &l))
		return parse_fail(err, 0,
				  "only white space: no mail in it");
	if (!from_line(&ls, &l))
		return fn(buf + l.off, len - l.off, l.no, arg);
	msg_start = ls.pos;
	msg_line = l.no + 1;
	while (next_line(&ls, &l)) {
		if (!from_line(&ls, &l))
			continue;
		ret = fn(buf + msg_start, l.off - msg_start, msg_line, arg);
		if (ret)
			return ret;
		msg_start = ls.pos;
		msg_line = l.no + 1;
	}
	return fn(buf + msg_start, len - msg_start, msg_line, arg);
}
