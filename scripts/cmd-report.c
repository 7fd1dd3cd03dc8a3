// SPDX-License-Identifier: GPL-2.0
/*
 * backport report: one page for a stable maintainer, generated from the
 * branch table, results/<branch>.json, "backport diff" and checkpatch.pl.
 * The rows are filled and rendered by report.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "parse-options.h"
#include "report.h"
#include "run.h"
#include "table.h"
#include "util.h"
#include "valid.h"

const char cmd_report_summary[] =
	"one-page Markdown/JSON report: matrix, range-diffs, checkpatch, console excerpts";

static const char *const report_usage[] = {
	"usage: backport report [--format md|json|kcidb] [-o FILE]",
	"                       [--checkpatch PATH | --tree DIR]",
	"",
	"Generates, from configs/branches.json and results/<branch>.json (never\n"
	"by hand), a report a stable maintainer reads in a minute:\n"
	"  - the branch matrix: decision, base tested, apply, build, boot, test\n"
	"    verdict, times (\"not verified yet\" without results)\n"
	"  - per port: the range-diff against upstream (\"backport diff\")\n"
	"  - per port: checkpatch.pl --no-tree --ignore\n"
	"    GIT_COMMIT_ID,UNKNOWN_COMMIT_ID output\n"
	"  - links to the console excerpts committed beside the results\n"
	"    (results/logs/<branch>/<variant>-<n>.txt), relative to the report",
	NULL,
};

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

struct report_opts {
	const char *format;
	const char *output;
	char *checkpatch;
};

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

static int tree_cb(const struct bp_option *opt, const char *arg,
		   struct strbuf *err)
{
	char **cp = opt->value;

	free(*cp);
	*cp = xasprintf("%s/scripts/checkpatch.pl", arg);
	return 0;
}

static void parse_opts(int argc, char **argv, struct report_opts *ro)
{
	const struct bp_option options[] = {
		OPT_STRING("format", "F", &ro->format,
			   "md (default), json, or kcidb: the results alone as\n"
			   "one KCIDB I/O v5.3 document (checkouts, builds,\n"
			   "tests; no range-diff or checkpatch run)"),
		OPT_ALIAS('f', "format"),
		OPT_STRING("output", "FILE", &ro->output,
			   "write FILE atomically instead of stdout"),
		OPT_ALIAS('o', "output"),
		OPT_CALLBACK("checkpatch", "PATH", &ro->checkpatch,
			     checkpatch_cb,
			     "checkpatch.pl to run (default $BACKPORT_CHECKPATCH)"),
		OPT_ALIAS('c', "checkpatch"),
		OPT_CALLBACK("tree", "DIR", &ro->checkpatch, tree_cb,
			     "take DIR/scripts/checkpatch.pl"),
		OPT_ALIAS('t', "tree"),
		OPT_TRAILER("Exit status: 0 written, 1 a port is verified FAIL or checkpatch found\n"
			    "errors, 2 usage error or unreadable input (a results file that is\n"
			    "there but not a valid results document included)."),
		OPT_END(),
	};
	const char *env;

	ro->format = "md";
	parse_options(argc, argv, options, report_usage, PARSE_OPT_NO_ARGS);
	if (strcmp(ro->format, "md") && strcmp(ro->format, "json") &&
	    strcmp(ro->format, "kcidb"))
		usage_msg_opt(report_usage, options,
			      "--format is md, json or kcidb, not '%s'",
			      ro->format);
	env = getenv("BACKPORT_CHECKPATCH");
	if (!ro->checkpatch && env && *env)
		ro->checkpatch = xstrdup(env);
}

static int fill_rows(const struct table *t, struct report_row *rows,
		     const struct report_opts *ro)
{
	bool tools = strcmp(ro->format, "kcidb");
	int status = EXIT_PASS;
	char msg[1024];
	size_t i;

	for (i = 0; i < t->n; i++) {
		rows[i].b = &t->b[i];
		if (report_fill_row(t, &rows[i], ro->checkpatch, tools,
				    have_command("diff"), msg, sizeof(msg))) {
			err_msg("%s", msg);
			return EXIT_ERROR;
		}
		if (rows[i].b->decision == DECISION_PORT &&
		    ((rows[i].ev.verdict &&
		      !strcasecmp(rows[i].ev.verdict, "FAIL")) ||
		     rows[i].checkpatch_rc > 0))
			status = EXIT_FINDING;
	}
	return status;
}

int cmd_report(int argc, char **argv)
{
	struct report_opts ro = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct report_row *rows;
	struct table t;
	size_t i;
	int status;

	parse_opts(argc, argv, &ro);
	if (ro.output && output_file_check("--output", ro.output)) {
		free(ro.checkpatch);
		return EXIT_ERROR;
	}
	if (ro.checkpatch && !have_program(ro.checkpatch)) {
		err_msg("%s: not an executable checkpatch.pl", ro.checkpatch);
		free(ro.checkpatch);
		return EXIT_ERROR;
	}
	if (table_load_default(&t)) {
		free(ro.checkpatch);
		return EXIT_ERROR;
	}
	rows = xcalloc(t.n, sizeof(*rows));
	status = fill_rows(&t, rows, &ro);
	if (status == EXIT_ERROR)
		goto out;
	if (!strcmp(ro.format, "md")) {
		char *links = report_results_link(t.root, ro.output);

		report_render_md(&t, rows, ro.checkpatch, links, &out);
		free(links);
	} else if (!strcmp(ro.format, "json")) {
		report_render_json(&t, rows, ro.checkpatch, &out);
	} else {
		report_render_kcidb(&t, rows, &out);
	}
	if (ro.output) {
		if (write_file_atomic(ro.output, out.buf, out.len)) {
			err_msg("%s: cannot write: %m", ro.output);
			status = EXIT_ERROR;
		}
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
out:
	for (i = 0; i < t.n; i++)
		report_row_free(&rows[i]);
	free(rows);
	sb_release(&out);
	free(ro.checkpatch);
	table_free(&t);
	return status;
}
