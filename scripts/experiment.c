// SPDX-License-Identifier: GPL-2.0
/*
 * Experimental series (see experiment.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment.h"
#include "util.h"
#include "valid.h"

int experiment_branch(const struct table *t, const struct branch *b,
		      const char *dir, struct branch *out, char *msg,
		      size_t msglen)
{
	const char *why = valid_check(V_REPO_PATH, dir);
	char *series, *abs;
	size_t n = strlen(EXPERIMENTS_DIR);

	memset(out, 0, sizeof(*out));
	if (b->decision != DECISION_PORT) {
		snprintf(msg, msglen, "--experiment: %s is %s, not a port row: there is no port to compare with",
			 b->name, decision_name(b->decision));
		return -1;
	}
	if (why || strncmp(dir, EXPERIMENTS_DIR "/", n + 1) || !dir[n + 1] ||
	    strchr(dir + n + 1, '/')) {
		snprintf(msg, msglen, "--experiment: \"%.100s\" is not a directory %s/<name> of the project",
			 dir, EXPERIMENTS_DIR);
		return -1;
	}
	series = xasprintf("%s/series", dir);
	abs = table_path(t, series);
	if (!is_file(abs)) {
		snprintf(msg, msglen, "--experiment: %s: no such file (the experiment's quilt series)",
			 series);
		free(abs);
		free(series);
		return -1;
	}
	free(abs);
	*out = *b;
	out->series = series;
	out->patches_dir = xstrdup(dir);
	return 0;
}

void experiment_branch_free(struct branch *out)
{
	if (!out->patches_dir)
		return;
	free(out->series);
	free(out->patches_dir);
	memset(out, 0, sizeof(*out));
}

int experiment_results_check(const struct table *t, const char *resdir,
			     char *msg, size_t msglen)
{
	char *ours = table_path(t, "results");
	char *a = realpath(ours, NULL), *b = realpath(resdir, NULL);
	int ret = 0;

	if (a && b && !strcmp(a, b)) {
		snprintf(msg, msglen, "--results %s: the project's results/ holds the ports' evidence, not experiments' (use e.g. --results %s/<name>/results)",
			 resdir, EXPERIMENTS_DIR);
		ret = -1;
	}
	free(a);
	free(b);
	free(ours);
	return ret;
}
