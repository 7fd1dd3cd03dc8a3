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

#include "results.h"
#include "tree.h"
#include "util.h"
#include "verdict.h"

/* One read: the file named in messages, and where the message goes. */
struct rd {
	const char *file;
	char *msg;
	size_t msglen;
};

/* How a string field is checked. */
enum sclass {
	S_LINE,		/* one line: no control character at all */
	S_CONSOLE,	/* a console line: tabs allowed */
	S_TEXT,		/* free text, lines and all */
	S_SHA256,	/* 64 lowercase hex digits */
	S_COMMIT,	/* 40 lowercase hex digits */
	S_TIME,		/* YYYY-MM-DDTHH:MM:SSZ */
};

/* The values a field takes, by index; NULL when @i is none of them. */
typedef const char *(*vocab_fn)(unsigned int i);

#define VOCAB_MAX	64

static __printf(3, 4) int bad(struct rd *d, const char *field,
			      const char *fmt, ...)
{
	char what[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(d->msg, d->msglen, "%s: %s: %s", d->file, field, what);
	return -1;
}

/* "PRE.KEY", or "KEY" at the top level, into @buf. */
static const char *field(char *buf, size_t n, const char *pre,
			 const char *key)
{
	snprintf(buf, n, "%s%s%s", pre, *pre ? "." : "", key);
	return buf;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

static const char *control_name(unsigned char c)
{
	switch (c) {
	case '\n':
		return "a newline";
	case '\r':
		return "a carriage return";
	case '\t':
		return "a tab";
	default:
		return "a control character";
	}
}

static bool all_of(const char *s, size_t len, const char *set)
{
	return strlen(s) == len && strspn(s, set) == len;
}

/* YYYY-MM-DDTHH:MM:SSZ with plausible fields. */
static bool utc_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int y, mo, dd, h, mi, sec;
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return false;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &dd, &h, &mi,
		   &sec) != 6)
		return false;
	return mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && h < 24 &&
		mi < 60 && sec <= 60;
}

static int check_string(struct rd *d, const char *f, const char *s,
			enum sclass cls)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	switch (cls) {
	case S_TEXT:
		return 0;
	case S_SHA256:
		return all_of(s, 64, hex) ? 0 :
			bad(d, f, "\"%.80s\" is not a sha256 (64 lowercase hex digits)", s);
	case S_COMMIT:
		return all_of(s, 40, hex) ? 0 :
			bad(d, f, "\"%.80s\" is not a commit id (40 lowercase hex digits)", s);
	case S_TIME:
		return utc_time(s) ? 0 :
			bad(d, f, "\"%.80s\" is not a time YYYY-MM-DDTHH:MM:SSZ", s);
	default:
		break;
	}
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 0x20 && *p != 0x7f) || (cls == S_CONSOLE && *p == '\t'))
			continue;
		return bad(d, f, "holds %s (0x%02x) at offset %zu; one line is expected",
			   control_name(*p), *p, (size_t)(p - (const unsigned char *)s));
	}
	return 0;
}

/* A string at @key of @o into @out (malloc'd; NULL when absent or null). */
static int get_str(struct rd *d, json_t *o, const char *pre, const char *key,
		   enum sclass cls, bool required, char **out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	field(f, sizeof(f), pre, key);
	if (!v || json_is_null(v))
		return required ? bad(d, f, "missing") : 0;
	if (!json_is_string(v))
		return bad(d, f, "%s, not a string", type_name(v));
	if (check_string(d, f, json_string_value(v), cls))
		return -1;
	if (required && !*json_string_value(v))
		return bad(d, f, "empty");
	*out = xstrdup(json_string_value(v));
	return 0;
}

/*
 * A one-line string that must be one of the words @at gives: its index in
 * @idx (when not NULL; left alone when absent), the string in @out (when
 * not NULL).
 */
static int get_word(struct rd *d, json_t *o, const char *pre, const char *key,
		    vocab_fn at, bool required, char **out, int *idx)
{
	struct strbuf sb = STRBUF_INIT;
	char *s = NULL, f[160];
	unsigned int i;
	int ret;

	if (get_str(d, o, pre, key, S_LINE, required, &s))
		return -1;
	if (!s)
		return 0;
	for (i = 0; i < VOCAB_MAX; i++) {
		if (at(i) && !strcmp(at(i), s)) {
			if (idx)
				*idx = (int)i;
			if (out)
				*out = s;
			else
				free(s);
			return 0;
		}
	}
	for (i = 0; i < VOCAB_MAX; i++)
		if (at(i))
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", at(i));
	ret = bad(d, field(f, sizeof(f), pre, key), "\"%.80s\" is not one of %s",
		  s, sb_str(&sb));
	sb_release(&sb);
	free(s);
	return ret;
}

