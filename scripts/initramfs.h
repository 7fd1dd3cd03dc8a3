/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The initramfs of a test boot: every C file of tests/regress/ in the project
 * compiled with gcc -static (init.c is PID 1), packed with the tree's own
 * usr/gen_init_cpio when the build made one, else with cpio -H newc.
 */
#ifndef BACKPORT_INITRAMFS_H
#define BACKPORT_INITRAMFS_H

/*
 * Make @out from the programs of @root/tests/regress, staging in
 * @workdir; @gen is gen_init_cpio or NULL.  Returns 0, or -1 with a
 * malloc'd message in @error.
 */
int initramfs_make(const char *root, const char *workdir, const char *gen,
		   const char *out, char **error);

#endif
