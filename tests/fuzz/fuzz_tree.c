// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: tree.c's inspection on texts (tree_inspect_text(),
 * tree_place_hunks_text()): the input up to its first NUL byte is the
 * tree's Makefile, the rest the text of every file the fix changes (no
 * NUL: the files are missing).  The fix is the project's own (the table's
 * upstream, mm/migrate.c) or, when the input's first byte is odd, a
 * two-hunk fix of one file.  A version parsed is "X.Y.Z" plus
 * EXTRAVERSION on one line; a state is explained on one line; a fix that
 * places once per hunk has every hunk's pre-image there, so no hunk
 * conflicts, and where it places is where its state says it stands.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixdiff.h"
#include "table.h"
#include "tree.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct table table;
static struct upstream gadget;

static const char gadget_diff[] =
	"--- a/lib/gadget.c\n"
	"+++ b/lib/gadget.c\n"
	"@@ -4,4 +4,5 @@ void gadget_wait(struct gadget *x, int e)\n"
	" \tstruct gadget *g;\n"
	" \tg = entry_to_gadget(e);\n"
	"+\tg = gadget_head(g);\n"
	" \tif (!g)\n"
	" \t\treturn;\n"
	"@@ -20,3 +21,3 @@ void gadget_put(struct gadget *g)\n"
	" {\n"
	"-\tput(g);\n"
	"+\tput_head(g);\n"
	" }\n";

/* Once, before the first input. */
static void setup(void)
{
	struct parse_error err;

	if (table_load_default(&table))
		abort();
	gadget.file = "lib/gadget.c";
	gadget.fixes = "0123456789ab";
	gadget.fixes_release = "3.1";
	gadget.subject = "gadget: use the head";
	gadget.rework_marker = "gadget_wait_locked(";
	if (fixdiff_parse(gadget_diff, 1, &gadget.diff, &err) ||
	    gadget.diff.n != 2)
		abort();
}

static const char *text_of(const char *path, void *arg, char *msg,
			   size_t msglen)
{
	if (!arg)
		snprintf(msg, msglen, "%s: no such file", path);
	return arg;
}

static void check_version(const struct tree_info *ti)
{
	char want[64];

	snprintf(want, sizeof(want), "%u.%u.%u", ti->major, ti->minor,
		 ti->sub);
	if (!ti->version || strncmp(ti->version, want, strlen(want)) ||
	    strchr(ti->version, '\n'))
		__builtin_trap();
	snprintf(want, sizeof(want), "%u.%u.y", ti->major, ti->minor);
	if (!ti->branch || strcmp(ti->branch, want))
		__builtin_trap();
}

static void check_places(const struct upstream *up, const char *text,
			 const struct tree_info *ti)
{
	unsigned long lines[8];
	char msg[256] = "";

	if (up->diff.n > ARRAY_SIZE(lines))
		__builtin_trap();
	if (tree_place_hunks_text(&up->diff, text_of, (void *)text, lines,
				  msg, sizeof(msg))) {
		if (!msg[0] || strchr(msg, '\n'))
			__builtin_trap();
		return;
	}
	if (!text || ti->state == FIX_REWORKED ||
	    (ti->state == FIX_CONFLICT && strstr(ti->detail, "neither")))
		__builtin_trap();
	if (ti->state == FIX_ABSENT && lines[0] != ti->hunk_line)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	const char *nul = memchr(data, '\0', size);
	size_t mlen = nul ? (size_t)(nul - (const char *)data) : size;
	char *mk = xstrndup((const char *)data, mlen);
	char *text = nul ? xstrndup(nul + 1, size - mlen - 1) : NULL;
	const struct upstream *up = size && (data[0] & 1) ? &gadget :
							   &table.up;
	struct tree_info ti = { 0 }, v = { 0 };
	char msg[256] = "";
	int r;

	if (!ready) {
		setup();
		ready = true;
	}
	r = tree_makefile_version(mk, &v);
	if (!r)
		check_version(&v);
	else if (v.version || v.branch)
		__builtin_trap();
	if (tree_inspect_text(mk, "Makefile", up, text_of, text, &ti, msg,
			      sizeof(msg))) {
		if (!msg[0] || (!r && text))
			__builtin_trap();
		goto out;
	}
	if (r || strcmp(ti.version, v.version) || !ti.detail ||
	    strchr(ti.detail, '\n') || ti.path || ti.file_sha256)
		__builtin_trap();
	fix_state_name(ti.state);
	if ((ti.state == FIX_ABSENT || ti.state == FIX_PRESENT) &&
	    !ti.hunk_line)
		__builtin_trap();
	check_places(up, text, &ti);
out:
	tree_info_free(&ti);
	tree_info_free(&v);
	free(text);
	free(mk);
	return 0;
}
