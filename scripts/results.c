// SPDX-License-Identifier: GPL-2.0
/*
 * The validating reader of results/<branch>.json (see results.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "json-read.h"
#include "results.h"
#include "signature.h"
#include "tree.h"
#include "util.h"
#include "valid.h"
#include "verdict.h"

static const char *pick(const char *const *words, size_t n, unsigned int i)
{
	return i < n ? words[i] : NULL;
}

static const char *decision_at(unsigned int i)
{
	return i <= DECISION_FIXED_UPSTREAM ? decision_name(i) : NULL;
}

static const char *outcome_at(unsigned int i)
{
	/* PENDING is never written: every finished boot has an outcome. */
	return i >= CONSOLE_PASS && i <= CONSOLE_OUTCOME_LAST ?
		console_outcome_name(i) : NULL;
}

static const char *kind_at(unsigned int i)
{
	return i <= KIND_LAST ? console_kind_name(i) : NULL;
}

static const char *match_at(unsigned int i)
{
	/* "none" is never written: only FAILs are judged. */
	return i == MATCH_BUG || i == MATCH_OTHER ?
		console_match_name(i) : NULL;
}

static const char *fix_state_at(unsigned int i)
{
	return i <= FIX_CONFLICT ? fix_state_name(i) : NULL;
}

/* What verify expects of a row, and what it concludes (verdict.h). */
static const char *expected_at(unsigned int i)
{
	return i <= DECISION_FIXED_UPSTREAM ?
		verdict_name(verdict_expected(i)) : NULL;
}

static const char *verdict_at(unsigned int i)
{
	/* "reported" is only ever expected, never concluded. */
	return i < VERDICT_REPORTED ? verdict_name(i) : NULL;
}

static const char *expect_at(unsigned int i)
{
	return i <= EXPECT_ANY ? expect_name(i) : NULL;
}

static const char *variant_verdict_at(unsigned int i)
{
	return i <= VARIANT_INCONCLUSIVE ? variant_verdict_name(i) : NULL;
}

static const char *time_source_at(unsigned int i)
{
	static const char *const w[] = { "kernel", "host", "test" };

	return pick(w, ARRAY_SIZE(w), i);
}

static int read_run(struct json_rd *d, json_t *o, const char *pre,
		    struct results_run *r)
{
	int outcome = CONSOLE_PENDING, kind = KIND_NONE, match = MATCH_NONE;
	bool has_frames;
	int ret;

	ret = jr_count(d, o, pre, "run", &r->run) ||
		jr_word(d, o, pre, "outcome", outcome_at, true, NULL,
			 &outcome) ||
		jr_word(d, o, pre, "kind", kind_at, false, NULL, &kind) ||
		jr_str(d, o, pre, "signature", S_CONSOLE, false,
			&r->signature) ||
		jr_count(d, o, pre, "signature_line", &r->signature_line) ||
		jr_secs(d, o, pre, "detect_seconds", &r->detect_seconds) ||
		jr_word(d, o, pre, "time_source", time_source_at, false,
			 &r->time_source, NULL) ||
		jr_str(d, o, pre, "detail", S_CONSOLE, false, &r->detail) ||
		jr_str(d, o, pre, "result_line", S_CONSOLE, false,
			&r->result_line) ||
		jr_str(d, o, pre, "log", S_RELPATH, false, &r->log) ||
		jr_secs(d, o, pre, "boot_seconds", &r->boot_seconds) ||
		jr_bool(d, o, pre, "timed_out", &r->timed_out) ||
		jr_str(d, o, pre, "accel", S_LINE, false, &r->accel) ||
		jr_str(d, o, pre, "excerpt", S_TEXT, false, &r->excerpt) ||
		jr_word(d, o, pre, "match", match_at, false, NULL, &match) ||
		jr_str(d, o, pre, "match_reason", S_CONSOLE, false,
			&r->match_reason) ||
		jr_strlist(d, o, pre, "frames", S_LINE, &r->frames,
			   &has_frames) ||
		jr_bool(d, o, pre, "as_expected", &r->as_expected) ||
		jr_str(d, o, pre, "cmdline", S_CONSOLE, false, &r->cmdline) ||
		jr_str(d, o, pre, "error", S_TEXT, false, &r->error) ||
		jr_secs(d, o, pre, "host_wait_seconds", &r->host_wait) ||
		jr_secs(d, o, pre, "host_wait_window_seconds",
			&r->host_wait_window) ||
		work_read(d, o, pre, &r->work, &r->has_work);
	r->outcome = outcome;
	r->kind = kind;
	r->match = match;
	return ret ? -1 : 0;
}

