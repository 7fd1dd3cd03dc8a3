// SPDX-License-Identifier: GPL-2.0
/*
 * ci/packages.txt (see deps.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "deps.h"

bool deps_valid_package(const char *name)
{
	const char *p;

	if (strlen(name) < 2 || !(islower((unsigned char)name[0]) ||
				  isdigit((unsigned char)name[0])))
		return false;
	for (p = name; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    !strchr("+.-", *p))
			return false;
	return true;
}

static bool valid_program(const char *name)
{
	const char *p;

	if (!*name || name[0] == '.' || name[0] == '-')
		return false;
	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("+._-", *p))
			return false;
	return true;
}

void deps_free(struct deps *ds)
{
	size_t i;

	for (i = 0; i < ds->n; i++) {
		free(ds->d[i].package);
		sv_clear(&ds->d[i].programs);
	}
	free(ds->d);
	memset(ds, 0, sizeof(*ds));
}

/* One line: the package and its programs; -1 with @err filled. */
static int parse_line(char *line, unsigned int no, struct deps *ds,
		      struct parse_error *err)
{
	char *save = NULL, *w = strtok_r(line, " \t", &save);
	struct dep *d;

	if (!w || w[0] == '#')
		return 0;
	if (!deps_valid_package(w))
		return parse_fail(err, no, "\"%s\" is not a Debian package name",
				  w);
	if (deps_find(ds, w))
		return parse_fail(err, no, "package %s listed twice", w);
	ds->d = xrealloc(ds->d, (ds->n + 1) * sizeof(*ds->d));
	d = &ds->d[ds->n++];
	memset(d, 0, sizeof(*d));
	d->package = xstrdup(w);
	d->line = no;
	while ((w = strtok_r(NULL, " \t", &save))) {
		if (!valid_program(w))
			return parse_fail(err, no, "\"%s\" is not a program name",
					  w);
		sv_push(&d->programs, w);
	}
	return 0;
}

int deps_parse(const char *buf, size_t len, struct deps *ds,
	       struct parse_error *err)
{
	char *text = xstrndup(buf, len), *line, *next;
	unsigned int no = 0;
	int ret = 0;

	memset(ds, 0, sizeof(*ds));
	memset(err, 0, sizeof(*err));
	if (memchr(buf, '\0', len))
		ret = parse_fail(err, 0, "NUL byte in the file");
	for (line = text; !ret && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		no++;
		ret = parse_line(line, no, ds, err);
	}
	if (!ret && !ds->n)
		ret = parse_fail(err, 0, "no package listed");
	free(text);
	if (ret)
		deps_free(ds);
	return ret;
}

const struct dep *deps_find(const struct deps *ds, const char *package)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (!strcmp(ds->d[i].package, package))
			return &ds->d[i];
	return NULL;
}
