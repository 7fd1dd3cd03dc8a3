/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a kernel build needs on the host: the row's compilers and the build
 * tools, installed with apt-get when asked to (as root), and the versions
 * that go into the evidence.
 */
#ifndef BACKPORT_TOOLCHAIN_H
#define BACKPORT_TOOLCHAIN_H

#include <stdbool.h>

#include "table.h"

/* @flag (an --install-toolchain option), or BACKPORT_INSTALL=1. */
bool install_wanted(bool flag);

/* apt-get install @pkgs (NULL-terminated), as root; 0 on success. */
int apt_install(const char *const *pkgs);

/*
 * Are the compilers of @b and the build tools there (quilt too when
 * @patched)?  Installs what is missing when install_wanted(@install) and
 * root; otherwise prints the apt-get command.  0 when all are there.
 */
int toolchain_check(const struct branch *b, bool patched, bool install);

/* The first line a program prints (e.g. "gcc-11 --version"), or NULL. */
char *program_first_line(const char *const *argv);

#endif
