/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A build's scratch directory (work/<branch>/<variant>: the copy and the
 * O= directory) is reused only for the same inputs: the tree's identity,
 * the variant, the build-compatibility patches applied to the copy and,
 * for the patched variant, the series and its patches.
 * Anything else starts from an empty copy and an empty O= directory, so
 * that no file or object of another tree survives (kbuild keeps an object
 * that is newer than its source; rsync's quick check keeps a file of the
 * same size and mtime).  ccache keeps the rebuild cheap.
 */
#ifndef BACKPORT_WORKDIR_H
#define BACKPORT_WORKDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "series.h"
#include "table.h"

/*
 * The inputs key (64 hex, malloc'd) of a build of the tree whose identity
 * is @tree_id: base when @s is NULL, else patched with @s's patches (read
 * from the row's ports); with the build-compatibility patches @compat
 * applies ("<commit> <patch sha256>" each, compat.h; NULL or empty: none,
 * and the key is what it was before there were any).  NULL with @msg
 * filled when a patch is unreadable.
 */
char *workdir_key(const struct table *t, const struct branch *b,
		  const char *tree_id, const struct series *s,
		  const struct strvec *compat, char *msg, size_t msglen);

/*
 * Make @workdir's @srcdir and @builddir belong to @key: when the stamp in
 * @workdir names another key (or none while either exists), remove both
 * and say so unless @quiet; then write the stamp.  Returns 1 when it
 * removed them, 0 when they were kept, -1 with @msg filled.
 */
int workdir_claim(const char *workdir, const char *srcdir,
		  const char *builddir, const char *key, bool quiet,
		  char *msg, size_t msglen);

/* Does @workdir's stamp name @key (its copy was made from those inputs)? */
bool workdir_has_key(const char *workdir, const char *key);

#endif
