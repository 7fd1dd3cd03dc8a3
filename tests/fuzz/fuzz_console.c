// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the console classifier on arbitrary serial output,
 * whole-buffer and streaming (line by line with host times).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct console c;
	char *copy = malloc(size + 1);
	char *p, *nl;
	double t = 0;

	if (!copy)
		return 0;
	console_classify(&c, (const char *)data, size, size & 1);
	if (c.outcome == CONSOLE_PENDING || !c.excerpt || !c.final)
		abort();
	if (c.sig && !c.sig_lineno)
		abort();
	console_free(&c);

	memcpy(copy, data, size);
	copy[size] = '\0';
	console_init(&c);
	for (p = copy; p; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		t += 0.25;
		if (console_line(&c, p, t))
			break;
	}
	console_finish(&c, false);
	if (c.sig_time < -1)
		abort();
	console_free(&c);
	free(copy);
	return 0;
}
