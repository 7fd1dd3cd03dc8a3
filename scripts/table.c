// SPDX-License-Identifier: GPL-2.0
/*
 * Loading and checking the branch table: the table itself, its "boot"
 * object and the lookups; the "fixes" and "branches" lists are loaded by
 * table-fixes.c and table-branches.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "table-load.h"
#include "table.h"
#include "util.h"
#include "work.h"

void table_stable_ports(const struct table *t, struct strvec *out)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->b[i].decision == DECISION_PORT && !t->b[i].optional)
			sv_push(out, t->b[i].name);
}

/* One number of a version, as valid.c takes it: 1-4 digits, no leading 0. */
static const char *version_number(const char *s, unsigned int *v)
{
	const char *p = s;

	*v = 0;
	while (*p >= '0' && *p <= '9' && p - s < 5)
		*v = *v * 10 + (unsigned int)(*p++ - '0');
	if (p == s || p - s > 4 || (*s == '0' && p - s > 1))
		return NULL;
	return p;
}

int parse_version(const char *s, unsigned int *maj, unsigned int *min,
		  unsigned int *sub)
{
	unsigned int a, b, c = 0;
	const char *p = version_number(s, &a);

	if (!p || *p != '.')
		return -1;
	p = version_number(p + 1, &b);
	if (!p)
		return -1;
	if (*p == '.' && strcmp(p, ".y")) {
		p = version_number(p + 1, &c);
		if (!p)
			return -1;
	} else if (*p == '.') {
		p += 2;
	}
	if (*p)
		return -1;
	if (maj)
		*maj = a;
	if (min)
		*min = b;
	if (sub)
		*sub = c;
	return 0;
}

char *table_get_str(json_t *obj, const char *key, bool required,
		    const char *where, struct parse_error *err, int *bad)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required && !*bad) {
			parse_fail(err, 0, "%s: missing \"%s\"", where, key);
			*bad = 1;
		}
		return NULL;
	}
	if (!json_is_string(v)) {
		if (!*bad) {
			parse_fail(err, 0, "%s: \"%s\" must be a string", where,
				key);
			*bad = 1;
		}
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

char **table_get_strlist(json_t *obj, const char *key, const char *where,
			 struct parse_error *err, int *bad)
{
	json_t *arr = json_object_get(obj, key), *v;
	char **list;
	size_t i;

	if (!arr)
		return xcalloc(1, sizeof(char *));
	if (!json_is_array(arr)) {
		if (!*bad) {
			parse_fail(err, 0, "%s: \"%s\" must be a list", where, key);
			*bad = 1;
		}
		return xcalloc(1, sizeof(char *));
	}
	list = xcalloc(json_array_size(arr) + 1, sizeof(char *));
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v)) {
			if (!*bad) {
				parse_fail(err, 0, "%s: \"%s\"[%zu] must be a string",
					where, key, i);
				*bad = 1;
			}
			list[i] = xstrdup("");
			continue;
		}
		list[i] = xstrdup(json_string_value(v));
	}
	return list;
}

void table_free_list(char **l)
{
	size_t i;

	for (i = 0; l && l[i]; i++)
		free(l[i]);
	free(l);
}

static int get_num(json_t *obj, const char *key, double lo, double hi,
		   double *out, struct parse_error *err)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_number(v) || json_number_value(v) < lo ||
	    json_number_value(v) > hi)
		return parse_fail(err, 0, "boot: \"%s\" must be a number from %g to %g",
				  key, lo, hi);
	*out = json_number_value(v);
	return 0;
}

/* An optional whole number from @lo to @hi: *@out untouched if absent. */
int table_get_work(json_t *obj, const char *key, const char *where,
		   long long *out, struct parse_error *err)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > TABLE_WORK_MAX)
		return parse_fail(err, 0, "%s: \"%s\" must be a whole number from 1 to %lld",
				  where, key, TABLE_WORK_MAX);
	*out = json_integer_value(v);
	return 0;
}

/*
 * "pass_work", "work_unit", "heartbeat", the host-starvation limit
 * ("starved_wait_seconds" with "starved_window_seconds") and the samples
 * of a silent boot ("silent_samples" with "silent_sample_seconds"): all
 * optional (off).
 */
