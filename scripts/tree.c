// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel tree inspection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "run.h"
#include "tree.h"
#include "util.h"

static const char *const state_names[] = {
	[FIX_ABSENT] = "vulnerable",
	[FIX_PRESENT] = "fixed",
	[FIX_REWORKED] = "fixed-by-rework",
	[FIX_NOT_AFFECTED] = "not-affected",
	[FIX_CONFLICT] = "conflicts",
};

const char *fix_state_name(enum fix_state s)
{
	return state_names[s];
}

static char *makefile_var(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n && !strncmp(p, name, n)) {
			const char *q = p + n;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				char *v = xstrndup(q + 1,
						   len - (size_t)(q + 1 - p));
				char *t = trim(v);

				memmove(v, t, strlen(t) + 1);
				return v;
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

static int parse_uint(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!*s)
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v > 1000000)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/*
 * In a git work tree, the commit whose subject is the fix's: a backport
 * made with other context.  NULL when @dir is no git work tree or no
 * commit has that subject.
 */
static char *history_commit(const char *dir, const char *subject)
{
	char *gitdir = path_join(dir, ".git"), *line, *save = NULL;
	struct strvec av = STRVEC_INIT;
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { .capture = &out, .separate_stderr = true,
			      .timeout = 300 };
	struct run_result r;
	char *found = NULL;
	bool git = path_exists(gitdir);

	free(gitdir);
	if (!git || !subject)
		return NULL;
	sv_pushl(&av, "git", "-C", dir, "log", "-F", "--format=%H %s", NULL);
	sv_pushf(&av, "--grep=%s", subject);
	if (run_argv((const char *const *)av.v, &o, &r) == 0 && out.buf) {
		for (line = strtok_r(out.buf, "\n", &save); line && !found;
		     line = strtok_r(NULL, "\n", &save)) {
			char *sp = strchr(line, ' ');

			if (sp && !strcmp(sp + 1, subject))
				found = xstrndup(line, (size_t)(sp - line));
		}
	}
	sv_clear(&av);
	sb_release(&out);
	return found;
}

/*
 * From where the hunks stand (all applied, all absent, else the first
 * conflicting one, @bad, in the file @text): the state and its detail.
 */
static void set_state(const struct upstream *up, struct tree_info *ti,
		      bool applied, bool absent, const struct fix_hunk *bad,
		      const char *text)
{
	unsigned long first = ti->hunk_line;

	if (applied) {
		ti->state = FIX_PRESENT;
		ti->detail = xasprintf("%s:%lu: the fix's diff is applied (it reverses with --fuzz=0)",
				       up->file, first);
		return;
	}
	if (absent) {
		ti->state = FIX_ABSENT;
		ti->detail = xasprintf("%s:%lu: the fix's diff applies with --fuzz=0: not applied",
				       up->file, first);
		return;
	}
	if (bad && up->rework_marker && *up->rework_marker &&
	    strstr(text, up->rework_marker)) {
		ti->state = FIX_REWORKED;
		ti->detail = xasprintf("%s: hunk %u of the fix neither applies nor reverses; the file calls %s) (%s rework)",
				       bad->path, bad->index, up->rework_marker,
				       up->rework_commit ? up->rework_commit :
				       "upstream");
		return;
	}
	ti->state = FIX_CONFLICT;
	ti->detail = bad ?
		xasprintf("%s: hunk %u (%s) of the fix neither applies nor reverses with --fuzz=0",
			  bad->path, bad->index, bad->header) :
		xasprintf("%s: the fix's diff is applied in part only",
			  up->file);
}

/*
 * The state of the fix @up in the files @text_of gives: every hunk
 * applied, every hunk still to apply, or the first hunk that does
 * neither (named in ti->detail).  The git history is tree_inspect()'s.
 */
