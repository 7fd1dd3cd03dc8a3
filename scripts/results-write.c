// SPDX-License-Identifier: GPL-2.0
/*
 * Writing the results document (see results.h): the project's JSON,
 * results/<branch>.json, in the layout results_read() reads back byte for
 * byte, its JUnit twin, and the console excerpts beside them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "results.h"
#include "signature.h"
#include "util.h"

static json_t *time_or_null(double s)
{
	return s >= 0 ? json_real(s) : json_null();
}

static json_t *run_json(const struct results_run *r)
{
	json_t *j;

	/* A boot that could not be run has only its error. */
	if (r->error)
		return json_pack("{s:i, s:s, s:s}", "run", r->run,
				 "outcome", "ERROR", "error", r->error);
	j = json_pack("{s:s, s:s, s:s*, s:i, s:o, s:s*, s:s*, s:s*, s:s*, s:f, s:b, s:s*, s:s*}",
		      "outcome", console_outcome_name(r->outcome),
		      "kind", console_kind_name(r->kind),
		      "signature", r->signature,
		      "signature_line", r->signature_line,
		      "detect_seconds", time_or_null(r->detect_seconds),
		      "time_source", r->time_source,
		      "detail", r->detail,
		      "result_line", r->result_line,
		      "log", r->log,
		      "boot_seconds", r->boot_seconds,
		      "timed_out", r->timed_out,
		      "accel", r->accel,
		      "excerpt", r->excerpt);
	json_object_set_new(j, "run", json_integer(r->run));
	/* What a reader derived (match_derived) is not written back. */
	if (r->match != MATCH_NONE && !r->match_derived) {
		json_object_set_new(j, "match",
				    json_string(console_match_name(r->match)));
		json_object_set_new(j, "match_reason",
				    json_str_or_null(r->match_reason));
		json_object_set_new(j, "frames", json_strvec(&r->frames));
	}
	json_object_set_new(j, "as_expected", json_boolean(r->as_expected));
	json_object_set_new(j, "cmdline", json_str_or_null(r->cmdline));
	if (r->has_work)
		json_object_set_new(j, "work", work_json(&r->work));
	if (r->host_wait != RESULTS_NONE)
		json_object_set_new(j, "host_wait_seconds",
				    json_real(r->host_wait));
	if (r->host_wait_window != RESULTS_NONE)
		json_object_set_new(j, "host_wait_window_seconds",
				    json_real(r->host_wait_window));
	return j;
}

static json_t *variant_json(const struct results_variant *v)
{
	const struct results_build *b = &v->build;
	json_t *runs = json_array(), *j, *bj;
	size_t i;

	for (i = 0; i < v->nruns; i++)
		json_array_append_new(runs, run_json(&v->runs[i]));
	j = json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}",
		      "variant", v->name, "expect", v->expect,
		      "verdict", v->verdict, "as_expected", v->as_expected,
		      "runs_total", v->runs_total, "runs", runs);
	bj = json_pack("{s:b, s:s*, s:s*, s:s*, s:f, s:f, s:s*}",
		       "ok", b->ok,
		       "tree_version", b->tree_version,
		       "migrate_c_sha256", b->migrate_c_sha256,
		       "config_sha256", b->config_sha256,
		       "seconds", b->seconds,
		       "make_seconds", b->make_seconds,
		       "error", b->error);
	if (b->has_compat)
		json_object_set_new(bj, "compat", json_strvec(&b->compat));
	if (b->reused_from)
		json_object_set_new(bj, "reused_from",
				    json_string(b->reused_from));
	json_object_set_new(j, "build", bj);
	json_object_set_new(j, "boot_seconds", json_real(v->boot_seconds));
	json_object_set_new(j, "detect_seconds",
			    time_or_null(v->detect_seconds));
	return j;
}


/* The tree; "id" only when known (documents before it was recorded). */
static json_t *tree_json(const struct results_tree *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "source", json_str_or_null(t->source));
	json_object_set_new(o, "dir", json_str_or_null(t->dir));
	if (t->id)
		json_object_set_new(o, "id", json_string(t->id));
	json_object_set_new(o, "version", json_string(t->version));
	json_object_set_new(o, "fix_state", json_string(t->fix_state));
	json_object_set_new(o, "file", json_str_or_null(t->file));
	json_object_set_new(o, "file_sha256", json_str_or_null(t->file_sha256));
	return o;
}

