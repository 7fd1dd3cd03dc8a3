// SPDX-License-Identifier: GPL-2.0
/*
 * Every string of the branch table checked against what it is, once, when
 * the table is loaded: the values go into ci/<branch>.env (sourced by a
 * shell), YAML, file names, argv of make, apt-get and QEMU, and mails, so
 * none of them may reach a writer unchecked.  Messages name the field as
 * "branches[3].tree_var" (counted from 0) and quote the value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signature.h"
#include "table-load.h"
#include "table.h"
#include "util.h"
#include "valid.h"

/* Field @field holds @s (NULL: absent, fine): is it a @k? */
static int check(struct parse_error *err, const char *field, enum vkind k,
		 const char *s)
{
	const char *why;
	char *q;

	if (!s)
		return 0;
	why = valid_check(k, s);
	if (!why)
		return 0;
	q = valid_quote(s, 60);
	parse_fail(err, 0, "%s: %s is not %s", field, q, why);
	free(q);
	return -1;
}

/* Each element of the NULL-terminated list @l, named "@pre.@key[i]". */
static int check_list(struct parse_error *err, const char *pre,
		      const char *key, enum vkind k, char **l)
{
	char f[96];
	size_t i;

	for (i = 0; l && l[i]; i++) {
		snprintf(f, sizeof(f), "%s%s%s[%zu]", pre, *pre ? "." : "",
			 key, i);
		if (check(err, f, k, l[i]))
			return -1;
	}
	return 0;
}

/* check() of "@pre.@key". */
static int field(struct parse_error *err, const char *pre, const char *key,
		 enum vkind k, const char *s)
{
	char f[96];

	snprintf(f, sizeof(f), "%s%s%s", pre, *pre ? "." : "", key);
	return check(err, f, k, s);
}

/* A signature's kinds are kernel signatures the classifier finds. */
static int check_kinds(struct parse_error *err, const char *pre,
		       char **kinds)
{
	size_t i;

	for (i = 0; kinds && kinds[i]; i++) {
		char *q;

		if (sig_kind_of(kinds[i]) >= 0)
			continue;
		q = valid_quote(kinds[i], 60);
		parse_fail(err, 0, "%s.kinds[%zu]: %s is not a hang or crash kind (soft-lockup, rcu-stall, hung-task, oops, panic, silent)",
			   pre, i, q);
		free(q);
		return -1;
	}
	return 0;
}

static int check_fix(const struct upstream *u, size_t i,
		     struct parse_error *err)
{
	char p[32], sp[48];

	snprintf(p, sizeof(p), "fixes[%zu]", i);
	snprintf(sp, sizeof(sp), "%s.signature", p);
	return check_kinds(err, sp, u->sig.kinds) ||
		check_list(err, sp, "frames", V_SYMBOL, u->sig.frames) ||
		field(err, sp, "reason", V_LINE, u->sig.reason) ||
		field(err, p, "commit", V_COMMIT, u->commit) ||
		field(err, p, "subject", V_LINE, u->subject) ||
		field(err, p, "author", V_PERSON, u->author) ||
		field(err, p, "fixes", V_ABBREV, u->fixes) ||
		field(err, p, "fixes_subject", V_LINE, u->fixes_subject) ||
		field(err, p, "fixes_release", V_RELEASE, u->fixes_release) ||
		field(err, p, "mbox", V_REPO_PATH, u->mbox) ||
		field(err, p, "patch_name", V_FILE_NAME, u->patch_name) ||
		field(err, p, "test", V_REPO_PATH, u->test) ||
		field(err, p, "rework_marker", V_LINE, u->rework_marker) ||
		field(err, p, "rework_commit", V_ABBREV, u->rework_commit) ?
		-1 : 0;
}

/* A row's series file is series/<branch>: what port, import and mail use. */
static int check_series(const struct branch *b, const char *p,
			struct parse_error *err)
{
	char *want;
	int ret = 0;

	if (field(err, p, "series", V_REPO_PATH, b->series))
		return -1;
	if (!b->series)
		return 0;
	want = xasprintf("series/%s", b->name);
	if (strcmp(b->series, want)) {
		char *q = valid_quote(b->series, 60);

		parse_fail(err, 0, "%s.series: %s is not %s (the series file of branch %s)",
			   p, q, want, b->name);
		free(q);
		ret = -1;
	}
	free(want);
	return ret;
}

static int check_branch(const struct branch *b, size_t i,
			struct parse_error *err)
{
	char p[32], tc[48];

	snprintf(p, sizeof(p), "branches[%zu]", i);
	snprintf(tc, sizeof(tc), "%s.toolchain", p);
	return field(err, p, "branch", V_BRANCH, b->name) ||
		field(err, p, "reason", V_LINE, b->reason) ||
		field(err, p, "base_max", V_VERSION, b->base_max) ||
		field(err, p, "fixed_in", V_VERSION, b->fixed_in) ||
		field(err, p, "release", V_RELEASE, b->release) ||
		field(err, p, "boot_append", V_LINE, b->boot_append) ||
		check_series(b, p, err) ||
		field(err, p, "tree_var", V_IDENT, b->tree_var) ||
		field(err, p, "debian_source", V_PACKAGE, b->debian_source) ||
		check_list(err, p, "fragments", V_REPO_PATH, b->fragments) ||
		check_list(err, p, "config_ignore", V_CONFIG,
			   b->config_ignore) ||
		field(err, p, "optional", V_LINE, b->optional) ||
		check_list(err, p, "antecedents", V_COMMIT, b->antecedents) ||
		field(err, tc, "cc", V_PROGRAM, b->cc) ||
		field(err, tc, "hostcc", V_PROGRAM, b->hostcc) ||
		check_list(err, tc, "packages", V_PACKAGE, b->packages) ?
		-1 : 0;
}

int table_check(const struct table *t, struct parse_error *err)
{
	size_t i;

	for (i = 0; i < t->nfixes; i++)
		if (check_fix(&t->fixes[i], i, err))
			return -1;
	if (field(err, "", "backporter", V_PERSON, t->backporter) ||
	    check_list(err, "", "fragments", V_REPO_PATH, t->fragments) ||
	    check_list(err, "toolchain_config", "prefixes", V_CONFIG,
		       t->toolchain_prefixes) ||
	    field(err, "boot", "cmdline", V_LINE, t->boot.cmdline) ||
	    field(err, "boot", "cpu_tcg", V_CPU, t->boot.cpu_tcg) ||
	    field(err, "boot", "cpu_kvm", V_CPU, t->boot.cpu_kvm) ||
	    (t->boot.work_unit_name &&
	     field(err, "boot", "work_unit", V_WORK_UNIT,
		   t->boot.work_unit_name)))
		return -1;
	for (i = 0; i < t->n; i++)
		if (check_branch(&t->b[i], i, err))
			return -1;
	return 0;
}
