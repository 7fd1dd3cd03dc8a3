// SPDX-License-Identifier: GPL-2.0
/*
 * The branch table's "fixes" list: loading each fix, and reading where it
 * goes (file, anchor, fix line, function) from the fix's own diff.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "table-load.h"
#include "table.h"
#include "util.h"

/* "signature": {"kinds": [...], "frames": [...], "reason": "..."}. */
static int load_sig(json_t *o, struct bug_sig *sig, const char *where,
		    struct parse_error *err)
{
	json_t *s = json_object_get(o, "signature");
	char w[48];
	int bad = 0;

	if (!s || json_is_null(s))
		return 0;
	snprintf(w, sizeof(w), "%s.signature", where);
	if (!json_is_object(s))
		return parse_fail(err, 0, "%s: not an object", w);
	sig->kinds = table_get_strlist(s, "kinds", w, err, &bad);
	sig->frames = table_get_strlist(s, "frames", w, err, &bad);
	sig->reason = table_get_str(s, "reason", true, w, err, &bad);
	if (bad)
		return -1;
	if (!sig->kinds[0] || !sig->frames[0])
		return parse_fail(err, 0, "%s: \"kinds\" and \"frames\" must each name one at least",
				  w);
	return 0;
}

static int load_fix(json_t *o, struct upstream *f, size_t idx,
		    struct parse_error *err)
{
	char where[32];
	int bad = 0;

	snprintf(where, sizeof(where), "fixes[%zu]", idx);
	if (!json_is_object(o))
		return parse_fail(err, 0, "%s: not an object", where);
	f->commit = table_get_str(o, "commit", true, where, err, &bad);
	f->subject = table_get_str(o, "subject", true, where, err, &bad);
	f->author = table_get_str(o, "author", true, where, err, &bad);
	f->fixes = table_get_str(o, "fixes", true, where, err, &bad);
	f->fixes_subject = table_get_str(o, "fixes_subject", true, where, err,
					 &bad);
	f->fixes_release = table_get_str(o, "fixes_release", true, where, err,
					 &bad);
	f->mbox = table_get_str(o, "mbox", true, where, err, &bad);
	f->patch_name = table_get_str(o, "patch_name", true, where, err, &bad);
	f->test = table_get_str(o, "test", false, where, err, &bad);
	f->rework_marker = table_get_str(o, "rework_marker", false, where,
					 err, &bad);
	f->rework_commit = table_get_str(o, "rework_commit", false, where,
					 err, &bad);
	if (bad || load_sig(o, &f->sig, where, err))
		return -1;
	if (!idx && !f->sig.kinds)
		return parse_fail(err, 0, "%s: no \"signature\": the bug a base boot must show",
				  where);
	if (strlen(f->commit) != 40 || !is_hex(f->commit, 40))
		return parse_fail(err, 0, "%s: commit must be 40 lowercase hex",
				  where);
	if (strlen(f->fixes) < 12 || !is_hex(f->fixes, strlen(f->fixes)))
		return parse_fail(err, 0, "%s: fixes must be 12+ lowercase hex",
				  where);
	return 0;
}

int table_load_fixes(json_t *arr, struct table *t, struct parse_error *err)
{
	json_t *v;
	size_t i, j;

	if (!json_is_array(arr) || !json_array_size(arr))
		return parse_fail(err, 0, "missing or empty \"fixes\" list");
	t->nfixes = json_array_size(arr);
	t->fixes = xcalloc(t->nfixes, sizeof(*t->fixes));
	json_array_foreach(arr, i, v) {
		if (load_fix(v, &t->fixes[i], i, err))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(t->fixes[j].commit, t->fixes[i].commit))
				return parse_fail(err, 0, "fix %s listed twice",
						  t->fixes[i].commit);
	}
	t->up = t->fixes[0];
	return 0;
}

/*
 * The function a hunk header's section names, as git diff writes it
 * ("void f(int x)": "f"), or NULL.
 */
static char *section_function(const char *section)
{
	const char *paren = strchr(section, '('), *p;

	if (!paren)
		return NULL;
	for (p = paren; p > section && (isalnum((unsigned char)p[-1]) ||
					p[-1] == '_'); p--)
		;
	return p < paren ? xstrndup(p, (size_t)(paren - p)) : NULL;
}