/* "ld_version" and "config" only when known (see results.h). */
static json_t *toolchain_json(const struct results_toolchain *tc)
{
	json_t *o = json_pack("{s:s, s:s, s:s*}", "cc", tc->cc,
			      "hostcc", tc->hostcc,
			      "cc_version", tc->cc_version);

	if (tc->ld_version)
		json_object_set_new(o, "ld_version",
				    json_string(tc->ld_version));
	if (tc->has_config)
		json_object_set_new(o, "config", json_strvec(&tc->config));
	return o;
}

static json_t *head_json(const struct results *r)
{
	const struct results_tree *t = &r->tree;
	const struct results_toolchain *tc = &r->toolchain;
	json_t *doc;

	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i}",
			"branch", r->branch,
			"decision", decision_name(r->decision),
			"upstream", r->upstream, "expected", r->expected,
			"verdict", r->verdict, "as_expected", r->as_expected,
			"runs_per_variant", r->runs_per_variant);
	json_object_set_new(doc, "optional", json_str_or_null(r->optional));
	if (r->experiment)
		json_object_set_new(doc, "experiment",
				    json_string(r->experiment));
	json_object_set_new(doc, "tree", tree_json(t));
	json_object_set_new(doc, "toolchain", toolchain_json(tc));
	json_object_set_new(doc, "config_sha256",
			    json_str_or_null(r->config_sha256));
	json_object_set_new(doc, "timings", json_pack("{s:f, s:f, s:o, s:f}",
						      "build", r->timings.build,
						      "boot", r->timings.boot,
						      "detect", time_or_null(r->timings.detect),
						      "total", r->timings.total));
	return doc;
}

json_t *results_json(const struct results *r)
{
	json_t *doc = head_json(r);

	if (r->ab)
		json_object_set_new(doc, "ab", json_pack("{s:o, s:o}",
							 "a", variant_json(&r->variant[0]),
							 "b", r->nvariants > 1 ?
							 variant_json(&r->variant[1]) :
							 json_null()));
	else
		json_object_set_new(doc, "run", variant_json(&r->variant[0]));
	if (r->excerpt)
		json_object_set_new(doc, "excerpt", json_string(r->excerpt));
	json_object_set_new(doc, "finished", json_str_or_null(r->finished));
	return doc;
}

int results_write_json(const struct results *r, const char *path)
{
	json_t *doc = results_json(r);
	int ret = json_write_file(path, doc);

	json_decref(doc);
	return ret;
}

/* The JUnit cases of variant @v; strings they point to go into @owned. */
static void add_cases(struct junit_case *cases, size_t *n, const char *cls,
		      const struct results_variant *v, struct strvec *owned)
{
	size_t i;

	for (i = 0; i < v->nruns; i++) {
		const struct results_run *r = &v->runs[i];
		struct junit_case *c = &cases[(*n)++];

		memset(c, 0, sizeof(*c));
		c->classname = cls;
		sv_pushf(owned, "%s run %zu (expect %s)", v->name, i + 1,
			 v->expect);
		c->name = owned->v[owned->n - 1];
		c->seconds = r->error ? 0 : r->boot_seconds;
		if (r->error || !r->as_expected) {
			sv_pushf(owned, "got %s (%s): %s",
				 r->error ? "ERROR" :
				 console_outcome_name(r->outcome),
				 console_kind_name(r->kind),
				 r->error ? r->error : r->match_reason ?
				 r->match_reason : r->detail ? r->detail : "");
			c->failure = owned->v[owned->n - 1];
		}
		if (r->excerpt && *r->excerpt)
			c->output = r->excerpt;
	}
	if (!v->build.ok) {
		struct junit_case *c = &cases[(*n)++];

		memset(c, 0, sizeof(*c));
		c->classname = cls;
		sv_pushf(owned, "%s build", v->name);
		c->name = owned->v[owned->n - 1];
		c->seconds = v->build.seconds;
		sv_pushf(owned, "build failed: %s",
			 v->build.error ? v->build.error : "?");
		c->failure = owned->v[owned->n - 1];
	}
}

