/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a branch's kernel tree comes from: the --tree option, the row's
 * tree variable, a kernel.org release (--version), or the row's Debian
 * source package unpacked into the cache.  The tree itself is only ever
 * read.
 */
#ifndef BACKPORT_TREESRC_H
#define BACKPORT_TREESRC_H

#include <stdbool.h>

#include "table.h"

/*
 * Resolve the tree of @b: @tree_opt, else $tree_var (a runner's variable
 * wins over @version), else @version fetched from kernel.org into the
 * cache (fetch.h), else the Debian source package (installed with
 * apt-get when @may_install and root, unpacked into the cache once).
 * @version, when given, must be a release of the row's branch.  Returns
 * a malloc'd absolute path, or NULL with a message printed (the caller
 * exits 2).
 */
char *resolve_tree(const struct table *t, const struct branch *b,
		   const char *tree_opt, const char *version,
		   bool may_install);

#endif
