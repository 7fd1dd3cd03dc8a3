// SPDX-License-Identifier: GPL-2.0
/*
 * sha256sum(1) lists, bare or clear-signed (see sha256sums.h).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "lines.h"
#include "sha256sums.h"
#include "util.h"

#define BEGIN_SIGNED	"-----BEGIN PGP SIGNED MESSAGE-----"
#define BEGIN_SIG	"-----BEGIN PGP SIGNATURE-----"

const struct sha256sum *sha256sums_find(const struct sha256sums *s,
					const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].name, name))
			return &s->e[i];
	return NULL;
}

void sha256sums_free(struct sha256sums *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->e[i].name);
	free(s->e);
	memset(s, 0, sizeof(*s));
}

/*
 * One line @p (@len bytes, no newline): an entry when it is 64 hex, two
 * blanks or " *", and a name without control characters.  Returns 0
 * (added or ignored) or -1 for a name listed twice with another sum.
 */
static int parse_entry(const char *p, size_t len, unsigned int no,
		       struct sha256sums *s, struct parse_error *err)
{
	const struct sha256sum *old;
	struct sha256sum e = { .line = no };
	size_t i;

	if (len && p[len - 1] == '\r')
		len--;
	if (len < 67 || p[64] != ' ' || (p[65] != ' ' && p[65] != '*'))
		return 0;
	for (i = 66; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return 0;
	for (i = 0; i < 64; i++) {
		if (!isxdigit((unsigned char)p[i]))
			return 0;
		e.hex[i] = (char)tolower((unsigned char)p[i]);
	}
	e.name = xstrndup(p + 66, len - 66);
	old = sha256sums_find(s, e.name);
	if (old) {
		int same = !strcmp(old->hex, e.hex);

		free(e.name);
		if (same)
			return 0;
		return parse_fail(err, no,
				  "\"%s\" listed twice with different sums (first at line %u)",
				  old->name, old->line);
	}
	s->e = xrealloc(s->e, (s->n + 1) * sizeof(*s->e));
	s->e[s->n++] = e;
	return 0;
}

/* @l is @s, with or without a carriage return at its end. */
static bool line_is_cr(const struct line *l, const char *s)
{
	size_t n = l->len, m = strlen(s);

	if (n && l->s[n - 1] == '\r')
		n--;
	return n == m && !memcmp(l->s, s, m);
}

/* Where the signed text of a clear-signed message stands. */
enum armor_state { BEFORE, HEADERS, TEXT, DONE };

/*
 * One line of a clear-signed message: skip what precedes the armor and
 * the armor headers, read the text (dash-escaped lines unescaped), stop
 * at the signature.
 */
static int armored_line(const struct line *l, enum armor_state *st,
			struct sha256sums *s, struct parse_error *err)
{
	switch (*st) {
	case BEFORE:
		if (line_is_cr(l, BEGIN_SIGNED))
			*st = HEADERS;
		return 0;
	case HEADERS:
		if (line_is_cr(l, ""))
			*st = TEXT;
		return 0;
	case TEXT:
		if (line_starts(l, BEGIN_SIG)) {
			*st = DONE;
			return 0;
		}
		if (line_starts(l, "- "))
			return parse_entry(l->s + 2, l->len - 2, l->no, s, err);
		return parse_entry(l->s, l->len, l->no, s, err);
	case DONE:
		break;
	}
	return 0;
}

int sha256sums_parse(const char *buf, size_t len, bool armored,
		     struct sha256sums *s, struct parse_error *err)
{
	struct lines ls = { .buf = buf, .len = len, .no = 1 };
	enum armor_state st = BEFORE;
	struct line l;

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	if (memchr(buf, '\0', len))
		return parse_fail(err, 0, "NUL byte: binary data, not a checksum list");
	while (next_line(&ls, &l)) {
		int r = armored ? armored_line(&l, &st, s, err) :
			parse_entry(l.s, l.len, l.no, s, err);

		if (r) {
			sha256sums_free(s);
			return -1;
		}
	}
	if (!armored || st == DONE)
		return 0;
	sha256sums_free(s);
	if (st == BEFORE)
		return parse_fail(err, 0, "not a clear-signed message (no \"%s\" line)",
				  BEGIN_SIGNED);
	return parse_fail(err, 0, "clear-signed message without a signature (no \"%s\" line)",
			  BEGIN_SIG);
}

char *sha256_stream_file(const char *path)
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[1 << 16];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int mdlen = 0, i;
	char *hex = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = 0;

	if (fd < 0 || !ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		goto out;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || !EVP_DigestUpdate(ctx, buf, (size_t)n))
			break;
	}
	if (n || !EVP_DigestFinal_ex(ctx, md, &mdlen))
		goto out;
	hex = xmalloc(mdlen * 2 + 1);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
out:
	if (fd >= 0)
		close(fd);
	EVP_MD_CTX_free(ctx);
	return hex;
}
