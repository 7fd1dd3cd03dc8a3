// SPDX-License-Identifier: GPL-2.0
/*
 * backport import: take "b4 am" output for an upstream fix and write the
 * per-branch ports and series entries, in the format "backport port"
 * generates (headers naming the backporter, in-body From: of the author,
 * "commit <sha> upstream.", the changelog verbatim, the backporter's
 * Signed-off-by last, then the upstream "---" part verbatim; for the fix
 * the ports carry, the hunk headers moved to the row's "hunks" record as
 * "backport port" moves them).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "hunkpos.h"
#include "mailinfo.h"
#include "options-common.h"
#include "patch.h"
#include "series.h"
#include "stage.h"
#include "table.h"
#include "util.h"

const char cmd_import_summary[] =
	"write ports/<branch>/ + series entries from b4 am output of a fix";

static const char *const import_usage[] = {
	"usage: backport import MBOX [--branch B]... [--commit SHA]",
	"",
	"Reads one upstream fix as \"b4 am\" (or git format-patch) writes it and\n"
	"writes, for every port row (or each --branch B), ports/B/NAME.patch\n"
	"in the format of \"backport port\", appends NAME to series/B, and keeps\n"
	"the input as upstream/<sha12>.mbox.  NAME follows git format-patch\n"
	"(from the subject).  Everything is computed before anything is\n"
	"written; importing the same fix again changes nothing.",
	NULL,
};

/* git format-patch's file name for a subject. */
static char *patch_name(const char *subject)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	bool dash = false;

	for (s = subject; *s && sb.len < 52; s++) {
		if (isalnum((unsigned char)*s) || *s == '_' || *s == '.') {
			if (dash && sb.len)
				sb_addc(&sb, '-');
			dash = false;
			sb_addc(&sb, *s);
		} else {
			dash = true;
		}
	}
	while (sb.len && (sb.buf[sb.len - 1] == '.' || sb.buf[sb.len - 1] == '-'))
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		sb_adds(&sb, "patch");
	sb_adds(&sb, ".patch");
	return sb_detach(&sb);
}

struct first_msg {
	const char *buf;
	size_t len;
	unsigned int line;
	unsigned int count;
};

static int take_msg(const char *msg, size_t len, unsigned int line, void *arg)
{
	struct first_msg *f = arg;

	if (!f->count++) {
		f->buf = msg;
		f->len = len;
		f->line = line;
	}
	return 0;
}

/*
 * The port of @p (the mail @src of commit @sha) for row @b, or NULL
 * (printed) when @sha is the table's fix and its hunks are not the fix's.
 */
static char *render(const struct table *t, const struct patch *p,
		    const char *src, const char *sha, const struct branch *b)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dashes = strstr(src, "\n---\n");
	char *msg, *sob, *rest, why[256];
	size_t n;

	rest = dashes ? xstrdup(dashes + 1) : xasprintf("---\n%s", p->diff);
	if (b && !strcmp(sha, t->up.commit)) {
		char *moved = hunkpos_apply(rest, &t->up.diff, b, why,
					    sizeof(why));

		free(rest);
		if (!moved) {
			err_msg("%s: the hunks of %.12s: %s", b->name, sha, why);
			return NULL;
		}
		rest = moved;
	}
	msg = xstrdup(p->message);
	n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	sb_addf(&sb, "From: %s\n", t->backporter);
	sb_addf(&sb, "Date: %s\n", p->date ? p->date : "");
	sb_addf(&sb, "Subject: %s\n\n", p->subject);
	sb_addf(&sb, "From: %s\n\n", p->author);
	sb_addf(&sb, "commit %s upstream.\n\n", sha);
	sb_addf(&sb, "%s\n", msg);
	sob = xasprintf("Signed-off-by: %s", t->backporter);
	if (!ends_with(msg, sob))
		sb_addf(&sb, "%s\n", sob);
	free(sob);
	free(msg);
	sb_adds(&sb, rest);
	free(rest);
	return sb_detach(&sb);
}

