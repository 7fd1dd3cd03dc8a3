/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subcommands.  Each scripts/cmd-NAME.c defines
 *
 *	const char cmd_NAME_summary[];		one line for "backport help"
 *	int cmd_NAME(int argc, char **argv);	argv[0] is "NAME"
 *
 * and the Makefile collects them into commands.def; nothing else needs
 * editing to add a subcommand.
 */
#ifndef BACKPORT_BUILTIN_H
#define BACKPORT_BUILTIN_H

#define CMD(name)							\
	extern const char cmd_##name##_summary[];			\
	int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef CMD

/*
 * Print @usage to stdout and exit 0 when argv holds -h/--help; shared by
 * every subcommand so --help behaves the same everywhere.
 */
void usage_if_help(int argc, char **argv, const char *usage);
void __attribute__((noreturn)) usage_error(const char *usage,
					   const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
