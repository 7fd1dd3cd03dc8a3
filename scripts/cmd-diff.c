// SPDX-License-Identifier: GPL-2.0
/*
 * backport diff: compare a branch's port with the upstream commit, the way
 * "git range-diff" compares two versions of a patch.  Both mails go
 * through the real "git mailinfo" (author, subject, date, message, diff),
 * are normalised to "header / message / diff" text (the diffstat and a
 * mail signature are dropped) and compared with the real
 * "git diff --no-index".  The only differences a stable port may have are
 * the "commit <sha> upstream." line (with its blank line), the
 * backporter's Signed-off-by and the start numbers of hunk headers
 * refreshed against the branch: where the row's "hunks" record puts them
 * (or, in a hand-kept optional series, line numbers only); anything else
 * is named and fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "hunkpos.h"
#include "json.h"
#include "mailinfo.h"
#include "options-common.h"
#include "run.h"
#include "series.h"
#include "table.h"
#include "util.h"

const char cmd_diff_summary[] =
	"compare a branch's port with upstream (range-diff style)";

static const char *const diff_usage[] = {
	"usage: backport diff --branch B [--json]",
	"",
	"Normalises the upstream mbox and ports/B/<patch> with \"git mailinfo\"\n"
	"(author, subject, date, message, diff without diffstat) and shows\n"
	"\"git diff --no-index\" of the two.  Intended differences: the\n"
	"\"commit <sha> upstream.\" line, the backporter's Signed-off-by, and\n"
	"hunk headers whose start numbers (only) were refreshed against the\n"
	"branch where the row's \"hunks\" record puts them (each one named).",
	NULL,
};

enum region { R_HEADER, R_MESSAGE, R_DIFF };

static const char *const region_names[] = { "header", "message", "diff" };

struct side {
	unsigned int hdr_end;	/* the blank line after the header lines */
	unsigned int sep_line;	/* line of "---" in the normalised text */
};

struct change {
	char sign;		/* '+' port only, '-' upstream only */
	unsigned int line;	/* in the normalised text of that side */
	enum region region;
	char *text;
};

struct result {
	struct change *c;
	size_t n;
	bool saw_upstream_line, saw_sob;
	struct hunk_move *m;	/* headers moved, start numbers only */
	size_t nm;
	struct strbuf diff;
};

/* "git mailinfo" of @mail into normalised text; NULL on error (printed). */
static char *normalise(const char *mail, struct side *sd)
{
	struct mailinfo mi;
	struct strbuf out = STRBUF_INIT;
	const char *d, *sig, *p;
	size_t n;

	if (git_mailinfo(mail, &mi))
		return NULL;
	/* Author, Email, Subject, Date lines as mailinfo printed them. */
	sd->hdr_end = 1;
	for (p = mi.info; *p; p = strchrnul(p, '\n'), p += !!*p) {
		if (starts_with(p, "Author: ") || starts_with(p, "Email: ") ||
		    starts_with(p, "Subject: ") || starts_with(p, "Date: ")) {
			const char *e = strchrnul(p, '\n');

			sb_add(&out, p, (size_t)(e - p));
			sb_addc(&out, '\n');
			sd->hdr_end++;
		}
	}
	sb_addc(&out, '\n');
	n = strlen(mi.msg);
	while (n && mi.msg[n - 1] == '\n')
		n--;
	sb_add(&out, mi.msg, n);
	sb_adds(&out, "\n---\n");
	sd->sep_line = 0;
	for (p = out.buf; p; p = strchr(p + 1, '\n'))
		sd->sep_line++;
	sd->sep_line--;
	/* The diff without the diffstat before it and the signature after. */
	d = mi.patch;
	if (!starts_with(d, "diff --git ")) {
		const char *g = strstr(d, "\ndiff --git ");

		d = g ? g + 1 : d + strlen(d);
	}
	if (!*d) {
		err_msg("%s: no \"diff --git\" in the mail", mail);
		goto fail;
	}
	sig = strstr(d, "\n--\040\n");
	sb_add(&out, d, sig ? (size_t)(sig - d) + 1 : strlen(d));
	if (out.buf[out.len - 1] != '\n')
		sb_addc(&out, '\n');
	mailinfo_free(&mi);
	return sb_detach(&out);
fail:
	mailinfo_free(&mi);
	sb_release(&out);
	return NULL;
}

