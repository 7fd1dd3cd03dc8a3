// SPDX-License-Identifier: GPL-2.0
/*
 * The branch table's "branches" list: loading and checking each row, the
 * names of the decisions, and freeing the rows.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "table-load.h"
#include "table.h"
#include "util.h"
#include "valid.h"

static const char *const decision_names[] = {
	[DECISION_PORT] = "port",
	[DECISION_NOT_PORTED] = "not-ported",
	[DECISION_NOT_AFFECTED] = "not-affected",
	[DECISION_FIXED_UPSTREAM] = "fixed-upstream",
};

const char *decision_name(enum decision d)
{
	return decision_names[d];
}

const char *branch_decision(const struct branch *b)
{
	return b->optional ? "port (optional)" : decision_name(b->decision);
}

/* The -suffix of an optional series: [a-z0-9-]+. */
static bool valid_tag(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '-')
			return false;
	return true;
}

/*
 * The row's "branch": its name, the stable branch it is based on and that
 * one's version.  Leaves in @where the name messages give the row.
 */
static int load_branch_name(json_t *o, struct branch *b, size_t idx,
			    char *where, size_t wlen, struct parse_error *err)
{
	const char *dash;
	int bad = 0;

	snprintf(where, wlen, "branches[%zu]", idx);
	if (!json_is_object(o)) {
		parse_fail(err, 0, "%s: must be an object", where);
		return -1;
	}
	b->name = table_get_str(o, "branch", true, where, err, &bad);
	if (bad)
		return -1;
	/* Checked first: the name goes into every later message. */
	if (valid_check(V_BRANCH, b->name)) {
		char *q = valid_quote(b->name, 60);

		parse_fail(err, 0, "%s.branch: %s is not %s", where, q,
			   valid_check(V_BRANCH, b->name));
		free(q);
		return -1;
	}
	snprintf(where, wlen, "branch %s", b->name);
	dash = strchr(b->name, '-');
	b->base = dash ? xstrndup(b->name, dash - b->name) : xstrdup(b->name);
	if (parse_version(b->base, &b->major, &b->minor, NULL) ||
	    !ends_with(b->base, ".y") || (dash && !valid_tag(dash + 1))) {
		parse_fail(err, 0,
			   "%s: name must look like 5.10.y (or 4.19.y-optional for an optional series)",
			   where);
		return -1;
	}
	return 0;
}

static int load_decision(json_t *o, struct branch *b, const char *where,
			 struct parse_error *err)
{
	char *dec;
	int bad = 0;
	size_t i;

	dec = table_get_str(o, "decision", true, where, err, &bad);
	if (bad)
		return -1;
	for (i = 0; i < ARRAY_SIZE(decision_names); i++)
		if (!strcmp(dec, decision_names[i]))
			break;
	if (i == ARRAY_SIZE(decision_names)) {
		parse_fail(err, 0,
			"%s: unknown decision \"%s\" (port, not-ported, not-affected, fixed-upstream)",
			where, dec);
		free(dec);
		return -1;
	}
	free(dec);
	b->decision = (enum decision)i;
	return 0;
}

/* An optional series: a -suffixed port row with a label and antecedents. */
static int check_optional(const struct branch *b, const char *where,
			  struct parse_error *err)
{
	const char *dash = strchr(b->name, '-');
	size_t i;

	if (!dash != !b->optional) {
		parse_fail(err, 0,
			   "%s: a name with a -suffix is an optional series and needs \"optional\" (its label), and only such a name may have one",
			   where);
		return -1;
	}
	if (b->optional && b->decision != DECISION_PORT) {
		parse_fail(err, 0, "%s: an optional series must be a port row",
			   where);
		return -1;
	}
	for (i = 0; b->antecedents && b->antecedents[i]; i++) {
		if (strlen(b->antecedents[i]) != 40 ||
		    !is_hex(b->antecedents[i], 40)) {
			parse_fail(err, 0,
				   "%s: antecedents[%zu] \"%s\" must be a full 40-hex commit",
				   where, i, b->antecedents[i]);
			return -1;
		}
	}
	return 0;
}

/* Digits and dots only: "5.10.46", or "5.10" for a .0 release. */
static bool valid_release(const char *s)
{
	int dots = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (*s == '.' && isdigit((unsigned char)s[1]))
			dots++;
		else if (!isdigit((unsigned char)*s))
			return false;
	}
	return dots == 1 || dots == 2;
}

/*
 * The kernel.org release the row's CI verifies (what "backport fetch"
 * downloads by default): a release of the row's own branch, and for a
 * port row one that predates the fix.  A row without a Debian source
 * must name one, or its CI job has no tree.
 */
static int check_release(const struct branch *b, const char *where,
			 struct parse_error *err)
{
	unsigned int maj, min, sub, fmaj, fmin, fsub;

	if (!b->release) {
		if (b->debian_source)
			return 0;
		parse_fail(err, 0,
			   "%s: needs \"release\" (the kernel.org release its CI verifies) or \"debian_source\"",
			   where);
		return -1;
	}
	if (!valid_release(b->release) ||
	    parse_version(b->release, &maj, &min, &sub) ||
	    maj != b->major || min != b->minor) {
		parse_fail(err, 0,
			   "%s: release \"%s\" must be a %u.%u release such as %u.%u.1",
			   where, b->release, b->major, b->minor, b->major,
			   b->minor);
		return -1;
	}
	if (b->fixed_in && !parse_version(b->fixed_in, &fmaj, &fmin, &fsub) &&
	    sub >= fsub) {
		parse_fail(err, 0,
			   "%s: release %s is not older than fixed_in %s",
			   where, b->release, b->fixed_in);
		return -1;
	}
	return 0;
}

