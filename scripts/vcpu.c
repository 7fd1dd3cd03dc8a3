// SPDX-License-Identifier: GPL-2.0
/*
 * vCPU register dumps and System.map (see vcpu.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcpu.h"

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 16 hex digits at @p, ended by a non-hex character or the end. */
static bool hex16(const char *p, uint64_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 16; i++) {
		int d = hexdigit(p[i]);

		if (d < 0)
			return false;
		*v = *v << 4 | (uint64_t)d;
	}
	return hexdigit(p[16]) < 0;
}

/* The next line of @p into [*b, *e); NULL at the end. */
static const char *next_line(const char *p, const char **e)
{
	const char *nl;

	if (!*p)
		return NULL;
	nl = strchr(p, '\n');
	*e = nl ? nl : p + strlen(p);
	return nl ? nl + 1 : *e;
}

size_t vcpu_rips(const char *text, uint64_t *rip)
{
	const char *p = text, *b, *e;
	size_t n = 0;
	bool in_cpu = false, have = false;

	while ((b = p) && (p = next_line(p, &e))) {
		if (!strncmp(b, "CPU#", 4)) {
			if (in_cpu && !have)
				return n;
			if (n == VCPU_MAX)
				return n;
			in_cpu = true;
			have = false;
			continue;
		}
		if (in_cpu && !have && !strncmp(b, "RIP=", 4) &&
		    e - b >= 4 + 16) {
			if (!hex16(b + 4, &rip[n]))
				return n;
			n++;
			have = true;
		}
	}
	return n;
}

void sysmap_free(struct sysmap *m)
{
	sv_clear(&m->name);
	free(m->addr);
	m->addr = NULL;
}

static bool is_text(char t)
{
	return t == 't' || t == 'T' || t == 'w' || t == 'W';
}

/* One "ADDR TYPE NAME" line [b, e): 0, or -1 with a reason. */
static int map_line(const char *b, const char *e, uint64_t *a, char *type,
		    const char **name, size_t *nlen, const char **why)
{
	const char *p = b;

	*a = 0;
	if (e - b < 16 + 3) {
		*why = "too short for \"ADDRESS TYPE NAME\"";
		return -1;
	}
	for (; p < b + 16; p++) {
		int d = hexdigit(*p);

		if (d < 0) {
			*why = "not 16 hex digits of address";
			return -1;
		}
		*a = *a << 4 | (uint64_t)d;
	}
	if (p[0] != ' ' || p[1] == ' ' || p[2] != ' ') {
		*why = "not \"ADDRESS TYPE NAME\"";
		return -1;
	}
	*type = p[1];
	*name = p + 3;
	*nlen = (size_t)(e - *name);
	/* a module's symbols have " [mod]" after the name */
	if (!*nlen || memchr(*name, ' ', *nlen) || memchr(*name, '\t', *nlen) ||
	    memchr(*name, '\0', *nlen)) {
		*why = "no symbol name, or one with blanks";
		return -1;
	}
	return 0;
}

int sysmap_parse(const char *buf, size_t len, struct sysmap *m,
		 char *err, size_t errlen)
{
	const char *p = buf, *end = buf + len;
	size_t alloc = 0, lineno = 0;

	*m = (struct sysmap)SYSMAP_INIT;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *name, *why;
		size_t nlen;
		uint64_t a;
		char type;

		lineno++;
		if (map_line(p, e, &a, &type, &name, &nlen, &why))
			goto bad;
		if (is_text(type)) {
			size_t n = m->name.n;

			if (n && a < m->addr[n - 1]) {
				why = "address lower than the line before's";
				goto bad;
			}
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 4096;
				m->addr = xrealloc(m->addr, alloc * sizeof(*m->addr));
			}
			m->addr[n] = a;
			sv_pushn(&m->name, name, nlen);
		}
		p = nl ? nl + 1 : end;
		continue;
bad:
		snprintf(err, errlen, "line %zu: %s", lineno, why);
		sysmap_free(m);
		return -1;
	}
	if (!m->name.n) {
		snprintf(err, errlen, "no text symbols");
		return -1;
	}
	return 0;
}

int sysmap_load(const char *path, struct sysmap *m, char *err,
		size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	char why[160];
	int r;

	*m = (struct sysmap)SYSMAP_INIT;
	if (read_file(path, &sb)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		sb_release(&sb);
		return -1;
	}
	r = sysmap_parse(sb.buf ? sb.buf : "", sb.len, m, why, sizeof(why));
	if (r)
		snprintf(err, errlen, "%s: %s", path, why);
	sb_release(&sb);
	return r;
}

void sysmap_name(const struct sysmap *m, uint64_t rip, char *buf,
		 size_t len)
{
	size_t lo = 0, hi = m->name.n;

	/* the last symbol at or below @rip */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->addr[mid] <= rip)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		snprintf(buf, len, "0x%llx", (unsigned long long)rip);
	else
		snprintf(buf, len, "%s+0x%llx", m->name.v[lo - 1],
			 (unsigned long long)(rip - m->addr[lo - 1]));
}
