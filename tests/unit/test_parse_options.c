// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/parse-options.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "parse-options.h"
#include "util.h"

#define QUIET	(PARSE_OPT_NO_EXIT | PARSE_OPT_QUIET)

static const char *const demo_usage[] = {
	"usage: backport demo [--check] [-o DIR] FILE...",
	"",
	"A demonstration.",
	NULL,
};

struct demo {
	bool check, json;
	const char *out, *accel, *cb;
	int jobs;
	double secs;
	struct strvec list;
};

static int demo_cb(const struct bp_option *opt, const char *arg,
		   struct strbuf *err)
{
	if (!strcmp(arg, "bad")) {
		sb_addf(err, "--%s: not '%s'", opt->long_name, arg);
		return -1;
	}
	*(const char **)opt->value = arg;
	return 0;
}

static struct demo d;

static const struct bp_option demo_options[] = {
	OPT_BOOL("check", &d.check, "only check"),
	OPT_BOOL("json", &d.json, "machine-readable output"),
	OPT_ALIAS('j', "json"),
	OPT_STRING("output", "DIR", &d.out, "where to write\nthe results"),
	OPT_ALIAS('o', "output"),
	OPT_INT("jobs", "N", &d.jobs, 1, 64, "parallel jobs"),
	OPT_STRING_LIST("branch", "B", &d.list, "a branch (repeatable)"),
	OPT_ALIAS('b', "branch"),
	OPT_SECONDS("timeout", "S", &d.secs, "limit"),
	OPT_CHOICE("accel", "A", &d.accel, "auto|tcg|kvm", "accelerator"),
	OPT_CALLBACK("call", "X", &d.cb, demo_cb, "a callback"),
	OPT_END(),
};

/* The argv demo_parse() hands to parse_options(), rearranged by it. */
static char *av[16];

/* Parse the NULL-terminated @args (argv[0] included) into d. */
static int demo_parse(const char *const *args, unsigned int flags)
{
	int argc;

	for (argc = 0; args[argc]; argc++)
		av[argc] = (char *)args[argc];
	av[argc] = NULL;
	return parse_options(argc, av, demo_options, demo_usage, flags);
}

/* Back to the defaults. */
static void demo_reset(void)
{
	sv_clear(&d.list);
	memset(&d, 0, sizeof(d));
}

static void test_bool_string(void **state)
{
	static const char *const args[] = {
		"demo", "--check", "--output", "DIR", "one", "--accel=kvm",
		"two", NULL
	};

	assert_int_equal(demo_parse(args, QUIET), 2);
	assert_true(d.check);
	assert_false(d.json);
	assert_string_equal(d.out, "DIR");
	assert_string_equal(d.accel, "kvm");
	assert_string_equal(av[0], "one");
	assert_string_equal(av[1], "two");
	assert_null(av[2]);
	demo_reset();
}

static void test_numbers(void **state)
{
	static const char *const args[] = {
		"demo", "--jobs=4", "--timeout", "2.5", NULL
	};
	static const char *const bad[][3] = {
		{ "demo", "--jobs=0", NULL }, { "demo", "--jobs=65", NULL },
		{ "demo", "--jobs=4x", NULL }, { "demo", "--jobs=", NULL },
		{ "demo", "--timeout=0", NULL },
		{ "demo", "--timeout=-1", NULL },
		{ "demo", "--timeout=nan", NULL },
		{ "demo", "--timeout=", NULL },
	};
	size_t i;

	assert_int_equal(demo_parse(args, QUIET), 0);
	assert_int_equal(d.jobs, 4);
	assert_true(d.secs == 2.5);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		demo_reset();
		assert_int_equal(demo_parse(bad[i], QUIET),
				 PARSE_OPT_ERROR);
		assert_int_equal(d.jobs, 0);
		assert_true(d.secs == 0);
	}
}

static void test_list_and_short(void **state)
{
	static const char *const args[] = {
		"demo", "--branch", "a", "--branch=b", "-b", "c", "-bd",
		"-jooutdir", "-", NULL
	};

	assert_int_equal(demo_parse(args, QUIET), 1);
	assert_int_equal(d.list.n, 4);
	assert_string_equal(d.list.v[0], "a");
	assert_string_equal(d.list.v[1], "b");
	assert_string_equal(d.list.v[2], "c");
	assert_string_equal(d.list.v[3], "d");
	assert_true(d.json);
	assert_string_equal(d.out, "outdir");
	assert_string_equal(av[0], "-");
	demo_reset();
}

