// SPDX-License-Identifier: GPL-2.0
/*
 * MAINTAINERS.txt parser and get_maintainer.pl-style path resolution.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maintainers.h"
#include "util.h"

static const char *const statuses[] = {
	"Supported", "Maintained", "Odd Fixes", "Orphan", "Obsolete",
	"Buried",
};

static void add_value(struct maint_value **v, size_t *n, const char *text,
		      unsigned int line)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].text = xstrdup(text);
	(*v)[*n].line = line;
	(*n)++;
}

static void free_values(struct maint_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

static void entry_free(struct maint_entry *e)
{
	free(e->title);
	free_values(e->m, e->nm);
	free_values(e->r, e->nr);
	free_values(e->l, e->nl);
	free_values(e->f, e->nf);
	free_values(e->x, e->nx);
	free_values(e->w, e->nw);
	free_values(e->t, e->nt);
	free(e->status);
}

void maintainers_free(struct maintainers *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		entry_free(&m->e[i]);
	free(m->e);
	free(m->path);
	memset(m, 0, sizeof(*m));
}

/* "local@domain" with a dot in the domain and no spaces or brackets. */
static bool valid_addr(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	size_t i;
	bool dot = false;

	if (!at || at == s || at == s + len - 1)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 127 || c == '<' || c == '>' ||
		    c == ',' || c == '"')
			return false;
		if (s + i > at && c == '.')
			dot = true;
		if (c == '@' && s + i != at)
			return false;
	}
	return dot;
}

/* "Name <local@domain>" or a bare address. */
static bool valid_person(const char *v)
{
	const char *lt = strchr(v, '<');
	size_t n = strlen(v);
	size_t i;

	if (!lt)
		return valid_addr(v, n);
	if (lt == v || v[n - 1] != '>' || strchr(lt + 1, '<'))
		return false;
	for (i = 0; v + i < lt; i++)
		if (v[i] == '>' || v[i] == '@' || v[i] == ',')
			return false;
	return valid_addr(lt + 1, (size_t)(v + n - 1 - lt - 1));
}

/* A list is an address, optionally followed by " (comment)". */
static bool valid_list(const char *v)
{
	const char *sp = strchr(v, ' ');

	if (!sp)
		return valid_addr(v, strlen(v));
	if (sp[1] != '(' || v[strlen(v) - 1] != ')')
		return false;
	return valid_addr(v, (size_t)(sp - v));
}

static const char *bad_pattern(const char *v)
{
	const char *p;

	if (v[0] == '/')
		return "absolute path; F:/X: patterns are relative to the project root";
	if (starts_with(v, "./") || starts_with(v, "../") ||
	    strstr(v, "/../") || strstr(v, "/./") || ends_with(v, "/.."))
		return "'.' or '..' component in a pattern";
	if (strstr(v, "//"))
		return "empty path component (\"//\")";
	for (p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 127)
			return "whitespace or non-ASCII character in a pattern";
	return NULL;
}

static int check_value(char tag, const char *v, unsigned int no,
		       struct parse_error *err)
{
	const char *why;
	size_t i;

	switch (tag) {
	case 'M':
	case 'R':
		if (!valid_person(v))
			return parse_fail(err, no,
				    "%c: \"%s\" is not \"Full Name <address@domain>\"",
				    tag, v);
		break;
	case 'L':
		if (!valid_list(v))
			return parse_fail(err, no,
				    "L: \"%s\" is not a list address (list@domain [(comment)])",
				    v);
		break;
	case 'S':
		for (i = 0; i < ARRAY_SIZE(statuses); i++)
			if (!strcmp(v, statuses[i]))
				return 0;
		return parse_fail(err, no,
			    "S: \"%s\" is not one of Supported, Maintained, Odd Fixes, Orphan, Obsolete, Buried",
			    v);
	case 'F':
	case 'X':
		why = bad_pattern(v);
		if (why)
			return parse_fail(err, no, "%c: \"%s\": %s", tag, v, why);
		break;
	default:
		break;
	}
	return 0;
}

