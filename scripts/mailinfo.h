/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real "git mailinfo" on one mail: the author/subject/date block it
 * prints, the commit message and the patch, as strings.
 */
#ifndef BACKPORT_MAILINFO_H
#define BACKPORT_MAILINFO_H

#include "util.h"

struct mailinfo {
	char *info;	/* "Author: ...\nEmail: ...\nSubject: ...\nDate: ..." */
	char *msg;	/* the commit message */
	char *patch;	/* everything from "---" (or the diff) on */
};

/*
 * Run "git mailinfo msg patch < @mail" in a fresh temporary directory,
 * removed afterwards.  Returns 0, or -1 with a message naming @mail.
 */
int git_mailinfo(const char *mail, struct mailinfo *mi);
void mailinfo_free(struct mailinfo *mi);

/*
 * The messages the real "git mailsplit -b" makes of @mbox, as it writes
 * them (each with its "From " line, white space before the first one
 * dropped), appended to @msgs; it splits into a temporary directory,
 * removed afterwards.  Returns 0, or -1 with a message naming @mbox (git
 * refuses it, its count is not the files it wrote, a NUL byte).
 */
int git_mailsplit(const char *mbox, struct strvec *msgs);
/* The number of messages git_mailsplit() finds in @mbox: 0, or -1. */
int git_mailsplit_count(const char *mbox, unsigned int *n);
/*
 * The count "git mailsplit" prints, @out: digits, then a newline or
 * nothing.  Returns 0, or -1 for anything else.
 */
int mailsplit_count_parse(const char *out, unsigned int *n);

/* The value of "@key: value" in mailinfo's info block (malloc'd), or NULL. */
char *mailinfo_field(const char *info, const char *key);

/* What "backport port" takes from the upstream mail. */
struct upstream_mail {
	char *author;		/* "Name <mail>" */
	char *subject;
	char *date;
	char *message;		/* changelog and trailers, ends in "\n" */
	char *patch;		/* "---", diffstat, diff */
};

/*
 * Read git mailinfo's output @mi into @u: an author (with an e-mail), a
 * subject, a date, a non-empty message and a patch, which always starts
 * with "---\n".  Returns 0, or -1 with the reason in @msg (@u freed).
 */
int mailinfo_commit(const struct mailinfo *mi, struct upstream_mail *u,
		    char *msg, size_t msglen);
void upstream_mail_free(struct upstream_mail *u);

#endif
