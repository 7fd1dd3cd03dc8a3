/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Usage messages and option values shared by the subcommands.
 */
#ifndef BACKPORT_PARSE_OPTIONS_H
#define BACKPORT_PARSE_OPTIONS_H

#include "util.h"

/*
 * Print @usage to stdout and exit 0 when argv holds -h/--help; shared by
 * every subcommand so --help behaves the same everywhere.
 */
void usage_if_help(int argc, char **argv, const char *usage);
__printf(2, 3) __noreturn void usage_error(const char *usage,
					   const char *fmt, ...);

/*
 * Option values, or usage_error() naming @opt: an int in [lo, hi], a
 * positive number of seconds.
 */
int opt_int(const char *usage, const char *opt, const char *arg, int lo,
	    int hi);
double opt_seconds(const char *usage, const char *opt, const char *arg);

#endif
