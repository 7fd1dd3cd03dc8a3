// SPDX-License-Identifier: GPL-2.0
/*
 * backport port: generate the stable-queue style port of the upstream fix
 * for every "port" row of the branch table.
 *
 * Layout (the one scripts/series.h describes): ports/<branch>/<patch_name>
 * holds the patch and series/<branch> lists it by bare name, so
 *
 *	QUILT_PATCHES=$root/ports/<branch> QUILT_SERIES=$root/series/<branch> \
 *		quilt --quiltrc=- push -a --fuzz=0
 *
 * run inside a kernel tree applies the port.  The patch comes from the
 * upstream mbox through the real "git mailinfo": mail headers name the
 * backporter, the in-body From: keeps the author, the first body line is
 * "commit <sha> upstream.", then the upstream changelog and trailers
 * verbatim, the backporter's Signed-off-by last, and the upstream diffstat
 * and diff verbatim but for the hunk headers' start numbers: a row's
 * "hunks" in configs/branches.json says where each hunk lands in its
 * release, so that "quilt push --fuzz=0" applies the port there with no
 * offset (--measure finds those positions in a tree).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "hunkpos.h"
#include "mailinfo.h"
#include "measure.h"
#include "options-common.h"
#include "patch.h"
#include "run.h"
#include "table.h"
#include "treesrc.h"
#include "util.h"
#include "valid.h"

const char cmd_port_summary[] =
	"generate ports/<branch>/ and series/<branch> from the upstream mbox";

static const char *const port_usage[] = {
	"usage: backport port [--branch B | --all] [--check]",
	"   or: backport port --measure --branch B [--tree DIR | --version X.Y.Z]",
	"",
	"Generates, from the upstream mbox named in configs/branches.json and\n"
	"with the real \"git mailinfo\", ports/B/<patch> and the quilt series\n"
	"file series/B for every port row (or only branch B).  Use with\n"
	"QUILT_PATCHES=ports/B QUILT_SERIES=$PWD/series/B.  The hunk headers\n"
	"say where the row's \"hunks\" record puts each hunk in its release\n"
	"(counts and lines as upstream's).\n"
	"\n"
	"--measure writes nothing: it finds where the fix's hunks land in a\n"
	"tree of B's release (DIR, default $<tree_var> of the row, or X.Y.Z\n"
	"fetched from kernel.org), as \"quilt push --fuzz=0\" would place\n"
	"them, compares that with the row's record and prints the \"hunks\"\n"
	"value to record when they differ.  It refuses a tree of another\n"
	"release (its Makefile's version) and a fix that does not place there\n"
	"exactly once per hunk.",
	NULL,
};

struct upstream_mail {
	char *author;		/* "Name <mail>" */
	char *subject;
	char *date;
	char *message;		/* changelog and trailers, ends in "\n" */
	char *patch;		/* "---", diffstat, diff */
};

static void upstream_mail_free(struct upstream_mail *u)
{
	free(u->author);
	free(u->subject);
	free(u->date);
	free(u->message);
	free(u->patch);
	memset(u, 0, sizeof(*u));
}

