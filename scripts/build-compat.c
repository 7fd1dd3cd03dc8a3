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
 * Of the entries of @e's group that @tree needs, the first whose patch
 * fits it: 1 when that is @e.  When none fits, the group's first: its
 * patch(1) run says which hunk fails where (compat_apply()).
 */
static int choose(const struct compat_list *l, size_t i, const char *tree)
{
	const struct compat_entry *e = &l->e[i];
	size_t j, first = i;
	char why[512];

	while (first && l->e[first - 1].group == e->group)
		first--;
	for (j = first; j < l->n && l->e[j].group == e->group; j++)
		if (compat_tree_places(&l->e[j], tree, why, sizeof(why)))
			return j == i;
	return i == first;
}

int build_compat_select(struct build *s, struct strvec *key)
{
	const char *tree = s->res->ti.path;
	char msg[1024];
	size_t i;

	if (compat_load(s->req->t->root, &s->compat, msg, sizeof(msg))) {
		set_error(s, xstrdup(msg));
		return -1;
	}
	s->compat_need = xcalloc(s->compat.n + 1, sizeof(bool));
	for (i = 0; i < s->compat.n; i++) {
		const struct compat_entry *e = &s->compat.e[i];
		int r = compat_tree_needs(e, tree, msg, sizeof(msg));

		if (r > 0)
			r = choose(&s->compat, i, tree);
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
