/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an untrusted string must look like before it reaches a file, a
 * program's argv, a shell (ci/<branch>.env is sourced) or a mail: one
 * validator per kind of value, each saying what it wants when the value
 * is not one.  Used by the table loader (table-check.c) on every string
 * of configs/branches.json, and by the writers that build paths inside
 * the repository (repo_path_abs()).
 */
#ifndef BACKPORT_VALID_H
#define BACKPORT_VALID_H

#include <stdbool.h>
#include <stddef.h>

enum vkind {
	V_LINE,		/* one line of text: not empty, no control character */
	V_IDENT,	/* an environment variable name: [A-Z_][A-Z0-9_]* */
	V_CONFIG,	/* a Kconfig symbol: CONFIG_[A-Z0-9_]+ */
	V_PACKAGE,	/* a Debian package name: [a-z0-9][a-z0-9+.-]+ */
	V_PROGRAM,	/* a program looked up in PATH: gcc-11 */
	V_REPO_PATH,	/* a relative path that stays inside the repository */
	V_FILE_NAME,	/* one path component: x.patch */
	V_BRANCH,	/* 5.10.y, or 4.19.y-optional */
	V_RELEASE,	/* 4.5 or 5.10.46 */
	V_VERSION,	/* 5.10.46 */
	V_COMMIT,	/* 40 lowercase hex digits */
	V_ABBREV,	/* 12 to 40 lowercase hex digits */
	V_PERSON,	/* Name <user@host> */
	V_CPU,		/* a QEMU -cpu model: kvm64, max,+x2apic */
	V_SYMBOL,	/* a kernel function name: __migration_entry_wait */
	V_WORK_UNIT,	/* a count of the test's work line (work.h): splits */
};

/*
 * NULL when @s is a @k, else what a @k is, for a message ("an environment
 * variable name ([A-Z_][A-Z0-9_]*)").  NULL @s is not valid.
 */
const char *valid_check(enum vkind k, const char *s);

/* Is @len bytes at @s valid UTF-8 (no overlong forms, no surrogates)? */
bool utf8_valid(const char *s, size_t len);

/*
 * @s for a message, malloc'd: in double quotes, control characters,
 * quotes, backslashes and bytes >= 0x7f as C escapes, cut after @max bytes
 * of @s with "...".
 */
char *valid_quote(const char *s, size_t max);

/*
 * The absolute path of @rel under the repository @root, for writing it:
 * @rel must be a V_REPO_PATH and no existing directory on the way may be
 * a symbolic link that leads out of @root.  Returns the malloc'd path, or
 * NULL with "REL: why" in @msg.
 */
char *repo_path_abs(const char *root, const char *rel, char *msg,
		    size_t msglen);

/*
 * An output file the option @opt names: not a directory, and in a
 * directory that exists (none is made for it).  0, or -1 with the
 * message printed ("--output /x/y/R.md: no directory /x/y").
 */
int output_file_check(const char *opt, const char *path);
/* An output directory @opt names: it, or at least its parent, exists. */
int output_dir_check(const char *opt, const char *path);

#endif
