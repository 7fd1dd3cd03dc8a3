/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subcommands.  Each scripts/cmd-NAME.c defines
 *
 *	const char cmd_NAME_summary[] =
 *		"one line for backport --help";
 *	int cmd_NAME(int argc, char **argv);	argv[0] is "NAME"
 *
 * and the Makefile collects them into commands.def and commands.h (the
 * declarations); nothing else needs
 * editing to add a subcommand.
 */
#ifndef BACKPORT_BUILTIN_H
#define BACKPORT_BUILTIN_H

#include "commands.h"
#include "parse-options.h"
#include "util.h"

#endif
