/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a kernel tree in a scratch copy and booting it in QEMU with the
 * shared regression test.  Used by "backport build", "backport boot" and
 * "backport verify".
 *
 * Layout under the cache (BACKPORT_CACHE, else $XDG_CACHE_HOME/backport,
 * else ~/.cache/backport):
 *
 *   work/<branch>/<variant>/src	 rsync copy of the tree (+ quilt push)
 *   work/<branch>/<variant>/build	 O= directory
 *   work/<branch>/<variant>/build.log
 *   src/<debian package>/		 unpacked Debian linux-source
 *   boot/<name>/			 initramfs, console logs
 *
 * The paths are the same on every run of a branch and variant, so kbuild
 * and ccache only redo what changed.
 */
#ifndef BACKPORT_KBUILD_H
#define BACKPORT_KBUILD_H

#include <stdbool.h>

#include <jansson.h>

#include "console.h"
#include "table.h"
#include "tree.h"
#include "util.h"

/* The cache directory (malloc'd, not created). */
char *cache_dir(void);

/*
 * Resolve the tree of @b: @tree_opt, else $tree_var, else the Debian
 * source package (installed with apt-get when @may_install and root,
 * unpacked into the cache once).  Returns a malloc'd absolute path, or
 * NULL with a message printed (the caller exits 2).
 */
char *resolve_tree(const struct branch *b, const char *tree_opt,
		   bool may_install);

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
};

struct build_result {
	char *workdir;		/* work/<branch>/<variant> */
	char *srcdir, *builddir;
	char *bzimage;		/* absolute path */
	char *gen_init_cpio;	/* absolute path or NULL */
	char *log;		/* build log */
	char *config_sha256;	/* of the final .config */
	char *cc_version;	/* first line of "cc --version" */
	char *error;		/* why it failed, NULL when built */
	struct tree_info ti;
	double seconds;		/* whole build */
	double make_seconds;	/* the bzImage make only */
	int status;		/* EXIT_PASS, EXIT_FINDING (build failed), EXIT_ERROR */
};

int kernel_build(const struct build_req *req, struct build_result *res);
void build_result_free(struct build_result *res);

struct boot_req {
	const char *root;	/* project root (tests/regress) */
	const char *kernel;	/* bzImage */
	const char *gen_init_cpio;	/* or NULL: search next to the kernel */
	const char *log;	/* console log path (truncated) */
	const char *workdir;	/* where the initramfs is made */
	double timeout;		/* host-side limit for the test boot */
	const char *accel;	/* "auto", "tcg" or "kvm" */
	const char *extra_cmdline;	/* appended to the kernel cmdline */
	const struct boot_cfg *cfg;	/* the table's boot settings */
	int smp;		/* 0: cfg->smp */
	int mem_mb;		/* 0: cfg->memory_mb */
	bool echo;		/* copy the console to stderr */
};

struct boot_result {
	struct console con;
	char *log;
	char *cmdline;
	char *accel;		/* what was used */
	double seconds;		/* QEMU wall time */
	bool timed_out;
	int status;		/* 0 ran, EXIT_ERROR could not run */
	char *error;
};

int kernel_boot(const struct boot_req *req, struct boot_result *res);
void boot_result_free(struct boot_result *res);

/* The classification as JSON, and as text on stdout. */
json_t *boot_json(const struct boot_result *r);
void boot_print(const struct boot_result *r, const char *label);

/* The kernel command line used for test boots (malloc'd). */
char *boot_cmdline(const struct boot_cfg *cfg, const char *extra);

#endif
