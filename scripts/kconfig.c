// SPDX-License-Identifier: GPL-2.0
/*
 * Kconfig fragments, tree symbols, the survival check and the
 * configuration key (see kconfig.h).
 */
#include <errno.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "util.h"

static struct kopt *kopt_find(struct kopts *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].name, name))
			return &o->v[i];
	return NULL;
}

static void kopt_set(struct kopts *o, const char *name, const char *value,
		     const char *where)
{
	struct kopt *k = kopt_find(o, name);

	if (!k) {
		if (o->n == o->alloc) {
			o->alloc = o->alloc ? o->alloc * 2 : 64;
			o->v = xrealloc(o->v, o->alloc * sizeof(*o->v));
		}
		k = &o->v[o->n++];
		memset(k, 0, sizeof(*k));
		k->name = xstrdup(name);
	} else {
		free(k->value);
		free(k->where);
	}
	k->value = xstrdup(value);
	k->where = xstrdup(where);
}

void kopts_free(struct kopts *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].name);
		free(o->v[i].value);
		free(o->v[i].where);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}

/* Parse one .config-format line into name/value; false if not one. */
static bool config_line(char *line, char **name, char **value)
{
	char *eq;

	line = trim(line);
	if (starts_with(line, "# CONFIG_") && ends_with(line, " is not set")) {
		line += 9;
		line[strlen(line) - 11] = '\0';
		*name = line;
		*value = "n";
		return true;
	}
	if (!starts_with(line, "CONFIG_"))
		return false;
	eq = strchr(line, '=');
	if (!eq)
		return false;
	*eq = '\0';
	*name = line + 7;
	*value = eq + 1;
	return true;
}

void kconfig_fragment_parse(char *buf, const char *path, struct kopts *o)
{
	char *save = NULL, *line;
	unsigned int ln = 0;
	char *p;

	for (p = buf; p; p = save) {
		char *name, *value, where[600];

		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		line = p;
		ln++;
		snprintf(where, sizeof(where), "%s:%u", path, ln);
		if (starts_with(trim(line), "# backport-any-of:")) {
			char *s2 = NULL, *tok;
			int g = ++o->groups;

			for (tok = strtok_r(trim(line) + 18, " \t", &s2); tok;
			     tok = strtok_r(NULL, " \t", &s2)) {
				struct kopt *k;

				if (starts_with(tok, "CONFIG_"))
					tok += 7;
				k = kopt_find(o, tok);
				if (k)
					k->group = g;
			}
			continue;
		}
		if (config_line(line, &name, &value))
			kopt_set(o, name, value, where);
	}
}

int kconfig_fragment_read(const char *path, struct kopts *o, char *msg,
			  size_t msglen)
{
	struct strbuf sb = STRBUF_INIT;

	if (read_file(path, &sb)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		sb_release(&sb);
		return -1;
	}
	if (sb.buf)
		kconfig_fragment_parse(sb.buf, path, o);
	sb_release(&sb);
	return 0;
}

/* ---- what the tree's Kconfig knows ---------------------------------- */

static bool kconfig_input(const char *rel, const char *base)
{
	return starts_with(base, "Kconfig") || !strcmp(rel, "Makefile") ||
		starts_with(rel, "scripts/kconfig/") ||
		(ends_with(base, ".config") && strstr(rel, "configs/"));
}

