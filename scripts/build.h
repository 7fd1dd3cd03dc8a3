/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a kernel tree: a scratch copy under the cache, the branch's
 * quilt series pushed there for the patched variant, the configuration
 * (tinyconfig + the tree's merge_config.sh with the table's fragments +
 * olddefconfig, reused while its inputs are unchanged) and make bzImage
 * in an O= directory, with ccache and the branch's toolchain.
 *
 * Between the copy and the port, the build-compatibility patches the
 * tree's content asks for (compat.h) are applied to the copy.
 *
 *	copy -> compat -> patch -> configure -> make	(kernel_build)
 */
#ifndef BACKPORT_BUILD_H
#define BACKPORT_BUILD_H

#include <stdbool.h>

#include "table.h"
#include "tree.h"
#include "util.h"

/*
 * Start a kernel make command line in @av: make -jNCPU [O=@builddir]
 * ARCH=x86_64 CROSS_COMPILE= CC=@cc HOSTCC=<the branch's>.  CROSS_COMPILE=
 * is explicit because some imported trees default it (and ARCH) to a
 * vendor's cross toolchain in their Makefile.  The caller adds targets.
 */
void kbuild_make_argv(struct strvec *av, const struct branch *b,
		      const char *cc, const char *builddir);

struct build_req {
	const struct table *t;
	const struct branch *b;
	const char *tree;	/* the user's tree, read only */
	bool patched;		/* push the branch's quilt series */
	bool install;		/* may apt-get install the toolchain */
	const char *outdir;	/* copy bzImage and .config here, or NULL */
	bool quiet;		/* no progress lines */
	const char *cache;	/* cache directory, NULL: cache_dir() */
	const char *ccache_dir;	/* CCACHE_DIR of the build, NULL: inherited */
};

struct build_result {
	char *workdir;		/* work/<branch>/<variant> */
	char *tree_id;		/* the tree's identity (treeid.h) */
	char *srcdir, *builddir;
	char *bzimage;		/* absolute path */
	char *gen_init_cpio;	/* absolute path or NULL */
	char *log;		/* build log */
	char *config_sha256;	/* of the final .config */
	char *cc_version;	/* first line of "cc --version" */
	char *ld_version;	/* first line of "ld --version" */
	/* The .config's toolchain symbols, "CONFIG_X=v" (toolconf.h). */
	struct strvec toolchain_config;
	char *error;		/* why it failed, NULL when built */
	/* What the kernel is made of (kstore.h); NULL when unknown. */
	char *kernel_key;
	/* The row whose build of the same kernel was taken, or NULL. */
	char *reused_from;
	/* Commits (40 hex) of the compat patches applied to the copy. */
	struct strvec compat;
	struct tree_info ti;
	double seconds;		/* whole build */
	double make_seconds;	/* the bzImage make only */
	int status;		/* EXIT_PASS, EXIT_FINDING (build failed), EXIT_ERROR */
};

int kernel_build(const struct build_req *req, struct build_result *res);
void build_result_free(struct build_result *res);

#endif
