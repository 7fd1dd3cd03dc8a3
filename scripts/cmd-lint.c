// SPDX-License-Identifier: GPL-2.0
/*
 * backport lint: check every series file and port patch against the
 * branch table and the stable submission rules.  Findings are printed
 * gcc style, "FILE:LINE: message", with FILE relative to the project root.
 * The checks are in lint.c.
 */
#include <stdbool.h>

#include "builtin.h"
#include "lint.h"
#include "options-common.h"
#include "table.h"
#include "util.h"

const char cmd_lint_summary[] =
	"check series/ and ports/ against the table and stable rules";

static const char *const lint_usage[] = {
	"usage: backport lint [--json]",
	"",
	"Checks every series/B and ports/B/ patch: series entries exist and no\n"
	"patch is orphaned; the first body line is \"commit <40-hex> upstream.\"\n"
	"(or \"[ Upstream commit <40-hex> ]\") naming the table's commit; Fixes:\n"
	"tags are \"Fixes: <12+ hex> (\\\"subject\\\")\" on one line; the in-body\n"
	"From: keeps the upstream author; the Signed-off-by chain ends with the\n"
	"backporter; the subject is upstream's; the patch parses; the diff adds\n"
	"exactly the fix line after the anchor line; its hunk headers start where\n"
	"the row's \"hunks\" in configs/branches.json puts them, and every row\n"
	"whose port is generated has that record.",
	NULL,
};

int cmd_lint(int argc, char **argv)
{
	bool json = false;
	const struct bp_option options[] = {
		OPT_JSON(&json),
		OPT_TRAILER("Findings: FILE:LINE: message.  Exit status: 0 clean, 1 findings,\n"
			    "2 usage or environment error (no table, unreadable directory)."),
		OPT_END(),
	};
	struct lint l = { 0 };
	struct table t;
	int ret;

	argc = parse_options(argc, argv, options, lint_usage, 0);
	if (argc)
		usage_msg_opt(lint_usage, options,
			      "unexpected argument \"%s\"", argv[0]);
	if (table_load_default(&t))
		return EXIT_ERROR;
	l.t = &t;
	if (lint_all(&l)) {
		ret = EXIT_ERROR;
	} else {
		lint_print(&l, json);
		ret = l.n ? EXIT_FINDING : EXIT_PASS;
	}
	lint_free(&l);
	table_free(&t);
	return ret;
}
