/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one series push: a branch's quilt series, checked before anything
 * is copied, then pushed with the real quilt
 *
 *	QUILT_PATCHES=<root>/ports/<branch> QUILT_SERIES=<root>/series/<branch>
 *	QUILT_PC=.pc LC_ALL=C quilt --quiltrc=- push -a --fuzz=0
 *
 * in a scratch directory, with a timeout.  Used by "backport apply" and by
 * every patched build.
 */
#ifndef BACKPORT_QUILT_H
#define BACKPORT_QUILT_H

#include <stdbool.h>
#include <stddef.h>

#include "run.h"
#include "series.h"
#include "table.h"
#include "util.h"

/*
 * Check the series of the port row @b: it parses, lists at least one
 * patch, every patch is readable, parses as a -p1 git diff and only
 * touches paths inside the tree.  Fills @s, and @files (if not NULL) with
 * the paths the series touches after "Makefile".  Returns 0, or -1 with a
 * message naming the file and line in @msg.
 */
int quilt_series_check(const struct table *t, const struct branch *b,
		       struct series *s, struct strvec *files, char *msg,
		       size_t msglen);

/*
 * quilt_series_check() of a port row, for a command to run before its
 * first slow step (a tree copy, an unpack, a base build): 0 (also for
 * rows that are not ports), or -1 with the message printed.
 */
int quilt_series_precheck(const struct table *t, const struct branch *b);

enum quilt_state {
	QUILT_NOT_TRIED,
	QUILT_APPLIED,
	QUILT_OFFSET,
	QUILT_FAILED,
};

struct quilt_patch {
	char *name;
	enum quilt_state state;
	struct strbuf msg;	/* quilt's lines about problems / offsets */
};

struct quilt_push {
	struct quilt_patch *p;	/* one per series entry */
	size_t n;
	size_t nok, nfail;
	long cur;		/* index of the patch quilt works on */
	struct strbuf log;	/* everything quilt printed */
	struct run_result res;
};

/*
 * Push the series @s of @b in @dir; quilt's output is appended to
 * @log_path too when set.  Returns 0 when every patch applied, 1 when one
 * failed (@q says which and why), -1 when quilt could not be started.
 */
int quilt_push_series(const struct table *t, const struct branch *b,
		      const struct series *s, const char *dir,
		      const char *log_path, struct quilt_push *q);
void quilt_push_free(struct quilt_push *q);
const char *quilt_state_name(enum quilt_state st);

#endif
