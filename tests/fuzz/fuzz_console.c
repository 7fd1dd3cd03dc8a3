// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the console classifier on arbitrary serial output,
 * whole-buffer and streaming (line by line with host times), judged
 * against a bug signature: a FAIL is "bug" or "other", anything else is
 * not judged, "bug" needs a listed kind and a listed frame seen, and the
 * excerpt holds every frame that was matched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "signature.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[] = {
	"soft-lockup", "rcu-stall", "hung-task", NULL,
};
static const char *const frames[] = {
	"__migration_entry_wait", "exc_page_fault", "__do_page_fault",
	"page_fault", "copy_user_generic_string", "_copy_from_user", NULL,
};

static void check(const struct console *c, const struct console_sig *s)
{
	size_t i;

	if (c->outcome == CONSOLE_PENDING || !c->excerpt || !c->final)
		abort();
	if (c->sig && !c->sig_lineno)
		abort();
	if ((c->outcome == CONSOLE_FAIL) != (c->match != MATCH_NONE))
		abort();
	if (c->match != MATCH_NONE && !c->match_reason)
		abort();
	if (c->match == MATCH_BUG &&
	    (!c->frames.n || !sig_kind_listed(s, c->kind)))
		abort();
	for (i = 0; i < c->frames.n; i++)
		if (!strstr(c->excerpt, c->frames.v[i]))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct console_sig s = {
		.kinds = kinds, .frames = frames,
		.trace_seconds = size & 2 ? 0 : 5,
		.trace_lines = size & 4 ? 8 : 0,
	};
	struct console c;
	char *copy = malloc(size + 1);
	char *p, *nl;
	double t = 0;

	if (!copy)
		return 0;
	console_classify(&c, (const char *)data, size, size & 1, &s);
	check(&c, &s);
	console_free(&c);

	memcpy(copy, data, size);
	copy[size] = '\0';
	console_init(&c);
	console_set_sig(&c, size & 8 ? NULL : &s);
	for (p = copy; p; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		t += 0.25;
		if (console_line(&c, p, t))
			break;
	}
	console_finish(&c, false);
	if (c.sig_time < -1)
		abort();
	if (c.bug)
		check(&c, &s);
	console_free(&c);
	free(copy);
	return 0;
}
