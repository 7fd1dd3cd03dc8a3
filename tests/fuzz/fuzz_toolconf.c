// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: toolconf_collect() and toolconf_diff() on arbitrary
 * .config text.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "toolconf.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *const prefixes[] = {
	"CONFIG_CC_", "CONFIG_LD_", "CONFIG_RUST", "CONFIG_PAHOLE_VERSION",
	NULL
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strvec a = STRVEC_INIT, b = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t half = size / 2, i, n;

	n = toolconf_collect((const char *)data, size, prefixes, &a);
	if (n != a.n)
		__builtin_trap();
	for (i = 0; i < a.n; i++)
		if (strncmp(a.v[i], "CONFIG_", 7) || !strchr(a.v[i], '='))
			__builtin_trap();
		else
			for (n = 0; a.v[i][n]; n++)
				if ((unsigned char)a.v[i][n] < 0x20)
					__builtin_trap();
	toolconf_collect((const char *)data + half, size - half, prefixes, &b);
	if (toolconf_diff(&a, &a, &sb) || sb.len)
		__builtin_trap();
	toolconf_diff(&a, &b, &sb);
	sb_release(&sb);
	sv_clear(&a);
	sv_clear(&b);
	return 0;
}
