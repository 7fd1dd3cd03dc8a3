// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: sha256sums_parse() on arbitrary bytes, bare and as a
 * clear-signed message (the first byte chooses).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sha256sums.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_error err;
	struct sha256sums s;
	bool armored;
	size_t i, j;

	if (!size)
		return 0;
	armored = data[0] & 1;
	if (sha256sums_parse((const char *)data + 1, size - 1, armored, &s,
			     &err)) {
		if (!err.msg[0] || s.n || s.e)
			__builtin_trap();
		return 0;
	}
	for (i = 0; i < s.n; i++) {
		const struct sha256sum *e = &s.e[i];

		/* 64 lowercase hex, a name without control characters */
		if (strlen(e->hex) != 64 || !is_hex(e->hex, 64) ||
		    !e->name[0] || !e->line)
			__builtin_trap();
		for (j = 0; e->name[j]; j++)
			if (iscntrl((unsigned char)e->name[j]))
				__builtin_trap();
		/* every name once: find() gives this entry */
		if (sha256sums_find(&s, e->name) != e)
			__builtin_trap();
	}
	sha256sums_free(&s);
	return 0;
}
