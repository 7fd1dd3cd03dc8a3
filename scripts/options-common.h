/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options several commands share, declared once so that they have the
 * same name, argument and type everywhere (and the same help where they
 * mean the same thing).
 */
#ifndef BACKPORT_OPTIONS_COMMON_H
#define BACKPORT_OPTIONS_COMMON_H

#include "parse-options.h"

/*
 * --branch B: a row of configs/branches.json.  Commands differ in which
 * rows they take and what the default is, so @h says it.
 */
#define OPT_BRANCH(v, h)	OPT_STRING("branch", "B", v, h)
/* --branch B, repeatable, into a struct strvec */
#define OPT_BRANCH_LIST(v, h)	OPT_STRING_LIST("branch", "B", v, h)
/* --tree DIR: a kernel tree; @h says what it is used for */
#define OPT_TREE(v, h)		OPT_STRING("tree", "DIR", v, h)
/*
 * --version X.Y.Z: a kernel.org release of the row's branch, fetched into
 * the cache as "backport fetch" does; @h says when it is used
 */
#define OPT_VERSION(v, h)	OPT_STRING("version", "X.Y.Z", v, h)

#define OPT_JSON(v) \
	OPT_BOOL("json", v, "machine-readable output on stdout")

#define OPT_INSTALL_TOOLCHAIN(v) \
	OPT_BOOL("install-toolchain", v, \
		 "apt-get install a missing toolchain (root; also\n" \
		 "BACKPORT_INSTALL=1)")

/*
 * The boot group, for commands that boot kernels in QEMU: the values
 * are those of struct boot_req (kbuild.h); a timeout left at 0 means
 * boot.timeout of the table.
 */
#define OPT_BOOT_TIMEOUT(v) \
	OPT_SECONDS("timeout", "S", v, \
		    "host-side limit in seconds (default: boot.timeout\n" \
		    "of configs/branches.json)")
#define OPT_BOOT_ACCEL(v) \
	OPT_CHOICE("accel", "A", v, "auto|tcg|kvm", \
		   "auto (default: KVM only if a 10 s probe boot\n" \
		   "reaches the test; result cached), tcg or kvm")
#define OPT_BOOT_APPEND(v) \
	OPT_STRING("append", "ARGS", v, "extra kernel command line")

#endif
