// SPDX-License-Identifier: GPL-2.0
/*
 * "backport port --measure" (see measure.h).  It prints, and does not
 * write configs/branches.json: the table is kept by hand, a reason in
 * prose sits beside each value (which tree was measured, what stable
 * shipped), and a position the ports are generated from is a change to
 * review like any other; the value printed is ready to paste.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hunkpos.h"
#include "measure.h"
#include "tree.h"
#include "util.h"

/* The "hunks" value for @lines, indented for a row of the table. */
static void print_record(const struct fix_diff *fd,
			 const unsigned long *lines)
{
	json_t *arr = json_array();
	char *s, *p, *eol;
	size_t i;

	for (i = 0; i < fd->n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "file", json_string(fd->h[i].path));
		json_object_set_new(o, "old_start",
				    json_integer((json_int_t)lines[i]));
		json_array_append_new(arr, o);
	}
	s = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(arr);
	for (p = s; p && *p; p = eol) {
		eol = strchrnul(p, '\n');
		printf("      %s%.*s%s\n", p == s ? "\"hunks\": " : "",
		       (int)(eol - p), p, *eol ? "" : ",");
		if (*eol)
			eol++;
	}
	free(s);
}

/* "5.10.46" for the row's release "5.10.46", "5.10.0" for "5.10". */
static char *release_version(const struct branch *b)
{
	unsigned int maj, min, sub;

	if (!b->release || parse_version(b->release, &maj, &min, &sub))
		return NULL;
	return xasprintf("%u.%u.%u", maj, min, sub);
}

/* One line per hunk; whether all of them are what the row records. */
static bool print_hunks(const struct table *t, const struct branch *b,
			const struct tree_info *ti,
			const unsigned long *lines)
{
	const struct fix_diff *fd = &t->up.diff;
	bool same = b->nhunks == fd->n;
	size_t i;

	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *h = &fd->h[i];
		char *up = hunkpos_range(h->header);
		bool down = lines[i] >= h->old_start;

		printf("measure %s: hunk %u of %s lands at line %lu in %s (upstream %s, offset %c%lu)",
		       b->name, h->index, h->path, lines[i], ti->version, up,
		       down ? '+' : '-', down ? lines[i] - h->old_start :
		       h->old_start - lines[i]);
		if (b->nhunks == fd->n)
			printf("; recorded: %lu\n", b->hunks[i].old_start);
		else
			printf("; not recorded\n");
		same = same && b->hunks[i].old_start == lines[i];
		free(up);
	}
	return same;
}

/* The tree state and version checks; the exit status when refused. */
static int refuse(const struct table *t, const struct branch *b,
		  const struct tree_info *ti, const char *want, int placed,
		  const unsigned long *lines, const char *why)
{
	const struct fix_diff *fd = &t->up.diff;
	size_t i;

	if (!want || strcmp(ti->version, want)) {
		printf("measure %s: %s is %s, not the row's release %s: nothing to record",
		       b->name, ti->path, ti->version,
		       b->release ? b->release : "(none)");
		for (i = 0; !placed && i < fd->n; i++)
			printf("%s hunk %u of %s lands at line %lu", i ?
			       "," : " (there", fd->h[i].index, fd->h[i].path,
			       lines[i]);
		printf("%s\n", !placed ? ")" : "");
		return EXIT_ERROR;
	}
	if (ti->state != FIX_ABSENT) {
		printf("measure %s: the fix is not to apply in %s (%s: %s): nothing to measure\n",
		       b->name, ti->version, fix_state_name(ti->state),
		       ti->detail);
		return EXIT_FINDING;
	}
	printf("measure %s: %s: the fix does not place cleanly: %s\n",
	       b->name, ti->version, why);
	return EXIT_FINDING;
}

int port_measure(const struct table *t, const struct branch *b,
		 const char *dir)
{
	const struct fix_diff *fd = &t->up.diff;
	unsigned long *lines = xcalloc(fd->n, sizeof(*lines));
	char *want = release_version(b);
	struct tree_info ti;
	char msg[512];
	int placed, ret;

	if (tree_inspect(dir, &t->up, &ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		free(lines);
		free(want);
		return EXIT_ERROR;
	}
	placed = tree_place_hunks(dir, fd, lines, msg, sizeof(msg));
	if (!want || strcmp(ti.version, want) || ti.state != FIX_ABSENT ||
	    placed) {
		ret = refuse(t, b, &ti, want, placed, lines, msg);
		goto out;
	}
	if (print_hunks(t, b, &ti, lines)) {
		printf("measure %s: configs/branches.json records these positions for %s\n",
		       b->name, b->release);
		ret = EXIT_PASS;
		goto out;
	}
	printf("measure %s: configs/branches.json records %s; put this in the row of %s (with a \"hunks_reason\"), then run \"backport port\":\n",
	       b->name, b->nhunks ? "other positions" : "none", b->name);
	print_record(fd, lines);
	ret = EXIT_FINDING;
out:
	tree_info_free(&ti);
	free(lines);
	free(want);
	return ret;
}
