// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: fixdiff_parse() on the input up to its first NUL
 * byte, then every hunk placed in the rest of the input, and the hunk
 * headers moved (hunkpos_apply()) to lines taken from the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixdiff.h"
#include "hunkpos.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Move every hunk of @fd (parsed from @diff) to a line from @data: the
 * result parses to the same hunks, each header either moved there by its
 * start numbers only or, when it is not one hunkpos reads, left as is.
 */
static void check_moved(const char *diff, const struct fix_diff *fd,
			const uint8_t *data, size_t size)
{
	struct branch b = { .name = "fuzz" };
	struct parse_error err;
	struct fix_diff got;
	char msg[256], *r;
	size_t i;

	b.nhunks = fd->n;
	b.hunks = xcalloc(fd->n, sizeof(*b.hunks));
	for (i = 0; i < fd->n; i++) {
		b.hunks[i].file = fd->h[i].path;
		b.hunks[i].old_start = 1 + (size ? data[i % size] * 7 : 0);
	}
	r = hunkpos_apply(diff, fd, &b, msg, sizeof(msg));
	if (!r || fixdiff_parse(r, 1, &got, &err) || got.n != fd->n)
		__builtin_trap();
	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *a = &fd->h[i], *c = &got.h[i];

		if (strcmp(a->header, c->header) &&
		    (!hunkpos_numbers_only(a->header, c->header) ||
		     c->old_start != b.hunks[i].old_start ||
		     c->old_count != a->old_count))
			__builtin_trap();
	}
	fixdiff_free(&got);
	free(r);
	free(b.hunks);
}

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
	check_moved(diff, &fd, data, size);
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
