// SPDX-License-Identifier: GPL-2.0
/*
 * The one series push (see quilt.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patch.h"
#include "quilt.h"
#include "util.h"

#define QUILT_TIMEOUT	600

static const char *const state_names[] = {
	"not-tried", "applied", "offset", "FAILED",
};

const char *quilt_state_name(enum quilt_state st)
{
	return state_names[st];
}

/* Refuse patch paths that would leave the scratch tree. */
static bool safe_rel(const char *p)
{
	const char *s;

	if (!*p || p[0] == '/')
		return false;
	for (s = p; (s = strstr(s, "..")); s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '/' || !s[2]))
			return false;
	return true;
}

/* The paths one patch of the series touches; -1 with @msg filled. */
static int patch_files(const struct table *t, const struct branch *b,
		       const struct series_entry *e, struct strvec *files,
		       char *msg, size_t msglen)
{
	char *rel = branch_port_rel(b, e->name), *abs = table_path(t, rel);
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct patch p;
	size_t j;
	int ret = -1;

	if (read_file(abs, &sb)) {
		snprintf(msg, msglen, "%s: cannot read (listed in %s line %u): %s",
			 rel, b->series, e->line, strerror(errno));
		goto out;
	}
	if (patch_parse(sb_str(&sb), sb.len, &p, &err)) {
		snprintf(msg, msglen, "%s:%u: %s", rel, err.line, err.msg);
		goto out;
	}
	if (e->strip != 1) {
		snprintf(msg, msglen, "%s:%u: -p%u: only -p1 git diffs are supported",
			 b->series, e->line, e->strip);
		goto free_patch;
	}
	for (j = 0; j < p.nfiles; j++) {
		const char *f = p.files[j].old_path;

		if (!f || !strcmp(f, "/dev/null"))
			f = p.files[j].new_path;
		if (!f || !safe_rel(f)) {
			snprintf(msg, msglen, "%s:%u: path \"%s\" leaves the tree",
				 rel, p.files[j].line, f ? f : "");
			goto free_patch;
		}
		if (files)
			sv_push(files, f);
	}
	ret = 0;
free_patch:
	patch_free(&p);
out:
	sb_release(&sb);
	free(abs);
	free(rel);
	return ret;
}

int quilt_series_check(const struct table *t, const struct branch *b,
		       struct series *s, struct strvec *files, char *msg,
		       size_t msglen)
{
	struct parse_error err;
	char *sabs;
	size_t i;
	int ret;

	if (!b->series) {
		snprintf(msg, msglen, "%s is %s: it has no series to apply",
			 b->name, decision_name(b->decision));
		return -1;
	}
	sabs = table_path(t, b->series);
	ret = series_load(sabs, s, &err);
	free(sabs);
	if (ret) {
		if (err.line)
			snprintf(msg, msglen, "%s:%u: %s", b->series, err.line,
				 err.msg);
		else
			snprintf(msg, msglen, "%s: %s", b->series, err.msg);
		return -1;
	}
	if (!s->n) {
		snprintf(msg, msglen, "%s: no patches listed", b->series);
		return -1;
	}
	if (files)
		sv_push(files, "Makefile");
	for (i = 0; i < s->n; i++)
		if (patch_files(t, b, &s->e[i], files, msg, msglen))
			return -1;
	return 0;
}

static void note(struct quilt_patch *p, const char *line)
{
	sb_addf(&p->msg, "%s%s", p->msg.len ? "; " : "", line);
}

