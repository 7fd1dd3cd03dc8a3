/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel trees from kernel.org: a release's tarball downloaded from a
 * mirror with kernel.org's layout ($BACKPORT_MIRROR, default
 * FETCH_DEFAULT_MIRROR; v<major>.x/linux-<release>.tar.xz), checked
 * against that directory's sha256sums.asc (its signature with gpgv when
 * $BACKPORT_KEYRING names a keyring), unpacked once into the cache.
 */
#ifndef BACKPORT_FETCH_H
#define BACKPORT_FETCH_H

#include <stddef.h>

#include "table.h"

#define FETCH_DEFAULT_MIRROR	"https://cdn.kernel.org/pub/linux/kernel"

struct release {
	unsigned int major, minor, sub;
	/* "linux-5.10.46"; "linux-5.10" for 5.10.0, as kernel.org names it */
	char name[40];
};

/*
 * Parse a release number: "X.Y.Z", or "X.Y" for X.Y.0 (digits, no
 * leading zeros).  Returns 0, or -1.
 */
int release_parse(const char *s, struct release *r);
/*
 * The release fetch takes for @b: @version, which must be a release of
 * the row's branch, else the row's "release".  Returns 0, or -1 with
 * the reason in @msg.
 */
int fetch_release(const struct branch *b, const char *version,
		  struct release *r, char *msg, size_t msglen);
/* $BACKPORT_MIRROR or FETCH_DEFAULT_MIRROR, without a trailing '/'. */
char *fetch_mirror(void);
/*
 * Is @mirror (as fetch_mirror() gives it) one fetch takes: file:///PATH
 * or https://HOST[:PORT][/PATH], the path printable ASCII with no space,
 * quote, '?', '#', '%' or backslash and no "." or ".." segment?  Returns
 * 0, or -1 with the reason in @msg.
 */
int fetch_mirror_check(const char *mirror, char *msg, size_t msglen);
/* The directory of @r on @mirror: "<mirror>/v5.x/" (malloc'd). */
char *fetch_dir_url(const char *mirror, const struct release *r);
/* "linux-5.10.46.tar.xz" (malloc'd). */
char *fetch_tarball(const struct release *r);

/*
 * The tree of @version (see fetch_release()) of @b: reused when an
 * earlier fetch unpacked it, else downloaded (resuming a partial
 * download), checked and unpacked.  Progress on stderr.  Returns the
 * tree's absolute path (malloc'd), or NULL with the error printed.
 */
char *fetch_tree(const struct table *t, const struct branch *b,
		 const char *version);

#endif