static void test_double_dash_and_prefix(void **state)
{
	static const char *const args[] = {
		"demo", "--out", "x", "--ch", "--", "--json", "-h", NULL
	};

	/* "-h" after "--" is an argument, not a request for help. */
	assert_int_equal(demo_parse(args, QUIET), 2);
	assert_string_equal(d.out, "x");
	assert_true(d.check);
	assert_false(d.json);
	assert_string_equal(av[0], "--json");
	assert_string_equal(av[1], "-h");
	assert_null(av[2]);
}

static void test_errors(void **state)
{
	static const char *const bad[][4] = {
		{ "demo", "--nope", NULL },
		{ "demo", "-x", NULL },
		{ "demo", "--output", NULL },
		{ "demo", "-o", NULL },
		{ "demo", "--check=yes", NULL },
		{ "demo", "--j", NULL },	/* --json or --jobs */
		{ "demo", "--accel=xen", NULL },
		{ "demo", "--call", "bad", NULL },
		{ "demo", "--=x", NULL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		demo_reset();
		assert_int_equal(demo_parse(bad[i], QUIET),
				 PARSE_OPT_ERROR);
		demo_reset();
	}
	demo_reset();
	{
		static const char *const ok[] = { "demo", "--call", "good", NULL };

		assert_int_equal(demo_parse(ok, QUIET), 0);
		assert_string_equal(d.cb, "good");
	}
	demo_reset();
	{
		/* PARSE_OPT_NO_ARGS: a positional argument is an error. */
		static const char *const pos[] = { "demo", "--check", "x", NULL };
		static const char *const none[] = { "demo", "--check", NULL };

		assert_int_equal(demo_parse(pos, QUIET), 1);
		demo_reset();
		assert_int_equal(demo_parse(pos, QUIET | PARSE_OPT_NO_ARGS),
				 PARSE_OPT_ERROR);
		demo_reset();
		assert_int_equal(demo_parse(none, QUIET | PARSE_OPT_NO_ARGS), 0);
		demo_reset();
	}
}

static void test_help_no_exit(void **state)
{
	static const char *const args[] = { "demo", "--nope", "--help", NULL };

	/* Help wins over a bad option, as usage_if_help() did. */
	assert_int_equal(demo_parse(args, QUIET), PARSE_OPT_HELP);
}

/*
 * Run demo_parse(@args) without PARSE_OPT_NO_EXIT in a child: its exit
 * status, and what it wrote to stdout (@fd 1) or stderr (@fd 2).
 */
static int child_parse(const char *const *args, int fd, struct strbuf *out)
{
	int p[2], status;
	char buf[4096];
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(p[0]);
		dup2(p[1], fd);
		demo_parse(args, 0);
		_exit(99);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		sb_add(out, buf, (size_t)n);
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_exit_codes(void **state)
{
	static const char *const unknown[] = { "demo", "one", "--nope", NULL };
	static const char *const missing[] = { "demo", "--jobs", NULL };
	static const char *const help[] = { "demo", "-h", NULL };
	struct strbuf out = STRBUF_INIT, usage = STRBUF_INIT;

	sb_add_usage(&usage, demo_usage, demo_options);
	assert_int_equal(child_parse(help, 1, &out), EXIT_PASS);
	assert_string_equal(out.buf, usage.buf);

	sb_reset(&out);
	assert_int_equal(child_parse(unknown, 2, &out), EXIT_ERROR);
	assert_true(starts_with(out.buf,
				"backport: unknown option '--nope'\n"));
	assert_string_equal(strchr(out.buf, '\n') + 1, usage.buf);

	sb_reset(&out);
	assert_int_equal(child_parse(missing, 2, &out), EXIT_ERROR);
	assert_true(starts_with(out.buf,
				"backport: option '--jobs' requires an argument\n"));
	sb_release(&out);
	sb_release(&usage);
}

/* A non-list option given twice, or two setting one value: refused. */
static void test_given_twice(void **state)
{
	static const char *const bad[][6] = {
		{ "demo", "--output", "a", "--output", "b", NULL },
		{ "demo", "-o", "a", "--output=b", NULL },
		{ "demo", "--json", "-j", NULL },
		{ "demo", "--check", "--check", NULL },
		{ "demo", "--jobs=2", "--jobs=2", NULL },
		{ "demo", "--accel=tcg", "--accel", "kvm", NULL },
		{ "demo", "--call", "x", "--call", "y", NULL },
	};
	static const char *const twice[] = {
		"demo", "x", "--output", "a", "-o", "b", NULL
	};
	static const char *const list[] = {
		"demo", "-b", "a", "--branch", "a", NULL
	};
	struct strbuf out = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		demo_reset();
		if (demo_parse(bad[i], QUIET) != PARSE_OPT_ERROR)
			fail_msg("%s %s: accepted", bad[i][1], bad[i][2]);
	}
	demo_reset();
	assert_int_equal(demo_parse(list, QUIET), 0);
	assert_int_equal(d.list.n, 2);
	demo_reset();
	assert_int_equal(child_parse(twice, 2, &out), EXIT_ERROR);
	assert_true(starts_with(out.buf,
				"backport: option '--output' given twice\n"));
	sb_release(&out);
}

static struct {
	const char *path;
} same;

static void test_same_value(void **state)
{
	static const struct bp_option opts[] = {
		OPT_STRING("checkpatch", "PATH", &same.path, "a script"),
		OPT_STRING("tree", "DIR", &same.path, "or a tree's"),
		OPT_END(),
	};
	static const char *const args[] = {
		"demo", "--checkpatch", "x", "--tree", "y", NULL
	};
	char *a[6];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(args); i++)
		a[i] = (char *)args[i];
	assert_int_equal(parse_options(5, a, opts, demo_usage, QUIET),
			 PARSE_OPT_ERROR);
}

