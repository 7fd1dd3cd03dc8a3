/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mbox of a branch's port series, for "git send-email" and
 * "b4 am": what "backport mail" writes.
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

#endif
