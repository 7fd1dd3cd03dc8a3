// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: MAINTAINERS parsing and path resolution.  Any input
 * must either parse or fail with a line inside the input and a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maintainers.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"ports/5.10.y/x.patch", "series/5.10.y", "scripts/cmd-mail.c",
		"mm/migrate.c", "a", "",
	};
	struct maintainers m;
	struct maint_owners o = { NULL, 0 };
	struct parse_error err;
	unsigned int lines = 1;
	size_t i;

	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	if (maintainers_parse((const char *)data, size, &m, &err)) {
		if (err.line > lines || !err.msg[0] || m.n || m.e)
			abort();
		return 0;
	}
	if (!m.n)
		abort();
	for (i = 0; i < ARRAY_SIZE(paths); i++)
		maintainers_resolve(&m, paths[i], &o);
	for (i = 0; i < o.n; i++)
		if (!o.v[i].who[0] || !strchr(o.v[i].roles, ':'))
			abort();
	maint_owners_free(&o);
	maintainers_free(&m);
	return 0;
}
