// SPDX-License-Identifier: GPL-2.0
/*
 * Header values of the mails "backport mail" writes (see mailenc.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailenc.h"
#include "maintainers.h"
#include "util.h"
#include "valid.h"

#define WORD_OPEN	"=?UTF-8?q?"
#define WORD_CLOSE	"?="

static bool ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9');
}

/* The bytes of the UTF-8 character at @s. */
static size_t char_len(const unsigned char *s)
{
	if (*s < 0xc0)
		return 1;
	if (*s < 0xe0)
		return 2;
	return *s < 0xf0 ? 3 : 4;
}

/* What byte @c takes in Q encoding: itself, '_' for a space, or =XX. */
static size_t q_len(unsigned char c)
{
	return ascii_alnum(c) || c == ' ' ? 1 : 3;
}

char *mailenc_words(const char *s)
{
	const size_t room = MAILENC_WORD_MAX - strlen(WORD_OPEN) -
			    strlen(WORD_CLOSE);
	const unsigned char *c = (const unsigned char *)s;
	struct strbuf sb = STRBUF_INIT;
	size_t used = 0, n, i, need;

	if (!utf8_valid(s, strlen(s)))
		return NULL;
	sb_adds(&sb, WORD_OPEN);
	for (; *c; c += n) {
		n = char_len(c);
		for (need = 0, i = 0; i < n; i++)
			need += q_len(c[i]);
		if (used + need > room) {
			sb_adds(&sb, WORD_CLOSE " " WORD_OPEN);
			used = 0;
		}
		for (i = 0; i < n; i++) {
			if (c[i] == ' ')
				sb_addc(&sb, '_');
			else if (ascii_alnum(c[i]))
				sb_addc(&sb, (char)c[i]);
			else
				sb_addf(&sb, "=%02X", c[i]);
		}
		used += need;
	}
	sb_adds(&sb, WORD_CLOSE);
	return sb_detach(&sb);
}

/* Does @s hold a byte that a header cannot carry as is? */
static bool needs_words(const char *s)
{
	const unsigned char *c;

	for (c = (const unsigned char *)s; *c; c++)
		if (*c >= 0x7f || *c < 0x20)
			return true;
	return false;
}

char *mailenc_phrase(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *c;

	if (needs_words(name))
		return mailenc_words(name);
	if (!strpbrk(name, "()<>[]:;@\\,.\""))
		return xstrdup(name);
	sb_addc(&sb, '"');
	for (c = name; *c; c++) {
		if (*c == '"' || *c == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *c);
	}
	sb_addc(&sb, '"');
	return sb_detach(&sb);
}

/* A quoted display name without its quotes and backslashes. */
static char *unquote(const char *q)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(q), i;

	for (i = 1; i + 1 < n; i++) {
		if (q[i] == '\\' && i + 2 < n)
			i++;
		sb_addc(&sb, q[i]);
	}
	return sb_detach(&sb);
}

char *mailenc_addr(const char *who)
{
	const char *lt = strchr(who, '<');
	char *name, *phrase, *addr, *r;

	if (!utf8_valid(who, strlen(who)))
		return NULL;
	if (!lt)
		return needs_words(who) ? NULL : xstrdup(who);
	name = xstrndup(who, (size_t)(lt - who));
	trim(name);
	if (name[0] == '"' && !needs_words(name)) {	/* already quoted */
		free(name);
		return xstrdup(who);
	}
	if (name[0] == '"') {
		char *u = unquote(name);

		free(name);
		name = u;
	}
	phrase = mailenc_phrase(trim(name));
	free(name);
	if (!phrase)
		return NULL;
	addr = maint_address(who);
	if (needs_words(addr)) {	/* addresses are ASCII */
		free(phrase);
		free(addr);
		return NULL;
	}
	r = *phrase ? xasprintf("%s <%s>", phrase, addr) : xstrdup(addr);
	free(phrase);
	free(addr);
	return r;
}

char *mailenc_text(const char *s)
{
	return needs_words(s) ? mailenc_words(s) : xstrdup(s);
}
