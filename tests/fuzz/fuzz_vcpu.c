// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: vcpu.c on arbitrary bytes, read both as QEMU's
 * "info registers -a" text and as a System.map.  Every RIP found is
 * the 16 hex digits after a "RIP=" at a line start; a map that parses
 * has text symbols in address order, and every address is named by the
 * last symbol at or below it (or by itself, below them all).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vcpu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rips(const char *text)
{
	uint64_t rip[VCPU_MAX];
	size_t n = vcpu_rips(text, rip), i;
	const char *p = text;

	if (n > VCPU_MAX)
		__builtin_trap();
	/* each one is printed in the text as it was read */
	for (i = 0; i < n; i++) {
		char want[24];

		snprintf(want, sizeof(want), "RIP=%016llx",
			 (unsigned long long)rip[i]);
		/* the next occurrence that starts a line */
		while ((p = strcasestr(p, want)) && p != text && p[-1] != '\n')
			p++;
		if (!p)
			__builtin_trap();
		p += 4;
	}
}

static void check_map(const char *buf, size_t size)
{
	struct sysmap m;
	char err[128], name[96];
	size_t i;

	if (sysmap_parse(buf, size, &m, err, sizeof(err))) {
		if (m.name.n || m.addr || m.name.v || !err[0])
			__builtin_trap();
		return;
	}
	if (!m.name.n)
		__builtin_trap();
	for (i = 0; i < m.name.n; i++) {
		size_t l = strlen(m.name.v[i]);

		if (!l || (i && m.addr[i] < m.addr[i - 1]))
			__builtin_trap();
		sysmap_name(&m, m.addr[i], name, sizeof(name));
		/* the last of the symbols at this address names it */
		if (i + 1 == m.name.n || m.addr[i + 1] != m.addr[i]) {
			if (l + 4 < sizeof(name) &&
			    (strncmp(name, m.name.v[i], l) ||
			     strcmp(name + l, "+0x0")))
				__builtin_trap();
		}
	}
	if (m.addr[0]) {
		sysmap_name(&m, m.addr[0] - 1, name, sizeof(name));
		if (strncmp(name, "0x", 2))
			__builtin_trap();
	}
	sysmap_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);

	check_rips(s);
	check_map((const char *)data, size);
	free(s);
	return 0;
}
