// SPDX-License-Identifier: GPL-2.0
/*
 * backport fetch: a branch's kernel tree from kernel.org (or a mirror with
 * its layout), checked and unpacked once into the cache; see fetch.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "fetch.h"
#include "options-common.h"
#include "table.h"
#include "util.h"

const char cmd_fetch_summary[] =
	"download a branch's kernel.org release, check it, unpack it into the cache";

static const char *const fetch_usage[] = {
	"usage: backport fetch --branch B [--version X.Y.Z]",
	"",
	"Downloads linux-X.Y.Z.tar.xz (linux-X.Y.tar.xz for X.Y.0) from\n"
	"$BACKPORT_MIRROR/v<X>.x/ (default " FETCH_DEFAULT_MIRROR ")\n"
	"with curl, resuming a download an earlier run left, and checks its\n"
	"sha256 against that directory's sha256sums.asc: its signature with\n"
	"\"gpgv --keyring $BACKPORT_KEYRING\" when the variable names a keyring\n"
	"(else the checksum alone, and a line saying so).  Unpacks the tree once\n"
	"into <cache>/src/linux-X.Y.Z; a later fetch reuses it.  The last line\n"
	"on stdout is the tree's absolute path.",
	NULL,
};

int cmd_fetch(int argc, char **argv)
{
	const char *branch = NULL, *version = NULL;
	const struct bp_option options[] = {
		OPT_BRANCH(&branch, "row of configs/branches.json (e.g. 5.10.y)"),
		OPT_VERSION(&version,
			    "a release of the row's branch (default: the row's\n"
			    "\"release\")"),
		OPT_TRAILER("Cache: ${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport};\n"
			    "the download in download/ until unpacked, the tree in src/."),
		OPT_TRAILER("Exit status: 0 tree ready, 2 error (usage, version of another branch,\n"
			    "download, checksum, signature, not a kernel tree)."),
		OPT_END(),
	};
	const struct branch *b;
	struct table t;
	char *dir;

	parse_options(argc, argv, options, fetch_usage, PARSE_OPT_NO_ARGS);
	if (!branch)
		usage_msg_opt(fetch_usage, options, "--branch is required");
	b = table_load_branch(&t, branch, false);
	if (!b)
		return EXIT_ERROR;
	dir = fetch_tree(&t, b, version);
	table_free(&t);
	if (!dir)
		return EXIT_ERROR;
	printf("%s\n", dir);
	free(dir);
	return EXIT_PASS;
}
