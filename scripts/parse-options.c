// SPDX-License-Identifier: GPL-2.0
/*
 * Usage messages and option values shared by the subcommands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-options.h"
#include "util.h"

void usage_if_help(int argc, char **argv, const char *usage)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			exit(EXIT_PASS);
		}
	}
}

void usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fputs(usage, stderr);
	exit(EXIT_ERROR);
}

int opt_int(const char *usage, const char *opt, const char *arg, int lo,
	    int hi)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (!*arg || *end || v < lo || v > hi)
		usage_error(usage, "%s: %d..%d", opt, lo, hi);
	return (int)v;
}

double opt_seconds(const char *usage, const char *opt, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);

	if (!*arg || *end || !(v > 0))
		usage_error(usage, "%s: bad number '%s'", opt, arg);
	return v;
}