/* Seconds (>= 0) at @key; RESULTS_NONE when absent or null. */
static int get_secs(struct rd *d, json_t *o, const char *pre, const char *key,
		    double *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = RESULTS_NONE;
	if (!v || json_is_null(v))
		return 0;
	field(f, sizeof(f), pre, key);
	if (!json_is_number(v))
		return bad(d, f, "%s, not a number", type_name(v));
	if (!(json_number_value(v) >= 0))
		return bad(d, f, "negative (%g)", json_number_value(v));
	*out = json_number_value(v);
	return 0;
}

/* A count (integer >= 0) at @key; 0 when absent or null. */
static int get_count(struct rd *d, json_t *o, const char *pre,
		     const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	field(f, sizeof(f), pre, key);
	if (!json_is_integer(v))
		return bad(d, f, "%s, not an integer", type_name(v));
	if (json_integer_value(v) < 0 || json_integer_value(v) > INT_MAX)
		return bad(d, f, "%lld is out of range",
			   (long long)json_integer_value(v));
	*out = (int)json_integer_value(v);
	return 0;
}

static int get_bool(struct rd *d, json_t *o, const char *pre, const char *key,
		    bool *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = false;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return bad(d, field(f, sizeof(f), pre, key),
			   "%s, not true or false", type_name(v));
	*out = json_is_true(v);
	return 0;
}

/* An object at @key into @out; NULL when absent or null. */
static int get_obj(struct rd *d, json_t *o, const char *pre, const char *key,
		   bool required, json_t **out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = NULL;
	field(f, sizeof(f), pre, key);
	if (!v || json_is_null(v))
		return required ? bad(d, f, "missing") : 0;
	if (!json_is_object(v))
		return bad(d, f, "%s, not an object", type_name(v));
	*out = v;
	return 0;
}

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
	return i >= CONSOLE_PASS && i <= CONSOLE_ERROR ?
		console_outcome_name(i) : NULL;
}

static const char *kind_at(unsigned int i)
{
	return i <= KIND_TEST_ERROR ? console_kind_name(i) : NULL;
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
	return i <= VARIANT_MIXED ? variant_verdict_name(i) : NULL;
}

static const char *time_source_at(unsigned int i)
{
	static const char *const w[] = { "kernel", "host", "test" };

	return pick(w, ARRAY_SIZE(w), i);
}

static int read_run(struct rd *d, json_t *o, const char *pre,
		    struct results_run *r)
{
	int outcome = CONSOLE_PENDING, kind = KIND_NONE, ret;

	ret = get_count(d, o, pre, "run", &r->run) ||
		get_word(d, o, pre, "outcome", outcome_at, true, NULL,
			 &outcome) ||
		get_word(d, o, pre, "kind", kind_at, false, NULL, &kind) ||
		get_str(d, o, pre, "signature", S_CONSOLE, false,
			&r->signature) ||
		get_count(d, o, pre, "signature_line", &r->signature_line) ||
		get_secs(d, o, pre, "detect_seconds", &r->detect_seconds) ||
		get_word(d, o, pre, "time_source", time_source_at, false,
			 &r->time_source, NULL) ||
		get_str(d, o, pre, "detail", S_CONSOLE, false, &r->detail) ||
		get_str(d, o, pre, "result_line", S_CONSOLE, false,
			&r->result_line) ||
		get_str(d, o, pre, "log", S_LINE, false, &r->log) ||
		get_secs(d, o, pre, "boot_seconds", &r->boot_seconds) ||
		get_bool(d, o, pre, "timed_out", &r->timed_out) ||
		get_str(d, o, pre, "accel", S_LINE, false, &r->accel) ||
		get_str(d, o, pre, "excerpt", S_TEXT, false, &r->excerpt) ||
		get_bool(d, o, pre, "as_expected", &r->as_expected) ||
		get_str(d, o, pre, "cmdline", S_CONSOLE, false, &r->cmdline) ||
		get_str(d, o, pre, "error", S_TEXT, false, &r->error);
	r->outcome = outcome;
	r->kind = kind;
	return ret ? -1 : 0;
}

