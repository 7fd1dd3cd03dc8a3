// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: fixdiff_parse() on the input up to its first NUL
 * byte, then every hunk placed in the rest of the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixdiff.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t dlen = nul ? (size_t)(nul - (const char *)data) : size;
	char *diff = xstrndup((const char *)data, dlen);
	char *text = nul ? xstrndup(nul + 1, size - dlen - 1) : xstrdup("");
	struct parse_error err;
	struct fix_diff fd;
	unsigned long line;
	size_t i;

	if (fixdiff_parse(diff, 1, &fd, &err)) {
		if (!err.msg[0] || fd.n || fd.h)
			__builtin_trap();
		goto out;
	}
	for (i = 0; i < fd.n; i++) {
		const struct fix_hunk *h = &fd.h[i];
		enum hunk_state st = fixdiff_hunk_state(h, text, &line);

		if (!h->path || !h->header || h->index != i + 1)
			__builtin_trap();
		if ((st == HUNK_CONFLICT) != (line == 0))
			__builtin_trap();
		/* A hunk always stands in its own post-image. */
		if (h->post.n) {
			struct strbuf sb = STRBUF_INIT;
			size_t j;

			for (j = 0; j < h->post.n; j++)
				sb_addf(&sb, "%s\n", h->post.v[j]);
			if (fixdiff_hunk_state(h, sb.buf, &line) != HUNK_APPLIED ||
			    line != 1)
				__builtin_trap();
			sb_release(&sb);
		}
	}
	fixdiff_free(&fd);
out:
	free(text);
	free(diff);
	return 0;
}
