// SPDX-License-Identifier: GPL-2.0
/*
 * QEMU's threads' wait for a host CPU (see hostwait.h).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hostwait.h"
#include "util.h"

/* A decimal number at @p (no sign, at most 20 digits); its end or NULL. */
static const char *number(const char *p, const char *end,
			  unsigned long long *out)
{
	unsigned long long v = 0;
	const char *q = p;

	while (q < end && *q >= '0' && *q <= '9') {
		unsigned int d = (unsigned int)(*q - '0');

		if (v > (~0ULL - d) / 10)
			return NULL;
		v = v * 10 + d;
		q++;
	}
	if (q == p)
		return NULL;
	*out = v;
	return q;
}

int schedstat_parse(const char *text, size_t len, unsigned long long *run_ns,
		    unsigned long long *wait_ns)
{
	const char *p = text, *end = text + len;
	unsigned long long v[3];
	int i;

	if (len && end[-1] == '\n')
		end--;
	for (i = 0; i < 3; i++) {
		if (i) {
			if (p >= end || *p != ' ')
				return -1;
			p++;
		}
		p = number(p, end, &v[i]);
		if (!p)
			return -1;
	}
	if (p != end)
		return -1;
	*run_ns = v[0];
	*wait_ns = v[1];
	return 0;
}

int hostwait_read(pid_t pid, double *wait)
{
	char *dir = xasprintf("/proc/%ld/task", (long)pid);
	unsigned long long sum = 0;
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d) {
		free(dir);
		return -1;
	}
	while ((de = readdir(d))) {
		struct strbuf sb = STRBUF_INIT;
		unsigned long long run, w;
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s/schedstat", dir, de->d_name);
		/* a thread that ended meanwhile: not counted */
		if (!read_file(p, &sb) &&
		    !schedstat_parse(sb_str(&sb), sb.len, &run, &w)) {
			sum += w;
			n++;
		}
		sb_release(&sb);
		free(p);
	}
	closedir(d);
	free(dir);
	if (!n)
		return -1;
	*wait = (double)sum / 1e9;
	return 0;
}

void hostwait_add(struct hostwait *h, double t, double wait)
{
	if (h->n && t < h->s[h->n - 1].t)
		return;
	if (h->n == h->alloc) {
		h->alloc = h->alloc ? 2 * h->alloc : 64;
		h->s = xrealloc(h->s, h->alloc * sizeof(*h->s));
	}
	h->s[h->n].t = t;
	h->s[h->n].wait = wait;
	h->n++;
}

double hostwait_total(const struct hostwait *h)
{
	double d;

	if (h->n < 2)
		return -1;
	d = h->s[h->n - 1].wait - h->s[0].wait;
	return d > 0 ? d : 0;
}

/* The last sample at or before @t, or the first one; -1 for none. */
static long at_or_before(const struct hostwait *h, double t)
{
	size_t lo = 0, hi = h->n;

	if (!h->n)
		return -1;
	/* the first index whose time is after @t */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->s[mid].t <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? (long)lo - 1 : 0;
}

double hostwait_window(const struct hostwait *h, double end, double len)
{
	long a = at_or_before(h, end - len), b = at_or_before(h, end);
	double d;

	if (a < 0 || a >= b)
		return -1;
	d = h->s[b].wait - h->s[a].wait;
	return d > 0 ? d : 0;
}

void hostwait_free(struct hostwait *h)
{
	free(h->s);
	memset(h, 0, sizeof(*h));
}
