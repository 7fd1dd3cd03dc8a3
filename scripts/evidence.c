// SPDX-License-Identifier: GPL-2.0
/*
 * The evidence of results/<branch>.json, read with results_read().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "series.h"
#include "util.h"

/* A recorded, non-empty string, copied; NULL otherwise. */
static char *text_of(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* "A (unpatched): FAIL, B (patched): PASS" for the A/B layout, else NULL. */
static char *ab_text(const struct results *r)
{
	const char *a = r->variant[0].verdict;
	const char *b = r->nvariants > 1 ? r->variant[1].verdict : NULL;

	if (!r->ab)
		return NULL;
	return xasprintf("A (unpatched): %s, B (patched): %s",
			 a && *a ? a : "?", b && *b ? b : "?");
}

static char *timings_text(const struct results_timings *t)
{
	const struct {
		const char *name;
		double s;
	} tm[] = {
		{ "build", t->build }, { "boot", t->boot },
		{ "detect", t->detect }, { "total", t->total },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tm); i++)
		if (tm[i].s != RESULTS_NONE)
			sb_addf(&sb, "%s%s %.0fs", sb.len ? ", " : "",
				tm[i].name, tm[i].s);
	return sb.len ? sb_detach(&sb) : NULL;
}

int evidence_load(const char *root, const char *branch, struct evidence *ev,
		  char *msg, size_t msglen)
{
	struct results *r = &ev->res;
	char *abs;
	int ret;

	memset(ev, 0, sizeof(*ev));
	ev->path = xasprintf("results/%s.json", branch);
	abs = path_join(root, ev->path);
	if (!path_exists(abs)) {
		free(abs);
		return 0;
	}
	ret = results_read(abs, r, msg, msglen);
	if (!ret && strcmp(r->branch, branch)) {
		snprintf(msg, msglen, "%s: branch: \"%s\", not %s", abs,
			 r->branch, branch);
		ret = -1;
	}
	free(abs);
	if (ret)
		return -1;
	ev->present = true;
	ev->verdict = text_of(r->verdict);
	ev->ab = ab_text(r);
	ev->tree_version = text_of(r->tree.version);
	ev->toolchain = text_of(r->toolchain.cc_version);
	if (!ev->toolchain)
		ev->toolchain = text_of(r->toolchain.cc);
	ev->when = text_of(r->finished);
	ev->timings = timings_text(&r->timings);
	return 0;
}

void evidence_free(struct evidence *ev)
{
	free(ev->path);
	results_free(&ev->res);
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
		sb_addf(&sb, "%snot verified yet (no %s)\n", indent, ev->path);
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
