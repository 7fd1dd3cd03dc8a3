// SPDX-License-Identifier: GPL-2.0
/*
 * Differential libFuzzer target: mbox_split() against the real "git
 * mailsplit -b" (git_mailsplit(): the input written to a file, git run
 * through run.c into a temporary directory) on the same bytes.
 *
 * Where the project accepts the input, git must too, with as many
 * messages, each the bytes from the end of the one before (from the
 * first byte that is not white space, for the first) to the end of the
 * project's message: its "From " line, then the project's message (a
 * bare mail: the message alone), which starts on the line the project
 * says (the line after the "From " line, even at the end of the file).  Where the project refuses, it must be for a reason it has on
 * purpose, and that reason must hold: an empty file or one of white
 * space only (git refuses both too: "empty mbox"), or text that
 * text_check() refuses (a NUL byte, a CRLF or a CR at the end, a line
 * over PATCH_MAX_LINE; git would split those, the project does not read
 * them), with text_check()'s own message.  Slow: it forks git per input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mailinfo.h"
#include "patch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dir, *mbox;

struct msg {
	size_t off, len;
	unsigned int line;
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
	ms->v[ms->n++] = (struct msg){ (size_t)(m - ms->buf), len, line };
	return 0;
}

static void cleanup(void)
{
	remove_tree(dir);
}

/* Once, before the first input. */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	dir = xasprintf("%s/fuzz_mailsplit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		abort();
	mbox = path_join(dir, "in.mbox");
	atexit(cleanup);
}

/* The project refused @buf: for a reason it has on purpose, that holds. */
static void check_refusal(const char *buf, size_t size,
			  const struct parse_error *err)
{
	struct parse_error e2 = { 0 };
	struct strvec git = STRVEC_INIT;
	size_t sp = strspn(buf, " \t\n\r");

	if (text_check(buf, size, &e2)) {
		if (strcmp(err->msg, e2.msg) || err->line != e2.line)
			__builtin_trap();
		return;
	}
	if (sp != size || strcmp(err->msg, size ?
				 "only white space: no mail in it" :
				 "empty file: no mail in it"))
		__builtin_trap();
	if (write_file_atomic(mbox, buf, size) || !git_mailsplit(mbox, &git))
		__builtin_trap();
	sv_clear(&git);
}

static unsigned int line_of(const char *buf, size_t off)
{
	unsigned int no = 1;
	size_t i;

	for (i = 0; i < off; i++)
		no += buf[i] == '\n';
	return no;
}

static void compare(const char *buf, size_t size, const struct msgs *ms)
{
	struct strvec git = STRVEC_INIT;
	size_t i, start = strspn(buf, " \t\n\r"), end, nl;
	bool bare = ms->n == 1 && ms->v[0].off == start;

	if (write_file_atomic(mbox, buf, size) || git_mailsplit(mbox, &git) ||
	    git.n != ms->n)
		__builtin_trap();
	for (i = 0; i < ms->n; i++) {
		const struct msg *m = &ms->v[i];

		end = m->off + m->len;
		nl = strcspn(buf + start, "\n");
		if (m->line != line_of(buf, start) + !bare || end < start ||
		    strlen(git.v[i]) != end - start ||
		    memcmp(git.v[i], buf + start, end - start))
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
	sv_clear(&git);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char *buf = xmalloc(size + 1);
	struct msgs ms = { .buf = buf };
	struct parse_error err;

	if (!ready) {
		setup();
		ready = true;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (mbox_split(buf, size, take, &ms, &err))
		check_refusal(buf, size, &err);
	else
		compare(buf, size, &ms);
	free(ms.v);
	free(buf);
	return 0;
}
