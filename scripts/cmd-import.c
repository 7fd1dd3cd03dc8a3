// SPDX-License-Identifier: GPL-2.0
/*
 * backport import: take "b4 am" output for an upstream fix and write the
 * per-branch ports and series entries, in the format "backport port"
 * generates (headers naming the backporter, in-body From: of the author,
 * "commit <sha> upstream.", the changelog verbatim, the backporter's
 * Signed-off-by last, then the upstream "---" part verbatim).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "patch.h"
#include "series.h"
#include "table.h"
#include "util.h"

const char cmd_import_summary[] =
	"write ports/<branch>/ + series entries from b4 am output of a fix";

static const char usage[] =
	"usage: backport import MBOX [--branch B]... [--commit SHA]\n"
	"\n"
	"Reads one upstream fix as \"b4 am\" (or git format-patch) writes it and\n"
	"writes, for every port row (or each --branch B), ports/B/NAME.patch\n"
	"in the format of \"backport port\", appends NAME to series/B, and keeps\n"
	"the input as upstream/<sha12>.mbox.  NAME follows git format-patch\n"
	"(from the subject).  Everything is computed before anything is\n"
	"written; importing the same fix again changes nothing.\n"
	"\n"
	"  --branch B   a row of configs/branches.json (repeatable)\n"
	"  --commit SHA the upstream commit (40 hex); default: the mbox's\n"
	"               \"From <sha>\" line (b4 am output has none: give it)\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 written or already there, 2 usage error or bad mbox\n"
	"(FILE:LINE: reason), nothing written.\n";

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

static char *render(const struct table *t, const struct patch *p,
		    const char *src, const char *sha)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dashes = strstr(src, "\n---\n");
	char *msg = xstrdup(p->message), *sob;
	size_t n = strlen(msg);

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
	if (dashes)
		sb_adds(&sb, dashes + 1);
	else
		sb_addf(&sb, "---\n%s", p->diff);
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

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "branch", required_argument, NULL, 'b' },
		{ "commit", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strvec want = STRVEC_INIT;
	struct strbuf in = STRBUF_INIT;
	struct first_msg f = { NULL, 0, 0, 0 };
	struct parse_error err;
	struct one *out = NULL;
	size_t nout = 0, i;
	const char *mbox, *sha = NULL;
	char *name = NULL, *shabuf = NULL;
	struct patch p;
	struct table t;
	bool parsed = false;
	int c, status = EXIT_ERROR;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "b:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			sv_push(&want, optarg);
			break;
		case 'c':
			sha = optarg;
			break;
		default:
			usage_error(usage, "bad option");
		}
	}
	if (optind + 1 != argc)
		usage_error(usage, "give exactly one MBOX");
	mbox = argv[optind];
	if (sha && (strlen(sha) != 40 || !is_hex(sha, 40)))
		usage_error(usage, "--commit wants a full 40-hex sha, not '%s'",
			    sha);
	if (table_load_default(&t))
		return EXIT_ERROR;
	if (read_file(mbox, &in) || !in.len) {
		err_msg("%s: %s", mbox, in.len ? strerror(errno) : "empty");
		goto out;
	}
	if (mbox_split(in.buf, in.len, take_msg, &f, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		goto out;
	}
	if (f.count != 1) {
		err_msg("%s: %u messages; import takes one fix per mbox", mbox,
			f.count);
		goto out;
	}
	if (patch_parse_at(f.buf, f.len, f.line, &p, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		goto out;
	}
	parsed = true;
	if (!sha && starts_with(in.buf, "From ") && is_hex(in.buf + 5, 40) &&
	    in.buf[45] == ' ')
		sha = shabuf = xstrndup(in.buf + 5, 40);
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
	for (i = 0; i < want.n; i++) {
		const struct branch *b = table_branch(&t, want.v[i], false);

		if (!b)
			goto out;
		if (b->optional) {
			err_msg("%s is an optional series (%s): its patches are kept by hand",
				b->name, b->optional);
			goto out;
		}
	}
	if (!want.n)
		table_stable_ports(&t, &want);

	name = patch_name(p.subject);
	out = xcalloc(2 * want.n + 1, sizeof(*out));
	out[nout].rel = xasprintf("upstream/%.12s.mbox", sha);
	out[nout++].text = xstrndup(in.buf, in.len);
	for (i = 0; i < want.n; i++) {
		bool changed;
		char *s = series_text(&t, want.v[i], name, &changed);

		if (!s)
			goto out;
		out[nout].rel = xasprintf("ports/%s/%s", want.v[i], name);
		out[nout++].text = render(&t, &p, f.buf, sha);
		out[nout].rel = xasprintf("series/%s", want.v[i]);
		out[nout++].text = s;
	}
	status = EXIT_PASS;
	for (i = 0; i < nout; i++) {
		char *abs = path_join(t.root, out[i].rel);
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
	sv_clear(&want);
	table_free(&t);
	return status;
}