static int read_build(struct rd *d, json_t *v, const char *vpre,
		      struct results_build *b)
{
	char pre[96];
	json_t *o;

	field(pre, sizeof(pre), vpre, "build");
	if (get_obj(d, v, vpre, "build", false, &o))
		return -1;
	return get_bool(d, o, pre, "ok", &b->ok) ||
		get_str(d, o, pre, "tree_version", S_LINE, false,
			&b->tree_version) ||
		get_str(d, o, pre, "migrate_c_sha256", S_SHA256, false,
			&b->migrate_c_sha256) ||
		get_str(d, o, pre, "config_sha256", S_SHA256, false,
			&b->config_sha256) ||
		get_str(d, o, pre, "bzimage", S_LINE, false, &b->bzimage) ||
		get_secs(d, o, pre, "seconds", &b->seconds) ||
		get_secs(d, o, pre, "make_seconds", &b->make_seconds) ||
		get_str(d, o, pre, "log", S_LINE, false, &b->log) ||
		get_str(d, o, pre, "error", S_TEXT, false, &b->error) ? -1 : 0;
}

static int read_runs(struct rd *d, json_t *v, const char *vpre,
		     struct results_variant *out)
{
	json_t *runs = json_object_get(v, "runs"), *total, *o;
	char pre[192], f[160];
	size_t i;

	field(f, sizeof(f), vpre, "runs");
	if (!runs || json_is_null(runs))
		return 0;
	if (!json_is_array(runs))
		return bad(d, f, "%s, not an array", type_name(runs));
	out->runs = xcalloc(json_array_size(runs) + 1, sizeof(*out->runs));
	json_array_foreach(runs, i, o) {
		snprintf(pre, sizeof(pre), "%s[%zu]", f, i);
		if (!json_is_object(o))
			return bad(d, pre, "%s, not an object", type_name(o));
		out->nruns++;
		if (read_run(d, o, pre, &out->runs[i]))
			return -1;
	}
	total = json_object_get(v, "runs_total");
	if (json_is_integer(total) && (size_t)out->runs_total != out->nruns)
		return bad(d, field(f, sizeof(f), vpre, "runs_total"),
			   "%d, but \"runs\" holds %zu", out->runs_total,
			   out->nruns);
	return 0;
}

static int read_variant(struct rd *d, json_t *v, const char *pre,
			struct results_variant *out)
{
	return get_str(d, v, pre, "variant", S_LINE, true, &out->name) ||
		get_word(d, v, pre, "expect", expect_at, false, &out->expect,
			 NULL) ||
		get_word(d, v, pre, "verdict", variant_verdict_at, true,
			 &out->verdict, NULL) ||
		get_count(d, v, pre, "as_expected", &out->as_expected) ||
		get_count(d, v, pre, "runs_total", &out->runs_total) ||
		read_build(d, v, pre, &out->build) ||
		get_secs(d, v, pre, "boot_seconds", &out->boot_seconds) ||
		get_secs(d, v, pre, "detect_seconds", &out->detect_seconds) ||
		read_runs(d, v, pre, out) ? -1 : 0;
}

/* "ab": {"a": V, "b": V|null} for port rows, "run": V for the others. */
static int read_layout(struct rd *d, json_t *doc, struct results *r)
{
	json_t *ab, *v;

	if (r->decision != DECISION_PORT) {
		if (json_object_get(doc, "ab") &&
		    !json_is_null(json_object_get(doc, "ab")))
			return bad(d, "ab", "only port rows have an A/B run, this is %s",
				   decision_name(r->decision));
		if (get_obj(d, doc, "", "run", true, &v) ||
		    read_variant(d, v, "run", &r->variant[0]))
			return -1;
		r->nvariants = 1;
		return 0;
	}
	if (json_object_get(doc, "run") &&
	    !json_is_null(json_object_get(doc, "run")))
		return bad(d, "run", "a port row has \"ab\", not \"run\"");
	r->ab = true;
	if (get_obj(d, doc, "", "ab", true, &ab) ||
	    get_obj(d, ab, "ab", "a", true, &v) ||
	    read_variant(d, v, "ab.a", &r->variant[0]))
		return -1;
	r->nvariants = 1;
	if (get_obj(d, ab, "ab", "b", false, &v))
		return -1;
	if (!v)
		return 0;
	r->nvariants = 2;
	return read_variant(d, v, "ab.b", &r->variant[1]);
}

