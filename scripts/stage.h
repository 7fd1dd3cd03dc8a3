/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing a set of files inside the repository all or nothing: every
 * path is checked (repo_path_abs()), every file is first written to a
 * staging directory inside the repository, then renamed into place; when
 * one rename fails, the files already replaced get their old contents
 * back and the directories made for them are removed.  Used by "backport
 * import", whose ports, series entries and upstream mbox go together.
 */
#ifndef BACKPORT_STAGE_H
#define BACKPORT_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct stage_file {
	char *rel;		/* relative to the root */
	char *text;
	size_t len;
	bool create_only;	/* refuse to replace other contents */
	/* Filled by stage_commit(). */
	char *abs;
	bool existed, changed;
	struct strbuf old;
};

struct stage {
	char *root;
	struct stage_file *f;
	size_t n;
};

void stage_init(struct stage *s, const char *root);
/*
 * Add @rel with the @text (taken over, NUL-terminated); with
 * @create_only, a file already there with other contents is an error.
 */
void stage_add(struct stage *s, const char *rel, char *text,
	       bool create_only);
/*
 * Write every file that differs, all or nothing, and print "REL: written"
 * or "REL: up to date" for each.  Returns 0, or -1 with the message
 * printed (naming the file) and the repository as it was.
 */
int stage_commit(struct stage *s);
void stage_free(struct stage *s);

#endif
