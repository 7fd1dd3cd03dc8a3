// SPDX-License-Identifier: GPL-2.0
/*
 * The checks of "backport lint": every series file and port patch
 * against the branch table and the stable submission rules, collected
 * as findings "FILE:LINE: message" with FILE relative to the project root.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hunkpos.h"
#include "json.h"
#include "lint.h"
#include "patch.h"
#include "series.h"
#include "table.h"
#include "util.h"

static __printf(4, 5) void add(struct lint *l, const char *file,
			       unsigned int line, const char *fmt, ...);

static void add(struct lint *l, const char *file, unsigned int line,
		const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	l->f = xrealloc(l->f, (l->n + 1) * sizeof(*l->f));
	f = &l->f[l->n++];
	f->file = xstrdup(file);
	f->line = line;
	f->msg = sb_detach(&sb);
}

static size_t hex_run(const char *s)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]))
		n++;
	return n;
}

/*
 * Check the "commit <sha> upstream." line.  Returns true when it names an
 * antecedent of @b (an optional series' earlier upstream commit) rather
 * than the table's fix.
 */
static bool lint_upstream_line(struct lint *l, const char *rel,
			       const struct patch *p, const struct branch *b)
{
	size_t i;
	const char *s = p->first_line, *sha, *tail;
	size_t n;

	if (!s) {
		add(l, rel, p->message_line, "empty commit message");
		return false;
	}
	if (starts_with(s, "commit ")) {
		sha = s + 7;
		tail = " upstream.";
	} else if (starts_with(s, "[ Upstream commit ")) {
		sha = s + 18;
		tail = " ]";
	} else {
		add(l, rel, p->first_line_no,
		    "first body line must be \"commit %s upstream.\" (or \"[ Upstream commit <sha> ]\")",
		    l->t->up.commit);
		return false;
	}
	n = hex_run(sha);
	if (!n || strcmp(sha + n, tail)) {
		add(l, rel, p->first_line_no,
		    "malformed upstream line; expected \"commit <40-hex sha> upstream.\"");
		return false;
	}
	if (n != 40) {
		add(l, rel, p->first_line_no,
		    "upstream sha \"%.*s\" has %zu hex digits; stable needs all 40",
		    (int)n, sha, n);
		return false;
	}
	if (!is_hex(sha, 40)) {
		add(l, rel, p->first_line_no,
		    "upstream sha must be lowercase hex");
		return false;
	}
	if (!strncmp(sha, l->t->up.commit, 40))
		return false;
	for (i = 0; b->antecedents && b->antecedents[i]; i++)
		if (!strncmp(sha, b->antecedents[i], 40))
			return true;
	add(l, rel, p->first_line_no,
	    "upstream sha %.40s is not the table's %s%s", sha,
	    l->t->up.commit,
	    b->antecedents ? " nor an antecedent of the row" : "");
	return false;
}

static void lint_fixes(struct lint *l, const char *rel, const struct trailer *tr)
{
	const char *v = tr->value, *subj;
	size_t n = hex_run(v), len;

	if (tr->wrapped) {
		add(l, rel, tr->line,
		    "Fixes: tag wrapped over several lines; keep it on one line");
		return;
	}
	if (n < 12 || n > 40 || !is_hex(v, n)) {
		add(l, rel, tr->line,
		    "Fixes: needs 12 to 40 lowercase hex digits of the sha, got \"%.*s\"",
		    (int)(n ? n : strcspn(v, " ")), v);
		return;
	}
	subj = v + n;
	len = strlen(subj);
	if (!starts_with(subj, " (\"") || len < 6 ||
	    strcmp(subj + len - 2, "\")")) {
		add(l, rel, tr->line,
		    "Fixes: subject must follow as (\"subject\")");
		return;
	}
	if (!strncmp(v, l->t->up.fixes, n < strlen(l->t->up.fixes) ?
		     n : strlen(l->t->up.fixes)) &&
	    (len - 5 != strlen(l->t->up.fixes_subject) ||
	     strncmp(subj + 3, l->t->up.fixes_subject, len - 5)))
		add(l, rel, tr->line,
		    "Fixes: subject is not the one of %s (\"%s\")",
		    l->t->up.fixes, l->t->up.fixes_subject);
}

