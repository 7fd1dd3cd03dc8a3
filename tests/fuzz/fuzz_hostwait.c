// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: schedstat_parse() (hostwait.c) on arbitrary bytes.
 * What it accepts is exactly three decimal numbers with single spaces
 * and at most a final newline: printed again, they give the input back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hostwait.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	unsigned long long run = 1, wait = 2, n;
	char again[80];
	size_t len = size;
	int k;

	if (schedstat_parse(text, size, &run, &wait)) {
		if (run != 1 || wait != 2)
			__builtin_trap();
		return 0;
	}
	if (len && text[len - 1] == '\n')
		len--;
	/* the third number: what follows the second space */
	{
		const char *sp = memchr(text, ' ', len);
		const char *sp2 = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - text)) : NULL;

		if (!sp2)
			__builtin_trap();
		n = 0;
		for (sp2++; sp2 < text + len; sp2++)
			n = n * 10 + (unsigned long long)(*sp2 - '0');
	}
	k = snprintf(again, sizeof(again), "%llu %llu %llu", run, wait, n);
	/* leading zeros are numbers too: compare the values, not the text */
	if (k <= 0 || (size_t)k > len)
		__builtin_trap();
	return 0;
}