static int count_msg(const char *msg, size_t len, unsigned int line,
		     void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

/* Run "git mailinfo" on @mbox; fill @u.  Returns 0 or -1 (printed). */
static int run_mailinfo(const char *mbox, struct upstream_mail *u)
{
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct mailinfo mi;
	unsigned int nmsg = 0;
	char *name = NULL, *email = NULL;
	int ret = -1;
	size_t n;

	memset(u, 0, sizeof(*u));
	if (read_file(mbox, &sb)) {
		err_msg("%s: %m", mbox);
		return -1;
	}
	if (mbox_split(sb_str(&sb), sb.len, count_msg, &nmsg, &err)) {
		err_msg("%s:%u: %s", mbox, err.line, err.msg);
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	if (nmsg == 1 && git_mailsplit_count(mbox, &nmsg))
		return -1;
	if (nmsg != 1) {
		err_msg("%s: %u messages (as git mailsplit splits it); the upstream mbox must hold exactly one patch",
			mbox, nmsg);
		return -1;
	}
	if (git_mailinfo(mbox, &mi))
		return -1;
	name = mailinfo_field(mi.info, "Author");
	email = mailinfo_field(mi.info, "Email");
	u->subject = mailinfo_field(mi.info, "Subject");
	u->date = mailinfo_field(mi.info, "Date");
	if (!email || !*email || !u->subject || !*u->subject || !u->date) {
		err_msg("%s: git mailinfo found no author, subject or date",
			mbox);
		goto out;
	}
	u->author = name && *name ? xasprintf("%s <%s>", name, email)
				  : xstrdup(email);
	n = strlen(mi.msg);
	while (n && (mi.msg[n - 1] == '\n' || mi.msg[n - 1] == ' '))
		n--;
	if (!n) {
		err_msg("%s: the upstream commit message is empty", mbox);
		goto out;
	}
	u->message = xasprintf("%.*s\n", (int)n, mi.msg);
	if (!*mi.patch) {
		err_msg("%s: no diff in the upstream mail", mbox);
		goto out;
	}
	if (starts_with(mi.patch, "---\n"))
		u->patch = xstrdup(mi.patch);
	else
		u->patch = xasprintf("---\n\n%s", mi.patch);
	ret = 0;
out:
	mailinfo_free(&mi);
	free(name);
	free(email);
	if (ret)
		upstream_mail_free(u);
	return ret;
}

/* Does the message's last line already carry @who's Signed-off-by? */
static bool ends_with_sob(const char *msg, const char *who)
{
	char *want = xasprintf("Signed-off-by: %s\n", who);
	bool r = ends_with(msg, want) &&
		 (strlen(msg) == strlen(want) ||
		  msg[strlen(msg) - strlen(want) - 1] == '\n');

	free(want);
	return r;
}

/* The port for row @b, or NULL (printed). */
static char *render_port(const struct table *t, const struct upstream_mail *u,
			 const struct branch *b)
{
	struct strbuf sb = STRBUF_INIT;
	char msg[256], *patch;

	patch = hunkpos_apply(u->patch, &t->up.diff, b, msg, sizeof(msg));
	if (!patch) {
		err_msg("%s: the hunks of %s: %s", b->name, t->up.mbox, msg);
		return NULL;
	}

	sb_addf(&sb, "From: %s\n", t->backporter);
	sb_addf(&sb, "Date: %s\n", u->date);
	sb_addf(&sb, "Subject: %s\n\n", u->subject);
	sb_addf(&sb, "From: %s\n\n", u->author);
	sb_addf(&sb, "commit %s upstream.\n\n", t->up.commit);
	sb_adds(&sb, u->message);
	if (!ends_with_sob(u->message, t->backporter))
		sb_addf(&sb, "Signed-off-by: %s\n", t->backporter);
	sb_adds(&sb, patch);
	free(patch);
	return sb_detach(&sb);
}

static char *render_series(const struct table *t, const struct branch *b)
{
	return xasprintf("# %s: stable port of upstream %.12s (\"%s\")\n"
			 "# quilt: QUILT_PATCHES=ports/%s QUILT_SERIES=$PWD/series/%s\n"
			 "# Generated by \"backport port\"; do not edit.\n"
			 "%s\n",
			 b->name, t->up.commit, t->up.subject, b->name,
			 b->name, t->up.patch_name);
}

/* Write or, with @check, compare one file.  Returns 0 same/written, 1 differs. */
static int emit(const struct table *t, const char *rel, const char *text,
		bool check)
{
	struct strbuf cur = STRBUF_INIT;
	char msg[512], *abs = repo_path_abs(t->root, rel, msg, sizeof(msg));
	bool same;
	int ret = 0;

	if (!abs) {
		err_msg("%s", msg);
		return -1;
	}
	same = !read_file(abs, &cur) && cur.len == strlen(text) &&
	       !memcmp(cur.buf, text, cur.len);
	if (check) {
		if (!same) {
			printf("%s: %s\n", rel, path_exists(abs) ?
			       "differs from the generated port" :
			       "missing");
			ret = 1;
		}
	} else if (same) {
		printf("%s: up to date\n", rel);
	} else if (write_file_atomic(abs, text, strlen(text))) {
		err_msg("%s: cannot write: %m", abs);
		ret = -1;
	} else {
		printf("%s: written\n", rel);
	}
	sb_release(&cur);
	free(abs);
	return ret;
}

static int check_upstream(const struct table *t, const char *mbox,
			  const struct upstream_mail *u)
{
	if (strcmp(u->subject, t->up.subject)) {
		err_msg("%s: subject \"%s\" is not the table's \"%s\"", mbox,
			u->subject, t->up.subject);
		return -1;
	}
	if (strcmp(u->author, t->up.author)) {
		err_msg("%s: author \"%s\" is not the table's \"%s\"", mbox,
			u->author, t->up.author);
		return -1;
	}
	if (strchr(t->up.patch_name, '/') || t->up.patch_name[0] == '.') {
		err_msg("%s: upstream.patch_name \"%s\" must be a plain file name",
			t->path, t->up.patch_name);
		return -1;
	}
	return 0;
}

/* Every file port_branches() may write stays in the repository. */
static int check_targets(const struct table *t, const char *only)
{
	char msg[512], *rel, *abs;
	size_t i;
	int ret = 0;

	for (i = 0; i < t->n && !ret; i++) {
		const struct branch *b = &t->b[i];

		if (b->decision != DECISION_PORT || b->optional ||
		    (only && strcmp(only, b->name)))
			continue;
		rel = branch_port_rel(b, t->up.patch_name);
		abs = repo_path_abs(t->root, rel, msg, sizeof(msg));
		if (abs) {
			free(abs);
			abs = repo_path_abs(t->root, b->series, msg,
					    sizeof(msg));
		}
		if (!abs) {
			err_msg("%s", msg);
			ret = -1;
		}
		free(abs);
		free(rel);
	}
	return ret;
}

/*
 * Write (or with @check compare) the port @text and the series file of
 * every generated port row, or only of @only; the exit status.
 */
static int port_branches(const struct table *t, const struct upstream_mail *u,
			 const char *only, bool check, int *nports)
{
	int ret = EXIT_PASS;
	size_t i;

	for (i = 0; i < t->n && ret != EXIT_ERROR; i++) {
		const struct branch *b = &t->b[i];
		char *rel, *series, *text;
		int r;

		if (b->decision != DECISION_PORT)
			continue;
		if (only && strcmp(only, b->name))
			continue;
		if (b->optional) {
			/* Hand-made: its context differs from upstream's. */
			if (only)
				info_msg("%s is an optional series (%s): its patches are kept by hand, not generated",
					 b->name, b->optional);
			continue;
		}
		(*nports)++;
		text = render_port(t, u, b);
		if (!text)
			return EXIT_ERROR;
		rel = branch_port_rel(b, t->up.patch_name);
		r = emit(t, rel, text, check);
		free(rel);
		free(text);
		series = render_series(t, b);
		if (r >= 0) {
			int r2 = emit(t, b->series, series, check);

			r = r2 < 0 ? r2 : (r | r2);
		}
		free(series);
		if (r < 0)
			ret = EXIT_ERROR;
		else if (r)
			ret = EXIT_FINDING;
	}
	return ret;
}

/* --measure: where the fix lands in a tree of row @name's release. */
static int run_measure(const char *name, const char *tree_opt,
		       const char *version)
{
	const struct branch *b;
	struct table t;
	char *tree;
	int ret;

	b = table_load_branch(&t, name, true);
	if (!b)
		return EXIT_ERROR;
	if (b->optional) {
		err_msg("%s is an optional series (%s): its patches are kept by hand, there is nothing to generate from a measure",
			b->name, b->optional);
		table_free(&t);
		return EXIT_ERROR;
	}
	tree = resolve_tree(&t, b, tree_opt, version, false, NULL);
	ret = tree ? port_measure(&t, b, tree) : EXIT_ERROR;
	free(tree);
	table_free(&t);
	return ret;
}

/* Generate (or with @check compare) the ports of every row or @only. */
static int generate(const char *only, bool check)
{
	struct upstream_mail u;
	struct table t;
	char *mbox;
	int ret, nports = 0;

	if (table_load_default(&t))
		return EXIT_ERROR;
	if (only && !table_branch(&t, only, true)) {
		table_free(&t);
		return EXIT_ERROR;
	}
	mbox = table_path(&t, t.up.mbox);
	if (run_mailinfo(mbox, &u) || check_upstream(&t, mbox, &u)) {
		free(mbox);
		upstream_mail_free(&u);
		table_free(&t);
		return EXIT_ERROR;
	}
	if (!check && check_targets(&t, only))
		ret = EXIT_ERROR;
	else
		ret = port_branches(&t, &u, only, check, &nports);
	if (check && ret == EXIT_PASS)
		printf("port: %d branch%s up to date\n", nports,
		       nports == 1 ? "" : "es");
	else if (check && ret == EXIT_FINDING)
		printf("port: generated files differ; run \"backport port\"\n");
	free(mbox);
	upstream_mail_free(&u);
	table_free(&t);
	return ret;
}

int cmd_port(int argc, char **argv)
{
	const char *only = NULL, *tree = NULL, *version = NULL;
	bool all = false, check = false, do_measure = false;
	const struct bp_option options[] = {
		OPT_BRANCH(&only, "only this port row"),
		OPT_BOOL("all", &all, "every port row (the default)"),
		OPT_BOOL("check", &check,
			 "write nothing; exit 1 when the committed files differ\n"
			 "from what would be generated"),
		OPT_BOOL("measure", &do_measure,
			 "write nothing; where the fix's hunks land in a tree\n"
			 "of B's release, against the row's \"hunks\""),
		OPT_TREE(&tree, "with --measure: the tree (default $<tree_var>)"),
		OPT_VERSION(&version,
			    "with --measure: fetch release X.Y.Z from kernel.org"),
		OPT_TRAILER("Exit status: 0 written / up to date (--measure: the record is what was\n"
			    "measured), 1 --check found a difference (--measure: the record differs\n"
			    "or is missing, or the fix does not place), 2 usage error, bad upstream\n"
			    "mbox, git missing (--measure: not a tree of the row's release)."),
		OPT_END(),
	};

	parse_options(argc, argv, options, port_usage,
		      PARSE_OPT_NO_ARGS);
	if (only && all)
		usage_msg_opt(port_usage, options,
			      "--branch and --all exclude each other");
	if (do_measure && (!only || check))
		usage_msg_opt(port_usage, options,
			      "--measure takes --branch B and no --all or --check");
	if (!do_measure && (tree || version))
		usage_msg_opt(port_usage, options,
			      "--tree and --version go with --measure");
	if (do_measure)
		return run_measure(only, tree, version);
	return generate(only, check);
}
