// SPDX-License-Identifier: GPL-2.0
/*
 * The report of "backport report": the cells of each branch row from the
 * table and results/<branch>.json (with "backport diff" and checkpatch.pl
 * output for port rows), rendered as Markdown, JSON or one KCIDB document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "evidence.h"
#include "json.h"
#include "kcidb.h"
#include "report.h"
#include "run.h"
#include "signature.h"
#include "table.h"
#include "tree.h"
#include "util.h"

/* The KCIDB origin of the documents "--format kcidb" writes. */
#define KCIDB_ORIGIN	"backport"
/* The test kernels are x86_64 (configs/fragments/qemu-x86_64.config). */
#define KCIDB_ARCH	"x86_64"

/* The console excerpts the results name, in document order, labelled. */
static void find_logs(const struct results *res, struct report_row *r)
{
	size_t i, j;

	for (i = 0; i < res->nvariants; i++) {
		const struct results_variant *v = &res->variant[i];

		for (j = 0; j < v->nruns; j++) {
			const struct results_run *run = &v->runs[j];

			if (!run->log)
				continue;
			sv_push(&r->logs, run->log);
			sv_pushf(&r->log_labels, "%s run %d: %s (%s)%s%s%s%s",
				 v->name, run->run ? run->run : (int)j + 1,
				 console_outcome_name(run->outcome),
				 console_kind_name(run->kind),
				 run->match_reason ? ", " : "",
				 run->match_reason ?
				 console_match_name(run->match) : "",
				 run->match_reason ? ": " : "",
				 run->match_reason ? run->match_reason : "");
		}
	}
}

/* The path from directory @from to @to, both absolute and canonical. */
static char *relative(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;
	const char *p;

	/* @n: the length of the leading components both have. */
	for (i = 0; ; i++) {
		if ((from[i] == '/' || !from[i]) && (to[i] == '/' || !to[i]))
			n = i;
		if (!from[i] || from[i] != to[i])
			break;
	}
	for (p = from + n; *p; p++)
		if (*p == '/' && p[1])
			sb_adds(&sb, sb.len ? "/.." : "..");
	p = to + n + (to[n] == '/');
	if (*p)
		sb_addf(&sb, "%s%s", sb.len ? "/" : "", p);
	return sb.len ? sb_detach(&sb) : xstrdup(".");
}

char *report_results_link(const char *root, const char *output)
{
	char *rroot = abs_path(root), *dir, *odir, *slash, *res, *ret;

	if (!output || !rroot) {
		free(rroot);
		return xstrdup("results");
	}
	dir = xstrdup(output);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	odir = abs_path(slash ? dir : ".");
	res = path_join(rroot, "results");
	ret = odir ? relative(odir, res) : xstrdup("results");
	free(res);
	free(odir);
	free(dir);
	free(rroot);
	return ret;
}

static char *run_tool(const char *const *argv, const char *cwd, int *rc)
{
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { 0 };
	struct run_result res;

	o.cwd = cwd;
	o.capture = &out;
	o.timeout = 300;
	*rc = run_argv(argv, &o, &res);
	if (*rc == 0 || *rc == 1)
		*rc = res.exit_code;
	return sb_detach(&out);
}

char *report_checkpatch_name(const char *checkpatch)
{
	static const char tail[] = "/scripts/checkpatch.pl";
	size_t n = strlen(checkpatch), l = strlen(tail);
	const char *base = strrchr(checkpatch, '/');
	char *dir, *ver, *ret;

	if (n > l && !strcmp(checkpatch + n - l, tail)) {
		dir = xstrndup(checkpatch, n - l);
		ver = tree_version(dir);
		free(dir);
		if (ver) {
			ret = xasprintf("`scripts/checkpatch.pl` of Linux %s",
					ver);
			free(ver);
			return ret;
		}
	}
	return xasprintf("`%s`", base ? base + 1 : checkpatch);
}

/* The build and boot cells of one variant of the results. */
static void variant_cells(const struct results_variant *v,
			  struct strbuf *build, struct strbuf *boot)
{
	size_t i;

