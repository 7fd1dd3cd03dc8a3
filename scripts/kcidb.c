// SPDX-License-Identifier: GPL-2.0
/*
 * KCIDB I/O v5.3 document of the results (see kcidb.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "kcidb.h"
#include "signature.h"
#include "work.h"
#include "util.h"

/* Set @key to @s unless it was not recorded (the schema has no null). */
static void set_str(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, json_string(s));
}

static void set_secs(json_t *o, const char *key, double s)
{
	if (s != RESULTS_NONE)
		json_object_set_new(o, key, json_real(s));
}

/* At most KCIDB_EXCERPT_MAX bytes of @s, cut before a UTF-8 character. */
static void set_excerpt(json_t *o, const char *key, const char *s)
{
	size_t n;

	if (!s || !*s)
		return;
	n = strlen(s);
	if (n > KCIDB_EXCERPT_MAX) {
		n = KCIDB_EXCERPT_MAX;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	json_object_set_new(o, key, json_stringn(s, n));
}

/* @finished (YYYY-MM-DDTHH:MM:SSZ) less @seconds, same format. */
static char *time_before(const char *finished, double seconds)
{
	struct tm tm;
	char buf[32];
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (!finished || !strptime(finished, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return NULL;
	t = timegm(&tm) - (time_t)(seconds > 0 ? seconds + 0.5 : 0);
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return NULL;
	return xstrdup(buf);
}

static json_t *tree_misc(const struct results *r)
{
	json_t *tree = json_object(), *tc = json_object(), *tm = json_object();
	json_t *m = json_object();

	set_str(tree, "source", r->tree.source);
	set_str(tree, "dir", r->tree.dir);
	set_str(tree, "id", r->tree.id);
	set_str(tree, "version", r->tree.version);
	set_str(tree, "fix_state", r->tree.fix_state);
	set_str(tree, "file", r->tree.file);
	set_str(tree, "file_sha256", r->tree.file_sha256);
	set_str(tc, "cc", r->toolchain.cc);
	set_str(tc, "hostcc", r->toolchain.hostcc);
	set_str(tc, "cc_version", r->toolchain.cc_version);
	set_secs(tm, "build", r->timings.build);
	set_secs(tm, "boot", r->timings.boot);
	set_secs(tm, "detect", r->timings.detect);
	set_secs(tm, "total", r->timings.total);
	set_str(m, "branch", r->branch);
	set_str(m, "decision", decision_name(r->decision));
	set_str(m, "upstream", r->upstream);
	set_str(m, "expected", r->expected);
	set_str(m, "verdict", r->verdict);
	json_object_set_new(m, "as_expected", json_boolean(r->as_expected));
	json_object_set_new(m, "runs_per_variant",
			    json_integer(r->runs_per_variant));
	set_str(m, "optional", r->optional);
	json_object_set_new(m, "tree", tree);
	json_object_set_new(m, "toolchain", tc);
	set_str(m, "config_sha256", r->config_sha256);
	json_object_set_new(m, "timings", tm);
	set_str(m, "finished", r->finished);
	return m;
}

static json_t *checkout_json(const struct results *r, const char *id,
			     const struct kcidb_opts *o)
{
	json_t *c = json_object();
	char *start = time_before(r->finished, r->timings.total);
	char *comment = xasprintf("%s %s%s%s: %s", r->branch,
				  decision_name(r->decision),
				  r->tree.version ? ", tree " : "",
				  r->tree.version ? r->tree.version : "",
				  r->verdict);

	set_str(c, "id", id);
	set_str(c, "origin", o->origin);
	set_str(c, "comment", comment);
	set_str(c, "start_time", start);
	set_str(c, "origin_tests_finish_time", r->finished);
	json_object_set_new(c, "valid", json_true());
	json_object_set_new(c, "misc", tree_misc(r));
	free(start);
	free(comment);
	return c;
}

static json_t *build_misc(const struct results_variant *v)
{
	const struct results_build *b = &v->build;
	json_t *m = json_object();

	set_str(m, "variant", v->name);
	set_str(m, "expect", v->expect);
	set_str(m, "verdict", v->verdict);
	json_object_set_new(m, "as_expected", json_integer(v->as_expected));
	json_object_set_new(m, "runs_total", json_integer(v->runs_total));
	set_str(m, "tree_version", b->tree_version);
	set_str(m, "migrate_c_sha256", b->migrate_c_sha256);
	set_str(m, "config_sha256", b->config_sha256);
	set_secs(m, "make_seconds", b->make_seconds);
	if (b->has_compat)
		json_object_set_new(m, "compat", json_strvec(&b->compat));
	set_secs(m, "boot_seconds", v->boot_seconds);
	set_secs(m, "detect_seconds", v->detect_seconds);
	return m;
}

static json_t *build_json(const struct results *r,
			  const struct results_variant *v, const char *id,
			  const char *checkout_id, const struct kcidb_opts *o)
{
	json_t *b = json_object();
	char *comment = xasprintf("%s %s: expect %s, verdict %s (%d/%d boots as expected)",
				  r->branch, v->name,
				  v->expect ? v->expect : "-", v->verdict,
				  v->as_expected, v->runs_total);

	set_str(b, "id", id);
	set_str(b, "origin", o->origin);
	set_str(b, "checkout_id", checkout_id);
	set_str(b, "comment", comment);
	set_str(b, "architecture", o->arch);
	set_str(b, "compiler", r->toolchain.cc_version ?
		r->toolchain.cc_version : r->toolchain.cc);
	set_secs(b, "duration", v->build.seconds);
	set_str(b, "status", v->build.ok ? "PASS" : "FAIL");
	set_excerpt(b, "log_excerpt", v->build.error);
	json_object_set_new(b, "misc", build_misc(v));
	free(comment);
	return b;
}

/* KCIDB's status of a boot: a boot never started is MISS. */
static const char *test_status(const struct results_run *t)
{
	switch (t->outcome) {
	case CONSOLE_PASS:
		return "PASS";
	case CONSOLE_FAIL:
		return "FAIL";
	case CONSOLE_SKIP:
		return "SKIP";
	default:
		return t->error ? "MISS" : "ERROR";
	}
}

static json_t *test_misc(const struct results_run *t)
{
	json_t *m = json_object();

	json_object_set_new(m, "run", json_integer(t->run));
	set_str(m, "outcome", console_outcome_name(t->outcome));
	set_str(m, "kind", console_kind_name(t->kind));
	set_str(m, "signature", t->signature);
	/* Is the FAIL the bug (signature.h)?  Derived: judged on reading. */
	if (t->match != MATCH_NONE) {
		set_str(m, "match", console_match_name(t->match));
		set_str(m, "match_reason", t->match_reason);
		if (t->frames.n)
			json_object_set_new(m, "frames",
					    json_strvec(&t->frames));
		if (t->match_derived)
			json_object_set_new(m, "match_derived", json_true());
	}
	/* The test's last work report: what a PASS (or a base) did. */
	if (t->has_work)
		json_object_set_new(m, "work", work_json(&t->work));
	if (t->signature_line)
		json_object_set_new(m, "signature_line",
				    json_integer(t->signature_line));
	set_secs(m, "detect_seconds", t->detect_seconds);
	set_str(m, "time_source", t->time_source);
	set_str(m, "result_line", t->result_line);
	set_str(m, "log", t->log);
	json_object_set_new(m, "timed_out", json_boolean(t->timed_out));
	json_object_set_new(m, "as_expected", json_boolean(t->as_expected));
	set_str(m, "error", t->error);
	return m;
}

static json_t *test_json(const struct results *r,
			 const struct results_variant *v,
			 const struct results_run *t, const char *build_id,
			 size_t i, const struct kcidb_opts *o)
{
	json_t *j = json_object(), *env = json_object(), *em = json_object();
	int n = t->run ? t->run : (int)i + 1;
	char *id = xasprintf("%s/%d", build_id, n);
	char *comment = xasprintf("%s %s boot %d: %s", r->branch, v->name, n,
				  t->detail ? t->detail :
				  console_outcome_name(t->outcome));
	char *ec = xasprintf("QEMU %s (%s)", o->arch,
			     t->accel ? t->accel : "accel not recorded");

	set_str(j, "id", id);
	set_str(j, "origin", o->origin);
	set_str(j, "build_id", build_id);
	set_str(j, "path", o->test_path);
	set_str(j, "comment", comment);
	set_str(j, "status", test_status(t));
	set_secs(j, "duration", t->boot_seconds);
	set_excerpt(j, "log_excerpt", t->excerpt);
	set_str(env, "comment", ec);
	set_str(em, "accel", t->accel);
	set_str(em, "cmdline", t->cmdline);
	json_object_set_new(env, "misc", em);
	json_object_set_new(j, "environment", env);
	json_object_set_new(j, "misc", test_misc(t));
	free(id);
	free(comment);
	free(ec);
	return j;
}

static void add_results(json_t *checkouts, json_t *builds, json_t *tests,
			const struct results *r, const struct kcidb_opts *o)
{
	char *cid = r->finished ?
		xasprintf("%s:%s/%s", o->origin, r->branch, r->finished) :
		xasprintf("%s:%s", o->origin, r->branch);
	size_t i, j;

	json_array_append_new(checkouts, checkout_json(r, cid, o));
	for (i = 0; i < r->nvariants; i++) {
		const struct results_variant *v = &r->variant[i];
		char *bid = xasprintf("%s/%s", cid, v->name);

		json_array_append_new(builds, build_json(r, v, bid, cid, o));
		for (j = 0; j < v->nruns; j++)
			json_array_append_new(tests, test_json(r, v, &v->runs[j],
							       bid, j, o));
		free(bid);
	}
	free(cid);
}

json_t *kcidb_document(const struct results *const *r, size_t n,
		       const struct kcidb_opts *o)
{
	json_t *doc = json_object(), *checkouts = json_array();
	json_t *builds = json_array(), *tests = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		add_results(checkouts, builds, tests, r[i], o);
	json_object_set_new(doc, "version", json_pack("{s:i, s:i}",
						      "major", KCIDB_MAJOR,
						      "minor", KCIDB_MINOR));
	json_object_set_new(doc, "checkouts", checkouts);
	json_object_set_new(doc, "builds", builds);
	json_object_set_new(doc, "tests", tests);
	return doc;
}

char *kcidb_path_node(const char *s)
{
	char *p, *node;

	while (s && *s == '_')
		s++;
	node = xstrdup(s && *s ? s : "test");
	for (p = node; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			*p = '_';
	return node;
}