static void lint_trailers(struct lint *l, const char *rel,
			  const struct patch *p)
{
	const struct trailer *sob = NULL;
	size_t i;

	for (i = 0; i < p->ntrailers; i++) {
		const struct trailer *tr = &p->trailers[i];

		if (!strcasecmp(tr->key, "Fixes"))
			lint_fixes(l, rel, tr);
		if (!strcasecmp(tr->key, "Signed-off-by"))
			sob = tr;
	}
	if (!sob)
		add(l, rel, p->first_line_no ? p->first_line_no :
		    p->message_line, "no Signed-off-by: trailer");
	else if (strcmp(sob->value, l->t->backporter))
		add(l, rel, sob->line,
		    "Signed-off-by chain ends with \"%s\", not the backporter \"%s\"",
		    sob->value, l->t->backporter);
}

/* The diff must add exactly the fix line right after the anchor. */
static void lint_diff(struct lint *l, const char *rel, const struct patch *p)
{
	const struct upstream *up = &l->t->up;
	const char *s = p->diff, *eol, *prev = NULL;
	size_t i, j, added = 0, removed = 0, prevlen = 0;
	unsigned int no = p->diff_line, fix_no = 0;
	bool ok = false, in_hunk = false;

	for (i = 0; i < p->nfiles; i++) {
		const struct file_diff *f = &p->files[i];

		if (!f->new_path || strcmp(f->new_path, up->file))
			add(l, rel, f->line,
			    "diff touches %s; the fix changes only %s",
			    f->new_path ? f->new_path : "(no path)", up->file);
		for (j = 0; j < f->nhunks; j++) {
			added += f->hunks[j].added;
			removed += f->hunks[j].removed;
		}
	}
	if (added != 1 || removed) {
		add(l, rel, p->diff_line,
		    "diff adds %zu and removes %zu lines; the fix adds exactly one",
		    added, removed);
		return;
	}
	for (; s && *s; s = eol ? eol + 1 : NULL, no++) {
		size_t len;

		eol = strchr(s, '\n');
		len = eol ? (size_t)(eol - s) : strlen(s);
		if (!strncmp(s, "@@ ", 3)) {
			in_hunk = true;
			prev = NULL;
			continue;
		}
		if (!strncmp(s, "diff --git ", 11) || !strncmp(s, "-- ", 3))
			in_hunk = false;
		if (!in_hunk)
			continue;
		if (s[0] == '+') {
			char *a = prev ? xstrndup(prev, prevlen) : xstrdup("");
			char *b = xstrndup(s + 1, len - 1);

			fix_no = no;
			ok = !strcmp(trim(b), up->fix_line) &&
			     !strcmp(trim(a), up->anchor);
			free(a);
			free(b);
			break;
		}
		prev = s + 1;
		prevlen = len ? len - 1 : 0;
	}
	if (!ok)
		add(l, rel, fix_no ? fix_no : p->diff_line,
		    "the added line must be \"%s\" right after \"%s\"",
		    up->fix_line, up->anchor);
}

/* The hunks start where the row's "hunks" record puts them. */
static void lint_hunks(struct lint *l, const char *rel, const struct patch *p,
		       const struct branch *b)
{
	struct hunkpos_miss m;
	int r;

	if (b->optional || !b->nhunks)
		return;
	r = hunkpos_check(p, &l->t->up.diff, b, &m);
	if (r < 0)
		add(l, rel, p->diff_line,
		    "the diff does not have the %zu hunk(s) configs/branches.json records for %s",
		    b->nhunks, b->name);
	else if (r)
		add(l, rel, m.line,
		    "hunk %u of %s starts at -%lu +%lu; configs/branches.json records -%lu +%lu for %s (%s): run \"backport port\"",
		    m.index, m.file, m.old_start, m.new_start, m.want_old,
		    m.want_new, b->name, b->release);
}

