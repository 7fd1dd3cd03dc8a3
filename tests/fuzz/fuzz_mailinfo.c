// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the readers of git's output (mailinfo.c): the input
 * split at NUL bytes into mailinfo's info block, the message, the patch
 * and a key.  mailinfo_field() gives one line that follows "key: " at
 * the start of a line of the block; mailinfo_commit() gives what
 * mailinfo.h promises or a reason; mailsplit_count_parse() takes only
 * digits and an optional newline.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailinfo.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The @i-th NUL-separated part of the input ("" when there are fewer). */
static char *part(const uint8_t *data, size_t size, unsigned int i)
{
	const char *p = (const char *)data, *end = p + size, *nul;

	for (; i; i--) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (!nul)
			return xstrdup("");
		p = nul + 1;
	}
	nul = memchr(p, '\0', (size_t)(end - p));
	return xstrndup(p, nul ? (size_t)(nul - p) : (size_t)(end - p));
}

static void check_field(const char *info, const char *key)
{
	char *v = mailinfo_field(info, key), *want;
	const char *at;

	if (!v)
		return;
	if (strchr(v, '\n'))
		__builtin_trap();
	want = xasprintf("%s: %s", key, v);
	at = strstr(info, want);
	/* The first line that starts "key: ", and all of that line. */
	while (at && at != info && at[-1] != '\n')
		at = strstr(at + 1, want);
	if (!at || (at[strlen(want)] && at[strlen(want)] != '\n'))
		__builtin_trap();
	free(want);
	free(v);
}

static void check_commit(char *info, char *msg, char *patch)
{
	struct mailinfo mi = { .info = info, .msg = msg, .patch = patch };
	struct upstream_mail u;
	char why[128] = "";
	size_t n;

	if (mailinfo_commit(&mi, &u, why, sizeof(why))) {
		if (!why[0] || u.author || u.subject || u.date || u.message ||
		    u.patch)
			__builtin_trap();
		return;
	}
	n = strlen(u.message);
	if (!u.author || !*u.author || !u.subject || !*u.subject ||
	    !u.date || strchr(u.author, '\n') || strchr(u.subject, '\n') ||
	    strchr(u.date, '\n') || n < 2 || u.message[n - 1] != '\n' ||
	    u.message[n - 2] == '\n' || u.message[n - 2] == ' ' ||
	    !starts_with(u.patch, "---\n") || !strstr(u.patch, patch))
		__builtin_trap();
	upstream_mail_free(&u);
}

static void check_count(const char *s)
{
	unsigned int n = 12345;
	size_t d = strspn(s, "0123456789");

	if (mailsplit_count_parse(s, &n)) {
		if (n != 12345)
			__builtin_trap();
		return;
	}
	if (!d || (s[d] && strcmp(s + d, "\n")) ||
	    strtoul(s, NULL, 10) != n)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"Author", "Email", "Subject", "Date", "",
	};
	char *info = part(data, size, 0), *msg = part(data, size, 1);
	char *patch = part(data, size, 2), *key = part(data, size, 3);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		check_field(info, keys[i]);
	check_field(info, key);
	check_commit(info, msg, patch);
	check_count(info);
	free(info);
	free(msg);
	free(patch);
	free(key);
	return 0;
}
