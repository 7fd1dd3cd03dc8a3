// SPDX-License-Identifier: GPL-2.0
/*
 * backport ci: generate the CI files from the branch table, check that the
 * committed ones are current and valid for their engines, write the
 * shell-executor variant of the GitLab file, and run one row's CI job.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "ci.h"
#include "table.h"
#include "util.h"

const char cmd_ci_summary[] =
	"generate/check .gitlab-ci.yml, GitHub workflow, ci/<branch>.env";

static const char *const ci_usage[] = {
	"usage: backport ci [--check]",
	"   or: backport ci --gitlab-shell FILE",
	"   or: backport ci --job BRANCH [--results DIR]",
	"",
	"Generates from configs/branches.json:\n"
	"  .gitlab-ci.yml                 one job per branch row (debian:12)\n"
	"  .github/workflows/backport.yml one job per branch row (the matrix)\n"
	"  ci/<branch>.env                the row's facts as sh assignments\n"
	"Every job runs \"backport ci --job B\": tree, apply, build, boot and\n"
	"verify in one job, each a collapsible log section; results and JUnit\n"
	"are artifacts, ccache is cached per branch.",
	NULL,
};

/* ci/NAME.env files that no branch row generates any more. */
static void stale_envs(const struct table *t, struct strvec *out)
{
	char *dir = path_join(t->root, "ci");
	DIR *d = opendir(dir);
	struct dirent *de;

	free(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *name;

		if (!ends_with(de->d_name, ".env"))
			continue;
		name = xstrndup(de->d_name, strlen(de->d_name) - 4);
		if (!table_find(t, name))
			sv_pushf(out, "ci/%s", de->d_name);
		free(name);
	}
	closedir(d);
}

static int sync_file(const struct table *t, const struct ci_file *f,
		     bool check)
{
	char *abs = path_join(t->root, f->rel);
	struct strbuf cur = STRBUF_INIT;
	bool same = !read_file(abs, &cur) && cur.len == f->text.len &&
		    !memcmp(cur.buf, f->text.buf, cur.len);
	int ret = EXIT_PASS;

	if (same) {
		/* nothing to do */
	} else if (check) {
		printf("%s: %s; run \"backport ci\" and commit it\n", f->rel,
		       path_exists(abs) ?
		       "differs from what configs/branches.json generates" :
		       "missing");
		ret = EXIT_FINDING;
	} else if (write_file_atomic(abs, f->text.buf, f->text.len)) {
		err_msg("%s: cannot write: %s", abs, strerror(errno));
		ret = EXIT_ERROR;
	} else {
		printf("wrote %s\n", f->rel);
	}
	sb_release(&cur);
	free(abs);
	return ret;
}

static int do_generate(const struct table *t, bool check)
{
	struct ci_file *v;
	struct strvec stale = STRVEC_INIT;
	size_t n = ci_generate(t, &v), i;
	int status = EXIT_PASS, r;

	for (i = 0; i < n; i++) {
		r = sync_file(t, &v[i], check);
		if (r > status)
			status = r;
	}
	stale_envs(t, &stale);
	for (i = 0; i < stale.n; i++) {
		printf("%s: no branch row generates it; remove it\n",
		       stale.v[i]);
		if (status == EXIT_PASS)
			status = EXIT_FINDING;
	}
	if (status == EXIT_PASS)
		printf("%zu CI files %s configs/branches.json (%zu branches)\n",
		       n, check ? "match" : "up to date with", t->n);
	ci_files_free(v, n);
	sv_clear(&stale);
	if (check && status != EXIT_ERROR) {
		r = ci_lint(t);
		if (r > status)
			status = r;
	}
	return status;
}

static int write_shell_variant(const struct table *t, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = EXIT_PASS;

	ci_gen_gitlab(t, CI_SHELL, &sb);
	if (write_file_atomic(out, sb.buf, sb.len)) {
		err_msg("%s: cannot write: %s", out, strerror(errno));
		ret = EXIT_ERROR;
	} else {
		printf("wrote %s (GitLab file for a shell executor)\n", out);
	}
	sb_release(&sb);
	return ret;
}

int cmd_ci(int argc, char **argv)
{
	const char *job = NULL, *shell = NULL, *results = CI_RESULTS_DIR;
	bool check = false;
	const struct bp_option options[] = {
		OPT_BOOL("check", &check,
			 "write nothing; exit 1 naming every file that differs\n"
			 "from what the table generates (or is stale), then check\n"
			 "the files with actionlint and gitlab-ci-local"),
		OPT_ALIAS('c', "check"),
		OPT_STRING("gitlab-shell", "FILE", &shell,
			   "write the GitLab file's variant for a shell executor\n"
			   "that has the packages (no image, no install) to FILE"),
		OPT_STRING("job", "B", &job,
			   "run row B's CI job: its tree (the runner's tree_var when\n"
			   "set, else Debian's package, else \"backport fetch\" of the\n"
			   "row's release), apply, build, boot and verify"),
		OPT_ALIAS('j', "job"),
		OPT_STRING("results", "DIR", &results,
			   "with --job: where verify writes the results and JUnit\n"
			   "(default " CI_RESULTS_DIR ")"),
		OPT_TRAILER("Exit status: 0 ok, 1 files out of date or invalid / job failed,\n"
			    "2 error (unknown branch, engines not installed, no tree)."),
		OPT_END(),
	};
	struct table t;
	int ret;

	parse_options(argc, argv, options, ci_usage, PARSE_OPT_NO_ARGS);
	if (!!job + !!shell + check > 1)
		usage_msg_opt(ci_usage, options,
			      "--check, --gitlab-shell and --job go alone");
	if (table_load_default(&t))
		return EXIT_ERROR;
	if (job)
		ret = ci_job(&t, job, results);
	else if (shell)
		ret = write_shell_variant(&t, shell);
	else
		ret = do_generate(&t, check);
	table_free(&t);
	return ret;
}
