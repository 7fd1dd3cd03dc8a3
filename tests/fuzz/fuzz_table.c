// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: table_load() on arbitrary bytes, through a memfd so
 * the real file-based entry point is what gets fuzzed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "table.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_error err;
	struct table t;
	char path[64];
	int fd = memfd_create("fuzz_table", MFD_CLOEXEC);
	size_t i;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (!table_load("/nonexistent", path, &t, &err)) {
		for (i = 0; i < t.n; i++) {
			if (!t.b[i].name || !t.b[i].reason ||
			    (t.b[i].decision == DECISION_PORT && !t.b[i].series))
				__builtin_trap();
			decision_name(t.b[i].decision);
			table_find(&t, t.b[i].name);
		}
	} else if (!err.msg[0]) {
		__builtin_trap();
	}
	table_free(&t);
	close(fd);
	return 0;
}