static int classify(const struct upstream *up, tree_text_fn text_of,
		    void *arg, struct tree_info *ti, char *msg, size_t msglen)
{
	const struct fix_diff *fd = &up->diff;
	const struct fix_hunk *bad = NULL;
	size_t i, napplied = 0, nabsent = 0;
	unsigned long line, first = 0;
	const char *text;

	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *h = &fd->h[i];
		enum hunk_state st;

		text = text_of(h->path, arg, msg, msglen);
		if (!text)
			return -1;
		st = fixdiff_hunk_state(h, text, &line);
		if (!i)
			first = line;
		napplied += st == HUNK_APPLIED;
		nabsent += st == HUNK_ABSENT;
		if (st == HUNK_CONFLICT && !bad)
			bad = h;
	}
	ti->hunk_line = (unsigned int)first;
	text = bad ? text_of(bad->path, arg, msg, msglen) : NULL;
	set_state(up, ti, napplied == fd->n, nabsent == fd->n, bad,
		  text ? text : "");
	return 0;
}

int tree_makefile_version(const char *makefile, struct tree_info *ti)
{
	static const char *const names[] = {
		"VERSION", "PATCHLEVEL", "SUBLEVEL", "EXTRAVERSION",
	};
	char *v[ARRAY_SIZE(names)];
	unsigned int n[3] = { 0 };
	size_t i;
	int ret = -1;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		v[i] = makefile_var(makefile, names[i]);
	if (v[0] && v[1] && !parse_uint(v[0], &n[0]) &&
	    !parse_uint(v[1], &n[1])) {
		if (v[2] && *v[2] && parse_uint(v[2], &n[2]))
			n[2] = 0;
		ti->major = n[0];
		ti->minor = n[1];
		ti->sub = n[2];
		ti->version = xasprintf("%u.%u.%u%s", n[0], n[1], n[2],
					v[3] ? v[3] : "");
		ti->branch = xasprintf("%u.%u.y", n[0], n[1]);
		ret = 0;
	}
	for (i = 0; i < ARRAY_SIZE(names); i++)
		free(v[i]);
	return ret;
}

char *tree_version(const char *dir)
{
	struct strbuf mk = STRBUF_INIT;
	struct tree_info ti = { 0 };
	char *path = path_join(dir, "Makefile"), *ret = NULL;

	if (!read_file(path, &mk) && !tree_makefile_version(sb_str(&mk), &ti))
		ret = xstrdup(ti.version);
	tree_info_free(&ti);
	sb_release(&mk);
	free(path);
	return ret;
}

int tree_inspect_text(const char *makefile, const char *mkname,
		      const struct upstream *up, tree_text_fn text_of,
		      void *arg, struct tree_info *ti, char *msg,
		      size_t msglen)
{
	unsigned int fmaj = 0, fmin = 0;

	if (tree_makefile_version(makefile, ti)) {
		snprintf(msg, msglen,
			 "%s:1: no VERSION/PATCHLEVEL assignments: not a kernel tree",
			 mkname);
		return -1;
	}
	if (classify(up, text_of, arg, ti, msg, msglen))
		return -1;
	parse_version(up->fixes_release, &fmaj, &fmin, NULL);
	if (ti->major < fmaj || (ti->major == fmaj && ti->minor < fmin)) {
		ti->state = FIX_NOT_AFFECTED;
		free(ti->detail);
		ti->detail = xasprintf("%u.%u predates %s (v%s): split does not use migration entries",
				       ti->major, ti->minor, up->fixes,
				       up->fixes_release);
	}
	return 0;
}

/* tree_text_fn over the files of a directory; one file kept at a time. */
struct tree_files {
	const char *dir;
	char *cur;		/* the file @text holds, relative */
	struct strbuf text;
};

static const char *tree_file(const char *path, void *arg, char *msg,
			     size_t msglen)
{
	struct tree_files *tf = arg;
	char *full;

	if (tf->cur && !strcmp(tf->cur, path))
		return sb_str(&tf->text);
	free(tf->cur);
	tf->cur = NULL;
	sb_reset(&tf->text);
	full = path_join(tf->dir, path);
	if (read_file(full, &tf->text)) {
		snprintf(msg, msglen, "%s: %s", full, strerror(errno));
		free(full);
		return NULL;
	}
	free(full);
	tf->cur = xstrdup(path);
	return sb_str(&tf->text);
}

