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

#include "builtin.h"
#include "hunkpos.h"
#include "options-common.h"
#include "patch.h"
#include "series.h"
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

struct one {
	char *rel;
	char *text;
};

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
			 const char *name, bool *changed)
{
	char *abs = xasprintf("%s/series/%s", t->root, branch);
	struct strbuf cur = STRBUF_INIT;
	struct parse_error err;
	struct series s;
	char *r;

	*changed = true;
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
	if (series_find(&s, name) >= 0)
		*changed = false;
	else {
		if (cur.len && cur.buf[cur.len - 1] != '\n')
			sb_addc(&cur, '\n');
		sb_addf(&cur, "%s\n", name);
	}
	series_free(&s);
	free(abs);
	r = sb_detach(&cur);
	return r;
}

/* The one message of @mbox, parsed into @p; @in and @f hold its text. */
static int load_fix(const char *mbox, struct strbuf *in, struct first_msg *f,
		    struct patch *p)
{
	struct parse_error err;

	if (read_file(mbox, in) || !in->len) {
		err_msg("%s: %s", mbox, in->len ? strerror(errno) : "empty");
		return -1;
	}
	if (mbox_split(in->buf, in->len, take_msg, f, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		return -1;
	}
	if (f->count != 1) {
		err_msg("%s: %u messages; import takes one fix per mbox", mbox,
			f->count);
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

/* Every --branch is a row whose patches are generated. */
static int check_branches(const struct table *t, const struct strvec *want)
{
	size_t i;

	for (i = 0; i < want->n; i++) {
		const struct branch *b = table_branch(t, want->v[i], false);

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

/* Write the files that differ; the exit status. */
static int write_all(const struct table *t, const struct one *out,
		     size_t nout)
{
	int status = EXIT_PASS;
	size_t i;

	for (i = 0; i < nout; i++) {
		char *abs = path_join(t->root, out[i].rel);
		struct strbuf cur = STRBUF_INIT;
		size_t len = strlen(out[i].text);

		if (!read_file(abs, &cur) && cur.len == len &&
		    !memcmp(cur.buf, out[i].text, len)) {
			printf("%s: up to date\n", out[i].rel);
		} else if (write_file_atomic(abs, out[i].text, len)) {
			err_msg("%s: cannot write: %s", abs, strerror(errno));
			status = EXIT_ERROR;
		} else {
			printf("%s: written\n", out[i].rel);
		}
		sb_release(&cur);
		free(abs);
	}
	return status;
}

/* Import the fix in @mbox for each branch of @want (default: every port). */
static int import_fix(const char *mbox, const char *sha, struct strvec *want)
{
	struct strbuf in = STRBUF_INIT;
	struct first_msg f = { NULL, 0, 0, 0 };
	struct one *out = NULL;
	size_t nout = 0, i;
	char *name = NULL, *shabuf = NULL;
	struct patch p;
	struct table t;
	bool parsed = false;
	int status = EXIT_ERROR;

	if (table_load_default(&t))
		return EXIT_ERROR;
	if (load_fix(mbox, &in, &f, &p))
		goto out;
	parsed = true;
	if (!sha)
		sha = shabuf = mbox_sha(&in);
	if (!sha) {
		err_msg("%s:1: no upstream commit id (b4 am output has none): pass --commit SHA",
			mbox);
		goto out;
	}
	if (p.first_line && starts_with(p.first_line, "commit ")) {
		err_msg("%s:%u: already a stable port (\"%s\"); import the upstream mail",
			mbox, p.first_line_no, p.first_line);
		goto out;
	}
	if (check_branches(&t, want))
		goto out;
	if (!want->n)
		table_stable_ports(&t, want);

	name = patch_name(p.subject);
	out = xcalloc(2 * want->n + 1, sizeof(*out));
	out[nout].rel = xasprintf("upstream/%.12s.mbox", sha);
	out[nout++].text = xstrndup(in.buf, in.len);
	for (i = 0; i < want->n; i++) {
		bool changed;
		char *s = series_text(&t, want->v[i], name, &changed);

		if (!s)
			goto out;
		out[nout].text = render(&t, &p, f.buf, sha,
					table_find(&t, want->v[i]));
		if (!out[nout].text) {
			free(s);
			goto out;
		}
		out[nout++].rel = xasprintf("ports/%s/%s", want->v[i], name);
		out[nout].rel = xasprintf("series/%s", want->v[i]);
		out[nout++].text = s;
	}
	status = write_all(&t, out, nout);
out:
	for (i = 0; i < nout; i++) {
		free(out[i].rel);
		free(out[i].text);
	}
	free(out);
	free(name);
	free(shabuf);
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