	sb_addf(build, "%s%s %s", build->len ? ", " : "", v->name,
		v->build.ok ? "ok" : "failed");
	if (v->build.seconds != RESULTS_NONE)
		sb_addf(build, " %.0fs", v->build.seconds);
	for (i = 0; i < v->build.compat.n; i++)
		sb_addf(build, "%s%.12s", i ? " " : " + compat ",
			v->build.compat.v[i]);
	sb_addf(boot, "%s%s %zu boot%s", boot->len ? ", " : "", v->name,
		v->nruns, v->nruns == 1 ? "" : "s");
}

/* The apply, build and boot cells of the matrix, from verify's results. */
static void stage_cells(struct report_row *r)
{
	const struct results *res = &r->ev.res;
	struct strbuf build = STRBUF_INIT, boot = STRBUF_INIT;
	size_t i;

	if (!r->ev.present)
		return;
	for (i = 0; i < res->nvariants; i++)
		variant_cells(&res->variant[i], &build, &boot);
	if (res->ab)
		/* The patched variant is the series pushed with quilt. */
		r->apply = xstrdup(res->nvariants > 1 &&
				   res->variant[1].build.ok ?
				   "quilt push ok" : "failed");
	else
		r->apply = xstrdup("n/a (tree as is)");
	r->build = build.len ? sb_detach(&build) : NULL;
	r->boot = boot.len ? sb_detach(&boot) : NULL;
	sb_release(&build);
	sb_release(&boot);
}

int report_fill_row(const struct table *t, struct report_row *r,
		    const char *checkpatch, bool tools, bool diff_cmd,
		    char *msg, size_t msglen)
{
	size_t i;
	int rc;

	if (evidence_load(t->root, r->b->name, &r->ev, msg, msglen))
		return -1;
	if (r->ev.present) {
		struct console_sig sig;

		sig_of_table(t, &sig);
		results_judge(&r->ev.res, &sig);
	}
	stage_cells(r);
	if (r->ev.present) {
		find_logs(&r->ev.res, r);
		report_compat_fill(t, r);
	}
	if (r->b->decision != DECISION_PORT || !tools)
		return 0;

	if (diff_cmd) {
		struct strvec av = STRVEC_INIT;

		sv_pushl(&av, "/proc/self/exe", "diff", "--branch", r->b->name,
			 NULL);
		r->range_diff = run_tool((const char *const *)av.v, t->root,
					 &r->range_rc);
		sv_clear(&av);
	} else {
		r->range_diff = xstrdup("\"backport diff\" is not part of this build\n");
		r->range_rc = -1;
	}
	if (port_series(t->root, r->b->name, &r->ports, msg, msglen)) {
		r->checkpatch = xasprintf("%s\n", msg);
		r->checkpatch_rc = 2;
		return 0;
	}
	if (!checkpatch)
		return 0;
	for (i = 0; i < r->ports.n; i++) {
		struct strvec av = STRVEC_INIT;
		char *out, *raw, *prev = r->checkpatch;

		char *abs = table_path(t, r->ports.v[i]);

		/*
		 * Run outside this git repository: checkpatch.pl consults git
		 * in its working directory, and inside ours (which has no
		 * mm/migrate.c) it misreads the hunk's blank context lines as
		 * added lines with trailing whitespace.
		 */
		sv_pushl(&av, checkpatch, "--no-tree", "--ignore",
			 "GIT_COMMIT_ID,UNKNOWN_COMMIT_ID", abs, NULL);
		raw = run_tool((const char *const *)av.v, "/", &rc);
		sv_clear(&av);
		/* It names the patch as given: the project's path instead. */
		out = str_replace_all(raw, abs, r->ports.v[i]);
		free(raw);
		free(abs);

		r->checkpatch = xasprintf("%s$ checkpatch.pl --no-tree --ignore GIT_COMMIT_ID,UNKNOWN_COMMIT_ID %s\n%s",
					  prev ? prev : "", r->ports.v[i], out);
		free(prev);
		free(out);
		/*
		 * Warnings are shown but do not fail the report: the port
		 * carries upstream's changelog verbatim, long lines included.
		 */
		if (rc == 1 && !strstr(r->checkpatch, "ERROR:"))
			rc = 0;
		if (rc > r->checkpatch_rc || rc < 0)
			r->checkpatch_rc = rc;
	}
	return 0;
}