static int load_work(json_t *o, struct boot_cfg *bc, struct parse_error *err)
{
	bool sw = json_object_get(o, "starved_wait_seconds");
	bool sn = json_object_get(o, "starved_window_seconds");
	int bad = 0;

	if (sw != sn)
		return parse_fail(err, 0, "boot: \"starved_wait_seconds\" and \"starved_window_seconds\" go together");
	if (sw && (get_num(o, "starved_window_seconds", 1, 600,
			   &bc->starved_window, err) ||
		   get_num(o, "starved_wait_seconds", 0.01,
			   bc->starved_window, &bc->starved_wait, err)))
		return -1;

	sw = json_object_get(o, "silent_samples");
	sn = json_object_get(o, "silent_sample_seconds");
	if (sw != sn)
		return parse_fail(err, 0, "boot: \"silent_samples\" and \"silent_sample_seconds\" go together");
	if (sw) {
		double n;

		if (get_num(o, "silent_samples", 1, 100, &n, err) ||
		    get_num(o, "silent_sample_seconds", 0.01, 10,
			    &bc->silent_sample_every, err))
			return -1;
		if (n != (int)n)
			return parse_fail(err, 0, "boot: \"silent_samples\" must be a whole number");
		bc->silent_samples = (int)n;
	}

	if (table_get_work(o, "pass_work", "boot", &bc->pass_work, err))
		return -1;
	if (json_object_get(o, "heartbeat") &&
	    get_num(o, "heartbeat", 1, 86400, &bc->heartbeat, err))
		return -1;
	bc->work_unit_name = table_get_str(o, "work_unit", bc->pass_work > 0,
					   "boot", err, &bad);
	if (bad)
		return -1;
	/* table_check() refuses a name that is none of them */
	bc->work_unit = work_field_index(bc->work_unit_name);
	if (bc->work_unit < 0)
		bc->work_unit = WORK_SPLITS;
	return 0;
}

static int load_boot(json_t *o, struct boot_cfg *bc, struct parse_error *err)
{
	double smp, mem, lines;
	int bad = 0;

	if (!json_is_object(o))
		return parse_fail(err, 0, "missing \"boot\" object");
	if (get_num(o, "smp", 1, 64, &smp, err) ||
	    get_num(o, "memory_mb", 128, 65536, &mem, err) ||
	    get_num(o, "timeout", 1, 86400, &bc->timeout, err) ||
	    get_num(o, "trace_seconds", 1, 600, &bc->trace_seconds, err) ||
	    get_num(o, "trace_lines", 8, 1000, &lines, err))
		return -1;
	bc->trace_lines = (int)lines;
	bc->smp = (int)smp;
	bc->memory_mb = (int)mem;
	bc->cmdline = table_get_str(o, "cmdline", true, "boot", err, &bad);
	bc->cpu_tcg = table_get_str(o, "cpu_tcg", false, "boot", err, &bad);
	bc->cpu_kvm = table_get_str(o, "cpu_kvm", false, "boot", err, &bad);
	return bad || load_work(o, bc, err) ? -1 : 0;
}

int table_load(const char *root, const char *path, struct table *t,
	       struct parse_error *err)
{
	json_error_t jerr;
	struct stat st;
	json_t *doc;
	int bad = 0;

	memset(t, 0, sizeof(*t));
	memset(err, 0, sizeof(*err));
	t->root = xstrdup(root);
	t->path = xstrdup(path);
	if (stat(path, &st))
		return parse_fail(err, 0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return parse_fail(err, 0, "%s", S_ISDIR(st.st_mode) ?
				  "a directory, not the branch table" :
				  "not a regular file");
	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		parse_fail(err, (unsigned int)(jerr.line > 0 ? jerr.line : 0),
			"%s", jerr.text);
		return -1;
	}
	if (table_load_fixes(json_object_get(doc, "fixes"), t, err))
		goto fail;
	t->backporter = table_get_str(doc, "backporter", true, "table", err,
				      &bad);
	t->fragments = table_get_strlist(doc, "fragments", "table", err, &bad);
	t->toolchain_prefixes = table_get_strlist(json_object_get(doc, "toolchain_config"),
						  "prefixes", "toolchain_config", err, &bad);
	if (!bad && load_boot(json_object_get(doc, "boot"), &t->boot, err))
		goto fail;
	if (bad)
		goto fail;
	if (table_load_branches(json_object_get(doc, "branches"), t, err) ||
	    table_check(t, err))
		goto fail;
	for (size_t i = 0; i < t->n; i++)
		if (!t->b[i].pass_work_own)
			t->b[i].pass_work = t->boot.pass_work;
	json_decref(doc);
	return 0;
fail:
	json_decref(doc);
	return -1;
}

