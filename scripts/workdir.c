// SPDX-License-Identifier: GPL-2.0
/*
 * The inputs key of a build's scratch directory, and claiming the
 * directory for it (see workdir.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "workdir.h"

#define STAMP "inputs"

char *workdir_key(const struct table *t, const struct branch *b,
		  const char *tree_id, const struct series *s,
		  const struct strvec *compat, char *msg, size_t msglen)
{
	struct strbuf in = STRBUF_INIT;
	char *key = NULL;
	size_t i;

	sb_addf(&in, "tree %s\nvariant %s\n", tree_id,
		s ? "patched" : "base");
	for (i = 0; compat && i < compat->n; i++)
		sb_addf(&in, "compat %s\n", compat->v[i]);
	for (i = 0; s && i < s->n; i++) {
		char *rel = branch_port_rel(b, s->e[i].name);
		char *path = table_path(t, rel);
		char *hex = sha256_file_hex(path);

		if (!hex)
			snprintf(msg, msglen, "%s: cannot read: %s", path,
				 strerror(errno));
		else
			sb_addf(&in, "patch -p%u %s %s\n", s->e[i].strip,
				s->e[i].name, hex);
		free(hex);
		free(path);
		free(rel);
		if (!hex)
			goto out;
	}
	key = sha256_hex(in.buf, in.len);
out:
	sb_release(&in);
	return key;
}

bool workdir_has_key(const char *workdir, const char *key)
{
	char *stamp = path_join(workdir, STAMP);
	struct strbuf old = STRBUF_INIT;
	char *line = xasprintf("%s\n", key);
	bool same = !read_file(stamp, &old) && !strcmp(sb_str(&old), line);

	sb_release(&old);
	free(line);
	free(stamp);
	return same;
}

int workdir_claim(const char *workdir, const char *srcdir,
		  const char *builddir, const char *key, bool quiet,
		  char *msg, size_t msglen)
{
	char *stamp = path_join(workdir, STAMP);
	struct strbuf old = STRBUF_INIT;
	char *line = xasprintf("%s\n", key);
	bool have = !read_file(stamp, &old);
	int ret = 0;

	if (have && !strcmp(sb_str(&old), line))
		goto out;
	if (path_exists(srcdir) || path_exists(builddir)) {
		if (!quiet)
			info_msg("%s: %s: removing the copy and O= directory",
				 workdir, have ? "made from other inputs" :
				 "inputs unknown");
		if (remove_tree(srcdir) || remove_tree(builddir)) {
			snprintf(msg, msglen, "%s: cannot remove: %s",
				 workdir, strerror(errno));
			ret = -1;
			goto out;
		}
		ret = 1;
	}
	if (mkdir_p(workdir, 0755) ||
	    write_file_atomic(stamp, line, strlen(line))) {
		snprintf(msg, msglen, "%s: %s", stamp, strerror(errno));
		ret = -1;
	}
out:
	sb_release(&old);
	free(line);
	free(stamp);
	return ret;
}
