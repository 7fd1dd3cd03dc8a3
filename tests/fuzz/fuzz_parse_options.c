// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: parse_options() on an argv made of the input's lines
 * (after the first), and the usage text with the first line as the help
 * of one option.  PARSE_OPT_NO_EXIT keeps errors and --help from ending
 * the process.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-options.h"
#include "util.h"

#define MAX_ARGS	64

static int fuzz_cb(const struct bp_option *opt, const char *arg,
		   struct strbuf *err)
{
	if (arg && !*arg) {
		sb_addf(err, "--%s: empty", opt->long_name);
		return -1;
	}
	(*(int *)opt->value)++;
	return 0;
}

/* Each positional argument is one of the input's, in the input's order. */
static void check_positional(char **argv, int n, char *const *orig,
			     int argc)
{
	int i, j = 1;

	if (argv[n])
		__builtin_trap();
	for (i = 0; i < n; i++) {
		while (j < argc && orig[j] != argv[i])
			j++;
		if (j++ >= argc)
			__builtin_trap();
	}
}

static void check_usage(const struct bp_option *options)
{
	static const char *const usagestr[] = { "usage: fuzz [options]", NULL };
	struct strbuf sb = STRBUF_INIT;
	const struct bp_option *o;
	char name[64];

	sb_add_usage(&sb, usagestr, options);
	for (o = options; o->type != OPTION_END; o++) {
		if (o->type < OPTION_BOOL)
			continue;
		snprintf(name, sizeof(name), "--%s", o->long_name);
		if (!strstr(sb_str(&sb), name))
			__builtin_trap();
	}
	if (!strstr(sb_str(&sb), "-h, --help") || !strstr(sb_str(&sb), "More:"))
		__builtin_trap();
	sb_release(&sb);
}

static void fuzz_one(char **argv, int argc, const char *help)
{
	bool check = false, json = false;
	const char *out = NULL, *accel = NULL;
	struct strvec list = STRVEC_INIT;
	char *orig[MAX_ARGS + 1];
	int jobs = 0, calls = 0, flags = 0, n;
	double secs = 0;
	const struct bp_option options[] = {
		OPT_BOOL("check", &check, help),
		OPT_BOOL("json", &json, "machine-readable output"),
		OPT_ALIAS('j', "json"),
		OPT_STRING("output", "DIR", &out, "where to write"),
		OPT_ALIAS('o', "output"),
		OPT_INT("jobs", "N", &jobs, -5, 64, "parallel jobs"),
		OPT_STRING_LIST("branch", "B", &list, "a branch"),
		OPT_ALIAS('b', "branch"),
		OPT_SECONDS("timeout", "S", &secs, "limit"),
		OPT_CHOICE("accel", "A", &accel, "auto|tcg|kvm", "accelerator"),
		OPT_CALLBACK("call", "X", &calls, fuzz_cb, "with an argument"),
		OPT_CALLBACK("flag", NULL, &flags, fuzz_cb, "without one"),
		OPT_GROUP("More:"),
		OPT_BOOL("check-more", &check, "a prefix of nothing"),
		OPT_TRAILER("Exit status: 0 ok, 2 usage error."),
		OPT_END(),
	};

	memcpy(orig, argv, sizeof(*argv) * (argc + 1));
	n = parse_options(argc, argv, options, NULL,
			  PARSE_OPT_NO_EXIT | PARSE_OPT_QUIET);
	if (n >= 0)
		check_positional(argv, n, orig, argc);
	else if (n != PARSE_OPT_HELP && n != PARSE_OPT_ERROR)
		__builtin_trap();
	if (jobs < -5 || jobs > 64 || secs < 0 || calls < 0 || flags < 0 ||
	    list.n > (size_t)argc)
		__builtin_trap();
	if (accel && strcmp(accel, "auto") && strcmp(accel, "tcg") &&
	    strcmp(accel, "kvm"))
		__builtin_trap();
	check_usage(options);
	sv_clear(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1), *argv[MAX_ARGS + 1], *p, *nl;
	int argc = 0;

	memcpy(buf, data, size);
	buf[size] = '\0';
	nl = strchr(buf, '\n');
	p = nl ? nl + 1 : buf + strlen(buf);
	if (nl)
		*nl = '\0';
	argv[argc++] = "fuzz";
	while (argc < MAX_ARGS && p < buf + size) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		argv[argc++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	argv[argc] = NULL;
	fuzz_one(argv, argc, buf);
	free(buf);
	return 0;
}
