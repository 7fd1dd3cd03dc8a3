// SPDX-License-Identifier: GPL-2.0
/*
 * quilt series file parser.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "util.h"

/* "a/../b", "..", "../x", "x/.." */
static bool has_dotdot(const char *name)
{
	const char *p = name;

	while ((p = strstr(p, ".."))) {
		bool start = p == name || p[-1] == '/';
		bool end = p[2] == '\0' || p[2] == '/';

		if (start && end)
			return true;
		p += 2;
	}
	return false;
}

static int check_name(const char *name, unsigned int no,
		      struct parse_error *err)
{
	const char *c;

	if (name[0] == '/')
		return parse_fail(err, no, "absolute patch path \"%s\"; series entries are relative to the patches directory",
			    name);
	if (has_dotdot(name))
		return parse_fail(err, no, "patch path \"%s\" contains \"..\" and leaves the patches directory",
			    name);
	if (name[strlen(name) - 1] == '/')
		return parse_fail(err, no, "patch path \"%s\" names a directory",
			    name);
	for (c = name; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return parse_fail(err, no, "control character in patch name");
	}
	return 0;
}

static int parse_opt(const char *tok, unsigned int no, unsigned int *strip,
		     struct parse_error *err)
{
	char *end;
	unsigned long v;

	if (tok[0] != '-' || tok[1] != 'p' || tok[2] < '0' || tok[2] > '9')
		return parse_fail(err, no, "unsupported option \"%s\" (only -pN)",
			    tok);
	v = strtoul(tok + 2, &end, 10);
	if (*end || v > 64)
		return parse_fail(err, no, "bad strip level \"%s\"", tok);
	*strip = (unsigned int)v;
	return 0;
}

static int parse_line(char *line, unsigned int no, struct series *s,
		      struct parse_error *err)
{
	char *hash, *tok, *save = NULL, *name;
	unsigned int strip = 1;
	bool have_p = false;
	struct series_entry *e;

	/* A comment runs to the end of the line ("NAME -p1 # why"). */
	hash = strchr(line, '#');
	if (hash && (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
		*hash = '\0';
	name = strtok_r(line, " \t", &save);
	if (!name)
		return 0;
	if (check_name(name, no, err))
		return -1;
	while ((tok = strtok_r(NULL, " \t", &save))) {
		if (have_p)
			return parse_fail(err, no, "more than one option after \"%s\"",
				    name);
		if (parse_opt(tok, no, &strip, err))
			return -1;
		have_p = true;
	}
	if (series_find(s, name) >= 0)
		return parse_fail(err, no, "patch \"%s\" listed twice (first at line %u)",
			    name, s->e[series_find(s, name)].line);
	s->e = xrealloc(s->e, (s->n + 1) * sizeof(*s->e));
	e = &s->e[s->n++];
	e->name = xstrdup(name);
	e->strip = strip;
	e->line = no;
	return 0;
}

int series_parse(const char *buf, size_t len, struct series *s,
		 struct parse_error *err)
{
	size_t pos = 0;
	unsigned int no = 0;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	if (text_check(buf, len, err))
		return -1;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		char *line = xstrndup(buf + pos, l);
		int r;

		no++;
		pos += l + 1;
		r = parse_line(line, no, s, err);
		free(line);
		if (r) {
			series_free(s);
			return -1;
		}
	}
	return 0;
}

int series_load(const char *path, struct series *s, struct parse_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	memset(s, 0, sizeof(*s));
	if (read_file(path, &sb)) {
		memset(err, 0, sizeof(*err));
		parse_fail(err, 0, "%s", strerror(errno));
		sb_release(&sb);
		return -1;
	}
	ret = series_parse(sb_str(&sb), sb.len, s, err);
	sb_release(&sb);
	return ret;
}

void series_free(struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->e[i].name);
	free(s->e);
	memset(s, 0, sizeof(*s));
}

long series_find(const struct series *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].name, name))
			return (long)i;
	return -1;
}