/* The diff of fix @f: @diff, and where its first hunk goes. */
static int load_fix_diff(const char *root, struct upstream *f,
			 struct parse_error *err)
{
	char *path = path_join(root, f->mbox);
	struct strbuf sb = STRBUF_INIT;
	struct parse_error pe;
	struct patch p;
	int ret = -1;

	if (!is_dir(path) && read_file(path, &sb)) {
		parse_fail(err, 0, "%s: %s", f->mbox, strerror(errno));
		goto out;
	}
	if (is_dir(path) || !sb.len) {
		parse_fail(err, 0, "%s: %s", f->mbox, is_dir(path) ?
			   "a directory, not an mbox" :
			   "empty file: no mail in it");
		goto out;
	}
	if (patch_parse(sb_str(&sb), sb.len, &p, &pe)) {
		parse_fail(err, 0, "%s:%u: %s", f->mbox, pe.line, pe.msg);
		goto out;
	}
	if (fixdiff_parse(p.diff ? p.diff : "", p.diff_line, &f->diff, &pe))
		parse_fail(err, 0, "%s:%u: %s", f->mbox, pe.line, pe.msg);
	else if (!f->diff.h[0].first_added)
		parse_fail(err, 0, "%s:%u: the first hunk adds no line",
			   f->mbox, f->diff.h[0].line);
	else
		ret = 0;
	patch_free(&p);
	if (!ret) {
		f->file = xstrdup(f->diff.h[0].path);
		f->anchor = xstrdup(f->diff.h[0].anchor);
		f->fix_line = xstrdup(f->diff.h[0].first_added);
		f->function = section_function(f->diff.h[0].section);
	}
out:
	sb_release(&sb);
	free(path);
	return ret;
}

/*
 * A row's "hunks" names the hunks of the fix the ports carry, one entry
 * per hunk in diff order, each with the hunk's file; in one file the
 * hunks keep their order and do not overlap.
 */
static int check_hunk_record(const struct table *t, const struct branch *b,
			     struct parse_error *err)
{
	const struct fix_diff *fd = &t->fixes[0].diff;
	unsigned long end = 0;
	size_t i;

	if (b->nhunks != fd->n)
		return parse_fail(err, 0,
				  "branch %s: \"hunks\" lists %zu hunk%s, the fix (%s) has %zu",
				  b->name, b->nhunks, b->nhunks == 1 ? "" : "s",
				  t->fixes[0].mbox, fd->n);
	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *h = &fd->h[i];

		if (strcmp(b->hunks[i].file, h->path))
			return parse_fail(err, 0,
					  "branch %s: hunks[%zu] is of %s, hunk %u of the fix changes %s",
					  b->name, i, b->hunks[i].file,
					  h->index, h->path);
		if (i && strcmp(h->path, fd->h[i - 1].path))
			end = 0;
		if (b->hunks[i].old_start < end)
			return parse_fail(err, 0,
					  "branch %s: hunks[%zu] starts at line %lu, inside or before hunk %u of %s",
					  b->name, i, b->hunks[i].old_start,
					  h->index - 1, h->path);
		end = b->hunks[i].old_start + h->old_count;
	}
	return 0;
}

int table_load_fix_diffs(struct table *t, struct parse_error *err)
{
	size_t i;

	for (i = 0; i < t->nfixes; i++)
		if (load_fix_diff(t->root, &t->fixes[i], err))
			return -1;
	t->up = t->fixes[0];
	for (i = 0; i < t->n; i++)
		if (t->b[i].nhunks && check_hunk_record(t, &t->b[i], err))
			return -1;
	return 0;
}

void table_free_fixes(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nfixes; i++) {
		struct upstream *f = &t->fixes[i];

		free(f->commit);
		free(f->subject);
		free(f->author);
		free(f->fixes);
		free(f->fixes_subject);
		free(f->fixes_release);
		free(f->mbox);
		free(f->patch_name);
		free(f->test);
		free(f->rework_marker);
		free(f->rework_commit);
		table_free_list(f->sig.kinds);
		table_free_list(f->sig.frames);
		free(f->sig.reason);
		fixdiff_free(&f->diff);
		free(f->file);
		free(f->anchor);
		free(f->fix_line);
		free(f->function);
	}
	free(t->fixes);
}