/* One entry of "hunks": { "file": PATH, "old_start": N }. */
static int load_hunk(json_t *o, struct hunk_pos *h, size_t i,
		     const char *where, struct parse_error *err)
{
	json_t *n = json_object_get(o, "old_start");
	int bad = 0;

	if (!json_is_object(o))
		return parse_fail(err, 0, "%s: hunks[%zu] must be an object",
				  where, i);
	h->file = table_get_str(o, "file", true, where, err, &bad);
	if (bad)
		return -1;
	if (!*h->file || h->file[0] == '/' || strstr(h->file, ".."))
		return parse_fail(err, 0,
				  "%s: hunks[%zu].file \"%s\" must be a path inside the tree",
				  where, i, h->file);
	if (!json_is_integer(n) || json_integer_value(n) < 1 ||
	    json_integer_value(n) > 10000000)
		return parse_fail(err, 0,
				  "%s: hunks[%zu].old_start must be a line number (1 or more)",
				  where, i);
	h->old_start = (unsigned long)json_integer_value(n);
	return 0;
}

/*
 * "hunks": where the fix's hunks land in the row's release.  Only a row
 * whose port "backport port" generates has one.
 */
static int load_hunks(json_t *o, struct branch *b, const char *where,
		      struct parse_error *err)
{
	json_t *arr = json_object_get(o, "hunks"), *v;
	size_t i;

	if (!arr)
		return 0;
	if (b->decision != DECISION_PORT || b->optional || !b->release)
		return parse_fail(err, 0,
				  "%s: \"hunks\" belongs to a port row that \"backport port\" generates and that names its \"release\"",
				  where);
	if (!json_is_array(arr) || !json_array_size(arr))
		return parse_fail(err, 0,
				  "%s: \"hunks\" must be a non-empty list", where);
	b->nhunks = json_array_size(arr);
	b->hunks = xcalloc(b->nhunks, sizeof(*b->hunks));
	json_array_foreach(arr, i, v)
		if (load_hunk(v, &b->hunks[i], i, where, err))
			return -1;
	return 0;
}

static int load_branch(json_t *o, struct branch *b, size_t idx,
		       struct parse_error *err)
{
	char where[64];
	json_t *tc;
	int bad = 0;

	if (load_branch_name(o, b, idx, where, sizeof(where), err) ||
	    load_decision(o, b, where, err))
		return -1;
	b->reason = table_get_str(o, "reason", true, where, err, &bad);
	b->base_max = table_get_str(o, "base_max", false, where, err, &bad);
	b->fixed_in = table_get_str(o, "fixed_in", false, where, err, &bad);
	b->series = table_get_str(o, "series", b->decision == DECISION_PORT,
				  where, err, &bad);
	b->tree_var = table_get_str(o, "tree_var", true, where, err, &bad);
	b->debian_source = table_get_str(o, "debian_source", false, where, err,
					 &bad);
	b->release = table_get_str(o, "release", false, where, err, &bad);
	b->boot_append = table_get_str(o, "boot_append", false, where, err,
				       &bad);
	if (!bad && check_release(b, where, err))
		return -1;
	b->fragments = table_get_strlist(o, "fragments", where, err, &bad);
	b->config_ignore = table_get_strlist(o, "config_ignore", where, err,
					     &bad);
	b->optional = table_get_str(o, "optional", false, where, err, &bad);
	b->antecedents = table_get_strlist(o, "antecedents", where, err, &bad);
	if (!bad && (check_optional(b, where, err) ||
		     load_hunks(o, b, where, err) ||
		     table_get_work(o, "pass_work", where, &b->pass_work, err)))
		return -1;
	b->pass_work_own = b->pass_work > 0;
	tc = json_object_get(o, "toolchain");
	if (!json_is_object(tc)) {
		if (!bad)
			parse_fail(err, 0, "%s: missing \"toolchain\" object",
				where);
		return -1;
	}
	b->cc = table_get_str(tc, "cc", true, where, err, &bad);
	b->hostcc = table_get_str(tc, "hostcc", true, where, err, &bad);
	b->packages = table_get_strlist(tc, "packages", where, err, &bad);
	if (b->decision == DECISION_PORT && !b->optional && !bad &&
	    (!b->base_max || !b->fixed_in)) {
		parse_fail(err, 0, "%s: port rows need base_max and fixed_in",
			where);
		return -1;
	}
	return bad ? -1 : 0;
}

int table_load_branches(json_t *arr, struct table *t, struct parse_error *err)
{
	json_t *v;
	size_t i, j;

	if (!json_is_array(arr) || !json_array_size(arr))
		return parse_fail(err, 0, "missing or empty \"branches\" list");
	t->n = json_array_size(arr);
	t->b = xcalloc(t->n, sizeof(*t->b));
	json_array_foreach(arr, i, v) {
		if (load_branch(v, &t->b[i], i, err))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(t->b[j].name, t->b[i].name))
				return parse_fail(err, 0,
						  "branch %s listed twice",
						  t->b[i].name);
	}
	return 0;
}

void table_free_branches(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct branch *b = &t->b[i];

		free(b->name);
		free(b->reason);
		free(b->base_max);
		free(b->fixed_in);
		free(b->series);
		free(b->cc);
		free(b->hostcc);
		table_free_list(b->packages);
		free(b->tree_var);
		free(b->debian_source);
		free(b->release);
		free(b->boot_append);
		table_free_list(b->fragments);
		table_free_list(b->config_ignore);
		free(b->base);
		free(b->optional);
		table_free_list(b->antecedents);
		for (j = 0; j < b->nhunks; j++)
			free(b->hunks[j].file);
		free(b->hunks);
	}
	free(t->b);
}
