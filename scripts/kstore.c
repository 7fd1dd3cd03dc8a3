// SPDX-License-Identifier: GPL-2.0
/*
 * Built kernels shared between rows (see kstore.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "kconfig.h"
#include "kstore.h"
#include "stop.h"
#include "util.h"

char *kstore_key(const char *workdir_key, const struct strvec *make_argv,
		 const char *cc_version, const char *ld_version,
		 const struct strvec *fragments)
{
	struct strbuf sb = STRBUF_INIT;
	char *key = NULL;
	size_t i;

	sb_addf(&sb, "workdir %s\n", workdir_key);
	for (i = 0; i < make_argv->n; i++) {
		const char *a = make_argv->v[i];

		if (starts_with(a, "O=") || starts_with(a, "-j"))
			continue;
		sb_addf(&sb, "argv %s\n", a);
	}
	if (kconfig_key_tools(&sb, cc_version, ld_version, fragments))
		goto out;
	key = sha256_hex(sb.buf, sb.len);
out:
	sb_release(&sb);
	return key;
}

/* One line of @dir/@name, without its newline; NULL if none. */
static char *read_line(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *p = path_join(dir, name), *line = NULL;

	if (!read_file(p, &sb) && sb.len && sb.buf[sb.len - 1] == '\n') {
		sb.buf[sb.len - 1] = '\0';
		if (!strchr(sb.buf, '\n'))
			line = xstrdup(sb.buf);
	}
	sb_release(&sb);
	free(p);
	return line;
}

static char *file_in(const char *dir, const char *name)
{
	char *p = path_join(dir, name);

	if (path_exists(p))
		return p;
	free(p);
	return NULL;
}

int kstore_find(const char *cache, const char *key, const struct table *t,
		struct kstore_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->dir = cache_kernel_dir(cache, key);
	e->bzimage = file_in(e->dir, "bzImage");
	e->config = file_in(e->dir, "config");
	e->gen_init_cpio = file_in(e->dir, "gen_init_cpio");
	e->system_map = file_in(e->dir, "System.map");
	e->built_by = read_line(e->dir, "built-by");
	e->file_sha256 = read_line(e->dir, "file-sha256");
	if (e->file_sha256 && (strlen(e->file_sha256) != 64 ||
			       !is_hex(e->file_sha256, 64))) {
		free(e->file_sha256);
		e->file_sha256 = NULL;
	}
	if (e->bzimage && e->config && e->built_by &&
	    table_find(t, e->built_by))
		return 1;
	kstore_entry_free(e);
	return 0;
}

static int copy_into(const char *dir, const char *name, const char *from,
		     mode_t mode)
{
	struct strbuf sb = STRBUF_INIT;
	char *to = path_join(dir, name);
	int ret = read_file(from, &sb) ||
		write_file_atomic(to, sb.buf ? sb.buf : "", sb.len) ||
		chmod(to, mode) ? -1 : 0;

	sb_release(&sb);
	free(to);
	return ret;
}

static int line_into(const char *dir, const char *name, const char *s)
{
	char *to = path_join(dir, name), *line = xasprintf("%s\n", s);
	int ret = write_file_atomic(to, line, strlen(line));

	free(line);
	free(to);
	return ret;
}

int kstore_save(const char *cache, const char *key,
		const struct kstore_entry *e, char *msg, size_t msglen)
{
	char *dir = cache_kernel_dir(cache, key);
	char *tmp = xasprintf("%s.tmp.%ld", dir, (long)getpid());
	int ret = -1;

	remove_tree(tmp);
	/* Kept half-written by a stop: removed, like a copy. */
	stop_cleanup_add(tmp);
	if (mkdir_p(tmp, 0755) ||
	    copy_into(tmp, "bzImage", e->bzimage, 0644) ||
	    copy_into(tmp, "config", e->config, 0644) ||
	    (e->gen_init_cpio &&
	     copy_into(tmp, "gen_init_cpio", e->gen_init_cpio, 0755)) ||
	    (e->system_map &&
	     copy_into(tmp, "System.map", e->system_map, 0644)) ||
	    (e->file_sha256 && line_into(tmp, "file-sha256", e->file_sha256)) ||
	    line_into(tmp, "built-by", e->built_by) ||
	    remove_tree(dir) || rename(tmp, dir)) {
		snprintf(msg, msglen, "%s: %s", dir, strerror(errno));
		remove_tree(tmp);
		goto out;
	}
	ret = 0;
out:
	stop_cleanup_remove(tmp);
	free(tmp);
	free(dir);
	return ret;
}

void kstore_entry_free(struct kstore_entry *e)
{
	free(e->dir);
	free(e->bzimage);
	free(e->config);
	free(e->gen_init_cpio);
	free(e->system_map);
	free(e->built_by);
	free(e->file_sha256);
	memset(e, 0, sizeof(*e));
}