void report_row_free(struct report_row *r)
{
	report_compat_free(r);
	evidence_free(&r->ev);
	free(r->apply);
	free(r->build);
	free(r->boot);
	sv_clear(&r->logs);
	sv_clear(&r->log_labels);
	free(r->range_diff);
	free(r->checkpatch);
	sv_clear(&r->ports);
}

static const char *cell(const char *s, const struct report_row *r)
{
	if (s)
		return s;
	return r->ev.present ? "-" : "not verified yet";
}

static char *base_cell(const struct report_row *r)
{
	if (r->ev.tree_version)
		return xstrdup(r->ev.tree_version);
	if (r->b->base_max)
		return xasprintf("(<= %s)", r->b->base_max);
	return xstrdup("-");
}

/* Markdown table cells: no '|' or newlines. */
static char *md_cell(const char *s)
{
	char *c = xstrdup(s), *p;

	for (p = c; *p; p++)
		if (*p == '|' || *p == '\n')
			*p = *p == '|' ? '/' : ' ';
	return c;
}

static void add_fence(struct strbuf *sb, const char *text)
{
	size_t n = strlen(text);

	sb_adds(sb, "```\n");
	sb_adds(sb, text);
	if (n && text[n - 1] != '\n')
		sb_addc(sb, '\n');
	sb_adds(sb, "```\n\n");
}

void report_render_md(const struct table *t, struct report_row *rows,
		      const char *checkpatch, const char *links,
		      struct strbuf *sb)
{
	size_t i, j;

	sb_addf(sb, "# Stable ports of %.12s (\"%s\")\n\n", t->up.commit,
		t->up.subject);
	sb_addf(sb, "Upstream %s by %s, Fixes: %s (\"%s\", v%s).\n",
		t->up.commit, t->up.author, t->up.fixes, t->up.fixes_subject,
		t->up.fixes_release);
	sb_adds(sb, "Generated by `backport report` from `configs/branches.json` and `results/*.json`; do not edit.\n\n");
	sb_adds(sb, "## Branch matrix\n\n");
	sb_adds(sb, "| branch | decision | base tested | apply | build | boot | test verdict | times |\n");
	sb_adds(sb, "|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < t->n; i++) {
		struct report_row *r = &rows[i];
		char *base = base_cell(r);
		char *v = md_cell(r->ev.ab ? r->ev.ab :
				  cell(r->ev.verdict, r));
		char *vv = r->ev.ab && r->ev.verdict ?
			xasprintf("%s (%s)", r->ev.verdict, v) : xstrdup(v);
		char *tm = md_cell(r->ev.timings ? r->ev.timings : "-");

		sb_addf(sb, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r->b->name, branch_decision(r->b), base,
			cell(r->apply, r), cell(r->build, r), cell(r->boot, r),
			vv, tm);
		free(base);
		free(v);
		free(vv);
		free(tm);
	}
	sb_adds(sb, "\nWhy each decision:\n\n");
	for (i = 0; i < t->n; i++)
		sb_addf(sb, "- **%s** %s: %s%s%s\n", t->b[i].name,
			branch_decision(&t->b[i]),
			t->b[i].optional ? t->b[i].optional : "",
			t->b[i].optional ? ". " : "", t->b[i].reason);
	sb_addc(sb, '\n');