static int on_quilt_line(const char *line, void *arg)
{
	struct quilt_push *q = arg;
	struct quilt_patch *p;
	size_t i;

	sb_addf(&q->log, "%s\n", line);
	if (starts_with(line, "Applying patch ")) {
		const char *name = line + 15, *slash = strrchr(name, '/');

		if (slash)
			name = slash + 1;
		for (i = 0; i < q->n; i++) {
			const char *s = strrchr(q->p[i].name, '/');

			if (!strcmp(s ? s + 1 : q->p[i].name, name)) {
				q->cur = (long)i;
				q->p[i].state = QUILT_APPLIED;
			}
		}
		return 0;
	}
	if (q->cur < 0)
		return 0;
	p = &q->p[q->cur];
	if (strstr(line, "FAILED") || strstr(line, "does not apply") ||
	    strstr(line, "with fuzz") || strstr(line, "can't find file") ||
	    strstr(line, "Reversed (or previously applied)") ||
	    strstr(line, "malformed patch")) {
		p->state = QUILT_FAILED;
		note(p, line);
	} else if (strstr(line, "(offset ")) {
		if (p->state == QUILT_APPLIED)
			p->state = QUILT_OFFSET;
		note(p, line);
	}
	return 0;
}

/* quilt failed without a patch we could blame: blame the first not applied. */
static void blame(struct quilt_push *q)
{
	char why[128];
	size_t i;

	run_describe(&q->res, why, sizeof(why));
	for (i = 0; i < q->n; i++) {
		if (q->p[i].state != QUILT_APPLIED &&
		    q->p[i].state != QUILT_OFFSET) {
			q->p[i].state = QUILT_FAILED;
			sb_addf(&q->p[i].msg, "quilt push: %s", why);
			q->nfail++;
			if (q->nok)
				q->nok--;
			return;
		}
	}
	if (q->n) {
		q->p[q->n - 1].state = QUILT_FAILED;
		sb_addf(&q->p[q->n - 1].msg, "quilt push: %s", why);
		q->nfail++;
		q->nok--;
	}
}

int quilt_push_series(const struct table *t, const struct branch *b,
		      const struct series *s, const char *dir,
		      const char *log_path, struct quilt_push *q)
{
	char *prel = branch_ports_rel(b), *pdir = table_path(t, prel);
	char *sabs = table_path(t, b->series);
	char *envp = xasprintf("QUILT_PATCHES=%s", pdir);
	char *envs = xasprintf("QUILT_SERIES=%s", sabs);
	const char *const env[] = { envp, envs, "QUILT_PC=.pc", "LC_ALL=C",
				    NULL };
	const char *const argv[] = { "quilt", "--quiltrc=-", "push", "-a",
				     "--fuzz=0", NULL };
	struct run_opts ro = { .cwd = dir, .env = env, .log_path = log_path,
			       .timeout = QUILT_TIMEOUT,
			       .on_line = on_quilt_line, .line_arg = q };
	size_t i;
	int ret;

	memset(q, 0, sizeof(*q));
	q->cur = -1;
	q->n = s->n;
	q->p = xcalloc(s->n + 1, sizeof(*q->p));
	for (i = 0; i < s->n; i++)
		q->p[i].name = xstrdup(s->e[i].name);
	ret = run_argv(argv, &ro, &q->res);
	for (i = 0; ret >= 0 && i < q->n; i++) {
		if (q->p[i].state == QUILT_APPLIED ||
		    q->p[i].state == QUILT_OFFSET)
			q->nok++;
		else if (q->p[i].state == QUILT_FAILED)
			q->nfail++;
	}
	if (ret >= 0 && q->res.exit_code != 0 && !q->nfail)
		blame(q);
	free(envs);
	free(envp);
	free(sabs);
	free(pdir);
	free(prel);
	if (ret < 0)
		return -1;
	return q->nfail ? 1 : 0;
}

void quilt_push_free(struct quilt_push *q)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		free(q->p[i].name);
		sb_release(&q->p[i].msg);
	}
	free(q->p);
	sb_release(&q->log);
	memset(q, 0, sizeof(*q));
}

int quilt_series_precheck(const struct table *t, const struct branch *b)
{
	struct series s = { 0 };
	char msg[512];
	int ret = 0;

	if (b->decision != DECISION_PORT)
		return 0;
	if (quilt_series_check(t, b, &s, NULL, msg, sizeof(msg))) {
		err_msg("%s", msg);
		ret = -1;
	}
	series_free(&s);
	return ret;
}
