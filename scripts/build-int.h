/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to kernel_build(): the state its steps share, used by build.c
 * (the steps and their order), build-config.c (the configuration) and
 * build-compat.c (the compat patches); callers use build.h.
 */
#ifndef BACKPORT_BUILD_INT_H
#define BACKPORT_BUILD_INT_H

#include <stdbool.h>
#include <stdlib.h>

#include "build.h"
#include "compat.h"
#include "kconfig.h"
#include "series.h"
#include "util.h"

struct build {
	const struct build_req *req;
	struct build_result *res;
	struct strvec env;
	struct strvec frags;	/* fragment paths: the table's, then the row's */
	struct kopts want;	/* what the fragments request */
	struct kconfig_tree kt;
	struct series series;	/* the patched variant's */
	char *cc;		/* "ccache gcc-11" */
	char *cache;
	char *dotconfig, *stamp, *key;
	bool reuse;		/* configuration inputs unchanged */
	char *link_dest;	/* patched: the base copy of the same inputs */
	char *wkey;		/* the scratch directory's inputs key */
	struct compat_list compat;	/* configs/compat.json */
	bool *compat_need;	/* per entry: the tree needs it */
};

static inline void set_error(struct build *s, char *error)
{
	free(s->res->error);
	s->res->error = error;
}

/*
 * Run one command of step @what in @cwd with the build's environment,
 * its output appended to the build log (progress lines when @progress);
 * 0, or -1 with the error set.
 */
int build_run(struct build *s, const char *what, const char *cwd,
	      const char *const *argv, bool progress);
/* make @target in the copy, O= the build directory; as build_run(). */
int build_make(struct build *s, const char *target, bool progress);

/* The fragments' paths and what they request; 0 or -1 (build-config.c). */
int build_read_fragments(struct build *s);
/*
 * The make arguments a key of @s covers into @av, and the "ld --version"
 * line it covers into s->res->ld_version (the configuration key and the
 * shared kernel's key, kstore.h).
 */
void build_key_argv(struct build *s, struct strvec *av);
/* The configuration step, an EXIT_* code (build-config.c). */
int build_step_configure(struct build *s);
/*
 * Every requested option in @dotconfig (its sha256 into the result),
 * s->kt loaded; an EXIT_* code (build-config.c).
 */
int build_check_config(struct build *s, const char *dotconfig);

/*
 * The kernel of the same inputs built for another row (kstore.h): 1 when
 * found, checked and taken into the result, 0 to build, -1 with the error
 * set (build-reuse.c).
 */
int build_find_shared(struct build *s);
/* Keep the kernel just built for the rows after this one. */
void build_save_shared(struct build *s);

/*
 * The compat patches the tree needs, into s->compat and s->compat_need,
 * and their workdir key items into @key (build-compat.c); 0 or -1.
 */
int build_compat_select(struct build *s, struct strvec *key);
/* Apply them to the copy and record them; an EXIT_* code. */
int build_step_compat(struct build *s);

#endif
