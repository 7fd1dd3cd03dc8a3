// SPDX-License-Identifier: GPL-2.0
/*
 * The CI job of one branch row, the same on every engine: resolve the
 * tree, apply the series, build the base (and the port), boot and verify,
 * each step a collapsible section of the engine's log (GitLab's
 * section_start/section_end, GitHub's ::group::, "==" lines elsewhere).
 * Each step is this program's own subcommand, run as a child.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ci.h"
#include "run.h"
#include "util.h"

enum engine {
	ENGINE_PLAIN,
	ENGINE_GITLAB,
	ENGINE_GITHUB,
};

/*
 * GitLab's runner sets GITLAB_CI=true; gitlab-ci-local sets it to "false"
 * (so jobs can tell) and renders the same section markers.
 */
static enum engine detect_engine(void)
{
	const char *v = getenv("GITHUB_ACTIONS");

	if (v && !strcmp(v, "true"))
		return ENGINE_GITHUB;
	if (getenv("GITLAB_CI") && getenv("CI_JOB_NAME"))
		return ENGINE_GITLAB;
	return ENGINE_PLAIN;
}

struct job {
	const struct branch *b;
	enum engine engine;
	struct strvec tree_args;	/* --tree DIR, --version X, or none */
	const char *results;
};

static void section_start(const struct job *j, const char *id,
			  const char *title)
{
	switch (j->engine) {
	case ENGINE_GITLAB:
		printf("\033[0Ksection_start:%lld:%s[collapsed=true]\r\033[0K%s\n",
		       (long long)time(NULL), id, title);
		break;
	case ENGINE_GITHUB:
		printf("::group::%s\n", title);
		break;
	default:
		printf("== %s\n", title);
	}
	fflush(stdout);
}

static void section_end(const struct job *j, const char *id)
{
	if (j->engine == ENGINE_GITLAB)
		printf("\033[0Ksection_end:%lld:%s\r\033[0K\n",
		       (long long)time(NULL), id);
	else if (j->engine == ENGINE_GITHUB)
		printf("::endgroup::\n");
	fflush(stdout);
}

/* Run "backport CMD --branch B <tree> EXTRA..." in its own section. */
static int step(const struct job *j, const char *id, const char *title,
		const char *cmd, const char *const *extra)
{
	struct strvec args = STRVEC_INIT;
	struct run_result res = { 0 };
	char how[128];
	size_t i;
	int ret;

	section_start(j, id, title);
	sv_pushl(&args, cmd, "--branch", j->b->name, NULL);
	for (i = 0; i < j->tree_args.n; i++)
		sv_push(&args, j->tree_args.v[i]);
	for (i = 0; extra && extra[i]; i++)
		sv_push(&args, extra[i]);
	ret = run_self((const char *const *)args.v, &res);
	if (ret && !res.spawn_failed)
		err_msg("%s: backport %s: %s", j->b->name, cmd,
			run_describe(&res, how, sizeof(how)));
	section_end(j, id);
	sv_clear(&args);
	return ret;
}

/*
 * Where the tree comes from, as the steps' options: the runner's
 * variable, Debian's package (each step resolves it), or the row's
 * kernel.org release, fetched once by the first step.
 */
static int job_tree(struct job *j)
{
	const struct branch *b = j->b;
	const char *tree = getenv(b->tree_var);

	if (tree && *tree) {
		if (!is_dir(tree)) {
			err_msg("%s=%s: not a directory", b->tree_var, tree);
			return EXIT_ERROR;
		}
		sv_pushl(&j->tree_args, "--tree", tree, NULL);
		printf("%s: tree %s (from %s)\n", b->name, tree, b->tree_var);
		return EXIT_PASS;
	}
	if (b->debian_source) {
		printf("%s: tree from Debian's %s\n", b->name,
		       b->debian_source);
		return EXIT_PASS;
	}
	printf("%s: %s not set; tree linux-%s from the mirror\n", b->name,
	       b->tree_var, b->release);
	sv_pushl(&j->tree_args, "--version", b->release, NULL);
	return step(j, "tree", "tree: backport fetch", "fetch", NULL);
}

int ci_job(const struct table *t, const char *name, const char *results)
{
	const struct branch *b = table_branch(t, name, false);
	static const char *const check[] = { "--check", NULL };
	static const char *const patched[] = { "--patched", NULL };
	const char *const verify[] = { "--results", results, NULL };
	struct job j = { .b = b, .results = results };
	bool port;
	int ret;

	if (!b)
		return EXIT_ERROR;
	port = b->decision == DECISION_PORT;
	j.engine = detect_engine();
	printf("%s: %s (%s)\n", b->name, branch_decision(b), b->reason);
	ret = job_tree(&j);
	if (ret == EXIT_PASS && port)
		ret = step(&j, "apply", "apply: quilt push --fuzz=0 on a copy",
			   "apply", check);
	if (ret == EXIT_PASS)
		ret = step(&j, "build_base", "build: base", "build", NULL);
	if (ret == EXIT_PASS && port)
		ret = step(&j, "build_port", "build: port", "build", patched);
	if (ret == EXIT_PASS)
		ret = step(&j, "verify", "boot and verify", "verify", verify);
	printf("%s: CI job %s\n", b->name,
	       ret == EXIT_PASS ? "passed" :
	       ret == EXIT_FINDING ? "failed" : "stopped by an error");
	sv_clear(&j.tree_args);
	return ret;
}