static enum region region_of(const struct side *sd, unsigned int line)
{
	if (line > sd->sep_line)
		return R_DIFF;
	return line < sd->hdr_end ? R_HEADER : R_MESSAGE;
}

static bool is_upstream_line(const char *s, const char *sha)
{
	char *a = xasprintf("commit %s upstream.", sha);
	char *b = xasprintf("[ Upstream commit %s ]", sha);
	bool r = !strcmp(s, a) || !strcmp(s, b);

	free(a);
	free(b);
	return r;
}

/*
 * Whether diff line @line (at @no of its side @sd) is a header of an
 * intended move: upstream's header on the '-' side, the port's on '+'.
 */
static bool is_moved_header(const struct result *r, const char *line,
			    const struct side *sd, unsigned long no)
{
	size_t i;

	if (region_of(sd, (unsigned int)no) != R_DIFF ||
	    (line[0] != '+' && line[0] != '-'))
		return false;
	for (i = 0; i < r->nm; i++)
		if (r->m[i].intended &&
		    !strcmp(line + 1, line[0] == '+' ? r->m[i].port :
			    r->m[i].up))
			return true;
	return false;
}

static void classify(const struct table *t, const char *out,
		     const struct side *up, const struct side *port,
		     struct result *r)
{
	unsigned long oldno = 0, newno = 0;
	const char *p, *e;
	char *sob = xasprintf("Signed-off-by: %s", t->backporter);
	bool after_upline = false, in_hunk = false;

	for (p = out; *p; p = *e ? e + 1 : e) {
		char *line;
		struct change *c;
		bool intended = false;

		e = strchrnul(p, '\n');
		line = xstrndup(p, (size_t)(e - p));
		if (starts_with(line, "@@ ")) {
			unsigned long a, b;

			if (sscanf(line, "@@ -%lu%*[0-9,] +%lu", &a, &b) == 2 ||
			    sscanf(line, "@@ -%lu,%*u +%lu", &a, &b) == 2) {
				oldno = a;
				newno = b;
			}
			/* "-0,0" style ranges start before the first line. */
			in_hunk = true;
			free(line);
			continue;
		}
		if (!in_hunk || (line[0] != '+' && line[0] != '-' &&
				 line[0] != ' ')) {
			free(line);
			continue;
		}
		if (line[0] == ' ') {
			oldno++;
			newno++;
			after_upline = false;
			free(line);
			continue;
		}
		if (is_moved_header(r, line, line[0] == '+' ? port : up,
				    line[0] == '+' ? newno : oldno)) {
			intended = true;
		} else if (line[0] == '+') {
			if (is_upstream_line(line + 1, t->up.commit)) {
				intended = true;
				r->saw_upstream_line = true;
				after_upline = true;
			} else if (!line[1] && after_upline) {
				intended = true;
				after_upline = false;
			} else if (!strcmp(line + 1, sob)) {
				intended = true;
				r->saw_sob = true;
			}
		}
		if (!intended) {
			r->c = xrealloc(r->c, (r->n + 1) * sizeof(*r->c));
			c = &r->c[r->n++];
			c->sign = line[0];
			c->line = line[0] == '+' ? (unsigned int)newno :
						   (unsigned int)oldno;
			c->region = line[0] == '+' ? region_of(port, c->line) :
						     region_of(up, c->line);
			c->text = xstrdup(line + 1);
		}
		if (line[0] == '+')
			newno++;
		else
			oldno++;
		free(line);
	}
	free(sob);
}

