// SPDX-License-Identifier: GPL-2.0
/*
 * The download half of fetch.c (see fetch-get.h): the real curl for the
 * tarball and the mirror's sha256sums.asc, the real gpgv for its
 * signature, the sums checked here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch-get.h"
#include "run.h"
#include "sha256sums.h"
#include "stop.h"
#include "util.h"

/* A tarball download may take long; a stall of 60 s ends it. */
#define TARBALL_TIMEOUT	(4 * 3600.0)
#define SUMS_TIMEOUT	300.0

/*
 * The last line a failed run printed (curl's "curl: (22) ...", gpgv's
 * "BAD signature ..."), or how it ended.
 */
static const char *why_failed(struct strbuf *out, const struct run_result *r,
			      char *buf, size_t len)
{
	char *s = trim(out->buf ? out->buf : ""), *nl = strrchr(s, '\n');

	if (nl)
		s = nl + 1;
	if (*s)
		return s;
	return run_describe(r, buf, len);
}

/*
 * curl @url into @out (resuming it with @resume); the tarball shows
 * progress.  Returns 0, or -1 with the reason in @why (NUL-terminated).
 */
static int curl_get(const char *url, const char *out, bool resume,
		    bool tarball, char *why, size_t whylen)
{
	struct strvec av = STRVEC_INIT;
	struct strbuf cap = STRBUF_INIT;
	struct run_opts o = { .capture = &cap,
			      .timeout = tarball ? TARBALL_TIMEOUT :
				SUMS_TIMEOUT };
	struct run_result r;
	char buf[128];
	int ret = 0;

	sv_pushl(&av, "curl", "--fail", "--silent", "--show-error",
		 "--location", "--proto", "=https,http,file", "--proto-redir",
		 "=https,http", "--connect-timeout", "30", "--speed-limit",
		 "1024", "--speed-time", "60", "--retry", "2", NULL);
	if (resume)
		sv_pushl(&av, "--continue-at", "-", NULL);
	sv_pushl(&av, "--output", out, url, NULL);
	if (tarball) {
		o.progress_label = "download";
		o.progress_every = 15;
	}
	if (run_argv((const char *const *)av.v, &o, &r)) {
		snprintf(why, whylen, "%s", why_failed(&cap, &r, buf,
							sizeof(buf)));
		ret = -1;
	}
	sv_clear(&av);
	sb_release(&cap);
	return ret;
}

/* $BACKPORT_KEYRING, absolute; -1 when it names no file. */
static int get_keyring(struct fetch *f)
{
	const char *k = getenv("BACKPORT_KEYRING");

	if (!k || !*k)
		return 0;
	f->keyring = abs_path(k);
	if (!f->keyring || is_dir(f->keyring)) {
		err_msg("BACKPORT_KEYRING=%s: not a keyring file", k);
		return -1;
	}
	return 0;
}

/* gpgv checks f->sums; its signed text goes to @text. */
static int check_signature(struct fetch *f, struct strbuf *text)
{
	const char *const av[] = { "gpgv", "--keyring", f->keyring,
				   "--output", f->text, f->sums, NULL };
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { .capture = &out, .timeout = SUMS_TIMEOUT };
	struct run_result r;
	char buf[128];
	int ret = -1;

	unlink(f->text);
	stop_cleanup_add(f->text);
	if (run_argv(av, &o, &r)) {
		err_msg("signature of %s refused (gpgv --keyring %s): %s",
			f->sums_url, f->keyring,
			why_failed(&out, &r, buf, sizeof(buf)));
		goto out;
	}
	if (read_file(f->text, text)) {
		err_msg("%s: %s", f->text, strerror(errno));
		goto out;
	}
	info_msg("signature of %s good (gpgv --keyring %s)",
		 f->sums_url, f->keyring);
	ret = 0;
out:
	unlink(f->text);
	stop_cleanup_remove(f->text);
	sb_release(&out);
	return ret;
}

/* The tarball's sum from the (signed) text @buf of sha256sums.asc. */
static int take_sum(struct fetch *f, const struct strbuf *buf, bool armored)
{
	const struct sha256sum *e;
	struct parse_error err;
	struct sha256sums s;

	if (sha256sums_parse(buf->buf ? buf->buf : "", buf->len, armored, &s,
			     &err)) {
		if (err.line)
			err_msg("%s:%u: %s", f->sums_url, err.line, err.msg);
		else
			err_msg("%s: %s", f->sums_url, err.msg);
		return -1;
	}
	e = sha256sums_find(&s, f->tarball);
	if (!e) {
		err_msg("no sha256 for %s in %s (mirror %s): refusing an unchecked download, nothing unpacked",
			f->tarball, f->sums_url, f->mirror);
		sha256sums_free(&s);
		return -1;
	}
	memcpy(f->sha256, e->hex, sizeof(f->sha256));
	sha256sums_free(&s);
	return 0;
}

