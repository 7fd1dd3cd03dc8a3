// SPDX-License-Identifier: GPL-2.0
/*
 * Splitting an mbox into messages, the text checks every mail and patch
 * input goes through, and the parse errors they report.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lines.h"
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