static void tree_files_free(struct tree_files *tf)
{
	free(tf->cur);
	sb_release(&tf->text);
}

int tree_inspect(const char *dir, const struct upstream *up,
		 struct tree_info *ti, char *msg, size_t msglen)
{
	struct tree_files tf = { .dir = dir, .text = STRBUF_INIT };
	struct strbuf mk = STRBUF_INIT;
	struct stat st = { .st_mode = S_IFDIR };
	char *mkpath, *srcpath, *sha;
	int ret = -1;

	memset(ti, 0, sizeof(*ti));
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(msg, msglen, "%s: %s", dir, S_ISDIR(st.st_mode) ?
			 strerror(errno) : "not a directory");
		return -1;
	}
	mkpath = path_join(dir, "Makefile");
	if (read_file(mkpath, &mk)) {
		snprintf(msg, msglen, "%s: %s: not a kernel tree", mkpath,
			 strerror(errno));
		goto out;
	}
	if (tree_inspect_text(sb_str(&mk), mkpath, up, tree_file, &tf, ti,
			      msg, msglen))
		goto out;
	ti->path = abs_path(dir);
	srcpath = path_join(dir, up->file);
	ti->file_sha256 = sha256_file_hex(srcpath);
	free(srcpath);
	sha = ti->state == FIX_CONFLICT ? history_commit(dir, up->subject) :
					  NULL;
	if (sha) {
		ti->state = FIX_PRESENT;
		free(ti->detail);
		ti->detail = xasprintf("%s: the fix's diff does not apply as is, and the git history has \"%s\" as %.12s",
				       up->file, up->subject, sha);
		free(sha);
	}
	ret = 0;
out:
	tree_files_free(&tf);
	sb_release(&mk);
	free(mkpath);
	if (ret)
		tree_info_free(ti);
	return ret;
}

/* Where hunk @h alone stands in @text; -1 with @msg when not once. */
static int place_one(const struct fix_hunk *h, const char *text,
		     unsigned long *line, char *msg, size_t msglen)
{
	unsigned long second, n = fixdiff_pre_places(h, text, line, &second);

	if (n == 1)
		return 0;
	if (!n)
		snprintf(msg, msglen,
			 "%s: hunk %u (%s) of the fix does not apply with --fuzz=0",
			 h->path, h->index, h->header);
	else
		snprintf(msg, msglen,
			 "%s: hunk %u of the fix could go at line %lu or %lu (%lu places): quilt would take the one nearest its header",
			 h->path, h->index, *line, second, n);
	return -1;
}

int tree_place_hunks_text(const struct fix_diff *fd, tree_text_fn text_of,
			  void *arg, unsigned long *lines, char *msg,
			  size_t msglen)
{
	const char *cur = NULL, *text;
	unsigned long end = 0;
	size_t i;

	for (i = 0; i < fd->n; i++) {
		const struct fix_hunk *h = &fd->h[i];

		text = text_of(h->path, arg, msg, msglen);
		if (!text)
			return -1;
		if (!cur || strcmp(cur, h->path))
			end = 0;
		cur = h->path;
		if (place_one(h, text, &lines[i], msg, msglen))
			return -1;
		if (lines[i] < end) {
			snprintf(msg, msglen,
				 "%s: hunk %u of the fix stands at line %lu, before the end of hunk %u",
				 h->path, h->index, lines[i], h->index - 1);
			return -1;
		}
		end = lines[i] + h->old_count;
	}
	return 0;
}

int tree_place_hunks(const char *dir, const struct fix_diff *fd,
		     unsigned long *lines, char *msg, size_t msglen)
{
	struct tree_files tf = { .dir = dir, .text = STRBUF_INIT };
	int ret = tree_place_hunks_text(fd, tree_file, &tf, lines, msg,
					msglen);

	tree_files_free(&tf);
	return ret;
}

void tree_info_free(struct tree_info *ti)
{
	free(ti->path);
	free(ti->version);
	free(ti->branch);
	free(ti->detail);
	free(ti->file_sha256);
	memset(ti, 0, sizeof(*ti));
}