static void lint_patch(struct lint *l, const char *rel,
		       const struct branch *b)
{
	const struct upstream *up = &l->t->up;
	const struct mail_header *h;
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct patch p;
	char *abs = table_path(l->t, rel);

	l->npatches++;
	if (read_file(abs, &sb)) {
		add(l, rel, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (patch_parse(sb_str(&sb), sb.len, &p, &err)) {
		add(l, rel, err.line, "%s", err.msg);
		goto out;
	}
	if (lint_upstream_line(l, rel, &p, b)) {
		/*
		 * An antecedent: its own author and subject, no fix line;
		 * the submission rules still hold.
		 */
		lint_trailers(l, rel, &p);
		if (!p.inbody_from)
			add(l, rel, p.message_line,
			    "no in-body \"From:\": the upstream author must be kept");
		patch_free(&p);
		goto out;
	}
	lint_trailers(l, rel, &p);
	if (!p.inbody_from)
		add(l, rel, p.message_line,
		    "no in-body \"From: %s\": the upstream author must be kept",
		    up->author);
	else if (strcmp(p.author, up->author))
		add(l, rel, p.author_line,
		    "author \"%s\" is not the upstream author \"%s\"",
		    p.author, up->author);
	if (strcmp(p.subject, up->subject)) {
		h = patch_header(&p, "Subject");
		add(l, rel, h ? h->line : 1,
		    "subject \"%s\" is not upstream's \"%s\"", p.subject,
		    up->subject);
	}
	lint_diff(l, rel, &p);
	lint_hunks(l, rel, &p, b);
	patch_free(&p);
out:
	sb_release(&sb);
	free(abs);
}

/* Regular files directly in @dir (relative to root), sorted. */
static int list_dir(const struct table *t, const char *rel,
		    struct strvec *out, bool want_dirs)
{
	char *abs = table_path(t, rel);
	struct dirent *de;
	DIR *d = opendir(abs);
	size_t i, j;

	if (!d) {
		int e = errno;

		free(abs);
		return e == ENOENT ? 0 : -1;
	}
	while ((de = readdir(d))) {
		char *full;

		if (de->d_name[0] == '.')
			continue;
		full = path_join(abs, de->d_name);
		if (is_dir(full) == want_dirs)
			sv_push(out, de->d_name);
		free(full);
	}
	closedir(d);
	free(abs);
	for (i = 1; i < out->n; i++)
		for (j = i; j > 0 && strcmp(out->v[j - 1], out->v[j]) > 0; j--) {
			char *x = out->v[j];

			out->v[j] = out->v[j - 1];
			out->v[j - 1] = x;
		}
	return 0;
}

static int lint_branch(struct lint *l, const struct branch *b)
{
	const char *name = b->name, *series = b->series;
	struct strvec files = STRVEC_INIT;
	struct parse_error err;
	struct series s;
	char *abs = table_path(l->t, series), *dir = xasprintf("ports/%s", name);
	size_t i;
	int ret = 0;

	l->nseries++;
	if (series_load(abs, &s, &err)) {
		if (err.line)
			add(l, series, err.line, "%s", err.msg);
		else
			add(l, series, 0, "%s (run \"backport port --branch %s\")",
			    err.msg, name);
		memset(&s, 0, sizeof(s));
	} else if (!s.n) {
		add(l, series, 1, "series lists no patch");
	}
	for (i = 0; i < s.n; i++) {
		char *rel = xasprintf("%s/%s", dir, s.e[i].name);
		char *pabs = table_path(l->t, rel);

		if (!path_exists(pabs))
			add(l, series, s.e[i].line,
			    "series entry \"%s\": %s does not exist",
			    s.e[i].name, rel);
		else
			lint_patch(l, rel, b);
		if (s.e[i].strip != 1)
			add(l, series, s.e[i].line,
			    "-p%u: ports are -p1 git diffs", s.e[i].strip);
		free(pabs);
		free(rel);
	}
	if (list_dir(l->t, dir, &files, false)) {
		err_msg("%s: cannot list: %m", dir);
		ret = -1;
	}
	for (i = 0; i < files.n; i++) {
		if (series_find(&s, files.v[i]) < 0) {
			char *rel = xasprintf("%s/%s", dir, files.v[i]);

			add(l, rel, 1, "orphan patch: not listed in %s",
			    series);
			free(rel);
		}
	}
	sv_clear(&files);
	series_free(&s);
	free(abs);
	free(dir);
	return ret;
}

int lint_all(struct lint *l)
{
	const struct table *t = l->t;
	struct strvec dirs = STRVEC_INIT, sfiles = STRVEC_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < t->n; i++) {
		const struct branch *b = &t->b[i];

		if (b->decision == DECISION_PORT && lint_branch(l, b))
			ret = -1;
		if (b->decision == DECISION_PORT && !b->optional && !b->nhunks)
			add(l, "configs/branches.json", 0,
			    "branch %s records no \"hunks\": measure where the fix lands in %s with \"backport port --measure --branch %s\"",
			    b->name, b->release ? b->release : "its release",
			    b->name);
	}
	/* Ports and series of branches that are not port rows. */
	if (list_dir(t, "ports", &dirs, true) ||
	    list_dir(t, "series", &sfiles, false)) {
		err_msg("ports/ or series/: cannot list: %m");
		ret = -1;
	}
	for (i = 0; i < dirs.n; i++) {
		const struct branch *b = table_find(t, dirs.v[i]);

		if (!b || b->decision != DECISION_PORT) {
			char *rel = xasprintf("ports/%s", dirs.v[i]);

			add(l, rel, 0, "orphan directory: %s is not a port row of %s",
			    dirs.v[i], "configs/branches.json");
			free(rel);
		}
	}
	for (i = 0; i < sfiles.n; i++) {
		const struct branch *b = table_find(t, sfiles.v[i]);
		char *rel = xasprintf("series/%s", sfiles.v[i]);

		if (!b || b->decision != DECISION_PORT || !b->series ||
		    strcmp(b->series, rel))
			add(l, rel, 0, "orphan series: %s is not the series of a port row",
			    rel);
		free(rel);
	}
	sv_clear(&dirs);
	sv_clear(&sfiles);
	return ret;
}

void lint_print(const struct lint *l, bool json)
{
	size_t i;

	if (json) {
		json_t *o = json_object(), *arr = json_array();

		for (i = 0; i < l->n; i++) {
			json_t *f = json_object();

			json_object_set_new(f, "file", json_string(l->f[i].file));
			json_object_set_new(f, "line", json_integer(l->f[i].line));
			json_object_set_new(f, "message",
					    json_string(l->f[i].msg));
			json_array_append_new(arr, f);
		}
		json_object_set_new(o, "status", json_string(l->n ? "findings" :
							     "clean"));
		json_object_set_new(o, "series", json_integer((json_int_t)l->nseries));
		json_object_set_new(o, "patches", json_integer((json_int_t)l->npatches));
		json_object_set_new(o, "findings", arr);
		json_print(o);
		json_decref(o);
		return;
	}
	for (i = 0; i < l->n; i++) {
		if (l->f[i].line)
			printf("%s:%u: %s\n", l->f[i].file, l->f[i].line,
			       l->f[i].msg);
		else
			printf("%s: %s\n", l->f[i].file, l->f[i].msg);
	}
	printf("lint: %zu series, %zu patches, %zu finding%s\n", l->nseries,
	       l->npatches, l->n, l->n == 1 ? "" : "s");
}

void lint_free(struct lint *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->f[i].file);
		free(l->f[i].msg);
	}
	free(l->f);
}
