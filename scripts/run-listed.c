// SPDX-License-Identifier: GPL-2.0
/*
 * Test builds only (compiled with -DBACKPORT_PROGRAMS_LIST="<checkout>/
 * ci/packages.txt"): every program the tool starts by name must be listed
 * there with its Debian package, so that a new dependency cannot slip in
 * unlisted and fail on a fresh machine.  Paths (the tool itself, a tree's
 * scripts, ci/engines' npm tools) are not packages and pass; a path in a
 * system bin directory is checked by its name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "run.h"
#include "util.h"

#ifdef BACKPORT_PROGRAMS_LIST
static const char *const system_bins[] = {
	"/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/",
};

static struct deps listed;
static int loaded;		/* 0 not yet, 1 loaded, -1 unreadable */

static int load_listed(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;

	if (read_file(BACKPORT_PROGRAMS_LIST, &sb) ||
	    deps_parse(sb_str(&sb), sb.len, &listed, &err)) {
		err_msg("%s: cannot read the program list", BACKPORT_PROGRAMS_LIST);
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	return 1;
}

static const char *checked_name(const char *prog)
{
	size_t i;

	if (!strchr(prog, '/'))
		return prog;
	for (i = 0; i < ARRAY_SIZE(system_bins); i++)
		if (!strncmp(prog, system_bins[i], strlen(system_bins[i])))
			return strrchr(prog, '/') + 1;
	return NULL;
}

int run_program_listed(const char *prog)
{
	const char *name = checked_name(prog);
	size_t i, j;

	if (!name)
		return 0;
	if (!loaded)
		loaded = load_listed();
	if (loaded < 0)
		return -1;
	for (i = 0; i < listed.n; i++)
		for (j = 0; j < listed.d[i].programs.n; j++)
			if (!strcmp(listed.d[i].programs.v[j], name))
				return 0;
	err_msg("%s: not listed in %s (test build: every program the tool runs is listed there with its Debian package)",
		name, BACKPORT_PROGRAMS_LIST);
	return -1;
}
#else
int run_program_listed(const char *prog)
{
	return 0;
}
#endif
