/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real "git mailinfo" on one mail: the author/subject/date block it
 * prints, the commit message and the patch, as strings.
 */
#ifndef BACKPORT_MAILINFO_H
#define BACKPORT_MAILINFO_H

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
 * The number of messages the real "git mailsplit -b" finds in @mbox (it
 * splits into a temporary directory, removed afterwards): 0, or -1 with a
 * message naming @mbox.
 */
int git_mailsplit_count(const char *mbox, unsigned int *n);

/* The value of "@key: value" in mailinfo's info block (malloc'd), or NULL. */
char *mailinfo_field(const char *info, const char *key);

#endif
