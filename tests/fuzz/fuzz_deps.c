// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: deps_parse() (ci/packages.txt) on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "deps.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_error err;
	struct deps ds;
	size_t i, j;

	if (deps_parse((const char *)data, size, &ds, &err)) {
		if (!err.msg[0] || ds.n || ds.d)
			__builtin_trap();
		return 0;
	}
	for (i = 0; i < ds.n; i++) {
		/* What is accepted is safe to hand to apt-get and PATH. */
		if (!deps_valid_package(ds.d[i].package) ||
		    deps_find(&ds, ds.d[i].package) != &ds.d[i])
			__builtin_trap();
		for (j = 0; j < ds.d[i].programs.n; j++)
			if (strchr(ds.d[i].programs.v[j], '/') ||
			    ds.d[i].programs.v[j][0] == '-')
				__builtin_trap();
	}
	deps_free(&ds);
	return 0;
}
