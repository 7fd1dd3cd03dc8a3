// SPDX-License-Identifier: GPL-2.0
/*
 * backport report: one page for a stable maintainer, generated from the
 * branch table, results/<branch>.json, "backport diff" and checkpatch.pl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "evidence.h"
#include "json.h"
#include "run.h"
#include "table.h"
#include "util.h"

const char cmd_report_summary[] =
	"one-page Markdown/JSON report: matrix, range-diffs, checkpatch, logs";

static const char *const report_usage[] = {
	"usage: backport report [--format md|json] [-o FILE]",
	"                       [--checkpatch PATH | --tree DIR]",
	"",
	"Generates, from configs/branches.json and results/<branch>.json (never\n"
	"by hand), a report a stable maintainer reads in a minute:\n"
	"  - the branch matrix: decision, base tested, apply, build, boot, test\n"
	"    verdict, times (\"not verified yet\" without results)\n"
	"  - per port: the range-diff against upstream (\"backport diff\")\n"
	"  - per port: checkpatch.pl --no-tree --ignore\n"
	"    GIT_COMMIT_ID,UNKNOWN_COMMIT_ID output\n"
	"  - links to the console logs named in results/",
	NULL,
};

struct row {
	const struct branch *b;
	struct evidence ev;
	char *apply, *build, *boot;
	struct strvec logs;
	char *range_diff;	/* NULL: not a port */
	int range_rc;
	char *checkpatch;	/* NULL: not run */
	int checkpatch_rc;
	struct strvec ports;
};

/* String values under keys naming a console log, anywhere in @j. */
static void find_logs(json_t *j, const char *key, struct strvec *out)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v)
			find_logs(v, k, out);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			find_logs(v, key, out);
	} else if (json_is_string(j) && key &&
		   (strstr(key, "console") || strstr(key, "log"))) {
		const char *s = json_string_value(j);

		for (i = 0; i < out->n; i++)
			if (!strcmp(out->v[i], s))
				return;
		if (*s && !strchr(s, '\n'))
			sv_push(out, s);
	}
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

static bool have_command(const char *name)
{
	static const struct {
		const char *name;
	} cmds[] = {
#define CMD(n) { #n },
#include "commands.def"
#undef CMD
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(cmds[i].name, name))
			return true;
	return false;
}

/*
 * One variant of results/<branch>.json as "backport verify" writes it:
 * "ab": {"a": V, "b": V} for port rows, "run": V otherwise, where V has
 * "variant", "verdict", "runs": [...] and "build": {"ok", "seconds"}.
 */
static void variant_cells(json_t *v, struct strbuf *build, struct strbuf *boot)
{
	json_t *bd = json_object_get(v, "build"), *runs = json_object_get(v, "runs");
	const char *name = json_string_value(json_object_get(v, "variant"));
	json_t *sec = json_object_get(bd, "seconds");

	if (!json_is_object(v))
		return;
	sb_addf(build, "%s%s %s", build->len ? ", " : "", name ? name : "?",
		json_is_true(json_object_get(bd, "ok")) ? "ok" : "failed");
	if (json_is_number(sec))
		sb_addf(build, " %.0fs", json_number_value(sec));
	sb_addf(boot, "%s%s %zu boot%s", boot->len ? ", " : "",
		name ? name : "?", json_array_size(runs),
		json_array_size(runs) == 1 ? "" : "s");
}

/* The apply, build and boot cells of the matrix, from verify's results. */
static void stage_cells(struct row *r)
{
	json_t *ab = json_object_get(r->ev.doc, "ab");
	struct strbuf build = STRBUF_INIT, boot = STRBUF_INIT;

	if (!r->ev.doc)
		return;
	if (json_is_object(ab)) {
		json_t *b = json_object_get(ab, "b");

		variant_cells(json_object_get(ab, "a"), &build, &boot);
		variant_cells(b, &build, &boot);
		/* The patched variant is the series pushed with quilt. */
		r->apply = xstrdup(json_is_true(json_object_get(
				json_object_get(b, "build"), "ok")) ?
				   "quilt push ok" : "failed");
	} else {
		variant_cells(json_object_get(r->ev.doc, "run"), &build, &boot);
		r->apply = xstrdup("n/a (tree as is)");
	}
	r->build = build.len ? sb_detach(&build) : NULL;
	r->boot = boot.len ? sb_detach(&boot) : NULL;
	sb_release(&build);
	sb_release(&boot);
}

