// SPDX-License-Identifier: GPL-2.0
/*
 * configs/bench.json: the goals of backport bench (see bench-goals.h).
 */
#include <stddef.h>
#include <string.h>

#include <jansson.h>

#include "bench-goals.h"
#include "json-read.h"
#include "util.h"

static const char *const top_keys[] = { "comment", "goals", NULL };

enum goal_type { GOAL_SECONDS, GOAL_COUNT, GOAL_RATE };

/* Every goal: its key in configs/bench.json and bench.json, in order. */
static const struct goal_key {
	const char *key;
	enum goal_type type;
	size_t off;
} goal_keys[] = {
	{ "cold_build_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, cold_build) },
	{ "warm_reverify_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, warm_reverify) },
	{ "detect_median_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, detect_median) },
	{ "detect_max_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, detect_max) },
	{ "detection_window_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, detect_window) },
	{ "detection_rate", GOAL_RATE,
	  offsetof(struct bench_goals, detect_rate) },
	{ "boot_to_test_start_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, to_start) },
	{ "false_failures", GOAL_COUNT,
	  offsetof(struct bench_goals, false_failures) },
	{ "pass_below_work", GOAL_COUNT,
	  offsetof(struct bench_goals, pass_below_work) },
	{ "matrix_cold_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, matrix_cold) },
	{ "matrix_warm_seconds", GOAL_SECONDS,
	  offsetof(struct bench_goals, matrix_warm) },
	{ "matrix_runs", GOAL_COUNT,
	  offsetof(struct bench_goals, matrix_runs) },
};

/* Where goal @k is kept in @g. */
static void *goal_field(struct bench_goals *g, const struct goal_key *k)
{
	return (char *)g + k->off;
}

static const void *goal_value(const struct bench_goals *g,
			      const struct goal_key *k)
{
	return (const char *)g + k->off;
}

/* A limit in seconds: required, > 0 and at most a day. */
static int seconds_limit(struct json_rd *d, json_t *o, const char *key, double *out)
{
	char f[64];

	if (jr_secs(d, o, "goals", key, out))
		return -1;
	jr_field(f, sizeof(f), "goals", key);
	if (*out == JR_NONE)
		return jr_bad(d, f, "missing");
	if (!(*out > 0) || *out > 86400)
		return jr_bad(d, f, "%g is not a limit from 0 to 86400 s",
			      *out);
	return 0;
}

/* A count that must be present (0 is a goal too). */
static int count(struct json_rd *d, json_t *o, const char *key, int *out)
{
	char f[64];

	jr_field(f, sizeof(f), "goals", key);
	if (!json_object_get(o, key))
		return jr_bad(d, f, "missing");
	return jr_count(d, o, "goals", key, out);
}

/* A fraction of runs: required, above 0 and at most 1. */
static int rate_limit(struct json_rd *d, json_t *o, const char *key,
		      double *out)
{
	char f[64];

	if (jr_secs(d, o, "goals", key, out))
		return -1;
	jr_field(f, sizeof(f), "goals", key);
	if (*out == JR_NONE || !(*out > 0) || *out > 1)
		return jr_bad(d, f, *out == JR_NONE ? "missing" :
			      "not a fraction above 0 and at most 1");
	return 0;
}

/* Goal @k from the goals object @o into @g, checked as its type wants. */
static int parse_goal(struct json_rd *d, json_t *o, const struct goal_key *k,
		      struct bench_goals *g)
{
	void *at = goal_field(g, k);

	switch (k->type) {
	case GOAL_SECONDS:
		return seconds_limit(d, o, k->key, at);
	case GOAL_COUNT:
		return count(d, o, k->key, at);
	case GOAL_RATE:
		return rate_limit(d, o, k->key, at);
	}
	return -1;
}

int bench_goals_parse(const char *buf, size_t len, const char *file,
		      struct bench_goals *g, char *msg, size_t msglen)
{
	struct json_rd d = { .file = file, .msg = msg, .msglen = msglen };
	json_t *doc = jr_load(&d, buf, len), *o;
	const char *names[ARRAY_SIZE(goal_keys) + 1];
	static const enum goal_type check_order[] = {
		GOAL_SECONDS, GOAL_COUNT, GOAL_RATE,
	};
	int ret = -1;
	size_t i, t;

	memset(g, 0, sizeof(*g));
	if (!doc)
		return -1;
	if (!json_is_object(doc)) {
		jr_bad(&d, "(top level)", "%s, not an object",
		       jr_type_name(doc));
		goto out;
	}
	if (jr_known_keys(&d, doc, "", top_keys) ||
	    jr_obj(&d, doc, "", "goals", true, &o))
		goto out;
	for (i = 0; i < ARRAY_SIZE(goal_keys); i++)
		names[i] = goal_keys[i].key;
	names[i] = NULL;
	if (jr_known_keys(&d, o, "goals", names))
		goto out;
	/* the limits in seconds, then the counts, then the rates */
	for (t = 0; t < ARRAY_SIZE(check_order); t++)
		for (i = 0; i < ARRAY_SIZE(goal_keys); i++)
			if (goal_keys[i].type == check_order[t] &&
			    parse_goal(&d, o, &goal_keys[i], g))
				goto out;
	if (g->detect_median > g->detect_max ||
	    g->detect_max > g->detect_window) {
		jr_bad(&d, "goals",
		       "want detect_median_seconds <= detect_max_seconds <= detection_window_seconds");
		goto out;
	}
	if (g->matrix_runs < 1 || g->matrix_runs > 100) {
		jr_bad(&d, "goals.matrix_runs",
		       "%d is not a number of boots from 1 to 100",
		       g->matrix_runs);
		goto out;
	}
	ret = 0;
out:
	json_decref(doc);
	return ret;
}

int bench_goals_load(const char *path, struct bench_goals *g)
{
	struct strbuf sb = STRBUF_INIT;
	char msg[512];
	int ret;

	if (read_file(path, &sb)) {
		err_msg("%s: cannot read the bench goals", path);
		sb_release(&sb);
		return -1;
	}
	ret = bench_goals_parse(sb.buf, sb.len, path, g, msg, sizeof(msg));
	if (ret)
		err_msg("%s", msg);
	sb_release(&sb);
	return ret;
}

json_t *bench_goals_json(const struct bench_goals *g)
{
	json_t *j = json_object();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(goal_keys); i++) {
		const struct goal_key *k = &goal_keys[i];
		const void *at = goal_value(g, k);

		json_object_set_new(j, k->key, k->type == GOAL_COUNT ?
				    json_integer(*(const int *)at) :
				    json_real(*(const double *)at));
	}
	return j;
}
