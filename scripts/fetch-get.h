/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The download half of fetch.c: curl, the mirror's sha256sums.asc, gpgv.
 * Internal to fetch.c and fetch-get.c: not part of the fetch.h interface.
 */
#ifndef BACKPORT_FETCH_GET_H
#define BACKPORT_FETCH_GET_H

#include "fetch.h"

/* One fetch of a release: what it fetches, from where, to where. */
struct fetch {
	const struct table *t;
	struct release r;
	char *cache, *mirror;
	char *tarball;		/* "linux-5.10.46.tar.xz" */
	char *dir_url;		/* "<mirror>/v5.x/" */
	char *url;		/* of the tarball */
	char *sums_url;		/* of the directory's sha256sums.asc */
	char *dest;		/* the tree in the cache */
	char *part;		/* the download, kept until unpacked */
	char *lock;
	char *sums, *text;	/* sha256sums.asc, the signed text (private) */
	char *keyring;		/* $BACKPORT_KEYRING, absolute, or NULL */
	char sha256[65];	/* the tarball's, from sha256sums.asc */
	int lockfd;
};

/*
 * Download sha256sums.asc into a private temporary directory (removed
 * afterwards; nothing is written to the cache), check its signature (or
 * say it was not), and take the tarball's sum from it.  Returns 0, or -1
 * (message printed).
 */
int fetch_checksum(struct fetch *f);
/*
 * Download the tarball into f->part, resuming a partial download (and
 * starting again when that fails), and check its sum; a download that
 * does not match is removed.  Returns 0, or -1 (message printed).
 */
int fetch_download(struct fetch *f);

#endif
