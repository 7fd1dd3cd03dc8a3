/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A port patch prepared for mailing.  Internal to mail.c and mail-port.c.
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

#endif
