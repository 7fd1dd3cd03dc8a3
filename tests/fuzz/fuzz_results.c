// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: results_parse() on arbitrary bytes; what it accepts
 * must hold what results.h promises (a run's log a relative path inside
 * the results directory, among others), and make a KCIDB document that
 * jansson can encode (no NULL value, valid UTF-8 throughout).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kcidb.h"
#include "results.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool one_line(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* A run's log as results.h promises it: relative, inside its directory. */
static bool relative_inside(const char *s)
{
	const char *p;

	if (!s)
		return true;
	if (!*s || *s == '/' || *s == '~')
		return false;
	for (p = s; (p = strstr(p, "..")); p += 2)
		if ((p == s || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return false;
	return true;
}

static void check(const struct results *r)
{
	const struct kcidb_opts o = {
		.origin = "backport", .arch = "x86_64", .test_path = "thp.t",
	};
	const struct results *rs[1] = { r };
	size_t i, j;
	json_t *doc;
	char *s;

	if (!r->branch || !*r->branch || !r->verdict ||
	    !one_line(r->branch) || !one_line(r->verdict) ||
	    !one_line(r->tree.version) || !one_line(r->tree.source) ||
	    (r->tree.dir && strchr(r->tree.dir, '/')) || r->nvariants < 1 ||
	    r->nvariants > 2 || (!r->ab && r->nvariants != 1) ||
	    r->ab != (r->decision == DECISION_PORT))
		__builtin_trap();
	for (i = 0; i < r->nvariants; i++) {
		const struct results_variant *v = &r->variant[i];

		if (!v->name || !one_line(v->name) || !v->verdict)
			__builtin_trap();
		for (j = 0; j < v->nruns; j++)
			if (v->runs[j].outcome == CONSOLE_PENDING ||
			    v->runs[j].boot_seconds < RESULTS_NONE ||
			    !relative_inside(v->runs[j].log))
				__builtin_trap();
	}
	doc = kcidb_document(rs, 1, &o);
	s = json_dumps(doc, 0);
	if (!s)
		__builtin_trap();
	free(s);
	json_decref(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct results r;
	char msg[512];

	if (!results_parse((const char *)data, size, "fuzz.json", &r, msg,
			   sizeof(msg)))
		check(&r);
	else if (!starts_with(msg, "fuzz.json") || r.branch)
		__builtin_trap();
	results_free(&r);
	return 0;
}