/* The port's hunk headers that differ in start numbers only, into r->m. */
static int find_moves(const struct table *t, const struct branch *b,
		      const char *port_abs, struct result *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct fix_diff fd;
	struct patch p;

	if (read_file(port_abs, &sb) ||
	    patch_parse(sb_str(&sb), sb.len, &p, &err)) {
		err_msg("%s: cannot read or parse the port", port_abs);
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	/* A diff that does not parse: the text diff names what is wrong. */
	if (!fixdiff_parse(p.diff ? p.diff : "", p.diff_line, &fd, &err)) {
		r->nm = hunkpos_moves(&t->up.diff, &fd, b, &r->m);
		fixdiff_free(&fd);
	}
	patch_free(&p);
	return 0;
}

static int run_diff(const char *dir, const char *a, const char *b,
		    struct strbuf *out)
{
	const char *const argv[] = { "git", "-c", "core.quotepath=off", "diff",
			       "--no-index", "--no-color", "--no-ext-diff",
			       "--no-renames", "-U2", a, b, NULL };
	const char *const env[] = { "GIT_CONFIG_NOSYSTEM=1", "GIT_PAGER=cat",
			      "LC_ALL=C", NULL };
	struct run_opts o = { 0 };
	struct run_result res;
	char why[128];

	o.cwd = dir;
	o.capture = out;
	o.separate_stderr = true;
	o.env = env;
	o.timeout = 60;
	if (run_argv(argv, &o, &res) < 0)
		return -1;
	if (res.exit_code != 0 && res.exit_code != 1) {
		err_msg("git diff --no-index: %s",
			run_describe(&res, why, sizeof(why)));
		return -1;
	}
	return 0;
}

static void report_moves_json(json_t *o, const struct branch *b,
			      const struct result *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->nm; i++) {
		json_t *c = json_object();
		char *text = hunkpos_move_text(b, &r->m[i]);

		json_object_set_new(c, "hunk", json_integer(r->m[i].index));
		json_object_set_new(c, "file", json_string(r->m[i].file));
		json_object_set_new(c, "upstream", json_string(r->m[i].up));
		json_object_set_new(c, "port", json_string(r->m[i].port));
		json_object_set_new(c, "intended",
				    json_boolean(r->m[i].intended));
		json_object_set_new(c, "refreshed_against",
				    json_str_or_null(r->m[i].intended &&
						     b->nhunks ? b->release :
						     NULL));
		json_object_set_new(c, "text", json_string(text));
		free(text);
		json_array_append_new(arr, c);
	}
	json_object_set_new(o, "hunks", arr);
}

static void report_moves(const struct branch *b, const struct result *r)
{
	size_t i;

	for (i = 0; i < r->nm; i++) {
		char *text = hunkpos_move_text(b, &r->m[i]);

		printf("diff: %s%s\n", r->m[i].intended ? "" : "unintended: ",
		       text);
		free(text);
	}
}

static void report(const struct branch *b, const char *rel,
		   const struct result *r, bool json, int status)
{
	const char *branch = b->name;
	size_t i;

	if (json) {
		json_t *o = json_object(), *arr = json_array();

		json_object_set_new(o, "branch", json_string(branch));
		json_object_set_new(o, "port", json_string(rel));
		json_object_set_new(o, "upstream_line",
				    json_boolean(r->saw_upstream_line));
		json_object_set_new(o, "backporter_sob",
				    json_boolean(r->saw_sob));
		for (i = 0; i < r->n; i++) {
			json_t *c = json_object();

			json_object_set_new(c, "side", json_string(
				r->c[i].sign == '+' ? "port" : "upstream"));
			json_object_set_new(c, "line",
					    json_integer(r->c[i].line));
			json_object_set_new(c, "region", json_string(
				region_names[r->c[i].region]));
			json_object_set_new(c, "text",
					    json_string(r->c[i].text));
			json_array_append_new(arr, c);
		}
		json_object_set_new(o, "unintended", arr);
		report_moves_json(o, b, r);
		json_object_set_new(o, "status", json_string(
			status == EXIT_PASS ? "intended-only" : "differs"));
		json_object_set_new(o, "diff", json_string(sb_str(&r->diff)));
		json_print(o);
		json_decref(o);
		return;
	}
	fputs(sb_str(&r->diff), stdout);
	report_moves(b, r);
	for (i = 0; i < r->n; i++)
		printf("diff: unintended: %s %s line %u %s: %s\n",
		       r->c[i].sign == '+' ? "port" : "upstream",
		       region_names[r->c[i].region], r->c[i].line,
		       r->c[i].sign == '+' ? "added" : "dropped in the port",
		       r->c[i].text);
	if (!r->saw_upstream_line)
		printf("diff: missing: the \"commit <sha> upstream.\" line\n");
	if (!r->saw_sob)
		printf("diff: missing: the backporter's Signed-off-by\n");
	if (status == EXIT_PASS && r->nm)
		printf("diff %s: %s differs from upstream only by the upstream line, the backporter's Signed-off-by and the line numbers of %zu hunk%s (refreshed against %s)\n",
		       branch, rel, r->nm, r->nm == 1 ? "" : "s",
		       b->nhunks ? b->release : "the branch by hand");
	else if (status == EXIT_PASS)
		printf("diff %s: %s differs from upstream only by the upstream line and the backporter's Signed-off-by\n",
		       branch, rel);
	else
		printf("diff %s: %s has %zu unintended difference%s\n", branch,
		       rel, r->n + !r->saw_upstream_line + !r->saw_sob,
		       r->n + !r->saw_upstream_line + !r->saw_sob == 1 ?
		       "" : "s");
}

