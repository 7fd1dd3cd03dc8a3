/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mail part of a mail-format patch, for patch_parse(): headers,
 * in-body headers and trailers.  Internal to the patch parser; callers
 * use patch.h.
 */
#ifndef BACKPORT_MAILHDR_H
#define BACKPORT_MAILHDR_H

#include "lines.h"
#include "patch.h"

/*
 * Mail headers up to the first blank line, unfolded, into p->hdrs.
 * Returns 0, or -1 with @err filled.
 */
int mail_parse_headers(struct lines *ls, struct patch *p,
		       struct parse_error *err);
/*
 * An in-body From:/Date:/Subject: block at the top of the body: it
 * overrides the mail's author, date and subject.  Always returns 0.
 */
int mail_parse_inbody(struct lines *ls, struct patch *p);
/* The last paragraph of p->message, if it is made of trailers. */
void mail_parse_trailers(struct patch *p);

#endif
