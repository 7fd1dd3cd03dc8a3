/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Build-compatibility patches (configs/compat.json): upstream toolchain
 * fixes an older stable release lacks and a newer toolchain needs, e.g.
 * 1d489151e9f9 "objtool: Don't fail on missing symbol table" for 5.10.7
 * with binutils >= 2.36.  A build applies each one to its scratch copy,
 * after the copy and before the port's quilt push, when the tree's own
 * content says it lacks the fix; a tree that has it gets nothing.  They
 * never become part of a port, a series, a mail or lint.
 *
 *	{"compat": [{"commit": "<40 hex>", "subject": "...",
 *		     "patch": "configs/compat/<12 hex>.patch",
 *		     "needed_if": {"file": "tools/objtool/elf.c",
 *				   "function": "read_symbols",
 *				   "line": "WARN(\"missing symbol table\");"},
 *		     "toolchain": "binutils >= 2.36: ..."}]}
 *
 * "patch" may also be a list: the same commit as each stable branch
 * shipped it (its diff against that branch's file).  A tree that needs the
 * commit gets the first of them whose hunks stand in it (compat_tree_places,
 * by content); when none fits, the first is tried and patch(1) says
 * where it fails.  The loader
 * gives each patch of the list an entry of its own (the same commit,
 * "group" the data file's index).
 *
 * "needed_if": the tree needs the patch while @file holds @line (compared
 * without leading and trailing blanks) inside the body of @function (from
 * its definition at column 0 to the "}" closing it; "function" may be
 * left out for the whole file).  A tree without @file does not need it.
 * "toolchain" (optional) says what makes it necessary.
 *
 * What the loader refuses, naming the file and the field ("compat[0].
 * patch: ..."): a key it does not know, a commit that is not 40 lowercase
 * hex or is listed twice, an empty or multi-line subject, line or
 * toolchain, a path (patch, needed_if.file) that is absolute, has a ".."
 * component or (patch) resolves outside the project root, a function that
 * is no C identifier; and a patch file that is unreadable, is no
 * mail-format patch, starts with another commit's "From <sha>" line, has
 * another subject, touches a path outside the tree or not needed_if.file.
 */
#ifndef BACKPORT_COMPAT_H
#define BACKPORT_COMPAT_H

#include <stdbool.h>
#include <stddef.h>

#include "fixdiff.h"
#include "util.h"

/* The data file, relative to the project root. */
#define COMPAT_FILE	"configs/compat.json"

struct compat_test {
	char *file;		/* relative to the top of the tree */
	char *function;		/* NULL: anywhere in the file */
	char *line;		/* trimmed */
};

struct compat_entry {
	char *commit;		/* 40 hex */
	char *subject;
	char *patch;		/* relative to the project root */
	char *toolchain;	/* or NULL */
	struct compat_test test;
	/* From the patch file (compat_load()). */
	char *patch_path;	/* absolute */
	char *patch_sha256;
	struct strvec files;	/* the paths its diff touches */
	struct fix_diff fd;	/* its hunks */
	/*
	 * The data file's entry this comes from, and which of its "patch"
	 * list: one entry per patch file, the same commit in each.
	 */
	size_t group, alt;
};

struct compat_list {
	struct compat_entry *e;
	size_t n;
};

/*
 * Parse the data file's text @buf (@len bytes; @name stands for the file
 * in messages) into @l, without reading the patches.  Returns 0, or -1
 * with "NAME: FIELD: problem" in @msg.  @l is to be released with
 * compat_free() either way.
 */
int compat_parse(const char *buf, size_t len, const char *name,
		 struct compat_list *l, char *msg, size_t msglen);
/* COMPAT_FILE of @root, parsed, and every patch read and checked. */
int compat_load(const char *root, struct compat_list *l, char *msg,
		size_t msglen);
void compat_free(struct compat_list *l);

/* "compat[N]": the data file's entry of @e, for messages. */
void compat_field(const struct compat_entry *e, char *buf, size_t len);

/*
 * Do the hunks of @e's patch stand in @tree as "patch --fuzz=0" would
 * place them (offsets allowed, read only)?  1 yes, 0 no with @msg saying
 * which hunk does not.
 */
int compat_tree_places(const struct compat_entry *e, const char *tree,
		       char *msg, size_t msglen);

/* Does the text of the test's file (@text, @len bytes) need the patch? */
bool compat_text_needs(const struct compat_test *t, const char *text,
		       size_t len);
/* The same on the file in @tree: 1 needed, 0 not, -1 with @msg filled. */
int compat_tree_needs(const struct compat_entry *e, const char *tree,
		      char *msg, size_t msglen);

/*
 * Apply @e to the scratch copy @dir of @tree: the files it touches are
 * copied from @tree again (so that what a previous build patched never
 * counts), checked with @e's test, then patched with
 *
 *	patch -p1 --fuzz=0 --no-backup-if-mismatch --forward --force
 *
 * (a --dry-run first, so that a patch applies whole or not at all) and
 * given back their mtime in @tree: the copy's objects, built from the same
 * patched text under the same inputs key (workdir.h), stay current.
 * patch's output goes to @log.  Returns 0, or -1 with a message naming
 * the patch and the file in @msg.
 */
int compat_apply(const struct compat_entry *e, const char *tree,
		 const char *dir, const char *log, char *msg, size_t msglen);

#endif
