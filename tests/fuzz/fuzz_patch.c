// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: patch_parse() and mbox_split() on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int each(const char *msg, size_t len, unsigned int line, void *arg)
{
	struct patch p;
	struct parse_error err;

	if (!patch_parse_at(msg, len, line, &p, &err)) {
		/* Invariants of a successful parse. */
		if (!p.author || !p.subject || !p.diff || !p.nfiles)
			__builtin_trap();
		patch_free(&p);
	} else if (!err.msg[0]) {
		__builtin_trap();
	}
	(*(size_t *)arg)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xstrndup((const char *)data, size);
	struct parse_error err;
	struct patch p;
	size_t n = 0;

	if (!patch_parse(buf, size, &p, &err))
		patch_free(&p);
	else if (err.line > 1 + (unsigned int)size)
		__builtin_trap();
	mbox_split(buf, size, each, &n, &err);
	free(buf);
	return 0;
}
