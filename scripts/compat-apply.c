// SPDX-License-Identifier: GPL-2.0
/*
 * Applying a build-compatibility patch to a scratch copy (see compat.h).
 * patch(1), not quilt: the port's series and its .pc/ stay the only quilt
 * state in the copy, and to the port the compat change is part of the
 * tree it is pushed onto.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "run.h"
#include "util.h"

#define PATCH_TIMEOUT	120

/* @rel of @tree into @dir again: content, mode, mtime. */
static int restore(const char *tree, const char *dir, const char *rel,
		   char *msg, size_t msglen)
{
	char *from = path_join(tree, rel), *to = path_join(dir, rel);
	struct strbuf sb = STRBUF_INIT;
	struct timespec ts[2];
	struct stat st;
	int ret = -1;

	if (lstat(from, &st)) {
		if (errno != ENOENT)
			snprintf(msg, msglen, "%s: %s", from, strerror(errno));
		/* A file the patch creates: none in the copy either. */
		else if (unlink(to) && errno != ENOENT)
			snprintf(msg, msglen, "%s: %s", to, strerror(errno));
		else
			ret = 0;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(msg, msglen, "%s: not a regular file", from);
		goto out;
	}
	if (read_file(from, &sb) || write_file_atomic(to, sb.buf ? sb.buf :
						      "", sb.len) ||
	    chmod(to, st.st_mode & 07777)) {
		snprintf(msg, msglen, "%s: %s", to, strerror(errno));
		goto out;
	}
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	if (utimensat(AT_FDCWD, to, ts, 0)) {
		snprintf(msg, msglen, "%s: %s", to, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	sb_release(&sb);
	free(from);
	free(to);
	return ret;
}

/* The patched file gets @tree's mtime back (see compat.h). */
static int keep_mtime(const char *tree, const char *dir, const char *rel,
		      char *msg, size_t msglen)
{
	char *from = path_join(tree, rel), *to = path_join(dir, rel);
	struct timespec ts[2];
	struct stat st;
	int ret = 0;

	if (!lstat(from, &st)) {
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
		ret = utimensat(AT_FDCWD, to, ts, 0);
		if (ret)
			snprintf(msg, msglen, "%s: %s", to, strerror(errno));
	}
	free(from);
	free(to);
	return ret;
}

/* Is this a line of patch's about what went wrong? */
static bool trouble(const char *line)
{
	return strstr(line, "FAILED at") || strstr(line, "malformed") ||
		starts_with(line, "can't find file") ||
		starts_with(line, "Only garbage");
}

/* The first file of @e missing in @dir, or NULL. */
static const char *missing_file(const struct compat_entry *e,
				const char *dir)
{
	size_t i;

	for (i = 0; i < e->files.n; i++) {
		char *f = path_join(dir, e->files.v[i]);
		bool there = path_exists(f);

		free(f);
		if (!there)
			return e->files.v[i];
	}
	return NULL;
}

/* What patch said went wrong, and about which file. */
static void describe_failure(const struct compat_entry *e, const char *dir,
			     const char *out, char *msg, size_t msglen)
{
	char *file = NULL, *why = NULL;
	const char *p = out, *m;

	while (*p && !why) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		if (starts_with(line, "checking file ")) {
			free(file);
			file = xstrdup(line + 14);
		} else if (trouble(line)) {
			why = xstrdup(line);
			if (ends_with(why, "."))
				why[strlen(why) - 1] = '\0';
		}
		free(line);
		p += n + !!p[n];
	}
	m = why && starts_with(why, "can't find file") ?
		missing_file(e, dir) : NULL;
	snprintf(msg, msglen, "compat patch %s (%.12s \"%s\") does not apply to %s: %s",
		 e->patch, e->commit, e->subject,
		 m ? m : file ? file : e->test.file,
		 why ? why : "patch --dry-run failed");
	free(file);
	free(why);
}

static int run_patch(const struct compat_entry *e, const char *dir,
		     const char *log, bool dry, struct strbuf *out)
{
	const char *const av[] = {
		"patch", "-p1", "--fuzz=0", "--no-backup-if-mismatch",
		"--forward", "--force", dry ? "--dry-run" : "--silent",
		"-i", e->patch_path, NULL
	};
	struct run_opts o = {
		.cwd = dir, .log_path = log, .capture = out,
		.timeout = PATCH_TIMEOUT,
	};
	struct run_result r;
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);

	if (fd >= 0) {
		dprintf(fd, "\n### compat %.12s: patch -p1 --fuzz=0%s -i %s\n",
			e->commit, dry ? " --dry-run" : "", e->patch);
		close(fd);
	}
	return run_argv(av, &o, &r);
}

int compat_apply(const struct compat_entry *e, const char *tree,
		 const char *dir, const char *log, char *msg, size_t msglen)
{
	struct strbuf out = STRBUF_INIT;
	size_t i;
	int ret = -1, r;

	for (i = 0; i < e->files.n; i++)
		if (restore(tree, dir, e->files.v[i], msg, msglen))
			goto out;
	r = compat_tree_needs(e, dir, msg, msglen);
	if (r <= 0) {
		if (!r)
			snprintf(msg, msglen, "compat %.12s: %s in %s does not hold \"%s\" as it does in %s",
				 e->commit, e->test.file, dir, e->test.line,
				 tree);
		goto out;
	}
	r = run_patch(e, dir, log, true, &out);
	if (r) {
		if (r > 0)
			describe_failure(e, dir, sb_str(&out), msg, msglen);
		else
			snprintf(msg, msglen, "compat %.12s: cannot run patch",
				 e->commit);
		goto out;
	}
	sb_reset(&out);
	if (run_patch(e, dir, log, false, &out)) {
		snprintf(msg, msglen, "compat patch %s: patch failed after its --dry-run passed; see %s",
			 e->patch, log);
		goto out;
	}
	for (i = 0; i < e->files.n; i++)
		if (keep_mtime(tree, dir, e->files.v[i], msg, msglen))
			goto out;
	ret = 0;
out:
	sb_release(&out);
	return ret;
}
