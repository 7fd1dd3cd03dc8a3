/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ci/packages.txt: the Debian packages the project needs and, for each,
 * the programs from it that the tool or its tests run.  "make deps"
 * installs the packages; "backport doctor" checks packages and programs.
 *
 * Format: one package per line, then its programs, separated by blanks;
 * '#' starts a comment line; blank lines are ignored.  Package names are
 * Debian's ([a-z0-9][a-z0-9+.-]+), program names plain file names.
 */
#ifndef BACKPORT_DEPS_H
#define BACKPORT_DEPS_H

#include <stddef.h>

#include "patch.h"
#include "util.h"

struct dep {
	char *package;
	struct strvec programs;
	unsigned int line;
};

struct deps {
	struct dep *d;
	size_t n;
};

/* Parse @len bytes of @buf.  Returns 0, or -1 with @err filled. */
int deps_parse(const char *buf, size_t len, struct deps *ds,
	       struct parse_error *err);
void deps_free(struct deps *ds);
/* The entry of @package, or NULL. */
const struct dep *deps_find(const struct deps *ds, const char *package);
/* Is @name a Debian package name? */
bool deps_valid_package(const char *name);

#endif
