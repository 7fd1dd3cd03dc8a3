// SPDX-License-Identifier: GPL-2.0
/*
 * Tolerant reader of results/<branch>.json.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "series.h"
#include "util.h"

static json_t *lookup(json_t *doc, const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *key;
	json_t *cur = doc;

	for (key = strtok_r(copy, ".", &save); key && cur;
	     key = strtok_r(NULL, ".", &save))
		cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
	free(copy);
	return cur;
}

static char *scalar(json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.1f", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "true" : "false");
	return NULL;
}

char *evidence_str(json_t *doc, const char *const *paths)
{
	char *s;

	for (; doc && *paths; paths++) {
		s = scalar(lookup(doc, *paths));
		if (s && *s)
			return s;
		free(s);
	}
	return NULL;
}

/* The layout "backport verify" writes (scripts/cmd-verify.c). */
static const char *const verdict_keys[] = { "verdict", NULL };
static const char *const version_keys[] = { "tree.version", NULL };
static const char *const toolchain_keys[] = {
	"toolchain.cc_version", "toolchain.cc", NULL,
};
static const char *const when_keys[] = { "finished", NULL };
static const char *const ab_keys[][2] = {
	{ "ab.a.verdict", NULL }, { "ab.b.verdict", NULL },
};

/* "A (unpatched): FAIL, B (patched): PASS" for port rows, else NULL. */
static char *ab_text(json_t *doc)
{
	char *a = evidence_str(doc, ab_keys[0]), *b = evidence_str(doc, ab_keys[1]);
	char *s = NULL;

	if (a || b)
		s = xasprintf("A (unpatched): %s, B (patched): %s",
			      a ? a : "?", b ? b : "?");
	free(a);
	free(b);
	return s;
}

static char *timings_text(json_t *doc)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *o = json_object_get(doc, "timings"), *v;
	const char *key;

	if (!json_is_object(o))
		return NULL;
	json_object_foreach(o, key, v) {
		if (json_is_number(v))
			sb_addf(&sb, "%s%s %.0fs", sb.len ? ", " : "", key,
				json_number_value(v));
		else if (json_is_string(v))
			sb_addf(&sb, "%s%s %s", sb.len ? ", " : "", key,
				json_string_value(v));
	}
	return sb.len ? sb_detach(&sb) : NULL;
}

void evidence_load(const char *root, const char *branch, struct evidence *ev)
{
	char *abs;
	json_error_t jerr;

	memset(ev, 0, sizeof(*ev));
	ev->path = xasprintf("results/%s.json", branch);
	abs = path_join(root, ev->path);
	if (!path_exists(abs)) {
		free(abs);
		return;
	}
	ev->doc = json_load_file(abs, 0, &jerr);
	free(abs);
	if (!ev->doc || !json_is_object(ev->doc)) {
		ev->error = ev->doc ?
			xasprintf("%s: not a JSON object", ev->path) :
			xasprintf("%s:%d: %s", ev->path, jerr.line, jerr.text);
		json_decref(ev->doc);
		ev->doc = NULL;
		return;
	}
	ev->present = true;
	ev->verdict = evidence_str(ev->doc, verdict_keys);
	ev->ab = ab_text(ev->doc);
	ev->tree_version = evidence_str(ev->doc, version_keys);
	ev->toolchain = evidence_str(ev->doc, toolchain_keys);
	ev->when = evidence_str(ev->doc, when_keys);
	ev->timings = timings_text(ev->doc);
}

void evidence_free(struct evidence *ev)
{
	free(ev->path);
	free(ev->error);
	json_decref(ev->doc);
	free(ev->verdict);
	free(ev->ab);
	free(ev->tree_version);
	free(ev->toolchain);
	free(ev->when);
	free(ev->timings);
	memset(ev, 0, sizeof(*ev));
}

char *evidence_text(const struct evidence *ev, const char *indent)
{
	struct strbuf sb = STRBUF_INIT;

	if (!ev->present) {
		if (ev->error)
			sb_addf(&sb, "%snot verified yet: %s\n", indent,
				ev->error);
		else
			sb_addf(&sb, "%snot verified yet (no %s)\n", indent,
				ev->path);
		return sb_detach(&sb);
	}
	sb_addf(&sb, "%sverdict:   %s\n", indent,
		ev->verdict ? ev->verdict : "(none recorded)");
	if (ev->ab)
		sb_addf(&sb, "%sA/B:       %s\n", indent, ev->ab);
	sb_addf(&sb, "%stree:      %s\n", indent,
		ev->tree_version ? ev->tree_version : "(not recorded)");
	sb_addf(&sb, "%stoolchain: %s\n", indent,
		ev->toolchain ? ev->toolchain : "(not recorded)");
	if (ev->timings)
		sb_addf(&sb, "%stimings:   %s\n", indent, ev->timings);
	if (ev->when)
		sb_addf(&sb, "%sdate:      %s\n", indent, ev->when);
	sb_addf(&sb, "%ssource:    %s\n", indent, ev->path);
	return sb_detach(&sb);
}

int port_series(const char *root, const char *branch, struct strvec *out,
		char *msg, size_t msglen)
{
	char *rel = xasprintf("series/%s", branch);
	char *abs = path_join(root, rel);
	struct parse_error err;
	struct series s;
	size_t i;
	int ret = -1;

	if (!path_exists(abs)) {
		snprintf(msg, msglen,
			 "%s: not found (run \"backport port --branch %s\" first)",
			 rel, branch);
	} else if (series_load(abs, &s, &err)) {
		if (err.line)
			snprintf(msg, msglen, "%s:%u: %s", rel, err.line,
				 err.msg);
		else
			snprintf(msg, msglen, "%s: %s", rel, err.msg);
	} else {
		for (i = 0; i < s.n; i++)
			sv_pushf(out, "ports/%s/%s", branch, s.e[i].name);
		if (!s.n)
			snprintf(msg, msglen, "%s: no patches listed", rel);
		else
			ret = 0;
		series_free(&s);
	}
	free(abs);
	free(rel);
	return ret;
}
