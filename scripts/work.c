// SPDX-License-Identifier: GPL-2.0
/*
 * The test's work lines (see work.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "work.h"

static const char *const names[WORK_NFIELDS] = {
	[WORK_SPLIT_ATTEMPTS] = "split_attempts",
	[WORK_SPLITS] = "splits",
	[WORK_ROLLBACKS] = "rollbacks",
	[WORK_TAIL_FAULTS] = "tail_faults",
	[WORK_RECREATES] = "recreates",
};

/* Counts beyond this are garbage, not work (18 digits). */
#define WORK_MAX	999999999999999999LL

const char *work_field_name(unsigned int i)
{
	return i < WORK_NFIELDS ? names[i] : NULL;
}

int work_field_index(const char *name)
{
	unsigned int i;

	for (i = 0; name && i < WORK_NFIELDS; i++)
		if (!strcmp(name, names[i]))
			return (int)i;
	return -1;
}

/* Decimal digits of [@p, @e), at most 18: 0 and the value in *@out. */
static int digits(const char *p, const char *e, long long *out)
{
	long long v = 0;

	if (p == e || e - p > 18)
		return -1;
	for (; p < e; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return 0;
}

/* "S" or "S.F" (at most 6 digits of fraction): seconds. */
static int seconds(const char *p, const char *e, double *out)
{
	const char *dot = memchr(p, '.', (size_t)(e - p));
	long long s, f = 0;
	double scale = 1;
	const char *q;

	if (digits(p, dot ? dot : e, &s))
		return -1;
	if (dot && (e - dot - 1 < 1 || e - dot - 1 > 6 ||
		    digits(dot + 1, e, &f)))
		return -1;
	for (q = dot ? dot + 1 : e; q < e; q++)
		scale *= 10;
	*out = (double)s + (double)f / scale;
	return 0;
}

/* One "key=value" token [@p, @e) into @w; @seen marks the fields set. */
static int field(const char *p, const char *e, struct work *w,
		 unsigned int *seen)
{
	const char *eq = memchr(p, '=', (size_t)(e - p));
	char key[32];
	size_t n;
	int i;

	if (!eq || eq == p)
		return -1;
	n = (size_t)(eq - p);
	if (n >= sizeof(key))
		return 0;	/* unknown (long) key */
	memcpy(key, p, n);
	key[n] = '\0';
	if (!strcmp(key, "t")) {
		if (*seen & (1U << WORK_NFIELDS))
			return -1;
		*seen |= 1U << WORK_NFIELDS;
		return seconds(eq + 1, e, &w->t);
	}
	i = work_field_index(key);
	if (i < 0)
		return 0;
	if (*seen & (1U << i))
		return -1;
	*seen |= 1U << i;
	return digits(eq + 1, e, &w->v[i]);
}

bool work_parse(const char *text, struct work *out)
{
	const char *p = text, *e;
	unsigned int seen = 0, all = (1U << (WORK_NFIELDS + 1)) - 1;
	struct work w = { 0 };

	if (!starts_with(p, "# " WORK_MARKER " "))
		return false;
	p += strlen("# " WORK_MARKER " ");
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		e = p + strcspn(p, " ");
		if (field(p, e, &w, &seen))
			return false;
		p = e;
	}
	if (seen != all)
		return false;
	*out = w;
	return true;
}

json_t *work_json(const struct work *w)
{
	json_t *j = json_object();
	unsigned int i;

	json_object_set_new(j, "t", json_real(w->t));
	for (i = 0; i < WORK_NFIELDS; i++)
		json_object_set_new(j, names[i], json_integer(w->v[i]));
	return j;
}

int work_read(struct json_rd *d, json_t *o, const char *pre,
	      struct work *w, bool *have)
{
	char wpre[160], f[192];
	unsigned int i;
	json_t *wo, *v;

	memset(w, 0, sizeof(*w));
	*have = false;
	if (jr_obj(d, o, pre, "work", false, &wo))
		return -1;
	if (!wo)
		return 0;
	jr_field(wpre, sizeof(wpre), pre, "work");
	if (jr_secs(d, wo, wpre, "t", &w->t))
		return -1;
	for (i = 0; i < WORK_NFIELDS; i++) {
		v = json_object_get(wo, names[i]);
		jr_field(f, sizeof(f), wpre, names[i]);
		if (!json_is_integer(v))
			return jr_bad(d, f, "%s, not an integer",
				      v ? jr_type_name(v) : "missing");
		if (json_integer_value(v) < 0 ||
		    json_integer_value(v) > WORK_MAX)
			return jr_bad(d, f, "%lld is out of range",
				      (long long)json_integer_value(v));
		w->v[i] = json_integer_value(v);
	}
	*have = true;
	return 0;
}
