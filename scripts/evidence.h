/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading results/<branch>.json (written by "backport verify") for the
 * mail and report commands.  Tolerant: a missing file means "not verified
 * yet", missing fields are NULL.
 */
#ifndef BACKPORT_EVIDENCE_H
#define BACKPORT_EVIDENCE_H

#include <stdbool.h>

#include <jansson.h>

#include "table.h"
#include "util.h"

struct evidence {
	char *path;		/* results/<branch>.json, relative to root */
	bool present;		/* the file exists and parsed */
	char *error;		/* why it could not be read, if it exists */
	json_t *doc;		/* the whole document, or NULL */
	char *verdict;		/* overall verdict */
	char *ab;		/* "A (unpatched): FAIL, B (patched): PASS" */
	char *tree_version;
	char *toolchain;
	char *when;		/* finished / date field */
	char *timings;		/* "apply 1s, build 180s, boot 20s" */
};

/* Load the evidence of @branch under @root.  Never fails. */
void evidence_load(const char *root, const char *branch, struct evidence *ev);
void evidence_free(struct evidence *ev);

/* A one-line-per-fact text block ("  verdict: ...\n"), malloc'd. */
char *evidence_text(const struct evidence *ev, const char *indent);

/*
 * Look up a string-ish value (string, number, bool) at the first of the
 * dotted @paths ("a.b.c") that exists; NULL when none does.  malloc'd.
 */
char *evidence_str(json_t *doc, const char *const *paths);

/*
 * The patches of @branch's quilt series (series/<branch>, one patch name
 * per line, '#' comments) as paths relative to @root: ports/<branch>/NAME.
 * Returns 0, or -1 with a message naming the file (and line) in @msg.
 */
int port_series(const char *root, const char *branch, struct strvec *out,
		char *msg, size_t msglen);

#endif
