// SPDX-License-Identifier: GPL-2.0
/*
 * The identity of a kernel tree (see treeid.h): a manifest hashed with
 * sha256, remembered in the cache under the tree's metadata fingerprint.
 */
#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "cache.h"
#include "sha256sums.h"
#include "treeid.h"
#include "util.h"

/* What build.c's rsync leaves out, as paths relative to the top. */
static const char *const excluded[] = {
	".git", ".config", "include/config", "include/generated",
	"arch/*/include/generated",
};

bool treeid_excluded(const char *rel)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(excluded); i++)
		if (!fnmatch(excluded[i], rel, FNM_PATHNAME))
			return true;
	return false;
}

static int by_name(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

struct walk {
	const char *top;
	size_t toplen;
	bool content;		/* hash contents, not metadata */
	EVP_MD_CTX *md;
	char *msg;
	size_t msglen;
};

static void md_add(struct walk *w, const char *s, size_t len)
{
	EVP_DigestUpdate(w->md, s, len);
}

/* One entry's line of the manifest (or of the metadata fingerprint). */
static int walk_entry(struct walk *w, FTSENT *e, const char *rel)
{
	struct strbuf line = STRBUF_INIT;
	const struct stat *st = e->fts_statp;
	char target[4096];
	ssize_t n;
	int ret = 0;

	if (!w->content) {
		/* ctime: no write or chmod leaves it unchanged */
		sb_addf(&line, "%s%c%o %lld %lld.%09ld %lld.%09ld %llu\n", rel,
			0, (unsigned int)st->st_mode, (long long)st->st_size,
			(long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
			(long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec,
			(unsigned long long)st->st_ino);
	} else if (S_ISLNK(st->st_mode)) {
		n = readlink(e->fts_accpath, target, sizeof(target) - 1);
		if (n < 0) {
			snprintf(w->msg, w->msglen, "%s: %s", e->fts_path,
				 strerror(errno));
			ret = -1;
		} else {
			sb_addf(&line, "l %.*s %s\n", (int)n, target, rel);
		}
	} else {
		char *hex = sha256_stream_file(e->fts_accpath);

		if (!hex) {
			snprintf(w->msg, w->msglen, "%s: cannot read: %s",
				 e->fts_path, strerror(errno));
			ret = -1;
		} else {
			sb_addf(&line, "%c %s %s\n",
				st->st_mode & 0111 ? 'x' : 'f', hex, rel);
			free(hex);
		}
	}
	if (!ret)
		md_add(w, line.buf, line.len);
	sb_release(&line);
	return ret;
}

static int walk_tree(struct walk *w)
{
	char *const roots[] = { (char *)w->top, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, by_name);
	FTSENT *e;
	int ret = 0;

	if (!fts) {
		snprintf(w->msg, w->msglen, "%s: %s", w->top, strerror(errno));
		return -1;
	}
	while (!ret && (e = fts_read(fts))) {
		const char *rel = e->fts_path + w->toplen;

		if (*rel == '/')
			rel++;
		switch (e->fts_info) {
		case FTS_D:
			if (*rel && treeid_excluded(rel))
				fts_set(fts, e, FTS_SKIP);
			break;
		case FTS_F:
		case FTS_SL:
		case FTS_SLNONE:
			if (!treeid_excluded(rel))
				ret = walk_entry(w, e, rel);
			break;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			snprintf(w->msg, w->msglen, "%s: %s", e->fts_path,
				 strerror(e->fts_errno));
			ret = -1;
			break;
		default:
			break;
		}
	}
	fts_close(fts);
	return ret;
}

static char *walk_hash(const char *dir, bool content, char *msg,
		       size_t msglen)
{
	struct walk w = { .top = dir, .toplen = strlen(dir),
			  .content = content, .msg = msg, .msglen = msglen };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char *hex = NULL;

	w.md = EVP_MD_CTX_new();
	if (!w.md || !EVP_DigestInit_ex(w.md, EVP_sha256(), NULL)) {
		snprintf(msg, msglen, "sha256: cannot initialise");
		goto out;
	}
	if (!content)
		md_add(&w, dir, strlen(dir) + 1);
	if (walk_tree(&w) || !EVP_DigestFinal_ex(w.md, md, &mdlen))
		goto out;
	hex = xmalloc(mdlen * 2 + 1);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
out:
	EVP_MD_CTX_free(w.md);
	return hex;
}

/* The identity remembered under @finger, or NULL. */
static char *remembered(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char *id = NULL;

	if (!read_file(path, &sb) && sb.len == 65 && sb.buf[64] == '\n' &&
	    is_hex(sb.buf, 64))
		id = xstrndup(sb.buf, 64);
	sb_release(&sb);
	return id;
}

char *tree_identity(const char *dir, const char *cache, char *msg,
		    size_t msglen)
{
	char *top = realpath(dir, NULL), *finger, *path = NULL, *id = NULL;

	if (!top) {
		snprintf(msg, msglen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	finger = walk_hash(top, false, msg, msglen);
	if (finger && cache) {
		path = cache_tree_id(cache, finger);
		id = remembered(path);
	}
	if (finger && !id) {
		id = walk_hash(top, true, msg, msglen);
		if (id && path) {
			char *line = xasprintf("%s\n", id);
			char *d = xstrdup(path);

			*strrchr(d, '/') = 0;
			/* A cache that cannot be written only costs time. */
			if (!mkdir_p(d, 0755))
				write_file_atomic(path, line, strlen(line));
			free(d);
			free(line);
		}
	}
	free(path);
	free(finger);
	free(top);
	return id;
}