static int read_build(struct json_rd *d, json_t *v, const char *vpre,
		      struct results_build *b)
{
	char pre[96];
	json_t *o;

	jr_field(pre, sizeof(pre), vpre, "build");
	if (jr_obj(d, v, vpre, "build", false, &o))
		return -1;
	return jr_bool(d, o, pre, "ok", &b->ok) ||
		jr_str(d, o, pre, "tree_version", S_LINE, false,
			&b->tree_version) ||
		jr_str(d, o, pre, "migrate_c_sha256", S_SHA256, false,
			&b->migrate_c_sha256) ||
		jr_str(d, o, pre, "config_sha256", S_SHA256, false,
			&b->config_sha256) ||
		jr_secs(d, o, pre, "seconds", &b->seconds) ||
		jr_secs(d, o, pre, "make_seconds", &b->make_seconds) ||
		jr_str(d, o, pre, "error", S_TEXT, false, &b->error) ||
		jr_str(d, o, pre, "reused_from", S_NAME, false,
		       &b->reused_from) ||
		jr_strlist(d, o, pre, "compat", S_COMMIT, &b->compat,
			   &b->has_compat) ? -1 : 0;
}

static int read_runs(struct json_rd *d, json_t *v, const char *vpre,
		     struct results_variant *out)
{
	json_t *runs = json_object_get(v, "runs"), *total, *o;
	char pre[192], f[160];
	size_t i;

	jr_field(f, sizeof(f), vpre, "runs");
	if (!runs || json_is_null(runs))
		return 0;
	if (!json_is_array(runs))
		return jr_bad(d, f, "%s, not an array", jr_type_name(runs));
	out->runs = xcalloc(json_array_size(runs) + 1, sizeof(*out->runs));
	json_array_foreach(runs, i, o) {
		snprintf(pre, sizeof(pre), "%s[%zu]", f, i);
		if (!json_is_object(o))
			return jr_bad(d, pre, "%s, not an object", jr_type_name(o));
		out->nruns++;
		if (read_run(d, o, pre, &out->runs[i]))
			return -1;
	}
	total = json_object_get(v, "runs_total");
	if (json_is_integer(total) && (size_t)out->runs_total != out->nruns)
		return jr_bad(d, jr_field(f, sizeof(f), vpre, "runs_total"),
			   "%d, but \"runs\" holds %zu", out->runs_total,
			   out->nruns);
	return 0;
}

static int read_variant(struct json_rd *d, json_t *v, const char *pre,
			struct results_variant *out)
{
	return jr_str(d, v, pre, "variant", S_LINE, true, &out->name) ||
		jr_word(d, v, pre, "expect", expect_at, false, &out->expect,
			 NULL) ||
		jr_word(d, v, pre, "verdict", variant_verdict_at, true,
			 &out->verdict, NULL) ||
		jr_count(d, v, pre, "as_expected", &out->as_expected) ||
		jr_count(d, v, pre, "runs_total", &out->runs_total) ||
		read_build(d, v, pre, &out->build) ||
		jr_secs(d, v, pre, "boot_seconds", &out->boot_seconds) ||
		jr_secs(d, v, pre, "detect_seconds", &out->detect_seconds) ||
		read_runs(d, v, pre, out) ? -1 : 0;
}

/* "ab": {"a": V, "b": V|null} for port rows, "run": V for the others. */
static int read_layout(struct json_rd *d, json_t *doc, struct results *r)
{
	json_t *ab, *v;

	if (r->decision != DECISION_PORT) {
		if (json_object_get(doc, "ab") &&
		    !json_is_null(json_object_get(doc, "ab")))
			return jr_bad(d, "ab", "only port rows have an A/B run, this is %s",
				   decision_name(r->decision));
		if (jr_obj(d, doc, "", "run", true, &v) ||
		    read_variant(d, v, "run", &r->variant[0]))
			return -1;
		r->nvariants = 1;
		return 0;
	}
	if (json_object_get(doc, "run") &&
	    !json_is_null(json_object_get(doc, "run")))
		return jr_bad(d, "run", "a port row has \"ab\", not \"run\"");
	r->ab = true;
	if (jr_obj(d, doc, "", "ab", true, &ab) ||
	    jr_obj(d, ab, "ab", "a", true, &v) ||
	    read_variant(d, v, "ab.a", &r->variant[0]))
		return -1;
	r->nvariants = 1;
	if (jr_obj(d, ab, "ab", "b", false, &v))
		return -1;
	if (!v)
		return 0;
	r->nvariants = 2;
	return read_variant(d, v, "ab.b", &r->variant[1]);
}

