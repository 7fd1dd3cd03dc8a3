// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a Kconfig fragment and a .config (the input split at
 * its first NUL byte) through kconfig_fragment_parse(), kconfig_tree_add()
 * and kconfig_check().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t flen = nul ? (size_t)(nul - (const char *)data) : size;
	char *frag = xstrndup((const char *)data, flen);
	char *dotconfig = nul ? xstrndup(nul + 1, size - flen - 1) :
		xstrdup("");
	char *kc = xstrdup(frag);
	struct kconfig_tree kt = KCONFIG_TREE_INIT;
	struct strbuf report = STRBUF_INIT;
	struct kopts want = { 0 };
	size_t i;
	int bad;

	kconfig_fragment_parse(frag, "fuzz.config", &want);
	for (i = 0; i < want.n; i++) {
		if (!want.v[i].value || !want.v[i].where ||
		    want.v[i].group < 0 || want.v[i].group > want.groups)
			__builtin_trap();
	}
	kconfig_tree_add(&kt, "Kconfig", kc, strlen(kc));
	kconfig_tree_done(&kt);
	bad = kconfig_check(&want, &kt, dotconfig, NULL, &report);
	if (bad < 0 || (size_t)bad > want.n || (bad && !report.len))
		__builtin_trap();
	sb_release(&report);
	kconfig_tree_free(&kt);
	kopts_free(&want);
	free(kc);
	free(dotconfig);
	free(frag);
	return 0;
}
