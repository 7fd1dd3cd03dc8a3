// SPDX-License-Identifier: GPL-2.0
/*
 * backport maintainers: who owns a path (get_maintainer.pl style), and
 * --check for MAINTAINERS.txt itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "maintainers.h"
#include "options-common.h"
#include "patch.h"
#include "table.h"
#include "util.h"

const char cmd_maintainers_summary[] =
	"who owns a path or a patch; --check MAINTAINERS.txt";

static const char *const maintainers_usage[] = {
	"usage: backport maintainers [--file FILE] PATH...",
	"   or: backport maintainers [--file FILE] --check",
	"",
	"Resolves the owners of each PATH from MAINTAINERS.txt like the\n"
	"kernel's get_maintainer.pl and prints one line per person or list:",
	"",
	"   Name <mail> (maintainer:ENTRY)\n"
	"   list@host (open list:ENTRY)",
	"",
	"PATH is relative to the project root.  A PATH ending in .patch,\n"
	".mbox or .eml that parses as a patch also resolves the files its diff\n"
	"touches.",
	NULL,
};

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
		pdir = branch_port_rel(b, "x.patch");
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

/* Every PATH is there, as given or under the project root; else printed. */
static int check_paths(const char *root, char **paths, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		char *rel = relative_to(root ? root : "", paths[i]);
		char *abs = root ? path_join(root, rel) : xstrdup(rel);
		bool there = path_exists(paths[i]) || path_exists(abs);

		free(abs);
		free(rel);
		if (!there) {
			err_msg("%s: no such file or directory (PATH is a file of the project, relative to %s)",
				paths[i], root ? root : ".");
			return -1;
		}
	}
	return 0;
}

/* Print the owners of each of @paths; EXIT_FINDING if one has none. */
static int resolve_paths(const struct maintainers *m, const char *root,
			 const char *file, char **paths, int n)
{
	struct maint_owners o = { NULL, 0 };
	int status = EXIT_PASS, i;
	size_t j;

	for (i = 0; i < n; i++) {
		struct strvec sub = STRVEC_INIT;
		char *rel = relative_to(root ? root : "", paths[i]);
		size_t hits;

		hits = maintainers_resolve(m, rel, &o);
		patch_paths(paths[i], &sub);
		for (j = 0; j < sub.n; j++)
			hits += maintainers_resolve(m, sub.v[j], &o);
		if (!hits) {
			err_msg("%s: no entry in %s covers it", paths[i], file);
			status = EXIT_FINDING;
		}
		sv_clear(&sub);
		free(rel);
	}
	for (j = 0; j < o.n; j++)
		if (!o.v[j].is_list)
			printf("%s (%s)\n", o.v[j].who, o.v[j].roles);
	for (j = 0; j < o.n; j++)
		if (o.v[j].is_list)
			printf("%s (%s)\n", o.v[j].who, o.v[j].roles);
	maint_owners_free(&o);
	return status;
}

int cmd_maintainers(int argc, char **argv)
{
	const char *file_opt = NULL;
	bool check = false;
	const struct bp_option options[] = {
		OPT_STRING("file", "FILE", &file_opt,
			   "MAINTAINERS file (default: ROOT/MAINTAINERS.txt)"),
		OPT_ALIAS('f', "file"),
		OPT_BOOL("check", &check,
			 "validate the file: syntax (FILE:LINE: reason), and an\n"
			 "entry for every port row of configs/branches.json"),
		OPT_ALIAS('c', "check"),
		OPT_TRAILER("Exit status: 0 ok, 1 a PATH has no owner or --check found a problem,\n"
			    "2 usage error, a PATH that does not exist or an unreadable file."),
		OPT_END(),
	};
	struct maintainers m;
	struct parse_error err;
	char *root = NULL, *file;
	int status = EXIT_PASS;

	argc = parse_options(argc, argv, options, maintainers_usage, 0);
	if (check && argc)
		usage_msg_opt(maintainers_usage, options,
			      "--check takes no PATH");
	if (!check && !argc)
		usage_msg_opt(maintainers_usage, options, "no PATH given");
	if (file_opt) {
		file = xstrdup(file_opt);
	} else {
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
	} else if (check_paths(root, argv, argc)) {
		status = EXIT_ERROR;
	} else {
		status = resolve_paths(&m, root, file, argv, argc);
	}
	maintainers_free(&m);
	free(file);
	free(root);
	return status;
}
