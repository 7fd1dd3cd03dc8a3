// SPDX-License-Identifier: GPL-2.0
/*
 * Build-compatibility patches (see compat.h): the data file, its patches
 * and the content test.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compat.h"
#include "fixdiff.h"
#include "json-read.h"
#include "patch.h"
#include "tree.h"
#include "util.h"

static const char *const top_keys[] = { "comment", "compat", NULL };
static const char *const entry_keys[] = {
	"comment", "commit", "subject", "patch", "needed_if", "toolchain",
	NULL
};
static const char *const test_keys[] = { "file", "function", "line", NULL };

/* Relative, inside: not absolute, no "." or ".." component, no "//". */
static bool rel_inside(const char *p)
{
	const char *s = p;

	if (!*p || *p == '/')
		return false;
	while (*s) {
		size_t n = strcspn(s, "/");

		if (!n || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += n;
		if (*s == '/' && !*++s)
			return false;
	}
	return true;
}

static bool c_identifier(const char *s)
{
	const char *p;

	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return p - s < 128;
}

static int rel_field(struct json_rd *d, json_t *o, const char *pre,
		     const char *key, char **out)
{
	char f[160];

	if (jr_str(d, o, pre, key, S_LINE, true, out))
		return -1;
	if (!rel_inside(*out))
		return jr_bad(d, jr_field(f, sizeof(f), pre, key),
			      "\"%.80s\" is not a relative path inside the %s",
			      *out, strcmp(key, "patch") ? "tree" : "project");
	return 0;
}

static int load_test(struct json_rd *d, json_t *o, const char *pre,
		     struct compat_test *t)
{
	char tpre[96], f[160], *tl;
	json_t *n;

	jr_field(tpre, sizeof(tpre), pre, "needed_if");
	if (jr_obj(d, o, pre, "needed_if", true, &n) ||
	    jr_known_keys(d, n, tpre, test_keys) ||
	    rel_field(d, n, tpre, "file", &t->file) ||
	    jr_str(d, n, tpre, "function", S_LINE, false, &t->function) ||
	    jr_str(d, n, tpre, "line", S_CONSOLE, true, &t->line))
		return -1;
	if (t->function && !c_identifier(t->function))
		return jr_bad(d, jr_field(f, sizeof(f), tpre, "function"),
			      "\"%.80s\" is not a C identifier", t->function);
	tl = trim(t->line);
	memmove(t->line, tl, strlen(tl) + 1);
	if (!*t->line)
		return jr_bad(d, jr_field(f, sizeof(f), tpre, "line"),
			      "blank");
	return 0;
}

/*
 * "patch": one path, or a list of them: the same commit as each stable
 * branch shipped it (see compat.h); each a relative path inside.
 */
static int load_patches(struct json_rd *d, json_t *o, const char *pre,
			struct strvec *out)
{
	json_t *v = json_object_get(o, "patch");
	char f[160], fi[192];
	bool present;
	size_t i;

	jr_field(f, sizeof(f), pre, "patch");
	if (!json_is_array(v)) {
		char *one = NULL;

		int r = rel_field(d, o, pre, "patch", &one);

		if (!r)
			sv_push(out, one);
		free(one);
		return r;
	}
	if (!json_array_size(v))
		return jr_bad(d, f, "an empty list");
	if (jr_strlist(d, o, pre, "patch", S_LINE, out, &present))
		return -1;
	for (i = 0; i < out->n; i++) {
		if (rel_inside(out->v[i]))
			continue;
		snprintf(fi, sizeof(fi), "%s[%zu]", f, i);
		return jr_bad(d, fi, "\"%.80s\" is not a relative path inside the project",
			      out->v[i]);
	}
	return 0;
}

static int load_entry(struct json_rd *d, json_t *o, const char *pre,
		      struct compat_entry *e, struct strvec *patches)
{
	char f[160];

	if (!json_is_object(o))
		return jr_bad(d, pre, "%s, not an object", jr_type_name(o));
	if (jr_known_keys(d, o, pre, entry_keys) ||
	    jr_str(d, o, pre, "commit", S_COMMIT, true, &e->commit) ||
	    jr_str(d, o, pre, "subject", S_LINE, true, &e->subject) ||
	    load_patches(d, o, pre, patches) ||
	    load_test(d, o, pre, &e->test) ||
	    jr_str(d, o, pre, "toolchain", S_LINE, false, &e->toolchain))
		return -1;
	if (e->toolchain && !*e->toolchain)
		return jr_bad(d, jr_field(f, sizeof(f), pre, "toolchain"),
			      "empty");
	return 0;
}

static void entry_free(struct compat_entry *e);

/* Entry @e again for its patch @patch (the @k-th of its list). */
static void entry_for_patch(struct compat_entry *to,
			    const struct compat_entry *e, const char *patch,
			    size_t group, size_t k)
{
	memset(to, 0, sizeof(*to));
	to->commit = xstrdup(e->commit);
	to->subject = xstrdup(e->subject);
	to->patch = xstrdup(patch);
	to->toolchain = xstrdup_or_null(e->toolchain);
	to->test.file = xstrdup(e->test.file);
	to->test.function = xstrdup_or_null(e->test.function);
	to->test.line = xstrdup(e->test.line);
	to->group = group;
	to->alt = k;
}

/* JSON entry @i: its patches appended to @l as entries of group @i. */
static int add_entries(struct json_rd *d, json_t *o, size_t i,
		       struct compat_list *l)
{
	struct compat_entry e = { 0 };
	struct strvec patches = STRVEC_INIT;
	char pre[32];
	size_t j, k;
	int ret = -1;

	snprintf(pre, sizeof(pre), "compat[%zu]", i);
	if (load_entry(d, o, pre, &e, &patches))
		goto out;
	for (j = 0; j < l->n; j++)
		if (!strcmp(l->e[j].commit, e.commit)) {
			jr_bad(d, pre, "commit %s is listed twice (also compat[%zu])",
			       e.commit, l->e[j].group);
			goto out;
		}
	l->e = xrealloc(l->e, (l->n + patches.n + 1) * sizeof(*l->e));
	for (k = 0; k < patches.n; k++)
		entry_for_patch(&l->e[l->n++], &e, patches.v[k], i, k);
	memset(&l->e[l->n], 0, sizeof(*l->e));
	ret = 0;
out:
	entry_free(&e);
	sv_clear(&patches);
	return ret;
}

int compat_parse(const char *buf, size_t len, const char *name,
		 struct compat_list *l, char *msg, size_t msglen)
{
	struct json_rd d = { .file = name, .msg = msg, .msglen = msglen };
	json_t *doc, *arr, *o;
	size_t i;
	int ret = -1;

	memset(l, 0, sizeof(*l));
	doc = jr_load(&d, buf, len);
	if (!doc)
		return -1;
	if (!json_is_object(doc)) {
		snprintf(msg, msglen, "%s: %s, not a JSON object", name,
			 jr_type_name(doc));
		goto out;
	}
	if (jr_known_keys(&d, doc, "", top_keys))
		goto out;
	arr = json_object_get(doc, "compat");
	if (!json_is_array(arr)) {
		if (arr)
			jr_bad(&d, "compat", "%s, not an array",
			       jr_type_name(arr));
		else
			jr_bad(&d, "compat", "missing");
		goto out;
	}
	l->e = xcalloc(1, sizeof(*l->e));
	json_array_foreach(arr, i, o)
		if (add_entries(&d, o, i, l))
			goto out;
	ret = 0;
out:
	json_decref(doc);
	return ret;
}

/* @rel of @root must resolve (symlinks too) inside @root. */
static char *inside_root(const char *root, const char *rel, char *why,
			 size_t whylen)
{
	char *p = path_join(root, rel), *real = realpath(p, NULL), *rroot;
	int err = errno;
	size_t n;

	rroot = realpath(root, NULL);
	if (!rroot)
		err = errno;
	n = rroot ? strlen(rroot) : 0;
	if (!real || !rroot) {
		snprintf(why, whylen, "%s", strerror(err));
		free(real);
		real = NULL;
	} else if (strncmp(real, rroot, n) || real[n] != '/') {
		snprintf(why, whylen, "resolves to %s, outside %s", real,
			 rroot);
		free(real);
		real = NULL;
	}
	free(rroot);
	free(p);
	return real;
}

/* The "From <sha> Mon Sep 17 ..." line, when the patch has one. */
static bool other_commit(const char *text, const char *commit)
{
	return starts_with(text, "From ") && is_hex(text + 5, 40) &&
		strncmp(text + 5, commit, 40);
}

static int check_patch(struct compat_entry *e, const char *text, size_t len,
		       struct json_rd *d, const char *pre)
{
	struct parse_error pe;
	struct patch p;
	bool has_file = false;
	char f[160];
	size_t i;
	int ret = -1;

	jr_field(f, sizeof(f), pre, "patch");
	if (patch_parse(text, len, &p, &pe))
		return jr_bad(d, f, "%s:%u: %s", e->patch, pe.line, pe.msg);
	if (other_commit(text, e->commit)) {
		jr_bad(d, f, "%s: its From line names %.40s, not %s", e->patch,
		       text + 5, e->commit);
		goto out;
	}
	if (strcmp(p.subject, e->subject)) {
		jr_bad(d, f, "%s: subject \"%.80s\", not \"%.80s\"", e->patch,
		       p.subject, e->subject);
		goto out;
	}
	for (i = 0; i < p.nfiles; i++) {
		const char *fp = p.files[i].old_path;

		if (!fp || !strcmp(fp, "/dev/null"))
			fp = p.files[i].new_path;
		if (!fp || !rel_inside(fp)) {
			jr_bad(d, f, "%s:%u: path \"%.80s\" leaves the tree",
			       e->patch, p.files[i].line, fp ? fp : "");
			goto out;
		}
		sv_push(&e->files, fp);
		has_file |= !strcmp(fp, e->test.file);
	}
	if (!has_file) {
		jr_bad(d, f, "%s: does not touch %s (needed_if.file)", e->patch,
		       e->test.file);
		goto out;
	}
	if (fixdiff_parse(p.diff ? p.diff : "", p.diff_line, &e->fd, &pe)) {
		jr_bad(d, f, "%s:%u: %s", e->patch, pe.line, pe.msg);
		goto out;
	}
	ret = 0;
out:
	patch_free(&p);
	return ret;
}

static int load_patch(const char *root, struct compat_entry *e,
		      struct json_rd *d, const char *pre)
{
	struct strbuf sb = STRBUF_INIT;
	char why[PATH_MAX + 64], f[160];
	int ret = -1;

	jr_field(f, sizeof(f), pre, "patch");
	e->patch_path = inside_root(root, e->patch, why, sizeof(why));
	if (!e->patch_path)
		return jr_bad(d, f, "%s: %s", e->patch, why);
	if (read_file(e->patch_path, &sb)) {
		jr_bad(d, f, "%s: %s", e->patch, strerror(errno));
		goto out;
	}
	if (check_patch(e, sb_str(&sb), sb.len, d, pre))
		goto out;
	e->patch_sha256 = sha256_hex(sb.buf ? sb.buf : "", sb.len);
	ret = 0;
out:
	sb_release(&sb);
	return ret;
}

void compat_field(const struct compat_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "compat[%zu]", e->group);
}

