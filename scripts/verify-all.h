/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "backport verify --all": every row whose tree is available, one after
 * another, each by "backport verify --branch B" as a child (so one row's
 * error stops only that row), then one summary matrix.
 */
#ifndef BACKPORT_VERIFY_ALL_H
#define BACKPORT_VERIFY_ALL_H

#include <stdbool.h>

#include "table.h"

struct verify_all_opts {
	int runs;		/* 0: verify's default */
	const char *results;	/* NULL: <cache>/results */
	double timeout;		/* 0: verify's default */
	const char *accel;	/* as given, or NULL */
	bool install;
};

/* Returns the worst row's exit status (2 when no row had a tree). */
int verify_all(const struct table *t, const struct verify_all_opts *o);

#endif
