/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A port patch prepared for mailing, and who to Cc on it.  Internal to
 * mail.c and mail-port.c.
 */
#ifndef BACKPORT_MAIL_PORT_H
#define BACKPORT_MAIL_PORT_H

#include "patch.h"
#include "util.h"

struct port {
	char *rel;		/* ports/B/NAME.patch */
	struct strbuf text;
	struct patch p;
	char *body;		/* message without trailing blank lines */
	char *diff;		/* the diff without the mail signature */
	char *stat;		/* diffstat */
	char *upstream;		/* upstream sha from the first line, or NULL */
};

/*
 * Read and parse @rel (relative to @root) into @pt.  Returns 0, or -1
 * with the message printed (FILE:LINE: reason).
 */
int port_load(const char *root, const char *rel, struct port *pt);
void port_free(struct port *pt);

/*
 * The person of a trailer to Cc: for a person's key (Signed-off-by:,
 * Cc:, Reviewed-by: ...) @value without a "# note" and, when it is a
 * bare "<address>", without the brackets (malloc'd); NULL for others.
 */
char *mail_cc_person(const char *key, const char *value);
/*
 * Add @who to @cc unless its address (maint_address()) holds no '@', is
 * @skip1 or @skip2 (NULL: none), or is the address of one already there.
 */
void mail_cc_add(struct strvec *cc, const char *who, const char *skip1,
		 const char *skip2);
/* The people of @p's trailers (mail_cc_person()) and its author. */
void mail_cc_trailers(const struct patch *p, struct strvec *cc,
		      const char *skip1, const char *skip2);

#endif
