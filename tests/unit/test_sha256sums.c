// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/sha256sums.c: sha256sum(1) lists, bare and
 * clear-signed as kernel.org's sha256sums.asc, and the streamed sum.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sha256sums.h"
#include "util.h"

#define H1 "2cd3f8d6cd0fc9f1b4b3bb3b5ab4b10e5bd5b37c2b2d3d1d4e5f60718293a4b5"
#define H2 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static int parse(const char *s, bool armored, struct sha256sums *ss,
		 struct parse_error *e)
{
	return sha256sums_parse(s, strlen(s), armored, ss, e);
}

static void test_plain(void **state)
{
	static const char s[] =
		H1 "  linux-5.10.46.tar.xz\n"
		"not a sum line\n"
		"00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff *linux-5.10.47.tar.xz\r\n"
		H1 " one-blank-only.tar.xz\n"
		"0" H1 "  65-hex.tar.xz\n"
		H1 "\040\040\n"
		H1 "  ctrl\001name\n"
		H1 "  linux-5.10.46.tar.xz\n"
		H2 "  last-no-newline";
	const struct sha256sum *e;
	struct sha256sums ss;
	struct parse_error err;

	assert_int_equal(parse(s, false, &ss, &err), 0);
	assert_int_equal(ss.n, 3);
	e = sha256sums_find(&ss, "linux-5.10.46.tar.xz");
	assert_non_null(e);
	assert_string_equal(e->hex, H1);
	assert_int_equal(e->line, 1);
	e = sha256sums_find(&ss, "linux-5.10.47.tar.xz");
	assert_non_null(e);
	assert_string_equal(e->hex, H2);	/* lowercased, \r dropped */
	assert_int_equal(e->line, 3);
	assert_non_null(sha256sums_find(&ss, "last-no-newline"));
	assert_null(sha256sums_find(&ss, "one-blank-only.tar.xz"));
	assert_null(sha256sums_find(&ss, "65-hex.tar.xz"));
	assert_null(sha256sums_find(&ss, "linux-5.10.4"));
	sha256sums_free(&ss);
	assert_int_equal(ss.n, 0);
}

static void test_armored(void **state)
{
	static const char s[] =
		H2 "  outside-before.tar.xz\n"
		"-----BEGIN PGP SIGNED MESSAGE-----\n"
		"Hash: SHA256\n"
		"\n"
		H1 "  linux-5.10.46.tar.xz\n"
		"- " H2 "  dash-escaped.tar.xz\n"
		"-----BEGIN PGP SIGNATURE-----\n"
		"\n"
		"iHUEARYIAB0WIQR4byVCcUj6P4RPga86woSo411ZYgUCaw6vVAAKCRA6woSo411Z\n"
		"-----END PGP SIGNATURE-----\n"
		H2 "  outside-after.tar.xz\n";
	struct sha256sums ss;
	struct parse_error err;

	assert_int_equal(parse(s, true, &ss, &err), 0);
	assert_int_equal(ss.n, 2);
	assert_string_equal(ss.e[0].name, "linux-5.10.46.tar.xz");
	assert_int_equal(ss.e[0].line, 5);
	assert_string_equal(ss.e[1].name, "dash-escaped.tar.xz");
	assert_string_equal(ss.e[1].hex, H2);
	assert_null(sha256sums_find(&ss, "outside-before.tar.xz"));
	assert_null(sha256sums_find(&ss, "outside-after.tar.xz"));
	sha256sums_free(&ss);

	/* The same text, read as gpgv --output writes it: every line. */
	assert_int_equal(parse(s, false, &ss, &err), 0);
	assert_int_equal(ss.n, 3);
	assert_non_null(sha256sums_find(&ss, "outside-before.tar.xz"));
	sha256sums_free(&ss);
}

static void test_armored_crlf(void **state)
{
	static const char s[] =
		"-----BEGIN PGP SIGNED MESSAGE-----\r\n"
		"Hash: SHA256\r\n"
		"\r\n"
		H1 "  linux-5.4.tar.xz\r\n"
		"-----BEGIN PGP SIGNATURE-----\r\n"
		"-----END PGP SIGNATURE-----\r\n";
	struct sha256sums ss;
	struct parse_error err;

	assert_int_equal(parse(s, true, &ss, &err), 0);
	assert_int_equal(ss.n, 1);
	assert_string_equal(ss.e[0].name, "linux-5.4.tar.xz");
	sha256sums_free(&ss);
}

static void test_errors(void **state)
{
	static const char dup[] =
		H1 "  a.tar.xz\n"
		H1 "  a.tar.xz\n"
		H2 "  a.tar.xz\n";
	static const char nul[] = H1 "  a\0b\n";
	struct sha256sums ss;
	struct parse_error err;

	assert_int_equal(parse(dup, false, &ss, &err), -1);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "\"a.tar.xz\" listed twice"));
	assert_non_null(strstr(err.msg, "first at line 1"));
	assert_int_equal(ss.n, 0);
	assert_null(ss.e);

	assert_int_equal(sha256sums_parse(nul, sizeof(nul) - 1, false, &ss,
					  &err), -1);
	assert_non_null(strstr(err.msg, "NUL byte"));

	assert_int_equal(parse(H1 "  a.tar.xz\n", true, &ss, &err), -1);
	assert_non_null(strstr(err.msg, "not a clear-signed message"));
	assert_int_equal(parse("-----BEGIN PGP SIGNED MESSAGE-----\n\n"
			       H1 "  a.tar.xz\n", true, &ss, &err), -1);
	assert_non_null(strstr(err.msg, "without a signature"));
	assert_int_equal(ss.n, 0);

	assert_int_equal(parse("", false, &ss, &err), 0);
	assert_int_equal(ss.n, 0);
}

static void test_stream(void **state)
{
	char path[] = "/tmp/test_sha256sums.XXXXXX";
	int fd = mkstemp(path);
	char *buf = xmalloc(200000), *a, *b;
	size_t i;

	assert_true(fd >= 0);
	for (i = 0; i < 200000; i++)
		buf[i] = (char)(i * 7 + i / 300);
	assert_int_equal(write(fd, buf, 200000), 200000);
	close(fd);
	a = sha256_stream_file(path);
	b = sha256_hex(buf, 200000);
	assert_non_null(a);
	assert_string_equal(a, b);
	free(a);
	free(b);
	unlink(path);
	assert_null(sha256_stream_file(path));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_armored),
		cmocka_unit_test(test_armored_crlf),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
