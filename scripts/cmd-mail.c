// SPDX-License-Identifier: GPL-2.0
/*
 * backport mail: turn a branch's port series into an mbox for
 * "git send-email" and "b4 am".  Nothing is ever sent from here; the
 * mbox is built by mail.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "mail.h"
#include "maintainers.h"
#include "options-common.h"
#include "table.h"
#include "util.h"
#include "valid.h"

const char cmd_mail_summary[] =
	"write a branch's port as an mbox for git send-email / b4 am";

static const char *const mail_usage[] = {
	"usage: backport mail [--branch B]... [-o DIR] [--b4-cover]",
	"",
	"Writes the port series of each branch (series/B, ports/B/) as one\n"
	"mbox, DIR/B.mbox, ready for \"git send-email\" and \"b4 am -m -\":\n"
	"Subject \"[PATCH B] ...\" (\"[PATCH B n/N]\" after a 0/N cover letter,\n"
	"threaded, when the series has several patches), To: stable@vger.kernel.org,\n"
	"Cc: the people in the patch's trailers and the MAINTAINERS.txt owners\n"
	"of the files it touches, the original author as in-body From:, and\n"
	"the verification evidence of results/B.json below the \"---\" line.\n"
	"With --b4-cover, DIR/B.cover instead: the cover letter for\n"
	"\"b4 prep --edit-cover\" (the evidence, To: stable@ and Cc: trailers\n"
	"for the authors and the MAINTAINERS.txt owners; b4 send adds the\n"
	"people of the patches' trailers).  Nothing is sent.",
	NULL,
};

int cmd_mail(int argc, char **argv)
{
	struct strvec want = STRVEC_INIT;
	const char *outdir = NULL;
	bool b4_cover = false;
	const struct bp_option options[] = {
		OPT_BRANCH_LIST(&want,
				"a port row of configs/branches.json (repeatable;\n"
				"default: every port row)"),
		OPT_ALIAS('b', "branch"),
		OPT_STRING("output", "DIR", &outdir,
			   "output directory (default: out/mail/B/; with several\n"
			   "branches DIR/B/)"),
		OPT_ALIAS('o', "output"),
		OPT_BOOL("b4-cover", &b4_cover,
			 "write DIR/B.cover, the cover letter for\n"
			 "\"b4 prep --edit-cover\", instead of the mbox"),
		OPT_TRAILER("Date and Message-Id use $SOURCE_DATE_EPOCH when set (reproducible)."),
		OPT_TRAILER("Exit status: 0 written, 1 a branch has no port (not a port row),\n"
			    "2 usage error or a bad port/series file (FILE:LINE: reason)."),
		OPT_END(),
	};
	struct maintainers m, *mp = NULL;
	struct parse_error err;
	struct table t;
	char *mfile, *dir;
	size_t i;
	int status = EXIT_PASS, r;

	parse_options(argc, argv, options, mail_usage, PARSE_OPT_NO_ARGS);
	if ((outdir && output_dir_check("--output", outdir)) ||
	    table_load_default(&t)) {
		sv_clear(&want);
		return EXIT_ERROR;
	}
	for (i = 0; i < want.n; i++) {
		if (!table_branch(&t, want.v[i], false)) {
			status = EXIT_ERROR;
			goto out;
		}
	}
	if (!want.n)
		table_stable_ports(&t, &want);

	mfile = path_join(t.root, "MAINTAINERS.txt");
	if (path_exists(mfile)) {
		if (maintainers_load(mfile, &m, &err)) {
			err_msg("%s:%u: %s", mfile, err.line, err.msg);
			free(mfile);
			status = EXIT_ERROR;
			goto out;
		}
		mp = &m;
	} else {
		warn_msg("%s: not found; Cc only from the patch trailers",
			 mfile);
	}
	free(mfile);

	for (i = 0; i < want.n; i++) {
		if (outdir && want.n == 1)
			dir = xstrdup(outdir);
		else if (outdir)
			dir = path_join(outdir, want.v[i]);
		else
			dir = xasprintf("%s/out/mail/%s", t.root, want.v[i]);
		if (b4_cover)
			r = mail_b4_cover(&t, table_find(&t, want.v[i]), mp,
					  dir);
		else
			r = mail_branch(&t, table_find(&t, want.v[i]), mp, dir);
		if (r > status)
			status = r;
		free(dir);
	}
	if (mp)
		maintainers_free(mp);
out:
	sv_clear(&want);
	table_free(&t);
	return status;
}
