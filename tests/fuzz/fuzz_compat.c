// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: compat_parse() on arbitrary bytes (the data file,
 * configs/compat.json) up to a line "--", and compat_text_needs() of every
 * entry it accepts on the bytes after it (all of them when there is no
 * such line), as if they were the file the test reads.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "compat.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the loader lets through: relative, no "..", no control chars. */
static bool bad_path(const char *p)
{
	size_t i;

	if (!*p || *p == '/' || strstr(p, "//") || !strcmp(p, "..") ||
	    !strncmp(p, "../", 3) || strstr(p, "/../") ||
	    (strlen(p) >= 3 && !strcmp(p + strlen(p) - 3, "/..")))
		return true;
	for (i = 0; p[i]; i++)
		if (iscntrl((unsigned char)p[i]))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *sep;
	size_t i, jlen = size, tlen = size;
	struct compat_list l;
	char msg[512];

	sep = memmem(text, size, "\n--\n", 4);
	if (sep) {
		jlen = (size_t)(sep - text);
		tlen = size - jlen - 4;
	}
	msg[0] = 0;
	if (compat_parse(text, jlen, "fuzz.json", &l, msg, sizeof(msg))) {
		if (strncmp(msg, "fuzz.json", 9))
			__builtin_trap();
		compat_free(&l);
		return 0;
	}
	for (i = 0; i < l.n; i++) {
		const struct compat_entry *e = &l.e[i];

		if (strlen(e->commit) != 40 || !is_hex(e->commit, 40) ||
		    bad_path(e->patch) || bad_path(e->test.file) ||
		    !*e->test.line || isspace((unsigned char)e->test.line[0]))
			__builtin_trap();
		compat_text_needs(&e->test, text + size - tlen, tlen);
	}
	compat_free(&l);
	return 0;
}
