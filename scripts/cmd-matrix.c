// SPDX-License-Identifier: GPL-2.0
/*
 * backport matrix: print the branch table; with --tree, say what it means
 * for one kernel tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "json.h"
#include "options-common.h"
#include "table.h"
#include "tree.h"
#include "util.h"

const char cmd_matrix_summary[] =
	"print the branch table, or the action for one tree";

static const char *const matrix_usage[] = {
	"usage: backport matrix [--tree DIR] [--json]",
	"",
	"Prints every branch row of configs/branches.json: decision, newest\n"
	"pre-fix base, first fixed release, series and toolchain.  With\n"
	"--tree --json, the tree is named by its directory's name only, and\n"
	"the action's command says --tree DIR: the output holds no path.",
	NULL,
};

struct action {
	const char *name;	/* apply, none, review */
	char *text;
	int status;
};

/* What to do with the tree @ti; @dir is how the text names the tree. */
static struct action tree_action(const struct table *t,
				 const struct tree_info *ti,
				 const struct branch *b, const char *dir)
{
	struct action a = { "none", NULL, EXIT_PASS };

	switch (ti->state) {
	case FIX_NOT_AFFECTED:
		a.text = xasprintf("nothing to do: not affected");
		break;
	case FIX_PRESENT:
	case FIX_REWORKED:
		a.text = xasprintf("nothing to do: fix already present; verify expects PASS");
		break;
	case FIX_ABSENT:
		if (!b) {
			a.name = "review";
			a.text = xasprintf("vulnerable, and branch %s has no row in %s",
					   ti->branch, t->path);
			a.status = EXIT_FINDING;
		} else if (b->decision == DECISION_PORT) {
			a.name = "apply";
			a.text = xasprintf("vulnerable: apply %s (backport apply --branch %s --tree %s)",
					   b->series, b->name, dir);
		} else {
			a.name = "none";
			a.text = xasprintf("vulnerable, but %s is %s: %s",
					   b->name, decision_name(b->decision),
					   b->reason);
		}
		break;
	case FIX_CONFLICT:
		if (b && b->decision != DECISION_PORT) {
			a.text = xasprintf("the upstream diff does not apply as is (%s), and %s is %s: %s",
					   ti->detail, b->name,
					   decision_name(b->decision),
					   b->reason);
			break;
		}
		a.name = "review";
		a.text = xasprintf("cannot tell: %s", ti->detail);
		a.status = EXIT_FINDING;
		break;
	}
	return a;
}

static json_t *branch_json(const struct branch *b)
{
	json_t *o = json_object();

	json_object_set_new(o, "branch", json_string(b->name));
	json_object_set_new(o, "decision",
			    json_string(decision_name(b->decision)));
	json_object_set_new(o, "reason", json_string(b->reason));
	json_object_set_new(o, "optional", json_str_or_null(b->optional));
	json_object_set_new(o, "base_max", json_str_or_null(b->base_max));
	json_object_set_new(o, "fixed_in", json_str_or_null(b->fixed_in));
	json_object_set_new(o, "series", json_str_or_null(b->series));
	json_object_set_new(o, "cc", json_string(b->cc));
	json_object_set_new(o, "hostcc", json_string(b->hostcc));
	json_object_set_new(o, "tree_var", json_string(b->tree_var));
	return o;
}

static void print_table(const struct table *t)
{
	size_t i;

	printf("%-15s %-15s %-9s %-9s %-24s %-7s %s\n", "branch",
	       "decision", "base<=", "fixed-in", "series", "cc", "reason");
	for (i = 0; i < t->n; i++) {
		const struct branch *b = &t->b[i];

		printf("%-15s %-15s %-9s %-9s %-24s %-7s %s\n", b->name,
		       branch_decision(b),
		       b->base_max ? b->base_max : "-",
		       b->fixed_in ? b->fixed_in : "-",
		       b->series ? b->series : "-", b->cc, b->reason);
	}
}

/* Every row of the table. */
static void print_matrix(const struct table *t, bool as_json)
{
	json_t *out, *arr;
	size_t i;

	if (!as_json) {
		print_table(t);
		return;
	}
	out = json_object();
	arr = json_array();
	for (i = 0; i < t->n; i++)
		json_array_append_new(arr, branch_json(&t->b[i]));
	json_object_set_new(out, "upstream", json_string(t->up.commit));
	json_object_set_new(out, "branches", arr);
	json_print(out);
	json_decref(out);
}

/* What @tree is and what to do with it; the exit status. */
static int inspect_tree(const struct table *t, const char *tree,
			bool as_json)
{
	struct tree_info ti;
	struct action a;
	const struct branch *b;
	json_t *out;
	char msg[512];
	int status;

	if (tree_inspect(tree, &t->up, &ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return EXIT_ERROR;
	}
	b = table_find(t, ti.branch);
	/* The JSON is committed as evidence: no path of this machine. */
	a = tree_action(t, &ti, b, as_json ? "DIR" : ti.path);
	if (as_json) {
		out = json_object();
		json_object_set_new(out, "tree",
				    json_string(strrchr(ti.path, '/') + 1));
		json_object_set_new(out, "version", json_string(ti.version));
		json_object_set_new(out, "branch", json_string(ti.branch));
		json_object_set_new(out, "state",
				    json_string(fix_state_name(ti.state)));
		json_object_set_new(out, "detail", json_string(ti.detail));
		json_object_set_new(out, "file", json_string(t->up.file));
		json_object_set_new(out, "file_sha256",
				    json_str_or_null(ti.file_sha256));
		json_object_set_new(out, "row",
				    b ? branch_json(b) : json_null());
		json_object_set_new(out, "action", json_string(a.name));
		json_object_set_new(out, "action_text", json_string(a.text));
		json_print(out);
		json_decref(out);
	} else {
		printf("tree:     %s\n", ti.path);
		printf("version:  %s (branch %s)\n", ti.version, ti.branch);
		printf("state:    %s: %s\n", fix_state_name(ti.state),
		       ti.detail);
		printf("%s sha256: %s\n", t->up.file, ti.file_sha256);
		if (b)
			printf("row:      %s, %s\n", decision_name(b->decision),
			       b->reason);
		else
			printf("row:      none in %s\n", t->path);
		printf("action:   %s\n", a.text);
	}
	status = a.status;
	free(a.text);
	tree_info_free(&ti);
	return status;
}

int cmd_matrix(int argc, char **argv)
{
	const char *tree = NULL;
	bool as_json = false;
	const struct bp_option options[] = {
		OPT_TREE(&tree,
			 "inspect a kernel tree (read only): version from its\n"
			 "Makefile, whether the fix is in __migration_entry_wait(),\n"
			 "whether the affected code exists at all, and the action"),
		OPT_ALIAS('t', "tree"),
		OPT_JSON(&as_json),
		OPT_ALIAS('j', "json"),
		OPT_TRAILER("Exit status: 0 ok, 1 the tree needs a decision the table lacks,\n"
			    "2 usage error or not a kernel tree."),
		OPT_TRAILER("Example: backport matrix --tree ~/src/linux-5.10.44"),
		OPT_END(),
	};
	struct table t;
	int status = EXIT_PASS;

	parse_options(argc, argv, options, matrix_usage, PARSE_OPT_NO_ARGS);
	if (table_load_default(&t))
		return EXIT_ERROR;
	if (tree)
		status = inspect_tree(&t, tree, as_json);
	else
		print_matrix(&t, as_json);
	table_free(&t);
	return status;
}