static int finish_entry(struct maint_entry *e, struct parse_error *err)
{
	if (!e->nf)
		return parse_fail(err, e->line,
			    "entry \"%s\" has no F: line; every entry must own files",
			    e->title);
	if (!e->nm && !(e->status && !strcmp(e->status, "Orphan")))
		return parse_fail(err, e->line,
			    "entry \"%s\" has no M: line (use \"S:\tOrphan\" for an unowned entry)",
			    e->title);
	if (!e->status)
		return parse_fail(err, e->line, "entry \"%s\" has no S: line",
			    e->title);
	return 0;
}

static int add_tag(struct maint_entry *e, char tag, const char *v,
		   unsigned int no, struct parse_error *err)
{
	if (check_value(tag, v, no, err))
		return -1;
	switch (tag) {
	case 'M':
		add_value(&e->m, &e->nm, v, no);
		break;
	case 'R':
		add_value(&e->r, &e->nr, v, no);
		break;
	case 'L':
		add_value(&e->l, &e->nl, v, no);
		break;
	case 'F':
		add_value(&e->f, &e->nf, v, no);
		break;
	case 'X':
		add_value(&e->x, &e->nx, v, no);
		break;
	case 'W':
		add_value(&e->w, &e->nw, v, no);
		break;
	case 'T':
		add_value(&e->t, &e->nt, v, no);
		break;
	case 'S':
		if (e->status)
			return parse_fail(err, no,
				    "second S: line in entry \"%s\"", e->title);
		e->status = xstrdup(v);
		break;
	default:
		return parse_fail(err, no,
			    "unknown tag \"%c:\" (known: M R L S W T F X)",
			    tag);
	}
	return 0;
}

static bool is_tag_line(const char *s, size_t len)
{
	return len >= 2 && isupper((unsigned char)s[0]) && s[1] == ':' &&
	       (len == 2 || s[2] == '\t' || s[2] == ' ');
}

static int parse_line(struct maintainers *m, bool *in_entry, const char *s,
		      size_t len, unsigned int no, struct parse_error *err)
{
	struct maint_entry *e;
	char *v;
	size_t i;
	int ret;

	if (len && s[0] == '#')
		return 0;
	if (!len) {
		if (*in_entry && finish_entry(&m->e[m->n - 1], err))
			return -1;
		*in_entry = false;
		return 0;
	}
	if (s[len - 1] == ' ' || s[len - 1] == '\t')
		return parse_fail(err, no, "trailing whitespace");
	if (s[0] == ' ' || s[0] == '\t')
		return parse_fail(err, no,
			    "line starts with whitespace; continuation lines are not allowed");
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < ' ' && s[i] != '\t')
			return parse_fail(err, no, "control character at column %zu",
				    i + 1);
	if (is_tag_line(s, len)) {
		if (!*in_entry)
			return parse_fail(err, no,
				    "\"%c:\" line outside an entry (entries start with a title line)",
				    s[0]);
		v = xstrndup(s + 2, len - 2);
		ret = 0;
		if (!*trim(v))
			ret = parse_fail(err, no, "empty %c: value", s[0]);
		else
			ret = add_tag(&m->e[m->n - 1], s[0], trim(v), no, err);
		free(v);
		return ret;
	}
	if (*in_entry)
		return parse_fail(err, no,
			    "\"%.*s\" is neither a tag line (\"X:\\tvalue\") nor after a blank line",
			    (int)(len > 60 ? 60 : len), s);
	v = xstrndup(s, len);
	for (i = 0; i < m->n; i++) {
		if (!strcmp(m->e[i].title, v)) {
			ret = parse_fail(err, no,
				   "duplicate entry \"%s\" (first at line %u)",
				   v, m->e[i].line);
			free(v);
			return ret;
		}
	}
	m->e = xrealloc(m->e, (m->n + 1) * sizeof(*m->e));
	e = &m->e[m->n++];
	memset(e, 0, sizeof(*e));
	e->title = v;
	e->line = no;
	*in_entry = true;
	return 0;
}

int maintainers_parse(const char *buf, size_t len, struct maintainers *m,
		      struct parse_error *err)
{
	size_t pos = 0;
	unsigned int no = 1;
	bool in_entry = false;

	memset(m, 0, sizeof(*m));
	memset(err, 0, sizeof(*err));
	if (text_check(buf, len, err) || text_check_utf8(buf, len, err))
		return -1;
	while (pos < len) {
		const char *s = buf + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - s) : len - pos;