int results_write_junit(const struct results *r, const char *path)
{
	size_t i, n = 0, cap = 2;
	struct junit_case *cases;
	struct strvec owned = STRVEC_INIT;
	char *cls = xasprintf("backport.verify.%s", r->branch);
	char *suite = xasprintf("verify %s", r->branch);
	int ret;

	for (i = 0; i < r->nvariants; i++)
		cap += r->variant[i].nruns + 1;
	cases = xcalloc(cap, sizeof(*cases));
	/* Room for every string up front: cases point into it. */
	owned.alloc = cap * 2 + 2;
	owned.v = xcalloc(owned.alloc, sizeof(char *));
	for (i = 0; i < r->nvariants; i++)
		add_cases(cases, &n, cls, &r->variant[i], &owned);
	ret = junit_write_file(path, suite, cases, n);
	sv_clear(&owned);
	free(cases);
	free(cls);
	free(suite);
	return ret;
}

static void hide(char **s, const char *path, const char *name)
{
	char *t;

	if (!*s || !path || !*path)
		return;
	t = str_replace_all(*s, path, name);
	free(*s);
	*s = t;
}

void results_hide_path(struct results *r, const char *path, const char *name)
{
	size_t i, j;

	for (i = 0; i < r->nvariants; i++) {
		hide(&r->variant[i].build.error, path, name);
		for (j = 0; j < r->variant[i].nruns; j++)
			hide(&r->variant[i].runs[j].error, path, name);
	}
}

char *results_log_path(const char *branch, const char *variant, int run)
{
	return xasprintf("logs/%s/%s-%d.txt", branch, variant, run);
}


/* One path component: not empty, no '/', not "." or "..". */
static bool one_name(const char *s)
{
	return s && *s && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

/* The .txt files of @logdir that are not in @keep. */
static int remove_stale(const char *logdir, const struct strvec *keep,
			char *msg, size_t msglen)
{
	DIR *d = opendir(logdir);
	struct dirent *e;
	int ret = 0;

	if (!d) {
		if (errno == ENOENT)
			return 0;
		snprintf(msg, msglen, "%s: %s", logdir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		struct stat st;
		char *p;

		if (!ends_with(e->d_name, ".txt") || sv_contains(keep, e->d_name))
			continue;
		p = path_join(logdir, e->d_name);
		if (!lstat(p, &st) && S_ISREG(st.st_mode) && unlink(p) && !ret) {
			snprintf(msg, msglen, "%s: %s", p, strerror(errno));
			ret = -1;
		}
		free(p);
	}
	closedir(d);
	return ret;
}

/*
 * The excerpt of @run (the @n-th, 1-based, when its number was not
 * recorded) into @dir; its log set.  0 or -1 with @msg.
 */
static int write_excerpt(const struct results *r, const char *variant,
			 struct results_run *run, int n, const char *dir,
			 struct strvec *done, char *msg, size_t msglen)
{
	char *rel, *path;
	int ret = 0;

	free(run->log);
	run->log = NULL;
	if (!run->excerpt || !*run->excerpt)
		return 0;
	rel = results_log_path(r->branch, variant, run->run ? run->run : n);
	path = path_join(dir, rel);
	if (write_file_atomic(path, run->excerpt, strlen(run->excerpt))) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		ret = -1;
		free(rel);
	} else {
		run->log = rel;
		sv_push(done, strrchr(rel, '/') + 1);
	}
	free(path);
	return ret;
}

int results_write_excerpts(struct results *r, const char *dir, char *msg,
			   size_t msglen)
{
	struct strvec done = STRVEC_INIT;
	char *sub, *logdir;
	size_t i, j;
	int ret = 0;

	for (i = 0; i < r->nvariants; i++)
		if (!one_name(r->branch) || !one_name(r->variant[i].name)) {
			snprintf(msg, msglen, "branch \"%s\", variant \"%s\": not a directory and a file name",
				 r->branch ? r->branch : "",
				 r->variant[i].name ? r->variant[i].name : "");
			return -1;
		}
	for (i = 0; i < r->nvariants && !ret; i++) {
		struct results_variant *v = &r->variant[i];

		for (j = 0; j < v->nruns && !ret; j++)
			ret = write_excerpt(r, v->name, &v->runs[j], (int)j + 1,
					    dir, &done, msg, msglen);
	}
	sub = xasprintf("logs/%s", r->branch);
	logdir = path_join(dir, sub);
	if (!ret)
		ret = remove_stale(logdir, &done, msg, msglen);
	free(sub);
	free(logdir);
	sv_clear(&done);
	return ret;
}