static int diff_branch(const struct table *t, const struct branch *b,
		       bool json)
{
	char *rel = branch_port_rel(b, t->up.patch_name);
	char *port = table_path(t, rel), *mbox = table_path(t, t->up.mbox);
	char *sabs = table_path(t, b->series), *dir = NULL;
	char *ta = NULL, *tb = NULL, *fa = NULL, *fb = NULL;
	const char *tmp = getenv("TMPDIR");
	struct result r = { .diff = STRBUF_INIT };
	struct side su, sp;
	struct parse_error err;
	struct series s;
	int ret = EXIT_ERROR;
	size_t i;

	if (series_load(sabs, &s, &err)) {
		err_msg("%s:%u: %s", b->series, err.line, err.msg);
		goto out;
	}
	if (series_find(&s, t->up.patch_name) < 0) {
		err_msg("%s: does not list %s", b->series, t->up.patch_name);
		series_free(&s);
		goto out;
	}
	series_free(&s);
	if (!path_exists(port)) {
		err_msg("%s: missing (run \"backport port --branch %s\")", rel,
			b->name);
		goto out;
	}
	dir = xasprintf("%s/backport-diff.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		err_msg("mkdtemp %s: %m", dir);
		free(dir);
		dir = NULL;
		goto out;
	}
	ta = normalise(mbox, &su);
	tb = normalise(port, &sp);
	if (!ta || !tb)
		goto out;
	fa = xasprintf("%s/upstream", dir);
	fb = xasprintf("%s/%s", dir, b->name);
	if (write_file_atomic(fa, ta, strlen(ta)) ||
	    write_file_atomic(fb, tb, strlen(tb))) {
		err_msg("%s: cannot write: %m", dir);
		goto out;
	}
	if (run_diff(dir, "upstream", b->name, &r.diff))
		goto out;
	if (find_moves(t, b, port, &r))
		goto out;
	classify(t, sb_str(&r.diff), &su, &sp, &r);
	ret = r.n || !r.saw_upstream_line || !r.saw_sob ? EXIT_FINDING :
							  EXIT_PASS;
	report(b, rel, &r, json, ret);
out:
	if (dir && remove_tree(dir))
		warn_msg("%s: cannot remove: %m", dir);
	for (i = 0; i < r.n; i++)
		free(r.c[i].text);
	free(r.c);
	hunkpos_moves_free(r.m, r.nm);
	sb_release(&r.diff);
	free(ta);
	free(tb);
	free(fa);
	free(fb);
	free(dir);
	free(rel);
	free(port);
	free(mbox);
	free(sabs);
	return ret;
}

int cmd_diff(int argc, char **argv)
{
	const char *name = NULL;
	bool json = false;
	const struct bp_option options[] = {
		OPT_BRANCH(&name, "a port row of configs/branches.json"),
		OPT_JSON(&json),
		OPT_TRAILER("Exit status: 0 only intended differences, 1 other differences (named),\n"
			    "2 usage or environment error (missing port, git not installed)."),
		OPT_END(),
	};
	const struct branch *b;
	struct table t;
	int ret;

	argc = parse_options(argc, argv, options, diff_usage, 0);
	if (argc)
		usage_msg_opt(diff_usage, options,
			      "unexpected argument \"%s\"", argv[0]);
	if (!name)
		usage_msg_opt(diff_usage, options, "--branch is required");
	b = table_load_branch(&t, name, true);
	if (!b)
		return EXIT_ERROR;
	ret = diff_branch(&t, b, json);
	table_free(&t);
	return ret;
}
