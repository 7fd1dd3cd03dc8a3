// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: mailenc.c on arbitrary bytes.  What it returns is
 * printable ASCII; encoded words are at most 75 bytes, each holds whole
 * UTF-8 characters, and decoding them gives the input back; input that
 * is not UTF-8 is refused.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailenc.h"
#include "util.h"
#include "valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode one Q-encoded word body [@w, @end) into @out; -1 if malformed. */
static int decode(const char *w, const char *end, struct strbuf *out)
{
	for (; w < end; w++) {
		if (*w == '_') {
			sb_addc(out, ' ');
		} else if (*w == '=') {
			if (end - w < 3 || hexval(w[1]) < 0 || hexval(w[2]) < 0)
				return -1;
			sb_addc(out, (char)(hexval(w[1]) * 16 + hexval(w[2])));
			w += 2;
		} else {
			sb_addc(out, *w);
		}
	}
	return 0;
}

static void check_words(const char *enc, const char *orig)
{
	struct strbuf all = STRBUF_INIT, one = STRBUF_INIT;
	const char *w = enc, *end, *p;

	for (p = enc; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			__builtin_trap();
	while (*w) {
		if (!starts_with(w, "=?UTF-8?q?"))
			__builtin_trap();
		end = strstr(w + 10, "?=");
		if (!end || end + 2 - w > MAILENC_WORD_MAX)
			__builtin_trap();
		sb_reset(&one);
		if (decode(w + 10, end, &one) || !utf8_valid(sb_str(&one), one.len))
			__builtin_trap();
		sb_add(&all, one.buf, one.len);
		w = end + 2;
		if (*w == ' ')
			w++;
	}
	if (strcmp(sb_str(&all), orig))
		__builtin_trap();
	sb_release(&all);
	sb_release(&one);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *e;
	bool utf8 = utf8_valid(s, strlen(s));

	e = mailenc_words(s);
	if (!e != !utf8)
		__builtin_trap();
	if (e)
		check_words(e, s);
	free(e);
	e = mailenc_addr(s);
	if (e && !utf8)
		__builtin_trap();
	free(e);
	free(s);
	return 0;
}
