// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the pure half of scripts/fetch.c: release numbers, which
 * release a row takes, the mirror, directory URL and tarball names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fetch.h"
#include "util.h"

static void test_release_parse(void **state)
{
	static const char *const bad[] = {
		"", "5", "5.", "5.10.", "5.10.46.1", "05.10.46", "5.010.46",
		"5.10.046", "5.10.y", "v5.10.46", "5.10.46-rc1", " 5.10.46",
		"0.10.1", "5.10.99999", "5..10", "5.10.46 ",
	};
	struct release r;
	size_t i;

	assert_int_equal(release_parse("5.10.46", &r), 0);
	assert_int_equal(r.major, 5);
	assert_int_equal(r.minor, 10);
	assert_int_equal(r.sub, 46);
	assert_string_equal(r.name, "linux-5.10.46");
	/* X.Y.0 is published as linux-X.Y.tar.xz, with either spelling */
	assert_int_equal(release_parse("5.10", &r), 0);
	assert_int_equal(r.sub, 0);
	assert_string_equal(r.name, "linux-5.10");
	assert_int_equal(release_parse("5.10.0", &r), 0);
	assert_string_equal(r.name, "linux-5.10");
	assert_int_equal(release_parse("4.4.178", &r), 0);
	assert_string_equal(r.name, "linux-4.4.178");
	assert_int_equal(release_parse("6.0.9999", &r), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (!release_parse(bad[i], &r))
			fail_msg("\"%s\" accepted", bad[i]);
	}
}

static void test_names(void **state)
{
	struct release r;
	char *s;

	assert_int_equal(release_parse("5.10.46", &r), 0);
	s = fetch_tarball(&r);
	assert_string_equal(s, "linux-5.10.46.tar.xz");
	free(s);
	s = fetch_dir_url("https://cdn.kernel.org/pub/linux/kernel", &r);
	assert_string_equal(s, "https://cdn.kernel.org/pub/linux/kernel/v5.x/");
	free(s);
	assert_int_equal(release_parse("4.19", &r), 0);
	s = fetch_tarball(&r);
	assert_string_equal(s, "linux-4.19.tar.xz");
	free(s);
	s = fetch_dir_url("file:///srv/mirror", &r);
	assert_string_equal(s, "file:///srv/mirror/v4.x/");
	free(s);
}

static void test_mirror(void **state)
{
	char *m;

	unsetenv("BACKPORT_MIRROR");
	m = fetch_mirror();
	assert_string_equal(m, FETCH_DEFAULT_MIRROR);
	free(m);
	setenv("BACKPORT_MIRROR", "", 1);
	m = fetch_mirror();
	assert_string_equal(m, FETCH_DEFAULT_MIRROR);
	free(m);
	setenv("BACKPORT_MIRROR", "file:///tmp/m//", 1);
	m = fetch_mirror();
	assert_string_equal(m, "file:///tmp/m");
	free(m);
	unsetenv("BACKPORT_MIRROR");
}

static void test_fetch_release(void **state)
{
	struct branch port = { .name = "5.10.y", .base = "5.10.y",
			       .major = 5, .minor = 10, .release = "5.10.46" };
	struct branch opt = { .name = "4.19.y-optional", .base = "4.19.y",
			      .major = 4, .minor = 19, .release = "4.19.72" };
	struct branch deb = { .name = "6.1.y", .base = "6.1.y", .major = 6,
			      .minor = 1, .debian_source = "linux-source-6.1" };
	struct release r;
	char msg[256];

	assert_int_equal(fetch_release(&port, NULL, &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.name, "linux-5.10.46");
	assert_int_equal(fetch_release(&port, "5.10.1", &r, msg, sizeof(msg)),
			 0);
	assert_string_equal(r.name, "linux-5.10.1");
	assert_int_equal(fetch_release(&opt, "4.19.100", &r, msg,
				       sizeof(msg)), 0);
	assert_int_equal(fetch_release(&port, "5.4.128", &r, msg, sizeof(msg)),
			 -1);
	assert_string_equal(msg, "--version 5.4.128 is not a 5.10.y release: 5.10.y takes 5.10.N");
	assert_int_equal(fetch_release(&opt, "5.10.46", &r, msg, sizeof(msg)),
			 -1);
	assert_string_equal(msg, "--version 5.10.46 is not a 4.19.y release: 4.19.y-optional takes 4.19.N");
	assert_int_equal(fetch_release(&port, "5.10.x", &r, msg, sizeof(msg)),
			 -1);
	assert_non_null(strstr(msg, "not a kernel.org release number"));
	assert_int_equal(fetch_release(&deb, NULL, &r, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "6.1.y has no kernel.org \"release\""));
	assert_non_null(strstr(msg, "pass --version 6.1.N"));
	assert_int_equal(fetch_release(&deb, "6.1.50", &r, msg, sizeof(msg)),
			 0);
	assert_string_equal(r.name, "linux-6.1.50");
}

/* The mirrors fetch takes, and those it refuses before writing anything. */
static void test_mirror_check(void **state)
{
	static const char *const good[] = {
		"https://cdn.kernel.org/pub/linux/kernel",
		"https://mirror.example:8443/linux", "https://h",
		"file:///srv/mirror", "file:///srv/linux-5.x/a+b_c~d",
	};
	static const char *const bad[] = {
		"http://cdn.kernel.org/pub/linux/kernel",
		"ftp://example.org/pub", "/srv/mirror", "file://srv/mirror",
		"file:///tmp/../etc", "file:///srv/./m", "file:///srv/..",
		"https://", "https://-x/", "https://a.b@evil/x",
		"https://h/a b", "https://h/x?y=1", "https://h/%2e%2e/x",
		"file:///srv/m\nx", "https://h/'x'", "",
	};
	char msg[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		assert_int_equal(fetch_mirror_check(good[i], msg, sizeof(msg)),
				 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		msg[0] = '\0';
		assert_int_equal(fetch_mirror_check(bad[i], msg, sizeof(msg)),
				 -1);
		assert_true(msg[0] != '\0');
	}
	fetch_mirror_check("ftp://x", msg, sizeof(msg));
	assert_non_null(strstr(msg, "not a file:///PATH or https:// URL"));
	fetch_mirror_check("file:///a/../b", msg, sizeof(msg));
	assert_non_null(strstr(msg, "\"..\" segment"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_parse),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_mirror),
		cmocka_unit_test(test_fetch_release),
		cmocka_unit_test(test_mirror_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