char *project_root(void)
{
	const char *env = getenv("BACKPORT_ROOT");
	char exe[PATH_MAX];
	char *cand, *f;
	ssize_t n;

	if (env && *env) {
		f = path_join(env, "configs/branches.json");
		if (!path_exists(f)) {
			err_msg("BACKPORT_ROOT=%s: no configs/branches.json there",
				env);
			free(f);
			return NULL;
		}
		free(f);
		return abs_path(env);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			f = path_join(exe, "configs/branches.json");
			if (path_exists(f)) {
				free(f);
				return xstrdup(exe);
			}
			free(f);
		}
	}
	cand = abs_path(".");
	if (cand) {
		f = path_join(cand, "configs/branches.json");
		if (path_exists(f)) {
			free(f);
			return cand;
		}
		free(f);
		free(cand);
	}
	err_msg("cannot find the project root (configs/branches.json); set BACKPORT_ROOT");
	return NULL;
}

int table_load_default(struct table *t)
{
	struct parse_error err;
	char *root = project_root(), *path;
	int ret;

	if (!root)
		return -1;
	path = path_join(root, "configs/branches.json");
	ret = table_load(root, path, t, &err);
	if (!ret)
		ret = table_load_fix_diffs(t, &err);
	if (ret) {
		if (err.line)
			err_msg("%s:%u: %s", path, err.line, err.msg);
		else
			err_msg("%s: %s", path, err.msg);
		table_free(t);
	}
	free(path);
	free(root);
	return ret;
}

void table_free(struct table *t)
{
	table_free_branches(t);
	table_free_fixes(t);
	free(t->backporter);
	table_free_list(t->fragments);
	table_free_list(t->toolchain_prefixes);
	free(t->boot.cmdline);
	free(t->boot.cpu_tcg);
	free(t->boot.cpu_kvm);
	free(t->boot.work_unit_name);
	free(t->root);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

const struct branch *table_find(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->b[i].name, name))
			return &t->b[i];
	return NULL;
}

const struct branch *table_branch(const struct table *t, const char *name,
				  bool port_only)
{
	const struct branch *b = table_find(t, name);
	struct strbuf names = STRBUF_INIT;
	size_t i;

	if (b && (!port_only || b->decision == DECISION_PORT))
		return b;
	for (i = 0; i < t->n; i++)
		if (!port_only || t->b[i].decision == DECISION_PORT)
			sb_addf(&names, "%s%s", names.len ? ", " : "",
				t->b[i].name);
	if (b)
		err_msg("%s: branch %s is %s, not a port row (port rows: %s)",
			t->path, name, decision_name(b->decision),
			sb_str(&names));
	else
		err_msg("%s: no branch %s (branches: %s)", t->path, name,
			sb_str(&names));
	sb_release(&names);
	return NULL;
}

const struct branch *table_load_branch(struct table *t, const char *name,
				       bool port_only)
{
	const struct branch *b;

	if (table_load_default(t))
		return NULL;
	b = table_branch(t, name, port_only);
	if (!b)
		table_free(t);
	return b;
}

char *branch_ports_rel(const struct branch *b)
{
	if (b->patches_dir)
		return xstrdup(b->patches_dir);
	return xasprintf("ports/%s", b->name);
}

char *branch_port_rel(const struct branch *b, const char *patch)
{
	if (b->patches_dir)
		return xasprintf("%s/%s", b->patches_dir, patch);
	return xasprintf("ports/%s/%s", b->name, patch);
}

char *table_path(const struct table *t, const char *rel)
{
	return path_join(t->root, rel);
}
