/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mbox of a branch's port series, for "git send-email" and
 * "b4 am", or its cover letter for "b4 prep": what "backport mail" writes.
 */
#ifndef BACKPORT_MAIL_H
#define BACKPORT_MAIL_H

#include "maintainers.h"
#include "table.h"

/*
 * Write the port series of row @b (series/B, ports/B/) with the evidence
 * of results/B.json as @dir/B.mbox, Cc'ing the owners @m gives (NULL: no
 * MAINTAINERS.txt), and print what was written.  Dates and Message-Ids
 * follow $SOURCE_DATE_EPOCH when set.  Returns EXIT_PASS, EXIT_FINDING
 * when @b is not a port row for stable, or EXIT_ERROR (message printed).
 */
int mail_branch(const struct table *t, const struct branch *b,
		const struct maintainers *m, const char *dir);

/*
 * Write the cover letter of row @b for "b4 prep --edit-cover" as
 * @dir/B.cover: the upstream subject as title, what and why, the evidence
 * of results/B.json, then "To: stable@" and "Cc:" trailers for each
 * port's author and the owners @m gives (b4 adds the people of the
 * patches' trailers itself).  Returns as mail_branch().
 */
int mail_b4_cover(const struct table *t, const struct branch *b,
		  const struct maintainers *m, const char *dir);

#endif