	for (i = 0; i < t->n; i++) {
		struct report_row *r = &rows[i];
		char *ev;

		if (r->b->decision != DECISION_PORT && !r->ev.present)
			continue;
		sb_addf(sb, "## %s\n\n", r->b->name);
		ev = evidence_text(&r->ev, "");
		add_fence(sb, ev);
		free(ev);
		report_compat_md(r, sb);
		report_runs_md(r, sb);
		if (r->logs.n) {
			sb_adds(sb, "Console excerpts (around the signature):\n\n");
			for (j = 0; j < r->logs.n; j++)
				sb_addf(sb, "- [%s](%s%s%s)\n",
					r->log_labels.v[j],
					strcmp(links, ".") ? links : "",
					strcmp(links, ".") ? "/" : "",
					r->logs.v[j]);
			sb_addc(sb, '\n');
		}
		if (r->range_diff) {
			sb_addf(sb, "Range-diff against upstream (`backport diff --branch %s`, exit %d):\n\n",
				r->b->name, r->range_rc);
			add_fence(sb, r->range_diff);
		}
		if (r->b->decision != DECISION_PORT)
			continue;
		if (r->checkpatch) {
			sb_adds(sb, "checkpatch:\n\n");
			add_fence(sb, r->checkpatch);
		} else {
			sb_adds(sb, "checkpatch not available (give --checkpatch PATH, --tree DIR or $BACKPORT_CHECKPATCH).\n\n");
		}
	}
	if (checkpatch) {
		char *name = report_checkpatch_name(checkpatch);

		sb_addf(sb, "checkpatch.pl: %s\n", name);
		free(name);
	}
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

void report_render_json(const struct table *t, struct report_row *rows,
			const char *checkpatch, struct strbuf *sb)
{
	json_t *o = json_object(), *arr = json_array(), *up = json_object();
	char *text, *name = NULL;
	size_t i, j;

	json_object_set_new(up, "commit", json_string(t->up.commit));
	json_object_set_new(up, "subject", json_string(t->up.subject));
	json_object_set_new(o, "upstream", up);
	if (checkpatch)
		name = report_checkpatch_name(checkpatch);
	json_object_set_new(o, "checkpatch", str_or_null(name));
	free(name);
	for (i = 0; i < t->n; i++) {
		struct report_row *r = &rows[i];
		json_t *b = json_object(), *logs = json_array();
		char *base = base_cell(r);

		json_object_set_new(b, "branch", json_string(r->b->name));
		json_object_set_new(b, "decision",
				    json_string(decision_name(r->b->decision)));
		json_object_set_new(b, "reason", json_string(r->b->reason));
		json_object_set_new(b, "optional",
				    json_str_or_null(r->b->optional));
		json_object_set_new(b, "verified", json_boolean(r->ev.present));
		json_object_set_new(b, "base_tested", json_string(base));
		json_object_set_new(b, "apply", str_or_null(r->apply));
		json_object_set_new(b, "build", str_or_null(r->build));
		json_object_set_new(b, "compat", report_compat_json(r));
		json_object_set_new(b, "boot", str_or_null(r->boot));
		json_object_set_new(b, "verdict", str_or_null(r->ev.verdict));
		json_object_set_new(b, "ab", str_or_null(r->ev.ab));
		json_object_set_new(b, "toolchain",
				    str_or_null(r->ev.toolchain));
		json_object_set_new(b, "timings", str_or_null(r->ev.timings));
		json_object_set_new(b, "results", r->ev.present ?
				    json_string(r->ev.path) : json_null());
		for (j = 0; j < r->logs.n; j++)
			json_array_append_new(logs, json_sprintf("results/%s",
								 r->logs.v[j]));
		json_object_set_new(b, "console_excerpts", logs);
		json_object_set_new(b, "range_diff", str_or_null(r->range_diff));
		json_object_set_new(b, "checkpatch", str_or_null(r->checkpatch));
		json_array_append_new(arr, b);
		free(base);
	}
	json_object_set_new(o, "branches", arr);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	sb_adds(sb, text);
	sb_addc(sb, '\n');
	free(text);
	json_decref(o);
}

void report_render_kcidb(const struct table *t, struct report_row *rows,
			 struct strbuf *sb)
{
	const struct results **res = xcalloc(t->n + 1, sizeof(*res));
	char *node = kcidb_path_node(t->up.function);
	char *path = xasprintf("thp.%s", node);
	struct kcidb_opts o = {
		.origin = KCIDB_ORIGIN, .arch = KCIDB_ARCH, .test_path = path,
	};
	size_t i, n = 0;
	json_t *doc;
	char *text;

	for (i = 0; i < t->n; i++)
		if (rows[i].ev.present)
			res[n++] = &rows[i].ev.res;
	doc = kcidb_document(res, n, &o);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	sb_adds(sb, text);
	sb_addc(sb, '\n');
	free(text);
	json_decref(doc);
	free(res);
	free(path);
	free(node);
}
