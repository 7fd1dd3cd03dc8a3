// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: mbox_split() in-process, the fast companion of the
 * differential fuzz_mailsplit (which runs git on every input and so
 * manages a few hundred inputs a second).  The same checks of a refusal
 * and of how the messages tile the input (mbox_check.h), and, instead
 * of git's count, an independent one: an input that starts with a
 * "From " line (after white space) is as many messages as it has lines
 * mbox_from_line() takes, and none of them holds another such line
 * (mbox_check_one(), which port runs on each message, agrees).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mbox_check.h"
#include "patch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The lines of @buf from @pos on that git would split at. */
static size_t from_lines(const char *buf, size_t size, size_t pos)
{
	size_t n = 0, nl;

	while (pos < size) {
		nl = strcspn(buf + pos, "\n");
		n += mbox_from_line(buf + pos, nl, pos + nl < size);
		pos += nl + (pos + nl < size);
	}
	return n;
}

static void check_count(const char *buf, size_t size, const struct msgs *ms)
{
	struct parse_error err;
	size_t i, start = strspn(buf, " \t\n\r");
	size_t n = from_lines(buf, size, start);
	bool bare = ms->n == 1 && ms->v[0].off == start;

	if (bare) {
		size_t nl = strcspn(buf + start, "\n");

		/* bare: the first line is no separator */
		if (mbox_from_line(buf + start, nl, start + nl < size))
			__builtin_trap();
		return;
	}
	if (n != ms->n)
		__builtin_trap();
	for (i = 0; i < ms->n; i++) {
		const struct msg *m = &ms->v[i];

		if (mbox_check_one(buf + m->start, m->off + m->len - m->start,
				   m->line - 1, &err))
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	struct msgs ms = { .buf = buf };
	struct parse_error err;

	memcpy(buf, data, size);
	buf[size] = '\0';
	if (mbox_split(buf, size, take, &ms, &err)) {
		refusal_holds(buf, size, &err);
	} else {
		check_tiling(buf, size, &ms);
		check_count(buf, size, &ms);
	}
	free(ms.v);
	free(buf);
	return 0;
}
