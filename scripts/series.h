/* SPDX-License-Identifier: GPL-2.0 */
/*
 * quilt series files.  Layout used by the project: series/<branch> lists
 * patch names relative to ports/<branch>/, so that
 *
 *	QUILT_PATCHES=<root>/ports/<branch> QUILT_SERIES=<root>/series/<branch>
 *
 * works with quilt (an absolute QUILT_SERIES is used as is).  Format, one
 * entry per line: "NAME [-pN] [# comment]"; blank lines and lines starting
 * with '#' are ignored.  NAME must stay below the patches directory: no
 * absolute paths, no ".." component.
 */
#ifndef BACKPORT_SERIES_H
#define BACKPORT_SERIES_H

#include <stddef.h>

#include "patch.h"

struct series_entry {
	char *name;		/* relative to the patches directory */
	unsigned int strip;	/* -pN, 1 when not given */
	unsigned int line;	/* 1-based line in the series file */
};

struct series {
	struct series_entry *e;
	size_t n;
};

/* Parse series text.  Returns 0, or -1 with @err filled (line set). */
int series_parse(const char *buf, size_t len, struct series *s,
		 struct parse_error *err);
/* Read and parse @path; on read errors err->line is 0. */
int series_load(const char *path, struct series *s, struct parse_error *err);
void series_free(struct series *s);
/* Index of @name in @s, or -1. */
long series_find(const struct series *s, const char *name);

#endif