static char *series_text(const struct table *t, const char *branch,
			 const char *name)
{
	char *abs = xasprintf("%s/series/%s", t->root, branch);
	struct strbuf cur = STRBUF_INIT;
	struct parse_error err;
	struct series s;
	char *r;

	if (read_file(abs, &cur)) {
		free(abs);
		return xasprintf("# %s: stable ports (quilt series)\n"
				 "# quilt: QUILT_PATCHES=ports/%s QUILT_SERIES=$PWD/series/%s\n"
				 "%s\n", branch, branch, branch, name);
	}
	if (series_parse(cur.buf ? cur.buf : "", cur.len, &s, &err)) {
		err_msg("series/%s:%u: %s", branch, err.line, err.msg);
		sb_release(&cur);
		free(abs);
		return NULL;
	}
	if (series_find(&s, name) < 0) {
		if (cur.len && cur.buf[cur.len - 1] != '\n')
			sb_addc(&cur, '\n');
		sb_addf(&cur, "%s\n", name);
	}
	series_free(&s);
	free(abs);
	r = sb_detach(&cur);
	return r;
}

/* @mbox is a regular file with something in it; else printed, -1. */
static int mbox_file(const char *mbox, struct strbuf *in)
{
	struct stat st;

	if (stat(mbox, &st)) {
		err_msg("%s: %s", mbox, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_msg("%s: %s, not an mbox", mbox,
			S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
		return -1;
	}
	if (read_file(mbox, in)) {
		err_msg("%s: %s", mbox, strerror(errno));
		return -1;
	}
	if (!in->len) {
		err_msg("%s: empty file: no mail in it", mbox);
		return -1;
	}
	return 0;
}

/* The one message of @mbox, parsed into @p; @in and @f hold its text. */
static int load_fix(const char *mbox, struct strbuf *in, struct first_msg *f,
		    struct patch *p)
{
	struct parse_error err;
	unsigned int n = 0;

	if (mbox_file(mbox, in))
		return -1;
	if (mbox_split(in->buf, in->len, take_msg, f, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		return -1;
	}
	if (f->count == 1 && git_mailsplit_count(mbox, &n))
		return -1;
	if (f->count != 1 || n != 1) {
		err_msg("%s: %u messages (as git mailsplit splits it); import takes one fix per mbox",
			mbox, f->count != 1 ? f->count : n);
		return -1;
	}
	if (patch_parse_at(f->buf, f->len, f->line, p, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		return -1;
	}
	return 0;
}

/* The sha of the mbox's "From <sha> ..." line (malloc'd), or NULL. */
static char *mbox_sha(const struct strbuf *in)
{
	if (starts_with(in->buf, "From ") && is_hex(in->buf + 5, 40) &&
	    in->buf[45] == ' ')
		return xstrndup(in->buf + 5, 40);
	return NULL;
}

/* Every --branch is a port row whose patches are generated. */
static int check_branches(const struct table *t, const struct strvec *want)
{
	size_t i;

	for (i = 0; i < want->n; i++) {
		const struct branch *b = table_branch(t, want->v[i], true);

		if (!b)
			return -1;
		if (b->optional) {
			err_msg("%s is an optional series (%s): its patches are kept by hand",
				b->name, b->optional);
			return -1;
		}
	}
	return 0;
}

/* The upstream commit: --commit @opt, else the mbox's own; checked. */
static char *fix_sha(const char *mbox, const struct strbuf *in,
		     const struct patch *p, const char *opt)
{
	char *own = mbox_sha(in);

	if (opt && own && strcmp(opt, own)) {
		err_msg("%s:1: --commit %s is not this mail's commit: its \"From <sha>\" line names %s",
			mbox, opt, own);
		free(own);
		return NULL;
	}
	if (!opt && !own) {
		err_msg("%s:1: no upstream commit id (b4 am output has none): pass --commit SHA",
			mbox);
		return NULL;
	}
	if (p->first_line && starts_with(p->first_line, "commit ")) {
		err_msg("%s:%u: already a stable port (\"%s\"); import the upstream mail",
			mbox, p->first_line_no, p->first_line);
		free(own);
		return NULL;
	}
	if (opt) {
		free(own);
		return xstrdup(opt);
	}
	return own;
}

/*
 * What importing the fix writes: the upstream mbox and, per branch, the
 * port and the series.  A port or an upstream mbox that is there with
 * other contents is never replaced.  0, or -1 (printed).
 */
static int stage_fix(const struct table *t, struct stage *st,
		     const struct strvec *want, const struct patch *p,
		     const struct first_msg *f, const struct strbuf *in,
		     const char *sha)
{
	char *name = patch_name(p->subject), *rel, *port;
	size_t i;
	int ret = 0;

	rel = xasprintf("upstream/%.12s.mbox", sha);
	stage_add(st, rel, xstrndup(in->buf, in->len), true);
	free(rel);
	for (i = 0; i < want->n && !ret; i++) {
		const struct branch *b = table_find(t, want->v[i]);
		char *s = series_text(t, b->name, name);

		if (!s) {
			ret = -1;
			break;
		}
		port = render(t, p, f->buf, sha, b);
		if (!port) {
			free(s);
			ret = -1;
			break;
		}
		rel = branch_port_rel(b, name);
		stage_add(st, rel, port, true);
		free(rel);
		stage_add(st, b->series, s, false);
	}
	free(name);
	return ret;
}

/* Import the fix in @mbox for each branch of @want (default: every port). */
static int import_fix(const char *mbox, const char *opt_sha,
		      struct strvec *want)
{
	struct strbuf in = STRBUF_INIT;
	struct first_msg f = { NULL, 0, 0, 0 };
	struct stage st;
	struct patch p;
	struct table t;
	char *sha = NULL;
	bool parsed = false;
	int status = EXIT_ERROR;

	if (table_load_default(&t))
		return EXIT_ERROR;
	stage_init(&st, t.root);
	if (check_branches(&t, want) || load_fix(mbox, &in, &f, &p))
		goto out;
	parsed = true;
	sha = fix_sha(mbox, &in, &p, opt_sha);
	if (!sha)
		goto out;
	if (!want->n)
		table_stable_ports(&t, want);
	if (!stage_fix(&t, &st, want, &p, &f, &in, sha) && !stage_commit(&st))
		status = EXIT_PASS;
out:
	stage_free(&st);
	free(sha);
	if (parsed)
		patch_free(&p);
	sb_release(&in);
	table_free(&t);
	return status;
}

int cmd_import(int argc, char **argv)
{
	struct strvec want = STRVEC_INIT;
	const char *sha = NULL;
	const struct bp_option options[] = {
		OPT_BRANCH_LIST(&want,
				"a row of configs/branches.json (repeatable)"),
		OPT_ALIAS('b', "branch"),
		OPT_STRING("commit", "SHA", &sha,
			   "the upstream commit (40 hex); default: the mbox's\n"
			   "\"From <sha>\" line (b4 am output has none: give it)"),
		OPT_ALIAS('c', "commit"),
		OPT_TRAILER("Only port rows that upstream stable takes are imported into; a port\n"
			    "or upstream mbox already there with other contents is not replaced.\n"
			    "Everything is staged in the repository and renamed into place: all\n"
			    "of it is written, or nothing."),
		OPT_TRAILER("Exit status: 0 written or already there, 2 usage error or bad mbox\n"
			    "(FILE:LINE: reason), nothing written."),
		OPT_END(),
	};
	int status;

	argc = parse_options(argc, argv, options, import_usage, 0);
	if (argc != 1)
		usage_msg_opt(import_usage, options, "give exactly one MBOX");
	if (sha && (strlen(sha) != 40 || !is_hex(sha, 40)))
		usage_msg_opt(import_usage, options,
			      "--commit wants a full 40-hex sha, not '%s'", sha);
	status = import_fix(argv[0], sha, &want);
	sv_clear(&want);
	return status;
}