int compat_load(const char *root, struct compat_list *l, char *msg,
		size_t msglen)
{
	char *path = path_join(root, COMPAT_FILE);
	struct json_rd d = { .file = path, .msg = msg, .msglen = msglen };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int ret = -1;

	memset(l, 0, sizeof(*l));
	if (read_file(path, &sb)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (compat_parse(sb_str(&sb), sb.len, path, l, msg, msglen))
		goto out;
	for (i = 0; i < l->n; i++) {
		char pre[32];

		compat_field(&l->e[i], pre, sizeof(pre));
		if (load_patch(root, &l->e[i], &d, pre))
			goto out;
	}
	ret = 0;
out:
	sb_release(&sb);
	free(path);
	return ret;
}

static void entry_free(struct compat_entry *e)
{
	free(e->commit);
	free(e->subject);
	free(e->patch);
	free(e->toolchain);
	free(e->test.file);
	free(e->test.function);
	free(e->test.line);
	free(e->patch_path);
	free(e->patch_sha256);
	sv_clear(&e->files);
	fixdiff_free(&e->fd);
}

void compat_free(struct compat_list *l)
{
	size_t i;

	for (i = 0; l->e && i < l->n; i++)
		entry_free(&l->e[i]);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

/* Does line @s (@n bytes) equal @want once its blanks are trimmed? */
static bool trimmed_is(const char *s, size_t n, const char *want)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n == strlen(want) && !memcmp(s, want, n);
}

/*
 * A definition of @fn starts at column 0: the name as a whole word,
 * then "(", and no ";" at the end (a prototype).
 */
static bool defines(const char *s, size_t n, const char *fn)
{
	size_t fl = strlen(fn), i;

	if (!n || isspace((unsigned char)*s) || *s == '#' || *s == '/' ||
	    *s == '*')
		return false;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n && s[n - 1] == ';')
		return false;
	for (i = 0; i + fl < n; i++) {
		size_t j = i + fl;

		if (memcmp(s + i, fn, fl) ||
		    (i && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')))
			continue;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < n && s[j] == '(')
			return true;
	}
	return false;
}

bool compat_text_needs(const struct compat_test *t, const char *text,
		       size_t len)
{
	const char *p = text, *end = text + len;
	bool in = !t->function;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (!t->function)
			in = true;
		else if (!in)
			in = defines(p, n, t->function);
		else if (n && p[0] == '}')
			in = false;
		if (in && trimmed_is(p, n, t->line))
			return true;
		p += n + 1;
	}
	return false;
}

int compat_tree_places(const struct compat_entry *e, const char *tree,
		       char *msg, size_t msglen)
{
	unsigned long *lines = xcalloc(e->fd.n + 1, sizeof(*lines));
	int r = tree_place_hunks(tree, &e->fd, lines, msg, msglen);

	free(lines);
	return !r;
}

int compat_tree_needs(const struct compat_entry *e, const char *tree,
		      char *msg, size_t msglen)
{
	char *path = path_join(tree, e->test.file);
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (read_file(path, &sb)) {
		ret = errno == ENOENT || errno == ENOTDIR ? 0 : -1;
		if (ret)
			snprintf(msg, msglen, "%s: %s", path, strerror(errno));
	} else {
		ret = compat_text_needs(&e->test, sb.buf ? sb.buf : "",
					sb.len);
	}
	sb_release(&sb);
	free(path);
	return ret;
}
