// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: series_parse() on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "series.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_error err;
	struct series s;
	size_t i;

	if (series_parse((const char *)data, size, &s, &err)) {
		if (!err.msg[0] || s.n || s.e)
			__builtin_trap();
		return 0;
	}
	for (i = 0; i < s.n; i++) {
		/* Accepted names never leave the patches directory. */
		if (!s.e[i].name[0] || s.e[i].name[0] == '/' ||
		    !strcmp(s.e[i].name, "..") ||
		    !strncmp(s.e[i].name, "../", 3) ||
		    strstr(s.e[i].name, "/../"))
			__builtin_trap();
		if (series_find(&s, s.e[i].name) != (long)i)
			__builtin_trap();
	}
	series_free(&s);
	return 0;
}
