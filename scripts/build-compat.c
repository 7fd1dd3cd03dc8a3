// SPDX-License-Identifier: GPL-2.0
/*
 * The compat step of kernel_build() (see build.h and compat.h): which
 * build-compatibility patches the tree needs, decided before anything is
 * copied (they are inputs of the scratch directory, workdir.h), then
 * applied to the copy after the copy and before the port.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build-int.h"
#include "compat.h"
#include "util.h"

/*
 * Of the group of entries from @first (the entries of one upstream
 * commit, next to each other in the list), the one applied when @tree
 * needs that commit: the first whose patch fits @tree, else the group's
 * first (its patch(1) run says which hunk fails where, compat_apply()).
 */
static size_t group_pick(const struct compat_list *l, size_t first,
			 const char *tree)
{
	size_t j;
	char why[512];

	for (j = first; j < l->n && l->e[j].group == l->e[first].group; j++)
		if (compat_tree_places(&l->e[j], tree, why, sizeof(why)))
			return j;
	return first;
}

int build_compat_select(struct build *s, struct strvec *key)
{
	const char *tree = s->res->ti.path;
	char msg[1024];
	size_t i, first = 0, pick = 0;
	bool picked = false;

	if (compat_load(s->req->t->root, &s->compat, msg, sizeof(msg))) {
		set_error(s, xstrdup(msg));
		return -1;
	}
	s->compat_need = xcalloc(s->compat.n + 1, sizeof(bool));
	for (i = 0; i < s->compat.n; i++) {
		const struct compat_entry *e = &s->compat.e[i];
		int r;

		if (!i || e->group != s->compat.e[i - 1].group) {
			first = i;
			picked = false;
		}
		r = compat_tree_needs(e, tree, msg, sizeof(msg));
		if (r > 0 && !picked) {
			pick = group_pick(&s->compat, first, tree);
			picked = true;
		}
		if (r > 0)
			r = i == pick;
		if (r < 0) {
			set_error(s, xstrdup(msg));
			return -1;
		}
		s->compat_need[i] = r;
		if (r)
			sv_pushf(key, "%s %s", e->commit, e->patch_sha256);
	}
	return 0;
}

int build_step_compat(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	char msg[1024];
	size_t i;

	for (i = 0; i < s->compat.n; i++) {
		const struct compat_entry *e = &s->compat.e[i];

		if (!s->compat_need[i])
			continue;
		if (compat_apply(e, res->ti.path, res->srcdir, res->log, msg,
				 sizeof(msg))) {
			set_error(s, xasprintf("%s; see %s", msg, res->log));
			return EXIT_ERROR;
		}
		sv_push(&res->compat, e->commit);
		if (req->quiet)
			continue;
		info_msg("%s: compat: applied %.12s (%s)", req->b->name,
			 e->commit, e->subject);
		fprintf(stderr, "  note: %s has \"%s\" in %s%s%s%s\n",
			e->test.file, e->test.line,
			e->test.function ? e->test.function : "the file",
			e->test.function ? "()" : "",
			e->toolchain ? "; needed with " : "",
			e->toolchain ? e->toolchain : "");
	}
	return 0;
}
