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
 * says (the line after the "From " line, even at the end of the file).
 * Where the project refuses, it must be for a reason it has on purpose,
 * and that reason must hold: an empty file or one of white space only
 * (git refuses both too: "empty mbox"), or text that text_check()
 * refuses (a NUL byte, a CRLF or a CR at the end, a line over
 * PATCH_MAX_LINE; git would split those, the project does not read
 * them), with text_check()'s own message.  Slow: it forks git per input
 * (about 700 a second); fuzz_mbox makes the same checks but git's,
 * in-process.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mailinfo.h"
#include "mbox_check.h"
#include "patch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *dir, *mbox;

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

/* The project refused @buf: git must too where the reason is no mail. */
static void check_refusal(const char *buf, size_t size,
			  const struct parse_error *err)
{
	struct strvec git = STRVEC_INIT;

	if (!refusal_holds(buf, size, err))
		return;
	if (write_file_atomic(mbox, buf, size) || !git_mailsplit(mbox, &git))
		__builtin_trap();
	sv_clear(&git);
}

static void compare(const char *buf, size_t size, struct msgs *ms)
{
	struct strvec git = STRVEC_INIT;
	size_t i;

	check_tiling(buf, size, ms);
	if (write_file_atomic(mbox, buf, size) || git_mailsplit(mbox, &git) ||
	    git.n != ms->n)
		__builtin_trap();
	for (i = 0; i < ms->n; i++) {
		const struct msg *m = &ms->v[i];
		size_t len = m->off + m->len - m->start;

		if (strlen(git.v[i]) != len ||
		    memcmp(git.v[i], buf + m->start, len))
			__builtin_trap();
	}
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
