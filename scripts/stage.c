// SPDX-License-Identifier: GPL-2.0
/*
 * Writing a set of files inside the repository all or nothing (see
 * stage.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stage.h"
#include "stop.h"
#include "util.h"
#include "valid.h"

void stage_init(struct stage *s, const char *root)
{
	memset(s, 0, sizeof(*s));
	s->root = xstrdup(root);
}

void stage_add(struct stage *s, const char *rel, char *text,
	       bool create_only)
{
	struct stage_file *f;

	s->f = xrealloc(s->f, (s->n + 1) * sizeof(*s->f));
	f = &s->f[s->n++];
	memset(f, 0, sizeof(*f));
	f->rel = xstrdup(rel);
	f->text = text;
	f->len = strlen(text);
	f->create_only = create_only;
}

void stage_free(struct stage *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->f[i].rel);
		free(s->f[i].text);
		free(s->f[i].abs);
		sb_release(&s->f[i].old);
	}
	free(s->f);
	free(s->root);
	memset(s, 0, sizeof(*s));
}

/* Where @f goes and whether it changes; -1 (printed) when it cannot. */
static int check_one(const struct stage *s, struct stage_file *f)
{
	char msg[512];
	struct stat st;

	f->abs = repo_path_abs(s->root, f->rel, msg, sizeof(msg));
	if (!f->abs) {
		err_msg("%s", msg);
		return -1;
	}
	if (lstat(f->abs, &st)) {
		if (errno != ENOENT) {
			err_msg("%s: %s", f->rel, strerror(errno));
			return -1;
		}
		f->changed = true;
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		err_msg("%s: %s, not a file", f->rel,
			S_ISDIR(st.st_mode) ? "a directory" :
			S_ISLNK(st.st_mode) ? "a symbolic link" :
			"not a regular file");
		return -1;
	}
	if (read_file(f->abs, &f->old)) {
		err_msg("%s: %s", f->rel, strerror(errno));
		return -1;
	}
	f->existed = true;
	f->changed = f->old.len != f->len ||
		     memcmp(sb_str(&f->old), f->text, f->len);
	if (f->changed && f->create_only) {
		err_msg("%s: already there with other contents; remove it to replace it",
			f->rel);
		return -1;
	}
	return 0;
}

static int check_all(struct stage *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < i; j++) {
			if (!strcmp(s->f[i].rel, s->f[j].rel)) {
				err_msg("%s: written twice", s->f[i].rel);
				return -1;
			}
		}
		if (check_one(s, &s->f[i]))
			return -1;
	}
	return 0;
}

/* mkdir the missing directories of @f's path, each recorded in @made. */
static int make_parents(const struct stage_file *f, struct strvec *made)
{
	char *p = xstrdup(f->abs), *sl;
	int ret = 0;

	for (sl = p + strlen(p) - strlen(f->rel); (sl = strchr(sl, '/'));
	     sl++) {
		*sl = '\0';
		if (!mkdir(p, 0755))
			sv_push(made, p);
		else if (errno != EEXIST || !is_dir(p))
			ret = -1;
		*sl = '/';
		if (ret)
			break;
	}
	free(p);
	return ret;
}

/* Put back what files [0, @done) replaced; remove the directories made. */
static void rollback(struct stage *s, size_t done, struct strvec *made)
{
	size_t i;

	for (i = done; i-- > 0;) {
		struct stage_file *f = &s->f[i];

		if (!f->changed)
			continue;
		if (f->existed ? write_file_atomic(f->abs, sb_str(&f->old),
						   f->old.len) :
				 unlink(f->abs))
			warn_msg("%s: cannot restore: %s", f->rel,
				 strerror(errno));
	}
	for (i = made->n; i-- > 0;)
		rmdir(made->v[i]);
}

/* Each changed file into @dir/<index>, then renamed into place. */
static int write_and_rename(struct stage *s, const char *dir)
{
	struct strvec made = STRVEC_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < s->n && !ret; i++) {
		char *tmp = xasprintf("%s/%zu", dir, i);

		if (s->f[i].changed &&
		    write_file_atomic(tmp, s->f[i].text, s->f[i].len)) {
			err_msg("%s: cannot write: %s", tmp, strerror(errno));
			ret = -1;
		}
		free(tmp);
	}
	for (i = 0; i < s->n && !ret; i++) {
		struct stage_file *f = &s->f[i];
		char *tmp = xasprintf("%s/%zu", dir, i);

		if (f->changed && (make_parents(f, &made) ||
				   rename(tmp, f->abs))) {
			err_msg("%s: cannot write: %s; nothing written",
				f->rel, strerror(errno));
			rollback(s, i, &made);
			ret = -1;
		}
		free(tmp);
	}
	sv_clear(&made);
	return ret;
}

int stage_commit(struct stage *s)
{
	char *dir = NULL;
	size_t i, changed = 0;
	int ret = -1;

	if (check_all(s))
		return -1;
	for (i = 0; i < s->n; i++)
		changed += s->f[i].changed;
	if (changed) {
		dir = xasprintf("%s/.backport-stage.XXXXXX", s->root);
		if (!mkdtemp(dir)) {
			err_msg("%s: cannot create: %s", dir, strerror(errno));
			goto out;
		}
		stop_cleanup_add(dir);
		if (write_and_rename(s, dir))
			goto out;
	}
	for (i = 0; i < s->n; i++)
		printf("%s: %s\n", s->f[i].rel,
		       s->f[i].changed ? "written" : "up to date");
	ret = 0;
out:
	if (dir && path_exists(dir)) {
		if (remove_tree(dir))
			warn_msg("%s: cannot remove: %s", dir, strerror(errno));
		stop_cleanup_remove(dir);
	}
	free(dir);
	return ret;
}
