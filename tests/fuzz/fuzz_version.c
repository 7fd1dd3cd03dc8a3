// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the version parsers on arbitrary bytes, against each
 * other: parse_version() (table.c) takes exactly what valid.c takes as a
 * release ("4.5", "5.10.46") or a plain branch ("5.10.y"), and the
 * numbers it gives print back to the input; release_parse() (fetch.c)
 * takes the releases with a major number, and names the tarball after
 * them; fetch_release() takes a --version of the row's branch only.
 * fetch_mirror_check() on the same bytes as a BACKPORT_MIRROR: what it
 * takes is a file:/// or https:// URL of printable ASCII with no "." or
 * ".." path segment (the check is done again here, another way).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "table.h"
#include "util.h"
#include "valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_parse_version(const char *s)
{
	bool release = !valid_check(V_RELEASE, s);
	bool branch = !valid_check(V_BRANCH, s) && !strchr(s, '-');
	unsigned int a = 0, b = 0, c = 0;
	char back[64];

	if (!valid_check(V_VERSION, s) && !release)
		__builtin_trap();
	if (parse_version(s, &a, &b, &c)) {
		if (release || branch)
			__builtin_trap();
		return;
	}
	if (!release && !branch)
		__builtin_trap();
	if (branch)
		snprintf(back, sizeof(back), "%u.%u.y", a, b);
	else if (strchr(strchr(s, '.') + 1, '.'))
		snprintf(back, sizeof(back), "%u.%u.%u", a, b, c);
	else
		snprintf(back, sizeof(back), "%u.%u", a, b);
	if (strcmp(back, s) || (branch && c))
		__builtin_trap();
}

static void check_release(const char *s)
{
	struct branch br = { .name = "5.10.y", .base = "5.10.y",
			     .major = 5, .minor = 10, .release = "5.10.46" };
	struct release r;
	char name[64], msg[256] = "";
	unsigned int a, b, c;
	bool ok = !valid_check(V_RELEASE, s) && s[0] != '0';
	int fr;

	if (release_parse(s, &r) != (ok ? 0 : -1))
		__builtin_trap();
	fr = fetch_release(&br, s, &r, msg, sizeof(msg));
	if (!ok) {
		if (!fr || !msg[0])
			__builtin_trap();
		return;
	}
	parse_version(s, &a, &b, &c);
	if (r.major != a || r.minor != b || r.sub != c)
		__builtin_trap();
	snprintf(name, sizeof(name), c ? "linux-%u.%u.%u" : "linux-%u.%u",
		 a, b, c);
	if (strcmp(r.name, name))
		__builtin_trap();
	if ((fr == 0) != (a == 5 && b == 10) || (fr && !msg[0]))
		__builtin_trap();
}

static void check_mirror(const char *s)
{
	char msg[256] = "", *copy, *seg, *save = NULL;
	const unsigned char *p;

	if (fetch_mirror_check(s, msg, sizeof(msg))) {
		if (!msg[0])
			__builtin_trap();
		return;
	}
	if (!starts_with(s, "file:///") && !starts_with(s, "https://"))
		__builtin_trap();
	for (p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("?#%\\\"'<>`", *p))
			__builtin_trap();
	copy = xstrdup(strchr(s + 8, '/') ? strchr(s + 8, '/') : "");
	for (seg = strtok_r(copy, "/", &save); seg;
	     seg = strtok_r(NULL, "/", &save))
		if (!strcmp(seg, ".") || !strcmp(seg, ".."))
			__builtin_trap();
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);

	check_parse_version(s);
	check_release(s);
	check_mirror(s);
	free(s);
	return 0;
}
