/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Built kernels shared between rows: a bzImage is kept in the cache
 * (<cache>/kernels/<key>/, cache_kernel_dir()) under the key of what it
 * is made from, so that a second row asking for the same kernel (same
 * tree identity, compat patches, series, configuration inputs and
 * toolchain: 4.19.y and 4.19.y-optional's base) boots the first row's
 * kernel instead of building it again.  The row is not an input: two
 * rows that differ in anything the kernel is made of get two keys.
 */
#ifndef BACKPORT_KSTORE_H
#define BACKPORT_KSTORE_H

#include "table.h"
#include "util.h"

/*
 * The key (64 hex, malloc'd) of the kernel built from the scratch
 * directory of inputs key @workdir_key with @make_argv (O= and -j left
 * out: where and how fast it is built change nothing in it), the
 * compiler and linker (first lines of --version) and the fragments (by
 * content, in order).  NULL when a fragment is unreadable.
 */
char *kstore_key(const char *workdir_key, const struct strvec *make_argv,
		 const char *cc_version, const char *ld_version,
		 const struct strvec *fragments);

struct kstore_entry {
	char *dir;
	char *bzimage, *config, *gen_init_cpio;	/* gen_init_cpio or NULL */
	/*
	 * The build's System.map, or NULL (kept beside the bzImage, where
	 * a boot names its vCPUs' RIPs from it: qemu.h).
	 */
	char *system_map;
	char *built_by;		/* the row it was built for */
	char *file_sha256;	/* the fix's file after the series, or NULL */
};

/*
 * The kernel of @key in @cache, built for a row of @t: 1 with @e filled,
 * 0 when there is none (or it is incomplete, or names no row of @t).
 */
int kstore_find(const char *cache, const char *key, const struct table *t,
		struct kstore_entry *e);

/*
 * Keep @e's files (bzimage and config required) as the kernel of @key,
 * built for row @e->built_by; all or nothing.  0, or -1 with @msg filled.
 */
int kstore_save(const char *cache, const char *key,
		const struct kstore_entry *e, char *msg, size_t msglen);

void kstore_entry_free(struct kstore_entry *e);

#endif
