/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The evidence of results/<branch>.json (written by "backport verify") for
 * the mail and report commands, read with results_read(): a missing file
 * means "not verified yet", a file that is there must be a valid results
 * document of that branch.
 */
#ifndef BACKPORT_EVIDENCE_H
#define BACKPORT_EVIDENCE_H

#include <stdbool.h>

#include "results.h"
#include "table.h"
#include "util.h"

struct evidence {
	char *path;		/* results/<branch>.json, relative to root */
	bool present;		/* the file exists and was read */
	struct results res;	/* the document, when present */
	char *verdict;		/* overall verdict */
	char *ab;		/* "A (unpatched): FAIL, B (patched): PASS" */
	char *tree_version;
	char *toolchain;
	char *when;		/* finished */
	char *timings;		/* "build 8s, boot 269s, total 279s" */
};

/*
 * Load the evidence of @branch under @root.  Returns 0 (@ev->present tells
 * whether there was a file), or -1 with a message naming the file and the
 * field in @msg when the file is not a valid results document of @branch.
 * @ev is to be released with evidence_free() either way.
 */
int evidence_load(const char *root, const char *branch, struct evidence *ev,
		  char *msg, size_t msglen);
void evidence_free(struct evidence *ev);

/* A one-line-per-fact text block ("  verdict: ...\n"), malloc'd. */
char *evidence_text(const struct evidence *ev, const char *indent);

/*
 * The patches of @branch's quilt series (series/<branch>, one patch name
 * per line, '#' comments) as paths relative to @root: ports/<branch>/NAME.
 * Returns 0, or -1 with a message naming the file (and line) in @msg.
 */
int port_series(const char *root, const char *branch, struct strvec *out,
		char *msg, size_t msglen);

#endif
