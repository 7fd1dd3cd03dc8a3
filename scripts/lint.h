/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks of "backport lint": series files and port patches against
 * the branch table and the stable submission rules.
 */
#ifndef BACKPORT_LINT_H
#define BACKPORT_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "table.h"

struct finding {
	char *file;
	unsigned int line;
	char *msg;
};

struct lint {
	const struct table *t;
	struct finding *f;
	size_t n;
	size_t npatches, nseries;
};

/*
 * Check every port row's series and patches, and the ports/ and series/
 * entries that belong to no port row, into l->f (l->t set, the rest
 * zero).  Returns 0, or -1 when a directory cannot be listed (message
 * printed).
 */
int lint_all(struct lint *l);
/* The findings on stdout, gcc style and a summary line, or as JSON. */
void lint_print(const struct lint *l, bool json);
void lint_free(struct lint *l);

#endif
