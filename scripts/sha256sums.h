/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sha256sum(1) lists, as kernel.org publishes them in each directory's
 * sha256sums.asc: "<64 hex>  <name>" per line (" *<name>" for binary
 * mode), inside an OpenPGP clear-signed message.
 */
#ifndef BACKPORT_SHA256SUMS_H
#define BACKPORT_SHA256SUMS_H

#include <stdbool.h>
#include <stddef.h>

#include "patch.h"

struct sha256sum {
	char hex[65];		/* lowercase, NUL-terminated */
	char *name;
	unsigned int line;	/* 1-based line of the input */
};

struct sha256sums {
	struct sha256sum *e;
	size_t n;
};

/*
 * Parse @len bytes of @buf.  With @armored, @buf must be a clear-signed
 * message (RFC 4880 7): only its signed text is read, dash-escaping
 * undone; lines before "-----BEGIN PGP SIGNED MESSAGE-----" and from
 * "-----BEGIN PGP SIGNATURE-----" on are not.  Without, every line is
 * (the signed text as gpgv --output writes it).  Lines that are not
 * "<64 hex>  <name>" are ignored; a name listed twice with different
 * sums is an error.  Returns 0, or -1 with @err filled.
 */
int sha256sums_parse(const char *buf, size_t len, bool armored,
		     struct sha256sums *s, struct parse_error *err);
/* The first entry named @name, or NULL. */
const struct sha256sum *sha256sums_find(const struct sha256sums *s,
					const char *name);
void sha256sums_free(struct sha256sums *s);

/* The sha256 of the file @path, streamed (lowercase hex), or NULL. */
char *sha256_stream_file(const char *path);

#endif
