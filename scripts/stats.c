// SPDX-License-Identifier: GPL-2.0
/*
 * min/median/max/rate helpers for "backport bench".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int stats_summary(const double *v, size_t n, struct stats *s)
{
	double *w;
	size_t i, m = 0;

	memset(s, 0, sizeof(*s));
	if (!n)
		return -1;
	w = xcalloc(n, sizeof(*w));
	for (i = 0; i < n; i++)
		if (isfinite(v[i]))
			w[m++] = v[i];
	if (!m) {
		free(w);
		return -1;
	}
	qsort(w, m, sizeof(*w), cmp_double);
	s->n = m;
	s->min = w[0];
	s->max = w[m - 1];
	if (m % 2)
		s->median = w[m / 2];
	else
		s->median = (w[m / 2 - 1] + w[m / 2]) / 2;
	free(w);
	return 0;
}

double stats_rate(size_t hits, size_t total)
{
	if (!total)
		return 0;
	return (double)hits / (double)total;
}

size_t stats_count_le(const double *v, size_t n, double limit)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] <= limit)
			c++;
	return c;
}