		if (parse_line(m, &in_entry, s, l, no, err))
			goto bad;
		pos += l + (nl ? 1 : 0);
		no++;
	}
	if (in_entry && finish_entry(&m->e[m->n - 1], err))
		goto bad;
	if (!m->n) {
		parse_fail(err, 0, "no entries");
		goto bad;
	}
	return 0;
bad:
	maintainers_free(m);
	return -1;
}

int maintainers_load(const char *path, struct maintainers *m,
		     struct parse_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	memset(m, 0, sizeof(*m));
	memset(err, 0, sizeof(*err));
	if (read_file(path, &sb)) {
		parse_fail(err, 0, "cannot read: %s", strerror(errno));
		sb_release(&sb);
		return -1;
	}
	ret = maintainers_parse(sb.buf ? sb.buf : "", sb.len, m, err);
	sb_release(&sb);
	if (!ret)
		m->path = xstrdup(path);
	return ret;
}

bool maintainers_pattern_match(const char *pattern, const char *path)
{
	size_t n = strlen(pattern);
	char *dir;
	bool ok;

	while (starts_with(path, "./"))
		path += 2;
	if (n && pattern[n - 1] == '/') {
		/* "dir/": the directory itself and everything below it. */
		dir = xstrndup(pattern, n - 1);
		ok = !fnmatch(dir, path, FNM_PATHNAME | FNM_LEADING_DIR);
		free(dir);
		return ok;
	}
	if (!fnmatch(pattern, path, FNM_PATHNAME))
		return true;
	/* A pattern naming a directory (without the '/') covers its files. */
	return !fnmatch(pattern, path, FNM_PATHNAME | FNM_LEADING_DIR);
}

bool maintainers_entry_covers(const struct maint_entry *e, const char *path)
{
	bool hit = false;
	size_t i;

	for (i = 0; i < e->nf && !hit; i++)
		hit = maintainers_pattern_match(e->f[i].text, path);
	for (i = 0; i < e->nx && hit; i++)
		if (maintainers_pattern_match(e->x[i].text, path))
			hit = false;
	return hit;
}

char *maint_address(const char *who)
{
	const char *lt = strchr(who, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	char *a, *p;

	if (lt && gt)
		a = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	else
		a = xstrdup(who);
	p = strchr(a, ' ');
	if (p)
		*p = '\0';	/* "list@host (comment)" */
	for (p = a; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return a;
}

static void add_owner(struct maint_owners *o, const char *who, bool is_list,
		      const char *role, const char *title)
{
	char *addr = maint_address(who), *a;
	struct maint_owner *w;
	size_t i;

	for (i = 0; i < o->n; i++) {
		a = maint_address(o->v[i].who);
		if (!strcmp(a, addr)) {
			char *old = o->v[i].roles;
			char *one = xasprintf("%s:%s", role, title);

			free(a);
			free(addr);
			if (!strstr(old, one))
				o->v[i].roles = xasprintf("%s,%s", old, one);
			else
				old = NULL;
			free(one);
			free(old);
			return;
		}
		free(a);
	}
	free(addr);
	o->v = xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
	w = &o->v[o->n++];
	if (is_list && strchr(who, ' '))
		w->who = xstrndup(who, (size_t)(strchr(who, ' ') - who));
	else
		w->who = xstrdup(who);
	w->roles = xasprintf("%s:%s", role, title);
	w->is_list = is_list;
}

size_t maintainers_resolve(const struct maintainers *m, const char *path,
			   struct maint_owners *o)
{
	size_t i, j, hits = 0;

	for (i = 0; i < m->n; i++) {
		const struct maint_entry *e = &m->e[i];

		if (!maintainers_entry_covers(e, path))
			continue;
		hits++;
		for (j = 0; j < e->nm; j++)
			add_owner(o, e->m[j].text, false, "maintainer",
				  e->title);
		for (j = 0; j < e->nr; j++)
			add_owner(o, e->r[j].text, false, "reviewer", e->title);
		for (j = 0; j < e->nl; j++)
			add_owner(o, e->l[j].text, true, "open list", e->title);
	}
	return hits;
}

void maint_owners_free(struct maint_owners *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].who);
		free(o->v[i].roles);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}
