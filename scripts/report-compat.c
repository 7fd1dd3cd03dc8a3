// SPDX-License-Identifier: GPL-2.0
/*
 * The build-compatibility patches of a report row (see report.h): what
 * the variants' builds applied, with their subjects from
 * configs/compat.json, rendered as Markdown and JSON.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compat.h"
#include "report.h"
#include "util.h"

/* The compat patches of the variants' builds, with their subjects. */
void report_compat_fill(const struct table *t, struct report_row *r)
{
	const struct results *res = &r->ev.res;
	struct compat_list l = { 0 };
	bool loaded = false;
	size_t i, j, k, n = 0;
	char msg[256];

	for (i = 0; i < res->nvariants; i++)
		n += res->variant[i].build.compat.n;
	if (!n)
		return;
	if (!compat_load(t->root, &l, msg, sizeof(msg)))
		loaded = true;
	r->compat = xcalloc(n, sizeof(*r->compat));
	for (i = 0; i < res->nvariants; i++) {
		const struct results_variant *v = &res->variant[i];

		for (j = 0; j < v->build.compat.n; j++) {
			struct report_compat *c = &r->compat[r->ncompat++];

			c->variant = xstrdup(v->name);
			c->commit = xstrdup(v->build.compat.v[j]);
			for (k = 0; loaded && !c->subject && k < l.n; k++)
				if (!strcmp(l.e[k].commit, c->commit))
					c->subject = xstrdup(l.e[k].subject);
		}
	}
	compat_free(&l);
}

/* The build-compatibility patches of a row, when its builds had any. */
void report_compat_md(const struct report_row *r, struct strbuf *sb)
{
	size_t i;

	if (!r->ncompat)
		return;
	sb_adds(sb, "Build-compatibility patches (`" COMPAT_FILE "`), applied to the scratch copy before the port, not part of it:\n\n");
	for (i = 0; i < r->ncompat; i++)
		sb_addf(sb, "- %s: %.12s%s%s%s\n", r->compat[i].variant,
			r->compat[i].commit, r->compat[i].subject ? " (\"" : "",
			r->compat[i].subject ? r->compat[i].subject : "",
			r->compat[i].subject ? "\")" : "");
	sb_addc(sb, '\n');
}

json_t *report_compat_json(const struct report_row *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->ncompat; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s*}",
						   "variant", r->compat[i].variant,
						   "commit", r->compat[i].commit,
						   "subject", r->compat[i].subject));
	return a;
}

void report_compat_free(struct report_row *r)
{
	size_t i;

	for (i = 0; i < r->ncompat; i++) {
		free(r->compat[i].variant);
		free(r->compat[i].commit);
		free(r->compat[i].subject);
	}
	free(r->compat);
	r->compat = NULL;
	r->ncompat = 0;
}
