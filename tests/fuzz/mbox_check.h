/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What fuzz_mailsplit (against git) and fuzz_mbox (in-process, fast)
 * check of mbox_split() on one input: its messages in order, the
 * reason for a refusal, and how the messages tile the input.
 */
#ifndef BACKPORT_FUZZ_MBOX_CHECK_H
#define BACKPORT_FUZZ_MBOX_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "patch.h"
#include "util.h"

struct msg {
	size_t off, len;
	unsigned int line;
	size_t start;		/* where git's message starts: its "From " */
};

struct msgs {
	const char *buf;
	struct msg *v;
	size_t n;
};

static int take(const char *m, size_t len, unsigned int line, void *arg)
{
	struct msgs *ms = arg;

	ms->v = xrealloc(ms->v, (ms->n + 1) * sizeof(*ms->v));
	ms->v[ms->n++] = (struct msg){ (size_t)(m - ms->buf), len, line, 0 };
	return 0;
}

static unsigned int line_of(const char *buf, size_t off)
{
	unsigned int no = 1;
	size_t i;

	for (i = 0; i < off; i++)
		no += buf[i] == '\n';
	return no;
}

/*
 * The project refused @buf: for a reason it has on purpose, that holds.
 * True when the reason is "no mail in it" (empty or white space only),
 * which git refuses too; text_check()'s reasons are checked here.
 */
static bool refusal_holds(const char *buf, size_t size,
			  const struct parse_error *err)
{
	struct parse_error e2 = { 0 };
	size_t sp = strspn(buf, " \t\n\r");

	if (text_check(buf, size, &e2)) {
		if (strcmp(err->msg, e2.msg) || err->line != e2.line)
			__builtin_trap();
		return false;
	}
	if (sp != size || strcmp(err->msg, size ?
				 "only white space: no mail in it" :
				 "empty file: no mail in it"))
		__builtin_trap();
	return true;
}

/*
 * The messages of an accepted @buf tile it from its first byte that is
 * not white space to its end: each its "From " line (none for one bare
 * mail), then the message, which starts on the line the project says.
 * Fills each message's start.
 */
static void check_tiling(const char *buf, size_t size, struct msgs *ms)
{
	size_t i, start = strspn(buf, " \t\n\r"), end, nl;
	bool bare = ms->n == 1 && ms->v[0].off == start;

	for (i = 0; i < ms->n; i++) {
		struct msg *m = &ms->v[i];

		m->start = start;
		end = m->off + m->len;
		nl = strcspn(buf + start, "\n");
		if (m->line != line_of(buf, start) + !bare || end < start)
			__builtin_trap();
		/* The separator line, then the message (bare: no line). */
		if (!bare && m->off != start + nl + (start + nl < size))
			__builtin_trap();
		if (!bare && !mbox_from_line(buf + start, nl, start + nl < size))
			__builtin_trap();
		start = end;
	}
	if (start != size)
		__builtin_trap();
}

#endif