/*
 * A private directory for sha256sums.asc and its signed text, outside
 * the cache: a mirror that gives no usable sum leaves nothing behind.
 */
static char *sums_dir(struct fetch *f)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/backport-sums.XXXXXX",
			      tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(dir)) {
		err_msg("mkdtemp %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	stop_cleanup_add(dir);
	f->sums = path_join(dir, "sha256sums.asc");
	f->text = path_join(dir, "sha256sums.txt");
	return dir;
}

int fetch_checksum(struct fetch *f)
{
	struct strbuf buf = STRBUF_INIT;
	char why[512], *dir;
	int ret = -1;

	if (get_keyring(f))
		return -1;
	dir = sums_dir(f);
	if (!dir)
		return -1;
	info_msg("checksums: %s", f->sums_url);
	if (curl_get(f->sums_url, f->sums, false, false, why, sizeof(why))) {
		err_msg("cannot download %s: %s", f->sums_url, why);
		goto out;
	}
	if (f->keyring) {
		if (check_signature(f, &buf))
			goto out;
	} else {
		warn_msg("signature of %s not checked (BACKPORT_KEYRING is not set): trusting the checksum alone",
			 f->sums_url);
		if (read_file(f->sums, &buf)) {
			err_msg("%s: %s", f->sums, strerror(errno));
			goto out;
		}
	}
	ret = take_sum(f, &buf, !f->keyring);
out:
	remove_tree(dir);
	stop_cleanup_remove(dir);
	free(dir);
	sb_release(&buf);
	return ret;
}

/* Does f->part have the tarball's sum?  1 yes, 0 no, -1 unreadable. */
static int part_matches(const struct fetch *f, bool verbose)
{
	char *got;
	int ret;

	if (verbose)
		info_msg("verifying the sha256 of %s", f->tarball);
	got = sha256_stream_file(f->part);
	if (!got) {
		err_msg("%s: %s", f->part, strerror(errno));
		return -1;
	}
	ret = !strcmp(got, f->sha256);
	if (verbose && ret)
		info_msg("sha256 %s ok", got);
	else if (verbose)
		err_msg("sha256 mismatch for %s from %s: got %s, %s says %s; download removed, nothing unpacked",
			f->tarball, f->url, got, f->sums_url, f->sha256);
	free(got);
	return ret;
}

static off_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : st.st_size;
}

/*
 * A download left by an earlier run: complete already, or resumed.
 * Returns 1 when f->part is now the tarball, 0 when it must start
 * again (f->part removed), -1 on error.
 */
static int try_resume(struct fetch *f)
{
	char why[512];
	int m = part_matches(f, false);

	if (m)
		return m;
	info_msg("resuming %s (%lld bytes in %s)", f->url,
		 (long long)file_size(f->part), f->part);
	if (curl_get(f->url, f->part, true, true, why, sizeof(why))) {
		warn_msg("resuming %s failed (%s): downloading it again",
			 f->tarball, why);
	} else {
		m = part_matches(f, false);
		if (m)
			return m;
		warn_msg("the resumed %s does not match its sha256: downloading it again",
			 f->tarball);
	}
	if (unlink(f->part) && errno != ENOENT) {
		err_msg("%s: %s", f->part, strerror(errno));
		return -1;
	}
	return 0;
}

int fetch_download(struct fetch *f)
{
	char why[512];
	double start;
	off_t size;
	int m;

	if (path_exists(f->part)) {
		m = try_resume(f);
		if (m) {
			if (m > 0)
				info_msg("%s downloaded, sha256 %s ok",
					 f->tarball, f->sha256);
			return m > 0 ? 0 : -1;
		}
	}
	info_msg("downloading %s", f->url);
	start = now_seconds();
	if (curl_get(f->url, f->part, false, true, why, sizeof(why))) {
		err_msg("cannot download %s: %s%s", f->url, why,
			path_exists(f->part) ?
			" (the partial download resumes on the next fetch)" :
			"");
		return -1;
	}
	size = file_size(f->part);
	if (size >= 1024 * 1024)
		info_msg("downloaded %.1f MiB in %.0fs",
			 (double)size / (1024 * 1024), now_seconds() - start);
	else
		info_msg("downloaded %lld bytes in %.0fs", (long long)size,
			 now_seconds() - start);
	m = part_matches(f, true);
	if (m > 0)
		return 0;
	if (m == 0)
		unlink(f->part);
	return -1;
}
