/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kconfig without running it: the table's configuration fragments, the
 * symbols and configuration inputs of a tree, the check that every
 * requested option survived olddefconfig, and the configuration key that
 * tells a warm build whether it may reuse its .config.
 */
#ifndef BACKPORT_KCONFIG_H
#define BACKPORT_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct kopt {
	char *name;		/* without CONFIG_ */
	char *value;		/* "y", "n", "42", "\"str\"" */
	char *where;		/* file:line */
	int group;		/* any-of group, 0 = none */
};

/* Requested options, in the order the fragments give them. */
struct kopts {
	struct kopt *v;
	size_t n, alloc;
	int groups;
};

void kopts_free(struct kopts *o);

/*
 * Add the options of fragment text @buf (@path names it in "where").
 * Besides the .config syntax it understands
 *	# backport-any-of: CONFIG_A CONFIG_B
 * meaning the check is satisfied when one of them ends up as requested
 * (e.g. SOFTLOCKUP_DETECTOR >= 4.13 vs LOCKUP_DETECTOR before).  @buf is
 * modified.
 */
void kconfig_fragment_parse(char *buf, const char *path, struct kopts *o);
/* Read and parse the fragment @path: 0, or -1 with @msg filled. */
int kconfig_fragment_read(const char *path, struct kopts *o, char *msg,
			  size_t msglen);

/*
 * What a tree's Kconfig knows: the symbols it defines, and its
 * configuration inputs as sorted "path sha256" lines (every Kconfig* file,
 * every *.config under a configs/ directory, scripts/kconfig/ and the top
 * Makefile).
 */
struct kconfig_tree {
	struct strbuf syms;	/* "\nNAME\n" entries */
	struct strvec inputs;
};

#define KCONFIG_TREE_INIT { STRBUF_INIT, STRVEC_INIT }

/* Walk the tree @src (FTS_PHYSICAL); replaces what @kt held. */
void kconfig_tree_load(struct kconfig_tree *kt, const char *src);
/* One file of the walk: @rel relative to the tree, @len bytes of @buf. */
void kconfig_tree_add(struct kconfig_tree *kt, const char *rel,
		      char *buf, size_t len);
/* Sort the inputs once every file is added. */
void kconfig_tree_done(struct kconfig_tree *kt);
bool kconfig_tree_has(const struct kconfig_tree *kt, const char *name);
void kconfig_tree_free(struct kconfig_tree *kt);

/*
 * Compare the requested options with the final .config text @dotconfig
 * (modified).  Returns the number of requested options that did not
 * survive; @report lists them (and, as notes, those the tree does not
 * have, or that the row's @ign list lets go).
 */
int kconfig_check(const struct kopts *want, const struct kconfig_tree *kt,
		  char *dotconfig, char *const *ign, struct strbuf *report);

/*
 * The configuration key: the make command line @make_argv, the compiler
 * and linker versions, the sha256 of every fragment in @fragments (paths)
 * and the tree's configuration inputs.  While it and the .config stay the
 * same, tinyconfig + merge_config.sh + olddefconfig would write the same
 * .config again.  NULL if a fragment is unreadable.
 */
/*
 * The toolchain and fragment lines of a key, onto @sb: "cc", "ld" and
 * "fragment <sha256>" of each fragment's content.  -1 when a fragment
 * cannot be read.  kconfig_key() and kstore_key() (kstore.h) share them.
 */
int kconfig_key_tools(struct strbuf *sb, const char *cc_version,
		      const char *ld_version, const struct strvec *fragments);
char *kconfig_key(const struct strvec *make_argv, const char *cc_version,
		  const char *ld_version, const struct strvec *fragments,
		  const struct kconfig_tree *kt);
/* The stamp a configured build dir keeps: the key and the .config's sha256. */
char *kconfig_stamp_text(const char *key, const char *config_sha256);
/* Does the stamp file @stamp hold @key and the sha256 of @dotconfig? */
bool kconfig_stamp_current(const char *stamp, const char *key,
			   const char *dotconfig);

#endif