/* "toolchain.config": "CONFIG_X=value" lines (toolconf.h). */
static int read_toolchain_config(struct json_rd *d, json_t *tc,
				 struct results_toolchain *t)
{
	char f[64], sym[160];
	size_t i;

	if (jr_strlist(d, tc, "toolchain", "config", S_LINE, &t->config,
		       &t->has_config))
		return -1;
	for (i = 0; i < t->config.n; i++) {
		size_t n = strcspn(t->config.v[i], "=");

		snprintf(sym, sizeof(sym), "%.*s", (int)(n < 150 ? n : 150),
			 t->config.v[i]);
		snprintf(f, sizeof(f), "toolchain.config[%zu]", i);
		if (!t->config.v[i][n] || valid_check(V_CONFIG, sym))
			return jr_bad(d, f, "not CONFIG_<symbol>=<value>");
	}
	return 0;
}

static int read_env(struct json_rd *d, json_t *doc, struct results *r)
{
	struct results_timings *tm = &r->timings;
	json_t *tree, *tc, *t;

	return jr_obj(d, doc, "", "tree", false, &tree) ||
		jr_str(d, tree, "tree", "source", S_LINE, false,
			&r->tree.source) ||
		jr_str(d, tree, "tree", "dir", S_NAME, false, &r->tree.dir) ||
		jr_str(d, tree, "tree", "id", S_SHA256, false, &r->tree.id) ||
		jr_str(d, tree, "tree", "version", S_LINE, false,
			&r->tree.version) ||
		jr_word(d, tree, "tree", "fix_state", fix_state_at, false,
			 &r->tree.fix_state, NULL) ||
		jr_str(d, tree, "tree", "file", S_LINE, false,
			&r->tree.file) ||
		jr_str(d, tree, "tree", "file_sha256", S_SHA256, false,
			&r->tree.file_sha256) ||
		jr_obj(d, doc, "", "toolchain", false, &tc) ||
		jr_str(d, tc, "toolchain", "cc", S_LINE, false,
			&r->toolchain.cc) ||
		jr_str(d, tc, "toolchain", "hostcc", S_LINE, false,
			&r->toolchain.hostcc) ||
		jr_str(d, tc, "toolchain", "cc_version", S_LINE, false,
			&r->toolchain.cc_version) ||
		jr_str(d, tc, "toolchain", "ld_version", S_LINE, false,
			&r->toolchain.ld_version) ||
		read_toolchain_config(d, tc, &r->toolchain) ||
		jr_str(d, doc, "", "config_sha256", S_SHA256, false,
			&r->config_sha256) ||
		jr_obj(d, doc, "", "timings", false, &t) ||
		jr_secs(d, t, "timings", "build", &tm->build) ||
		jr_secs(d, t, "timings", "boot", &tm->boot) ||
		jr_secs(d, t, "timings", "detect", &tm->detect) ||
		jr_secs(d, t, "timings", "total", &tm->total) ? -1 : 0;
}

static int read_doc(struct json_rd *d, json_t *doc, struct results *r)
{
	int decision = -1;

	if (!json_is_object(doc)) {
		snprintf(d->msg, d->msglen, "%s: %s, not a JSON object",
			 d->file, jr_type_name(doc));
		return -1;
	}
	if (jr_str(d, doc, "", "branch", S_LINE, true, &r->branch) ||
	    jr_word(d, doc, "", "decision", decision_at, true, NULL,
		     &decision))
		return -1;
	r->decision = decision;
	return jr_str(d, doc, "", "upstream", S_COMMIT, false,
		       &r->upstream) ||
		jr_word(d, doc, "", "expected", expected_at, false,
			 &r->expected, NULL) ||
		jr_word(d, doc, "", "verdict", verdict_at, true, &r->verdict,
			 NULL) ||
		jr_bool(d, doc, "", "as_expected", &r->as_expected) ||
		jr_count(d, doc, "", "runs_per_variant",
			  &r->runs_per_variant) ||
		jr_str(d, doc, "", "optional", S_LINE, false, &r->optional) ||
		jr_str(d, doc, "", "experiment", S_LINE, false,
		       &r->experiment) ||
		read_env(d, doc, r) ||
		read_layout(d, doc, r) ||
		jr_str(d, doc, "", "excerpt", S_TEXT, false, &r->excerpt) ||
		jr_str(d, doc, "", "finished", S_TIME, false,
			&r->finished) ? -1 : 0;
}

