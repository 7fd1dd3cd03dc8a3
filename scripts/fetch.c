// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel trees from kernel.org (see fetch.h): which release, where it is,
 * and its unpacking into the cache.  The download and its checks are in
 * fetch-get.c.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fetch-get.h"
#include "run.h"
#include "stop.h"
#include "tree.h"
#include "util.h"

/* One number of a release: digits, no leading zero, at most 4 digits. */
static const char *release_number(const char *s, unsigned int *v)
{
	const char *p = s;

	*v = 0;
	while (*p >= '0' && *p <= '9' && p - s < 5)
		*v = *v * 10 + (unsigned int)(*p++ - '0');
	if (p == s || p - s > 4 || (*s == '0' && p - s > 1))
		return NULL;
	return p;
}

int release_parse(const char *s, struct release *r)
{
	const char *p;

	memset(r, 0, sizeof(*r));
	p = release_number(s, &r->major);
	if (!p || *p != '.' || !r->major)
		return -1;
	p = release_number(p + 1, &r->minor);
	if (p && *p == '.')
		p = release_number(p + 1, &r->sub);
	if (!p || *p)
		return -1;
	if (r->sub)
		snprintf(r->name, sizeof(r->name), "linux-%u.%u.%u", r->major,
			 r->minor, r->sub);
	else
		snprintf(r->name, sizeof(r->name), "linux-%u.%u", r->major,
			 r->minor);
	return 0;
}

int fetch_release(const struct branch *b, const char *version,
		  struct release *r, char *msg, size_t msglen)
{
	const char *v = version ? version : b->release;

	if (!v) {
		snprintf(msg, msglen,
			 "%s has no kernel.org \"release\" in configs/branches.json (its tree is Debian's %s): pass --version %u.%u.N",
			 b->name, b->debian_source ? b->debian_source : "?",
			 b->major, b->minor);
		return -1;
	}
	if (release_parse(v, r)) {
		snprintf(msg, msglen,
			 "%sversion \"%s\" is not a kernel.org release number (X.Y.Z, e.g. %u.%u.1)",
			 version ? "--" : "", v, b->major, b->minor);
		return -1;
	}
	if (r->major != b->major || r->minor != b->minor) {
		snprintf(msg, msglen,
			 "%sversion %s is not a %s release: %s takes %u.%u.N",
			 version ? "--" : "", v, b->base, b->name, b->major,
			 b->minor);
		return -1;
	}
	return 0;
}

