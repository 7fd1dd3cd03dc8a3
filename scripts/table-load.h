/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the branch table loader, shared by table.c (the table),
 * table-branches.c (the "branches" list) and table-fixes.c (the "fixes"
 * list); callers use table.h.
 */
#ifndef BACKPORT_TABLE_LOAD_H
#define BACKPORT_TABLE_LOAD_H

#include <stdbool.h>

#include <jansson.h>

#include "patch.h"
#include "table.h"

/*
 * The string @key of @obj (malloc'd), or NULL when absent or null (an
 * error when @required) or not a string (an error).  Only the first
 * error is kept: @err is filled and *@bad set unless *@bad already is.
 */
char *table_get_str(json_t *obj, const char *key, bool required,
		    const char *where, struct parse_error *err, int *bad);

/*
 * The list of strings @key of @obj, NULL-terminated (empty when absent);
 * errors as table_get_str().
 */
/* The most "pass_work" may ask for. */
#define TABLE_WORK_MAX	1000000000000LL
/*
 * @key of @obj, when there: a whole number from 1 to TABLE_WORK_MAX into
 * *@out (else untouched).  Returns 0, or -1 with @err filled.
 */
int table_get_work(json_t *obj, const char *key, const char *where,
		   long long *out, struct parse_error *err);
char **table_get_strlist(json_t *obj, const char *key, const char *where,
			 struct parse_error *err, int *bad);
/* Free a NULL-terminated list (NULL is fine). */
void table_free_list(char **l);

/* The "branches" list @arr into t->b and t->n; 0 or -1. */
int table_load_branches(json_t *arr, struct table *t,
			struct parse_error *err);
/* Free the rows, what table_load_branches() allocated. */
void table_free_branches(struct table *t);

/* The "fixes" list @arr into t->fixes, t->up = fixes[0]; 0 or -1. */
int table_load_fixes(json_t *arr, struct table *t, struct parse_error *err);
/* Free what table_load_fixes() and table_load_fix_diffs() allocated. */
void table_free_fixes(struct table *t);

/*
 * Every string of the loaded table checked against what it is (an
 * identifier, a package name, a path inside the repository, a branch
 * name, a version, a commit id, one line of text...): 0, or -1 with @err
 * naming the field ("branches[3].tree_var: ...").  table-check.c.
 */
int table_check(const struct table *t, struct parse_error *err);

#endif
