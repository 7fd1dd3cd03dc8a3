/* SPDX-License-Identifier: GPL-2.0 */
/*
 * JSON (jansson) and JUnit XML output helpers.
 */
#ifndef BACKPORT_JSON_H
#define BACKPORT_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

json_t *json_str_or_null(const char *s);
/* The strings of @sv as a JSON array. */
json_t *json_strvec(const struct strvec *sv);
/* Pretty-print to stdout with a final newline. */
void json_print(json_t *j);
/* Write pretty JSON to @path atomically; 0 or -1 (message printed). */
int json_write_file(const char *path, json_t *j);

struct junit_case {
	const char *classname;
	const char *name;
	double seconds;
	const char *failure;	/* NULL when it passed */
	const char *skipped;	/* NULL unless skipped */
	const char *output;	/* system-out, may be NULL */
};

/* Write one JUnit <testsuite> to @path atomically; 0 or -1. */
int junit_write_file(const char *path, const char *suite,
		     const struct junit_case *cases, size_t n);
/* XML-escape into a malloc'd string (exposed for tests). */
char *xml_escape(const char *s);

#endif
