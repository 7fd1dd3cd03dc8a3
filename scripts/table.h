/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The branch table (configs/branches.json): the one place that says which
 * stable branches exist, what was decided for each and why, and what each
 * needs to build.  Every subcommand reads it through this interface.
 */
#ifndef BACKPORT_TABLE_H
#define BACKPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "patch.h"

enum decision {
	DECISION_PORT,
	DECISION_NOT_PORTED,
	DECISION_NOT_AFFECTED,
	DECISION_FIXED_UPSTREAM,
};

struct branch {
	char *name;		/* "5.10.y" */
	unsigned int major, minor;
	enum decision decision;
	char *reason;
	char *base_max;		/* newest pre-fix release, or NULL */
	char *fixed_in;		/* first release with the fix, or NULL */
	char *series;		/* "series/5.10.y" for port rows */
	char *cc, *hostcc;	/* toolchain */
	char **packages;	/* NULL-terminated apt packages */
	char *tree_var;		/* environment variable naming a tree */
	char *debian_source;	/* Debian package providing a tree */
	char **fragments;	/* extra config fragments, NULL-terminated */
	char **config_ignore;	/* CONFIG_ names the build need not get */
};

struct upstream {
	char *commit;		/* 40 hex */
	char *subject;
	char *author;
	char *fixes;		/* 12 hex */
	char *fixes_subject;
	char *fixes_release;
	char *mbox;		/* relative to the project root */
	char *patch_name;
	char *file;		/* "mm/migrate.c" */
	char *function;
	char *anchor;		/* line the fix goes after */
	char *fix_line;
};

/* How test kernels are booted (the table's "boot" object). */
struct boot_cfg {
	char *cmdline;		/* kernel command line of a test boot */
	int smp;		/* vCPUs */
	int memory_mb;
	double timeout;		/* default host-side limit per boot, s */
	char *cpu_tcg;		/* -cpu under TCG, NULL: QEMU's default */
	char *cpu_kvm;		/* -cpu under KVM */
};

struct table {
	char *root;		/* project root directory */
	char *path;		/* the JSON file */
	struct upstream up;
	char *backporter;
	char **fragments;	/* NULL-terminated, relative to root */
	struct boot_cfg boot;
	struct branch *b;
	size_t n;
};

/*
 * Find the project root: $BACKPORT_ROOT, else the directory holding the
 * running executable, else the current directory; it must contain
 * configs/branches.json.  Returns a malloc'd path or NULL (message printed).
 */
char *project_root(void);

/* Load the table at @path.  Returns 0, or -1 with @err filled. */
int table_load(const char *root, const char *path, struct table *t,
	       struct parse_error *err);
/* Load the table of the project root; prints errors; -1 on failure. */
int table_load_default(struct table *t);
void table_free(struct table *t);

const struct branch *table_find(const struct table *t, const char *name);
/*
 * table_find() for a name the user gave: prints "no branch X in FILE
 * (branches: ...)" and returns NULL when absent; with @port_only, also
 * refuses rows whose decision is not "port".
 */
const struct branch *table_branch(const struct table *t, const char *name,
				  bool port_only);
/*
 * table_load_default() then table_branch(): the row for a --branch option,
 * or NULL with the message printed and nothing left to free.
 */
const struct branch *table_load_branch(struct table *t, const char *name,
				       bool port_only);
const char *decision_name(enum decision d);
/* Resolve a path relative to the project root (malloc'd). */
char *table_path(const struct table *t, const char *rel);

/* Parse "5.10.44" / "5.10.y"; returns 0 on success. */
int parse_version(const char *s, unsigned int *maj, unsigned int *min,
		  unsigned int *sub);

#endif
