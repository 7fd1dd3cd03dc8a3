/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cache layout: the one place that names what lives under the cache
 * directory (BACKPORT_CACHE, else $XDG_CACHE_HOME/backport, else
 * ~/.cache/backport).
 *
 *   work/<branch>/<variant>/src	 rsync copy of the tree (+ quilt push)
 *   work/<branch>/<variant>/build	 O= directory
 *   work/<branch>/<variant>/build.log
 *   work/<branch>/<variant>/inputs	 the inputs key the copy and O= were
 *					 made from (workdir.h)
 *   work/<branch>/<variant>/boot/	 initramfs of that variant's boots
 *   kernels/<key>/			 a built kernel shared between rows
 *					 (bzImage, config, gen_init_cpio,
 *					 built-by, file-sha256; kstore.h)
 *   src/<debian package>/		 unpacked Debian linux-source
 *   src/linux-<release>/		 a kernel.org release ("fetch")
 *   src/.unpack.<pid>/			 an unpack in progress
 *   download/<tarball>.part		 a kernel.org download, kept until
 *					 unpacked so that it can resume
 *   download/<tarball>.lock		 one fetch of a release at a time
 *   boot/manual/			 "backport boot": initramfs, console
 *   logs/<branch>/			 console logs of verify and bench
 *   results/				 verify's results/<branch>.json and
 *					 .junit.xml unless --results names
 *					 a directory
 *   kvm-probe				 "kvm" or "tcg": the KVM probe's answer
 *   tree-ids/<fingerprint>		 a tree's identity (treeid.h), under
 *					 the fingerprint of its metadata
 *   bench.XXXXXX/			 a bench's cold build (pid, kept marks)
 *
 * The paths are the same on every run of a branch and variant, so kbuild
 * and ccache only redo what changed.  Every helper returns a malloc'd path
 * and creates nothing.
 */
#ifndef BACKPORT_CACHE_H
#define BACKPORT_CACHE_H

#include <stdbool.h>

/* The cache directory from the environment. */
char *cache_dir(void);

char *cache_work_dir(const char *cache, const char *branch,
		     const char *variant);
/* A built kernel shared between rows, by its key (kstore.h). */
char *cache_kernel_dir(const char *cache, const char *key);
char *cache_debian_src(const char *cache, const char *pkg);
char *cache_unpack_tmp(const char *cache);
/* @name: the release's tarball without .tar.xz ("linux-5.10.46") */
char *cache_release_src(const char *cache, const char *name);
char *cache_download_dir(const char *cache);
/* @tarball: "linux-5.10.46.tar.xz" */
char *cache_download_part(const char *cache, const char *tarball);
char *cache_download_lock(const char *cache, const char *tarball);
char *cache_manual_boot(const char *cache);
char *cache_logs_dir(const char *cache, const char *branch);
char *cache_results_dir(const char *cache);
char *cache_kvm_probe(const char *cache);
/* @fingerprint: 64 hex, from treeid.c */
char *cache_tree_id(const char *cache, const char *fingerprint);
/* A mkdtemp(3) template for a bench's cold build. */
char *cache_bench_template(const char *cache);
/* Is @name (an entry of the cache directory) a bench's cold build? */
bool cache_is_bench_dir(const char *name);

#endif