int results_parse(const char *buf, size_t len, const char *name,
		  struct results *r, char *msg, size_t msglen)
{
	struct json_rd d = { .file = name, .msg = msg, .msglen = msglen };
	json_t *doc;
	int ret;

	memset(r, 0, sizeof(*r));
	doc = jr_load(&d, buf, len);
	if (!doc)
		return -1;
	ret = read_doc(&d, doc, r);
	json_decref(doc);
	if (ret)
		results_free(r);
	return ret;
}

int results_read(const char *path, struct results *r, char *msg,
		 size_t msglen)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int ret;

	memset(r, 0, sizeof(*r));
	if (stat(path, &st)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(msg, msglen, "%s: %s, not a results file", path,
			 S_ISDIR(st.st_mode) ? "a directory" :
			 "not a regular file");
		return -1;
	}
	if (read_file(path, &sb)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = results_parse(sb_str(&sb), sb.len, path, r, msg, msglen);
	sb_release(&sb);
	return ret;
}

static void run_free(struct results_run *r)
{
	free(r->signature);
	free(r->time_source);
	free(r->detail);
	free(r->result_line);
	free(r->log);
	free(r->accel);
	free(r->excerpt);
	free(r->match_reason);
	sv_clear(&r->frames);
	free(r->cmdline);
	free(r->error);
}

static void variant_free(struct results_variant *v)
{
	size_t i;

	free(v->name);
	free(v->expect);
	free(v->verdict);
	free(v->build.tree_version);
	free(v->build.migrate_c_sha256);
	free(v->build.config_sha256);
	free(v->build.error);
	free(v->build.reused_from);
	sv_clear(&v->build.compat);
	for (i = 0; i < v->nruns; i++)
		run_free(&v->runs[i]);
	free(v->runs);
}

void results_free(struct results *r)
{
	size_t i;

	free(r->branch);
	free(r->upstream);
	free(r->expected);
	free(r->verdict);
	free(r->optional);
	free(r->experiment);
	free(r->tree.source);
	free(r->tree.dir);
	free(r->tree.id);
	free(r->tree.version);
	free(r->tree.fix_state);
	free(r->tree.file);
	free(r->tree.file_sha256);
	free(r->toolchain.cc);
	free(r->toolchain.hostcc);
	free(r->toolchain.cc_version);
	free(r->toolchain.ld_version);
	sv_clear(&r->toolchain.config);
	free(r->config_sha256);
	for (i = 0; i < ARRAY_SIZE(r->variant); i++)
		variant_free(&r->variant[i]);
	free(r->excerpt);
	free(r->finished);
	memset(r, 0, sizeof(*r));
}

static int judge_run(struct results_run *run, const struct console_sig *s)
{
	char *reason;

	if (run->outcome != CONSOLE_FAIL || run->match != MATCH_NONE)
		return 0;
	/* a silent run's frames are its vCPU samples, always recorded */
	if (run->excerpt && run->kind != KIND_SILENT)
		sig_frames_in_excerpt(s, run->excerpt,
				      (unsigned int)run->signature_line,
				      &run->frames);
	run->match = sig_judge(s, run->outcome, run->kind, &run->frames,
			       "the end of the excerpt", &reason);
	free(run->match_reason);
	run->match_reason = xasprintf("%s (judged from the excerpt: not recorded)",
				      reason);
	free(reason);
	run->match_derived = true;
	return run->match == MATCH_OTHER;
}

int results_judge(struct results *r, const struct console_sig *s)
{
	size_t i, j;
	int other = 0;

	for (i = 0; i < r->nvariants; i++)
		for (j = 0; j < r->variant[i].nruns; j++)
			other += judge_run(&r->variant[i].runs[j], s);
	return other;
}
