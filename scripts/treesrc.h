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
 * exits 2).  When @source is not NULL and a tree was found, *@source is
 * set to how, in words that name no path (the results' tree.source):
 *
 *   --tree                              @tree_opt
 *   variable BACKPORT_TREE_5_10         the row's tree variable
 *   kernel.org linux-5.10.46.tar.xz     @version, fetched (fetch.h)
 *   debian linux-source-6.1             the row's Debian source package
 */
char *resolve_tree(const struct table *t, const struct branch *b,
		   const char *tree_opt, const char *version,
		   bool may_install, char **source);

#endif
