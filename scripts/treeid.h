/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The identity of a kernel tree: what a build of it is made from.  A
 * sha256 over the tree's manifest (every file's path, executable bit and
 * content sha256, every symlink's target, in name order), leaving out
 * what the scratch copy leaves out (.git, kbuild's not-clean marks).  Two
 * trees with the same identity give the same scratch copy.
 *
 * Hashing a tree reads all of it (about 1 GB); the answer is kept in the
 * cache under a fingerprint of the tree's metadata (path, mode, size,
 * mtime, ctime, inode of every entry), so an unchanged tree is only walked.
 */
#ifndef BACKPORT_TREEID_H
#define BACKPORT_TREEID_H

#include <stdbool.h>
#include <stddef.h>

/* Is @rel (relative to the tree's top) left out of copies and identity? */
bool treeid_excluded(const char *rel);

/*
 * The identity of @dir as 64 lowercase hex digits (malloc'd), using and
 * filling the cache @cache (NULL: none).  NULL with @msg filled when the
 * tree cannot be read.
 */
char *tree_identity(const char *dir, const char *cache, char *msg,
		    size_t msglen);

#endif
