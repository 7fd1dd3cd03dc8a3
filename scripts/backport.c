// SPDX-License-Identifier: GPL-2.0
/*
 * backport: make, check, build, boot and mail stable ports of an upstream
 * kernel fix.  git-style front end: "backport CMD [options]".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "stop.h"
#include "util.h"

#ifndef BACKPORT_VERSION
#define BACKPORT_VERSION "0.1"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
#define CMD(n) { #n, cmd_##n, cmd_##n##_summary },
#include "commands.def"
#undef CMD
};

static void main_usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: backport [--version] [--help] <command> [<args>]\n\n"
		"Ports an upstream kernel fix to the stable branches listed in\n"
		"configs/branches.json, checks the ports, builds, boots and\n"
		"verifies them.  Exit status: 0 pass, 1 finding or failure,\n"
		"2 usage or environment error.\n\n"
		"Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "   %-12s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(f, "\nSee 'backport <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	size_t i;
	int ret;

	if (argc < 2) {
		main_usage(stderr);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char help[] = "--help";
			char *sub[3];

			sub[0] = argv[2];
			sub[1] = help;
			sub[2] = NULL;

			for (i = 0; i < ARRAY_SIZE(commands); i++)
				if (!strcmp(commands[i].name, argv[2]))
					return commands[i].fn(2, sub);
		}
		main_usage(stdout);
		return EXIT_PASS;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("backport %s\n", BACKPORT_VERSION);
		return EXIT_PASS;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(commands[i].name, argv[1])) {
			static char name[64];

			snprintf(name, sizeof(name), "backport %s", argv[1]);
			progname = name;
			stop_on_signals();
			ret = commands[i].fn(argc - 1, argv + 1);
			stop_if_requested();
			return ret;
		}
	}
	fprintf(stderr, "backport: '%s' is not a backport command. See 'backport --help'.\n",
		argv[1]);
	return EXIT_ERROR;
}
