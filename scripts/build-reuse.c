// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel_build() step that takes the kernel another row built from
 * the same inputs (kstore.h) instead of copying and building the tree
 * again, and the one that keeps each kernel built for the rows after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build-int.h"
#include "kstore.h"
#include "toolchain.h"
#include "util.h"

static char *kernel_key(struct build *s)
{
	struct strvec av = STRVEC_INIT;
	char *key;

	build_key_argv(s, &av);
	key = kstore_key(s->wkey, &av, s->res->cc_version,
			 s->res->ld_version, &s->frags);
	sv_clear(&av);
	return key;
}

/* Take @e's files into the result: the kernel is this build's. */
static void take(struct build *s, struct kstore_entry *e)
{
	struct build_result *res = s->res;
	size_t i;

	res->bzimage = e->bzimage;
	res->gen_init_cpio = e->gen_init_cpio;
	res->reused_from = e->built_by;
	s->dotconfig = e->config;
	e->bzimage = e->gen_init_cpio = e->built_by = e->config = NULL;
	if (e->file_sha256) {
		free(res->ti.file_sha256);
		res->ti.file_sha256 = e->file_sha256;
		e->file_sha256 = NULL;
	}
	for (i = 0; i < s->compat.n; i++)
		if (s->compat_need[i])
			sv_push(&res->compat, s->compat.e[i].commit);
}

int build_find_shared(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	struct kstore_entry e;

	res->kernel_key = s->wkey ? kernel_key(s) : NULL;
	if (!res->kernel_key ||
	    !kstore_find(s->cache, res->kernel_key, req->t, &e))
		return 0;
	/* The row's own kernel: its scratch directory rebuilds it. */
	if (!strcmp(e.built_by, req->b->name)) {
		kstore_entry_free(&e);
		return 0;
	}
	kconfig_tree_load(&s->kt, res->ti.path);
	if (build_check_config(s, e.config)) {
		kstore_entry_free(&e);
		return -1;
	}
	if (!req->quiet)
		info_msg("%s: %s kernel: the same inputs (kernel key %.12s) were built for %s: reusing %s, nothing copied or built",
			 req->b->name, req->patched ? "patched" : "base",
			 res->kernel_key, e.built_by, e.bzimage);
	take(s, &e);
	kstore_entry_free(&e);
	return 1;
}

void build_save_shared(struct build *s)
{
	struct build_result *res = s->res;
	char *map = path_join(res->builddir, "System.map");
	struct kstore_entry e = {
		.bzimage = res->bzimage, .config = s->dotconfig,
		.gen_init_cpio = res->gen_init_cpio,
		.system_map = path_exists(map) ? map : NULL,
		.built_by = (char *)s->req->b->name,
		.file_sha256 = res->ti.file_sha256,
	};
	char msg[1024];

	if (res->kernel_key &&
	    kstore_save(s->cache, res->kernel_key, &e, msg, sizeof(msg)))
		warn_msg("%s: kernel not kept for other rows: %s",
			 s->req->b->name, msg);
	free(map);
}