void kconfig_tree_add(struct kconfig_tree *kt, const char *rel, char *buf,
		      size_t len)
{
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	char *hex, *p, *save = NULL;

	if (!kconfig_input(rel, base))
		return;
	hex = sha256_hex(buf, len);
	sv_pushf(&kt->inputs, "%s %s", rel, hex ? hex : "?");
	free(hex);
	if (!starts_with(base, "Kconfig") || !buf)
		return;
	for (p = strtok_r(buf, "\n", &save); p;
	     p = strtok_r(NULL, "\n", &save)) {
		char *q = trim(p);

		if (starts_with(q, "menuconfig "))
			q += 11;
		else if (starts_with(q, "config "))
			q += 7;
		else
			continue;
		q = trim(q);
		sb_addf(&kt->syms, "\n%s\n", q);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void kconfig_tree_done(struct kconfig_tree *kt)
{
	if (kt->inputs.n)
		qsort(kt->inputs.v, kt->inputs.n, sizeof(char *), cmp_str);
}

void kconfig_tree_load(struct kconfig_tree *kt, const char *src)
{
	char *const roots[] = { (char *)src, NULL };
	size_t skip = strlen(src) + 1;
	FTS *fts;
	FTSENT *e;

	kconfig_tree_free(kt);
	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	while (fts && (e = fts_read(fts))) {
		struct strbuf sb = STRBUF_INIT;
		const char *rel;

		if (e->fts_info != FTS_F || e->fts_pathlen <= skip)
			continue;
		rel = e->fts_path + skip;
		if (!kconfig_input(rel, e->fts_name))
			continue;
		if (!read_file(e->fts_path, &sb))
			kconfig_tree_add(kt, rel, sb.buf, sb.len);
		sb_release(&sb);
	}
	if (fts)
		fts_close(fts);
	kconfig_tree_done(kt);
}

bool kconfig_tree_has(const struct kconfig_tree *kt, const char *name)
{
	char *k = xasprintf("\n%s\n", name);
	bool found = kt->syms.buf && strstr(kt->syms.buf, k);

	free(k);
	return found;
}

void kconfig_tree_free(struct kconfig_tree *kt)
{
	sb_release(&kt->syms);
	sv_clear(&kt->inputs);
}

/* ---- the survival check --------------------------------------------- */

static bool ignored(char *const *ign, const char *name)
{
	size_t i;

	for (i = 0; ign && ign[i]; i++) {
		const char *n = ign[i];

		if (starts_with(n, "CONFIG_"))
			n += 7;
		if (!strcmp(n, name))
			return true;
	}
	return false;
}

/* Does @want[i] hold, or another option of its any-of group? */
static bool satisfied(const struct kopts *want, const bool *ok, size_t i)
{
	size_t j;

	if (ok[i])
		return true;
	for (j = 0; want->v[i].group && j < want->n; j++)
		if (want->v[j].group == want->v[i].group && ok[j])
			return true;
	return false;
}

int kconfig_check(const struct kopts *want, const struct kconfig_tree *kt,
		  char *dotconfig, char *const *ign, struct strbuf *report)
{
	struct kopts got = { 0 };
	char *p, *save = NULL;
	size_t i;
	int bad = 0;
	bool *ok;

	for (p = dotconfig; p; p = save) {
		char *name, *value;

		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		if (config_line(p, &name, &value))
			kopt_set(&got, name, value, "");
	}
	ok = xcalloc(want->n + 1, sizeof(*ok));
	for (i = 0; i < want->n; i++) {
		struct kopt *g = kopt_find(&got, want->v[i].name);

		ok[i] = !strcmp(g ? g->value : "n", want->v[i].value);
	}
	for (i = 0; i < want->n; i++) {
		const struct kopt *w = &want->v[i];
		struct kopt *g;
		const char *have;

		if (satisfied(want, ok, i))
			continue;
		if (!kconfig_tree_has(kt, w->name)) {
			if (strcmp(w->value, "n"))
				sb_addf(report, "  note: CONFIG_%s (%s) does not exist in this tree\n",
					w->name, w->where);
			continue;
		}
		g = kopt_find(&got, w->name);
		have = g && strcmp(g->value, "n") ? g->value : "it unset";
		if (ignored(ign, w->name)) {
			sb_addf(report, "  note: CONFIG_%s=%s requested (%s), .config has %s (config_ignore of the branch)\n",
				w->name, w->value, w->where, have);
			continue;
		}
		sb_addf(report, "  CONFIG_%s=%s requested (%s), .config has %s\n",
			w->name, w->value, w->where, have);
		bad++;
	}
	free(ok);
	kopts_free(&got);
	return bad;
}

/* ---- the configuration key ------------------------------------------ */

int kconfig_key_tools(struct strbuf *sb, const char *cc_version,
		      const char *ld_version, const struct strvec *fragments)
{
	size_t i;

	sb_addf(sb, "cc %s\nld %s\n", cc_version ? cc_version : "",
		ld_version ? ld_version : "");
	for (i = 0; i < fragments->n; i++) {
		char *h = sha256_file_hex(fragments->v[i]);

		if (!h)
			return -1;
		sb_addf(sb, "fragment %s\n", h);
		free(h);
	}
	return 0;
}

char *kconfig_key(const struct strvec *make_argv, const char *cc_version,
		  const char *ld_version, const struct strvec *fragments,
		  const struct kconfig_tree *kt)
{
	struct strbuf sb = STRBUF_INIT;
	char *key = NULL;
	size_t i;

	for (i = 0; i < make_argv->n; i++)
		sb_addf(&sb, "argv %s\n", make_argv->v[i]);
	if (kconfig_key_tools(&sb, cc_version, ld_version, fragments))
		goto out;
	for (i = 0; i < kt->inputs.n; i++)
		sb_addf(&sb, "%s\n", kt->inputs.v[i]);
	key = sha256_hex(sb.buf, sb.len);
out:
	sb_release(&sb);
	return key;
}

char *kconfig_stamp_text(const char *key, const char *config_sha256)
{
	if (!key || !config_sha256)
		return NULL;
	return xasprintf("key %s\nconfig %s\n", key, config_sha256);
}

bool kconfig_stamp_current(const char *stamp, const char *key,
			   const char *dotconfig)
{
	struct strbuf sb = STRBUF_INIT;
	char *h = sha256_file_hex(dotconfig);
	char *want = kconfig_stamp_text(key, h);
	bool same = want && !read_file(stamp, &sb) && sb.buf &&
		!strcmp(sb.buf, want);

	free(h);
	free(want);
	sb_release(&sb);
	return same;
}
