// SPDX-License-Identifier: GPL-2.0
/*
 * backport maintainers: who owns a path (get_maintainer.pl style), and
 * --check for MAINTAINERS.txt itself.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "maintainers.h"
#include "patch.h"
#include "table.h"
#include "util.h"

const char cmd_maintainers_summary[] =
	"who owns a path or a patch; --check MAINTAINERS.txt";

static const char usage[] =
	"usage: backport maintainers [--file FILE] PATH...\n"
	"   or: backport maintainers [--file FILE] --check\n"
	"\n"
	"Resolves the owners of each PATH from MAINTAINERS.txt like the\n"
	"kernel's get_maintainer.pl and prints one line per person or list:\n"
	"\n"
	"   Name <mail> (maintainer:ENTRY)\n"
	"   list@host (open list:ENTRY)\n"
	"\n"
	"PATH is relative to the project root.  A PATH ending in .patch,\n"
	".mbox or .eml that parses as a patch also resolves the files its diff\n"
	"touches.\n"
	"\n"
	"  --file FILE  MAINTAINERS file (default: ROOT/MAINTAINERS.txt)\n"
	"  --check      validate the file: syntax (FILE:LINE: reason), and an\n"
	"               entry for every port row of configs/branches.json\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 ok, 1 a PATH has no owner or --check found a problem,\n"
	"2 usage error or unreadable file.\n";

static char *relative_to(const char *root, const char *path)
{
	size_t n = strlen(root);

	while (starts_with(path, "./"))
		path += 2;
	if (n && !strncmp(path, root, n) && path[n] == '/')
		return xstrdup(path + n + 1);
	return xstrdup(path);
}

/* The files a patch file's diff touches, or nothing if it is not one. */
static void patch_paths(const char *file, struct strvec *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct patch p;
	size_t i;

	if (!ends_with(file, ".patch") && !ends_with(file, ".mbox") &&
	    !ends_with(file, ".eml"))
		return;
	if (read_file(file, &sb) || !sb.len) {
		sb_release(&sb);
		return;
	}
	if (!patch_parse(sb.buf, sb.len, &p, &err)) {
		for (i = 0; i < p.nfiles; i++)
			sv_push(out, p.files[i].new_path &&
				strcmp(p.files[i].new_path, "/dev/null") ?
				p.files[i].new_path : p.files[i].old_path);
		patch_free(&p);
	} else {
		warn_msg("%s:%u: not resolving its diff: %s", file, err.line,
			 err.msg);
	}
	sb_release(&sb);
}

static int check_table(const struct maintainers *m, const char *file)
{
	struct table t;
	int bad = 0;
	size_t i, j;

	if (table_load_default(&t))
		return -1;
	for (i = 0; i < t.n; i++) {
		const struct branch *b = &t.b[i];
		char *pdir;
		bool ok = false;

		if (b->decision != DECISION_PORT)
			continue;
		pdir = xasprintf("ports/%s/x.patch", b->name);
		for (j = 0; j < m->n && !ok; j++)
			ok = maintainers_entry_covers(&m->e[j], pdir) &&
			     (!b->series ||
			      maintainers_entry_covers(&m->e[j], b->series));
		if (!ok) {
			err_msg("%s: no entry covers both ports/%s/ and %s (port row of %s)",
				file, b->name, b->series ? b->series : "-",
				t.path);
			bad = 1;
		}
		free(pdir);
	}
	table_free(&t);
	return bad;
}

int cmd_maintainers(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct maintainers m;
	struct maint_owners o = { NULL, 0 };
	struct parse_error err;
	struct strvec paths = STRVEC_INIT;
	char *root = NULL, *file = NULL;
	bool check = false;
	int c, status = EXIT_PASS;
	size_t i;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "f:ch", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			file = xstrdup(optarg);
			break;
		case 'c':
			check = true;
			break;
		default:
			usage_error(usage, "bad option");
		}
	}
	if (check && optind != argc)
		usage_error(usage, "--check takes no PATH");
	if (!check && optind == argc)
		usage_error(usage, "no PATH given");
	if (!file) {
		root = project_root();
		if (!root)
			return EXIT_ERROR;
		file = path_join(root, "MAINTAINERS.txt");
	}
	if (maintainers_load(file, &m, &err)) {
		if (err.line)
			fprintf(stderr, "%s:%u: %s\n", file, err.line, err.msg);
		else
			fprintf(stderr, "%s: %s\n", file, err.msg);
		free(file);
		free(root);
		/* A syntax problem is a finding of --check; else an error. */
		return check && err.line ? EXIT_FINDING : EXIT_ERROR;
	}
	if (check) {
		int r = check_table(&m, file);

		if (r < 0)
			status = EXIT_ERROR;
		else if (r)
			status = EXIT_FINDING;
		else
			printf("%s: %zu entries, ok\n", file, m.n);
		goto out;
	}

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		struct strvec sub = STRVEC_INIT;
		char *rel = relative_to(root ? root : "", argv[i]);
		size_t j, hits;

		hits = maintainers_resolve(&m, rel, &o);
		patch_paths(argv[i], &sub);
		for (j = 0; j < sub.n; j++)
			hits += maintainers_resolve(&m, sub.v[j], &o);
		if (!hits) {
			err_msg("%s: no entry in %s covers it", argv[i], file);
			status = EXIT_FINDING;
		}
		sv_clear(&sub);
		free(rel);
	}
	for (i = 0; i < o.n; i++)
		if (!o.v[i].is_list)
			printf("%s (%s)\n", o.v[i].who, o.v[i].roles);
	for (i = 0; i < o.n; i++)
		if (o.v[i].is_list)
			printf("%s (%s)\n", o.v[i].who, o.v[i].roles);
out:
	maint_owners_free(&o);
	maintainers_free(&m);
	sv_clear(&paths);
	free(file);
	free(root);
	return status;
}
