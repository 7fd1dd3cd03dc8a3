/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Summaries of repeated measurements for "backport bench": min, median,
 * max and rates.  Never produce NaN: NaN and infinite samples are left
 * out, an empty set is reported as such (n == 0, figures 0).
 */
#ifndef BACKPORT_STATS_H
#define BACKPORT_STATS_H

#include <stddef.h>

struct stats {
	size_t n;		/* finite samples used */
	double min, median, max;
};

/*
 * Summarise the finite values of @v[0..@n).  @v is not modified.  The
 * median of an even count is the mean of the two middle values.  Returns
 * 0, or -1 when no finite value was given (@s then all zero).
 */
int stats_summary(const double *v, size_t n, struct stats *s);

/* @hits / @total, 0 when @total is 0. */
double stats_rate(size_t hits, size_t total);

/* Number of finite values of @v[0..@n) that are <= @limit. */
size_t stats_count_le(const double *v, size_t n, double limit);

#endif
