// SPDX-License-Identifier: GPL-2.0
/*
 * configs/bench.json: the goals of backport bench (see bench-goals.h).
 */
#include <string.h>

#include <jansson.h>

#include "bench-goals.h"
#include "json-read.h"
#include "util.h"

static const char *const top_keys[] = { "comment", "goals", NULL };

static const char *const goal_keys[] = {
	"cold_build_seconds", "warm_reverify_seconds",
	"detect_median_seconds", "detect_max_seconds",
	"detection_window_seconds", "detection_rate",
	"boot_to_test_start_seconds", "false_failures", "pass_below_work",
	NULL
};

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

int bench_goals_parse(const char *buf, size_t len, const char *file,
		      struct bench_goals *g, char *msg, size_t msglen)
{
	struct json_rd d = { .file = file, .msg = msg, .msglen = msglen };
	json_t *doc = jr_load(&d, buf, len), *o;
	int ret = -1;

	memset(g, 0, sizeof(*g));
	if (!doc)
		return -1;
	if (!json_is_object(doc)) {
		jr_bad(&d, "(top level)", "%s, not an object",
		       jr_type_name(doc));
		goto out;
	}
	if (jr_known_keys(&d, doc, "", top_keys) ||
	    jr_obj(&d, doc, "", "goals", true, &o) ||
	    jr_known_keys(&d, o, "goals", goal_keys) ||
	    seconds_limit(&d, o, "cold_build_seconds", &g->cold_build) ||
	    seconds_limit(&d, o, "warm_reverify_seconds", &g->warm_reverify) ||
	    seconds_limit(&d, o, "detect_median_seconds", &g->detect_median) ||
	    seconds_limit(&d, o, "detect_max_seconds", &g->detect_max) ||
	    seconds_limit(&d, o, "detection_window_seconds", &g->detect_window) ||
	    seconds_limit(&d, o, "boot_to_test_start_seconds", &g->to_start) ||
	    count(&d, o, "false_failures", &g->false_failures) ||
	    count(&d, o, "pass_below_work", &g->pass_below_work))
		goto out;
	if (jr_secs(&d, o, "goals", "detection_rate", &g->detect_rate))
		goto out;
	if (g->detect_rate == JR_NONE || !(g->detect_rate > 0) ||
	    g->detect_rate > 1) {
		jr_bad(&d, "goals.detection_rate",
		       g->detect_rate == JR_NONE ? "missing" :
		       "not a fraction above 0 and at most 1");
		goto out;
	}
	if (g->detect_median > g->detect_max ||
	    g->detect_max > g->detect_window) {
		jr_bad(&d, "goals",
		       "want detect_median_seconds <= detect_max_seconds <= detection_window_seconds");
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
