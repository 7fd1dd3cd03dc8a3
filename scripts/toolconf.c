// SPDX-License-Identifier: GPL-2.0
/*
 * The toolchain part of a kernel configuration (see toolconf.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "toolconf.h"
#include "util.h"

static bool symbol_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_';
}

/* Length of the symbol at @s (up to @n bytes) when it is one. */
static size_t symbol_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n < 8 || memcmp(s, "CONFIG_", 7))
		return 0;
	for (i = 7; i < n && symbol_char(s[i]); i++)
		;
	return i > 7 ? i : 0;
}

static bool wanted(const char *s, size_t n, char *const *prefixes)
{
	char *const *p;

	for (p = prefixes; p && *p; p++)
		if (strlen(*p) <= n && !memcmp(s, *p, strlen(*p)))
			return true;
	return false;
}

/* Replace the entry for the symbol @sym (@n bytes) or append @entry. */
static void put(struct strvec *out, size_t from, const char *sym, size_t n,
		char *entry)
{
	size_t i;

	for (i = from; i < out->n; i++)
		if (!strncmp(out->v[i], sym, n) && out->v[i][n] == '=') {
			free(out->v[i]);
			memmove(&out->v[i], &out->v[i + 1],
				(out->n - i - 1) * sizeof(*out->v));
			out->v[--out->n] = NULL;
			break;
		}
	sv_push(out, entry);
	free(entry);
}

/* One line: "CONFIG_X=v" or "# CONFIG_X is not set", else nothing. */
static void line(const char *s, size_t n, char *const *prefixes,
		 struct strvec *out, size_t from)
{
	static const char unset[] = " is not set";
	const char *sym = s;
	size_t sl;

	if (n >= 2 && !memcmp(s, "# ", 2)) {
		sym = s + 2;
		sl = symbol_len(sym, n - 2);
		if (!sl || n - 2 - sl != strlen(unset) ||
		    memcmp(sym + sl, unset, strlen(unset)))
			return;
		if (wanted(sym, sl, prefixes))
			put(out, from, sym, sl, xasprintf("%.*s=n", (int)sl,
							    sym));
		return;
	}
	sl = symbol_len(sym, n);
	if (!sl || sl >= n || sym[sl] != '=' || !wanted(sym, sl, prefixes))
		return;
	put(out, from, sym, sl, xstrndup(s, n));
}

/* Kconfig writes none; a line with one is not recorded. */
static bool has_control(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

size_t toolconf_collect(const char *text, size_t len, char *const *prefixes,
			struct strvec *out)
{
	const char *p = text, *end = text + len;
	size_t from = out->n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n && p[n - 1] == '\r')
			n--;
		if (!has_control(p, n))
			line(p, n, prefixes, out, from);
		p += (nl ? (size_t)(nl - p) + 1 : n);
		if (!nl)
			break;
	}
	return out->n - from;
}

/* The value of @entry's symbol in @l, or NULL. */
static const char *value_in(const struct strvec *l, const char *entry)
{
	size_t n = strcspn(entry, "="), i;

	for (i = 0; i < l->n; i++)
		if (!strncmp(l->v[i], entry, n) && l->v[i][n] == '=')
			return l->v[i] + n + 1;
	return NULL;
}

size_t toolconf_diff(const struct strvec *here, const struct strvec *there,
		     struct strbuf *sb)
{
	size_t i, count = 0;

	for (i = 0; i < here->n; i++) {
		const char *a = strchr(here->v[i], '='), *b;

		if (!a++)
			continue;
		b = value_in(there, here->v[i]);
		if (b && !strcmp(a, b))
			continue;
		sb_addf(sb, "%.*s: %s here, %s there\n",
			(int)(a - 1 - here->v[i]), here->v[i], a,
			b ? b : "unset");
		count++;
	}
	for (i = 0; i < there->n; i++) {
		if (!strchr(there->v[i], '=') || value_in(here, there->v[i]))
			continue;
		sb_addf(sb, "%.*s: unset here, %s there\n",
			(int)strcspn(there->v[i], "="), there->v[i],
			strchr(there->v[i], '=') + 1);
		count++;
	}
	return count;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Is @there's tree the one this build used? */
static bool same_tree(const struct toolconf_here *h, const struct results *r)
{
	if (h->tree_id && r->tree.id)
		return same(h->tree_id, r->tree.id);
	return same(h->tree_version, r->tree.version);
}

static void tool_line(struct strbuf *sb, const char *what, const char *here,
		      const char *there)
{
	if (!here || !there || same(here, there))
		return;
	sb_addf(sb, "%s: \"%s\" here, \"%s\" there\n", what, here, there);
}

int toolconf_explain(const struct toolconf_here *here,
		     const struct results *there, const char *name,
		     struct strbuf *sb)
{
	const struct results_toolchain *tc = &there->toolchain;

	if (!there->config_sha256 || !here->config_sha256 ||
	    !same_tree(here, there))
		return -1;
	if (same(here->config_sha256, there->config_sha256)) {
		sb_addf(sb, ".config %.12s is the one of %s\n",
			here->config_sha256, name);
		return 1;
	}
	sb_addf(sb, ".config %.12s differs from %s's %.12s (the same tree and fragments):\n",
		here->config_sha256, name, there->config_sha256);
	tool_line(sb, "compiler", here->cc_version, tc->cc_version);
	tool_line(sb, "linker", here->ld_version, tc->ld_version);
	if (!tc->has_config)
		sb_addf(sb, "%s records no toolchain symbols (written before they were recorded): re-run its verify to see which differ\n",
			name);
	else if (!toolconf_diff(here->config, &tc->config, sb))
		sb_addf(sb, "its toolchain symbols are the same: the difference is elsewhere (compare the two .config files)\n");
	return 0;
}