static int read_env(struct rd *d, json_t *doc, struct results *r)
{
	struct results_timings *tm = &r->timings;
	json_t *tree, *tc, *t;

	return get_obj(d, doc, "", "tree", false, &tree) ||
		get_str(d, tree, "tree", "path", S_LINE, false,
			&r->tree.path) ||
		get_str(d, tree, "tree", "version", S_LINE, false,
			&r->tree.version) ||
		get_word(d, tree, "tree", "fix_state", fix_state_at, false,
			 &r->tree.fix_state, NULL) ||
		get_str(d, tree, "tree", "file", S_LINE, false,
			&r->tree.file) ||
		get_str(d, tree, "tree", "file_sha256", S_SHA256, false,
			&r->tree.file_sha256) ||
		get_obj(d, doc, "", "toolchain", false, &tc) ||
		get_str(d, tc, "toolchain", "cc", S_LINE, false,
			&r->toolchain.cc) ||
		get_str(d, tc, "toolchain", "hostcc", S_LINE, false,
			&r->toolchain.hostcc) ||
		get_str(d, tc, "toolchain", "cc_version", S_LINE, false,
			&r->toolchain.cc_version) ||
		get_str(d, doc, "", "config_sha256", S_SHA256, false,
			&r->config_sha256) ||
		get_obj(d, doc, "", "timings", false, &t) ||
		get_secs(d, t, "timings", "build", &tm->build) ||
		get_secs(d, t, "timings", "boot", &tm->boot) ||
		get_secs(d, t, "timings", "detect", &tm->detect) ||
		get_secs(d, t, "timings", "total", &tm->total) ? -1 : 0;
}

static int read_doc(struct rd *d, json_t *doc, struct results *r)
{
	int decision = -1;

	if (!json_is_object(doc)) {
		snprintf(d->msg, d->msglen, "%s: %s, not a JSON object",
			 d->file, type_name(doc));
		return -1;
	}
	if (get_str(d, doc, "", "branch", S_LINE, true, &r->branch) ||
	    get_word(d, doc, "", "decision", decision_at, true, NULL,
		     &decision))
		return -1;
	r->decision = decision;
	return get_str(d, doc, "", "upstream", S_COMMIT, false,
		       &r->upstream) ||
		get_word(d, doc, "", "expected", expected_at, false,
			 &r->expected, NULL) ||
		get_word(d, doc, "", "verdict", verdict_at, true, &r->verdict,
			 NULL) ||
		get_bool(d, doc, "", "as_expected", &r->as_expected) ||
		get_count(d, doc, "", "runs_per_variant",
			  &r->runs_per_variant) ||
		get_str(d, doc, "", "optional", S_LINE, false, &r->optional) ||
		read_env(d, doc, r) ||
		read_layout(d, doc, r) ||
		get_str(d, doc, "", "excerpt", S_TEXT, false, &r->excerpt) ||
		get_str(d, doc, "", "console_logs", S_LINE, false,
			&r->console_logs) ||
		get_str(d, doc, "", "finished", S_TIME, false,
			&r->finished) ? -1 : 0;
}

int results_parse(const char *buf, size_t len, const char *name,
		  struct results *r, char *msg, size_t msglen)
{
	struct rd d = { .file = name, .msg = msg, .msglen = msglen };
	json_error_t jerr;
	json_t *doc;
	int ret;

	memset(r, 0, sizeof(*r));
	doc = json_loadb(buf ? buf : "", buf ? len : 0,
			 JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		snprintf(msg, msglen, "%s:%d:%d: %s", name, jerr.line,
			 jerr.column, jerr.text);
		return -1;
	}
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
	free(v->build.bzimage);
	free(v->build.log);
	free(v->build.error);
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
	free(r->tree.path);
	free(r->tree.version);
	free(r->tree.fix_state);
	free(r->tree.file);
	free(r->tree.file_sha256);
	free(r->toolchain.cc);
	free(r->toolchain.hostcc);
	free(r->toolchain.cc_version);
	free(r->config_sha256);
	for (i = 0; i < ARRAY_SIZE(r->variant); i++)
		variant_free(&r->variant[i]);
	free(r->excerpt);
	free(r->console_logs);
	free(r->finished);
	memset(r, 0, sizeof(*r));
}