static void test_usage_text(void **state)
{
	static const char *const usagestr[] = {
		"usage: backport demo [--check] [-o DIR] FILE...",
		"   or: backport demo --list",
		"",
		"A demonstration,\n"
		"in two lines.",
		NULL,
	};
	static const char want[] =
		"usage: backport demo [--check] [-o DIR] FILE...\n"
		"   or: backport demo --list\n"
		"\n"
		"A demonstration,\n"
		"in two lines.\n"
		"\n"
		"  --check           only check\n"
		"  -o, --output DIR  where to write\n"
		"                    the results\n"
		"  --jobs N          parallel jobs\n"
		"  --a-rather-long-option VALUE\n"
		"                    on its own line, then wrapped at a space before the 79th\n"
		"                    column\n"
		"  --list\n"
		"\n"
		"Boot:\n"
		"  --timeout S       limit\n"
		"  -h, --help        this text\n"
		"\n"
		"Exit status: 0 ok,\n"
		"2 usage error.\n";
	bool check, list;
	const char *out;
	struct strvec sv = STRVEC_INIT;
	int jobs;
	double secs;
	const struct bp_option options[] = {
		OPT_BOOL("check", &check, "only check"),
		OPT_STRING("output", "DIR", &out, "where to write\nthe results"),
		OPT_ALIAS('o', "output"),
		OPT_INT("jobs", "N", &jobs, 1, 64, "parallel jobs"),
		OPT_STRING_LIST("a-rather-long-option", "VALUE", &sv,
				"on its own line, then wrapped at a space before the 79th column"),
		OPT_BOOL("list", &list, NULL),
		OPT_TRAILER("Exit status: 0 ok,\n2 usage error."),
		OPT_GROUP("Boot:"),
		OPT_SECONDS("timeout", "S", &secs, "limit"),
		OPT_END(),
	};
	struct strbuf sb = STRBUF_INIT;

	sb_add_usage(&sb, usagestr, options);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void test_usage_minimal(void **state)
{
	static const char *const usagestr[] = { "usage: backport x", NULL };
	const struct bp_option options[] = { OPT_END() };
	struct strbuf sb = STRBUF_INIT;

	sb_add_usage(&sb, usagestr, options);
	assert_string_equal(sb.buf,
			    "usage: backport x\n"
			    "\n"
			    "  -h, --help   this text\n");
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bool_string),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_list_and_short),
		cmocka_unit_test(test_double_dash_and_prefix),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help_no_exit),
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_given_twice),
		cmocka_unit_test(test_same_value),
		cmocka_unit_test(test_usage_text),
		cmocka_unit_test(test_usage_minimal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
