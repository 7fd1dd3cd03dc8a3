// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/mailenc.c: header values as RFC 5322 phrases and
 * RFC 2047 encoded words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mailenc.h"
#include "util.h"
#include "valid.h"

static void test_phrase(void **state)
{
	char *s;

	s = mailenc_phrase("Xu Yu");
	assert_string_equal(s, "Xu Yu");
	free(s);
	s = mailenc_phrase("Yu, Xu \"X.\"");
	assert_string_equal(s, "\"Yu, Xu \\\"X.\\\"\"");
	free(s);
	s = mailenc_phrase("J\xc3\xbcrgen M\xc3\xbcller");
	assert_string_equal(s, "=?UTF-8?q?J=C3=BCrgen_M=C3=BCller?=");
	free(s);
	/* Latin-1 is not UTF-8: refused, not turned into a broken word. */
	assert_null(mailenc_phrase("J\xfcrgen"));
	assert_null(mailenc_addr("J\xfcrgen <j@example.org>"));
	assert_null(mailenc_text("caf\xe9"));
}

static void test_addr(void **state)
{
	char *s;

	s = mailenc_addr("Xu Yu <xuyu@linux.alibaba.com>");
	assert_string_equal(s, "Xu Yu <xuyu@linux.alibaba.com>");
	free(s);
	s = mailenc_addr("\"Yu, Xu\" <x@y>");
	assert_string_equal(s, "\"Yu, Xu\" <x@y>");
	free(s);
	/* A quoted name holding UTF-8 is encoded, not left 8-bit. */
	s = mailenc_addr("\"M\xc3\xbcller, J\" <j@y>");
	assert_string_equal(s, "=?UTF-8?q?M=C3=BCller=2C_J?= <j@y>");
	free(s);
	s = mailenc_text("plain subject");
	assert_string_equal(s, "plain subject");
	free(s);
}

/* Every word at most 75 bytes, each one valid UTF-8 once decoded. */
static void check_words(const char *enc, const char *orig)
{
	struct strbuf all = STRBUF_INIT, one = STRBUF_INIT;
	const char *w = enc, *end;

	while (*w) {
		assert_true(starts_with(w, "=?UTF-8?q?"));
		end = strstr(w + 10, "?=");
		assert_non_null(end);
		assert_true(end + 2 - w <= MAILENC_WORD_MAX);
		sb_reset(&one);
		for (w += 10; w < end; w++) {
			char hex[3] = { 0 }, *e;

			if (*w == '_') {
				sb_addc(&one, ' ');
			} else if (*w == '=') {
				memcpy(hex, w + 1, 2);
				sb_addc(&one, (char)strtoul(hex, &e, 16));
				assert_int_equal(e - hex, 2);
				w += 2;
			} else {
				sb_addc(&one, *w);
			}
		}
		assert_true(utf8_valid(one.buf, one.len));
		sb_add(&all, one.buf, one.len);
		w = end + 2;
		if (*w == ' ')
			w++;
	}
	assert_string_equal(sb_str(&all), orig);
	sb_release(&all);
	sb_release(&one);
}

static void test_long_words(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	int i;

	for (i = 0; i < 40; i++)
		sb_adds(&sb, "\xc3\xa9t\xe2\x82\xac ");
	s = mailenc_words(sb.buf);
	assert_non_null(s);
	assert_non_null(strchr(s, ' '));	/* more than one word */
	check_words(s, sb.buf);
	free(s);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrase),
		cmocka_unit_test(test_addr),
		cmocka_unit_test(test_long_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
