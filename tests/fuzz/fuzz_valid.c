// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: every validator of valid.c on arbitrary bytes, with
 * the properties the writers rely on: a valid repository path never
 * leaves the repository, a valid identifier or program name holds no
 * shell character, a quoted value is one printable ASCII line.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_path(const char *s)
{
	const char *c;

	if (valid_check(V_REPO_PATH, s))
		return;
	if (s[0] == '/' || strstr(s, "//") || ends_with(s, "/"))
		__builtin_trap();
	for (c = s; c; c = strchr(c, '/'), c = c ? c + 1 : NULL)
		if (c[0] == '.' || c[0] == '-')
			__builtin_trap();
}

static void check_words(const char *s)
{
	static const enum vkind words[] = {
		V_IDENT, V_CONFIG, V_PACKAGE, V_PROGRAM, V_FILE_NAME,
		V_BRANCH, V_RELEASE, V_VERSION, V_COMMIT, V_ABBREV, V_CPU,
		V_SYMBOL,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!valid_check(words[i], s) &&
		    (!*s || strpbrk(s, " \t\n;$`'\"\\|&<>()*?/[]{}~#!")))
			__builtin_trap();
	if (!valid_check(V_LINE, s) && (!utf8_valid(s, strlen(s)) ||
					strpbrk(s, "\n\r\t")))
		__builtin_trap();
	if (!valid_check(V_PERSON, s) && !strchr(s, '@'))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *q;
	const unsigned char *p;

	utf8_valid((const char *)data, size);
	check_path(s);
	check_words(s);
	q = valid_quote(s, 100);
	for (p = (const unsigned char *)q; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			__builtin_trap();
	free(q);
	free(s);
	return 0;
}