static void fill_row(const struct table *t, struct row *r,
		     const char *checkpatch)
{
	char msg[512];
	size_t i;
	int rc;

	evidence_load(t->root, r->b->name, &r->ev);
	stage_cells(r);
	if (r->ev.doc)
		find_logs(r->ev.doc, NULL, &r->logs);
	if (r->b->decision != DECISION_PORT)
		return;

	if (have_command("diff")) {
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
	if (port_series(t->root, r->b->name, &r->ports, msg, sizeof(msg))) {
		r->checkpatch = xasprintf("%s\n", msg);
		r->checkpatch_rc = 2;
		return;
	}
	if (!checkpatch)
		return;
	for (i = 0; i < r->ports.n; i++) {
		struct strvec av = STRVEC_INIT;
		char *out, *prev = r->checkpatch;

		char *abs = table_path(t, r->ports.v[i]);

		/*
		 * Run outside this git repository: checkpatch.pl consults git
		 * in its working directory, and inside ours (which has no
		 * mm/migrate.c) it misreads the hunk's blank context lines as
		 * added lines with trailing whitespace.
		 */
		sv_pushl(&av, checkpatch, "--no-tree", "--ignore",
			 "GIT_COMMIT_ID,UNKNOWN_COMMIT_ID", abs, NULL);
		out = run_tool((const char *const *)av.v, "/", &rc);
		sv_clear(&av);
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
}

static void row_free(struct row *r)
{
	evidence_free(&r->ev);
	free(r->apply);
	free(r->build);
	free(r->boot);
	sv_clear(&r->logs);
	free(r->range_diff);
	free(r->checkpatch);
	sv_clear(&r->ports);
}

static const char *cell(const char *s, const struct row *r)
{
	if (s)
		return s;
	return r->ev.present ? "-" : "not verified yet";
}

static char *base_cell(const struct row *r)
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

static void render_md(const struct table *t, struct row *rows,
		      const char *checkpatch, struct strbuf *sb)
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
		struct row *r = &rows[i];
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
		struct row *r = &rows[i];
		char *ev;

		if (r->b->decision != DECISION_PORT && !r->ev.present)
			continue;
		sb_addf(sb, "## %s\n\n", r->b->name);
		ev = evidence_text(&r->ev, "");
		add_fence(sb, ev);
		free(ev);
		if (r->logs.n) {
			sb_adds(sb, "Console logs:\n\n");
			for (j = 0; j < r->logs.n; j++)
				sb_addf(sb, "- [%s](%s)\n", r->logs.v[j],
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
	if (checkpatch)
		sb_addf(sb, "checkpatch.pl: `%s`\n", checkpatch);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void render_json(const struct table *t, struct row *rows,
			const char *checkpatch, struct strbuf *sb)
{
	json_t *o = json_object(), *arr = json_array(), *up = json_object();
	char *text;
	size_t i, j;

	json_object_set_new(up, "commit", json_string(t->up.commit));
	json_object_set_new(up, "subject", json_string(t->up.subject));
	json_object_set_new(o, "upstream", up);
	json_object_set_new(o, "checkpatch", str_or_null(checkpatch));
	for (i = 0; i < t->n; i++) {
		struct row *r = &rows[i];
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
		json_object_set_new(b, "boot", str_or_null(r->boot));
		json_object_set_new(b, "verdict", str_or_null(r->ev.verdict));
		json_object_set_new(b, "ab", str_or_null(r->ev.ab));
		json_object_set_new(b, "toolchain",
				    str_or_null(r->ev.toolchain));
		json_object_set_new(b, "timings", str_or_null(r->ev.timings));
		json_object_set_new(b, "results", r->ev.present ?
				    json_string(r->ev.path) : json_null());
		for (j = 0; j < r->logs.n; j++)
			json_array_append_new(logs, json_string(r->logs.v[j]));
		json_object_set_new(b, "console_logs", logs);
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

/* Fill, render and write the report; the exit status. */
static int make_report(const struct table *t, const char *checkpatch,
		       const char *format, const char *output)
{
	struct strbuf out = STRBUF_INIT;
	struct row *rows = xcalloc(t->n, sizeof(*rows));
	int status = EXIT_PASS;
	size_t i;

	for (i = 0; i < t->n; i++) {
		rows[i].b = &t->b[i];
		fill_row(t, &rows[i], checkpatch);
		if (rows[i].ev.error)
			warn_msg("%s", rows[i].ev.error);
		if (rows[i].b->decision == DECISION_PORT &&
		    ((rows[i].ev.verdict &&
		      !strcasecmp(rows[i].ev.verdict, "FAIL")) ||
		     rows[i].checkpatch_rc > 0))
			status = EXIT_FINDING;
	}
	if (!strcmp(format, "md"))
		render_md(t, rows, checkpatch, &out);
	else
		render_json(t, rows, checkpatch, &out);
	if (output) {
		if (write_file_atomic(output, out.buf, out.len)) {
			err_msg("%s: cannot write: %m", output);
			status = EXIT_ERROR;
		}
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
	for (i = 0; i < t->n; i++)
		row_free(&rows[i]);
	free(rows);
	sb_release(&out);
	return status;
}

/* --checkpatch PATH: absolute when it can be made so. */
static int checkpatch_cb(const struct bp_option *opt, const char *arg,
			 struct strbuf *err)
{
	char **cp = opt->value;

	free(*cp);
	*cp = abs_path(arg);
	if (!*cp)
		*cp = xstrdup(arg);
	return 0;
}

/* --tree DIR: the tree's own scripts/checkpatch.pl */
static int tree_cb(const struct bp_option *opt, const char *arg,
		   struct strbuf *err)
{
	char **cp = opt->value;

	free(*cp);
	*cp = xasprintf("%s/scripts/checkpatch.pl", arg);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	const char *format = "md", *output = NULL, *env;
	char *checkpatch = NULL;
	const struct bp_option options[] = {
		OPT_STRING("format", "F", &format, "md (default) or json"),
		OPT_ALIAS('f', "format"),
		OPT_STRING("output", "FILE", &output,
			   "write FILE atomically instead of stdout"),
		OPT_ALIAS('o', "output"),
		OPT_CALLBACK("checkpatch", "PATH", &checkpatch, checkpatch_cb,
			     "checkpatch.pl to run (default $BACKPORT_CHECKPATCH)"),
		OPT_ALIAS('c', "checkpatch"),
		OPT_CALLBACK("tree", "DIR", &checkpatch, tree_cb,
			     "take DIR/scripts/checkpatch.pl"),
		OPT_ALIAS('t', "tree"),
		OPT_TRAILER("Exit status: 0 written, 1 a port is verified FAIL or checkpatch found\n"
			    "errors, 2 usage error or unreadable input."),
		OPT_END(),
	};
	struct table t;
	int status;

	argc = parse_options(argc, argv, options, report_usage, 0);
	if (argc)
		usage_msg_opt(report_usage, options, "unexpected argument '%s'",
			      argv[0]);
	if (strcmp(format, "md") && strcmp(format, "json"))
		usage_msg_opt(report_usage, options,
			      "--format is md or json, not '%s'", format);
	env = getenv("BACKPORT_CHECKPATCH");
	if (!checkpatch && env && *env)
		checkpatch = xstrdup(env);
	if (checkpatch && !have_program(checkpatch)) {
		err_msg("%s: not an executable checkpatch.pl", checkpatch);
		free(checkpatch);
		return EXIT_ERROR;
	}
	if (table_load_default(&t)) {
		free(checkpatch);
		return EXIT_ERROR;
	}
	status = make_report(&t, checkpatch, format, output);
	free(checkpatch);
	table_free(&t);
	return status;
}