char *fetch_mirror(void)
{
	const char *m = getenv("BACKPORT_MIRROR");
	char *s = xstrdup(m && *m ? m : FETCH_DEFAULT_MIRROR);
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

/* Is @p (up to @end) "." or ".." as a path segment? */
static bool dot_segment(const char *p, const char *end)
{
	return (end - p == 1 && p[0] == '.') ||
	       (end - p == 2 && p[0] == '.' && p[1] == '.');
}

int fetch_mirror_check(const char *m, char *msg, size_t msglen)
{
	const char *p, *seg, *e;

	if (starts_with(m, "file:///")) {
		p = m + 7;
	} else if (starts_with(m, "https://")) {
		p = m + 8;
		for (e = p; isalnum((unsigned char)*e) || *e == '.' ||
			    *e == '-'; e++)
			;
		if (e == p || *p == '.' || *p == '-') {
			snprintf(msg, msglen, "no host name after https://");
			return -1;
		}
		if (*e == ':')
			e += 1 + strspn(e + 1, "0123456789");
		if (*e && *e != '/') {
			snprintf(msg, msglen,
				 "want https://HOST[:PORT]/PATH, found '%c' after the host",
				 *e);
			return -1;
		}
		p = e;
	} else {
		snprintf(msg, msglen,
			 "not a file:///PATH or https:// URL of a kernel.org mirror");
		return -1;
	}
	for (e = p; *e > ' ' && *e < 0x7f && !strchr("?#%\\\"'<>`", *e); e++)
		;
	if (*e || e - m > 1024) {
		snprintf(msg, msglen,
			 "the path holds a character a mirror's path has not (space, control, ?#%%\\\"'<>`, or over 1024 bytes)");
		return -1;
	}
	for (seg = p; *seg; seg = *e ? e + 1 : e) {
		e = strchrnul(seg, '/');
		if (dot_segment(seg, e)) {
			snprintf(msg, msglen,
				 "the path has a \".\" or \"..\" segment: it would leave the mirror");
			return -1;
		}
	}
	return 0;
}

char *fetch_dir_url(const char *mirror, const struct release *r)
{
	return xasprintf("%s/v%u.x/", mirror, r->major);
}

char *fetch_tarball(const struct release *r)
{
	return xasprintf("%s.tar.xz", r->name);
}

/* Is @dir the kernel tree of release @r?  -1 with the reason in @msg. */
static int check_tree(const struct fetch *f, const char *dir, char *msg,
		      size_t msglen)
{
	struct tree_info ti;
	char want[32];
	int ret = 0;

	if (tree_inspect(dir, &f->t->up, &ti, msg, msglen))
		return -1;
	snprintf(want, sizeof(want), "%u.%u.%u", f->r.major, f->r.minor,
		 f->r.sub);
	if (strcmp(ti.version, want)) {
		snprintf(msg, msglen, "%s: version %s, not %s", dir,
			 ti.version, want);
		ret = -1;
	}
	tree_info_free(&ti);
	return ret;
}

static char *reuse(const struct fetch *f)
{
	char msg[512];

	if (check_tree(f, f->dest, msg, sizeof(msg))) {
		err_msg("%s is not the tree an earlier fetch unpacked (%s): remove it and fetch again",
			f->dest, msg);
		return NULL;
	}
	info_msg("%s already unpacked in %s: reused, nothing downloaded",
		 f->r.name, f->dest);
	return abs_path(f->dest);
}

/*
 * One fetch of a release at a time (a second one waits): the .part and
 * the rename into the cache are not shared.
 */
static int take_lock(struct fetch *f)
{
	f->lockfd = open(f->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (f->lockfd < 0) {
		err_msg("%s: %s", f->lock, strerror(errno));
		return -1;
	}
	if (!flock(f->lockfd, LOCK_EX | LOCK_NB))
		return 0;
	info_msg("waiting for another fetch of %s (%s)", f->r.name,
		 f->lock);
	while (flock(f->lockfd, LOCK_EX)) {
		if (errno != EINTR) {
			err_msg("%s: %s", f->lock, strerror(errno));
			return -1;
		}
		stop_if_requested();
	}
	return 0;
}

/* The single top directory @tmp/<name>/ the tarball must hold. */
static char *top_dir(const struct fetch *f, const char *tmp)
{
	struct strbuf found = STRBUF_INIT;
	DIR *d = opendir(tmp);
	struct dirent *de;
	char *top = NULL;
	size_t n = 0;

	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sb_addf(&found, "%s%s", n++ ? ", " : "", de->d_name);
	}
	if (d)
		closedir(d);
	top = path_join(tmp, f->r.name);
	if (n != 1 || strcmp(sb_str(&found), f->r.name) || !is_dir(top)) {
		err_msg("%s from %s: want a single top directory %s/, found %s",
			f->tarball, f->url, f->r.name,
			n ? sb_str(&found) : "nothing");
		free(top);
		top = NULL;
	}
	sb_release(&found);
	return top;
}

static int untar(const struct fetch *f, const char *tmp)
{
	const char *const av[] = { "tar", "-xJf", f->part, "-C", tmp,
				   "--no-same-owner", NULL };
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { .capture = &out, .timeout = 3600,
			      .progress_label = "unpack",
			      .progress_every = 15 };
	struct run_result r;
	char why[128];
	int ret = 0;

	if (run_argv(av, &o, &r)) {
		err_msg("tar -xJf %s: %s: %s", f->part,
			run_describe(&r, why, sizeof(why)), trim(out.buf ? out.buf : ""));
		ret = -1;
	}
	sb_release(&out);
	return ret;
}

/*
 * Unpack the checked download into a temporary directory of the cache,
 * check what it holds, and move the tree into place.
 */
static int unpack(const struct fetch *f)
{
	char *tmp = cache_unpack_tmp(f->cache), *top = NULL;
	char msg[512];
	int ret = -1;

	remove_tree(tmp);
	if (mkdir_p(tmp, 0755)) {
		err_msg("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	stop_cleanup_add(tmp);
	info_msg("unpacking %s into %s", f->tarball, f->dest);
	if (untar(f, tmp))
		goto out;
	top = top_dir(f, tmp);
	if (!top)
		goto out;
	if (check_tree(f, top, msg, sizeof(msg))) {
		err_msg("%s from %s is not a %s kernel tree: %s", f->tarball,
			f->url, f->r.name, msg);
		goto out;
	}
	if (rename(top, f->dest)) {
		err_msg("rename %s -> %s: %s", top, f->dest, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	remove_tree(tmp);
	stop_cleanup_remove(tmp);
	free(top);
	free(tmp);
	return ret;
}

static int fetch_setup(struct fetch *f, const struct table *t,
		       const struct branch *b, const char *version)
{
	char msg[512];

	memset(f, 0, sizeof(*f));
	f->lockfd = -1;
	f->t = t;
	if (fetch_release(b, version, &f->r, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return -1;
	}
	f->mirror = fetch_mirror();
	if (fetch_mirror_check(f->mirror, msg, sizeof(msg))) {
		err_msg("BACKPORT_MIRROR=%s: %s", f->mirror, msg);
		free(f->mirror);
		f->mirror = NULL;
		return -1;
	}
	f->cache = cache_dir();
	f->tarball = fetch_tarball(&f->r);
	f->dir_url = fetch_dir_url(f->mirror, &f->r);
	f->url = xasprintf("%s%s", f->dir_url, f->tarball);
	f->sums_url = xasprintf("%ssha256sums.asc", f->dir_url);
	f->dest = cache_release_src(f->cache, f->r.name);
	f->part = cache_download_part(f->cache, f->tarball);
	f->lock = cache_download_lock(f->cache, f->tarball);
	return 0;
}

static void fetch_free(struct fetch *f)
{
	if (f->lockfd >= 0)
		close(f->lockfd);
	free(f->cache);
	free(f->mirror);
	free(f->tarball);
	free(f->dir_url);
	free(f->url);
	free(f->sums_url);
	free(f->dest);
	free(f->part);
	free(f->lock);
	free(f->sums);
	free(f->text);
	free(f->keyring);
}

char *fetch_tree(const struct table *t, const struct branch *b,
		 const char *version)
{
	struct fetch f;
	char *ret = NULL, *dl;

	if (fetch_setup(&f, t, b, version))
		return NULL;
	if (is_dir(f.dest)) {
		ret = reuse(&f);
		goto out;
	}
	info_msg("fetching %s (%s) from %s", f.r.name, b->name, f.dir_url);
	/* The sum first: a mirror without one leaves the cache untouched. */
	if (fetch_checksum(&f))
		goto out;
	dl = cache_download_dir(f.cache);
	if (mkdir_p(dl, 0755)) {
		err_msg("%s: %s", dl, strerror(errno));
		free(dl);
		goto out;
	}
	free(dl);
	if (take_lock(&f))
		goto out;
	if (is_dir(f.dest)) {
		ret = reuse(&f);
		goto out;
	}
	if (fetch_download(&f) || unpack(&f))
		goto out;
	unlink(f.part);
	info_msg("%s ready in %s", f.r.name, f.dest);
	ret = abs_path(f.dest);
out:
	fetch_free(&f);
	return ret;
}
