// SPDX-License-Identifier: GPL-2.0
/*
 * The initramfs of a test boot (see initramfs.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "initramfs.h"
#include "run.h"
#include "stop.h"
#include "util.h"

/* The device nodes and directories every test initramfs has. */
static const char initramfs_base[] =
	"dir /dev 0755 0 0\n"
	"nod /dev/console 0600 0 0 c 5 1\n"
	"nod /dev/null 0666 0 0 c 1 3\n"
	"nod /dev/kmsg 0644 0 0 c 1 11\n"
	"dir /proc 0755 0 0\ndir /sys 0755 0 0\n"
	"dir /tmp 01777 0 0\ndir /mnt 0755 0 0\n";

/* gcc -static @src -o @bin; -1 with @error set. */
static int compile_static(const char *src, const char *bin, char **error)
{
	const char *const av[] = { "gcc", "-static", "-O2", "-Wall",
				   "-pthread", "-o", bin, src, NULL };
	struct strbuf cap = STRBUF_INIT;
	struct run_opts o = { .capture = &cap };
	struct run_result r;
	int ret = 0;

	if (run_argv(av, &o, &r)) {
		*error = xasprintf("gcc -static %s failed:\n%s", src,
				   sb_str(&cap));
		ret = -1;
	}
	sb_release(&cap);
	return ret;
}

/*
 * Compile every C file of @rdir into @stage and add it to the
 * gen_init_cpio list @sb.  -1 with @error set.
 */
static int compile_programs(const char *rdir, const char *stage,
			    struct strbuf *sb, char **error)
{
	bool have_init = false;
	struct dirent *de;
	int ret = 0;
	DIR *d;

	d = opendir(rdir);
	if (!d) {
		*error = xasprintf("%s: %s", rdir, strerror(errno));
		return -1;
	}
	while (!ret && (de = readdir(d))) {
		char *name, *src, *bin;

		if (!ends_with(de->d_name, ".c"))
			continue;
		name = xstrndup(de->d_name, strlen(de->d_name) - 2);
		src = path_join(rdir, de->d_name);
		bin = path_join(stage, name);
		ret = compile_static(src, bin, error);
		sb_addf(sb, "file /%s %s 0755 0 0\n", name, bin);
		if (!strcmp(name, "init"))
			have_init = true;
		free(name);
		free(src);
		free(bin);
	}
	closedir(d);
	if (!ret && !have_init) {
		*error = xasprintf("%s/init.c missing", rdir);
		ret = -1;
	}
	return ret;
}

/* cpio -H newc from the staging dir (no device nodes). */
static int pack_cpio(const char *workdir, const char *stage,
		     const char *tmp, char **error)
{
	const char *const av[] = { "cpio", "-o", "-H", "newc", "-O", tmp,
				   NULL };
	char *names = xasprintf("%s/initramfs.names", workdir);
	struct run_opts co = { .cwd = stage, .stdin_path = names };
	struct strbuf nl = STRBUF_INIT;
	struct run_result r;
	DIR *sd = opendir(stage);
	struct dirent *de;
	int ret;

	while (sd && (de = readdir(sd)))
		if (de->d_name[0] != '.')
			sb_addf(&nl, "%s\n", de->d_name);
	if (sd)
		closedir(sd);
	write_file_atomic(names, nl.buf, nl.len);
	sb_release(&nl);
	ret = run_argv(av, &co, &r);
	free(names);
	if (ret) {
		*error = xasprintf("cpio -o -H newc failed");
		return -1;
	}
	return 0;
}

static int pack_gen_init_cpio(const char *gen, const char *list,
			      const char *tmp, char **error)
{
	const char *const av[] = { gen, list, NULL };
	struct run_opts go = { .log_path = tmp, .separate_stderr = true };
	struct run_result r;

	if (run_argv(av, &go, &r)) {
		*error = xasprintf("%s %s failed", gen, list);
		return -1;
	}
	return 0;
}

int initramfs_make(const char *root, const char *workdir, const char *gen,
		   const char *out, char **error)
{
	char *rdir = xasprintf("%s/tests/regress", root);
	char *stage = xasprintf("%s/initramfs", workdir);
	char *list = xasprintf("%s/initramfs.list", workdir);
	char *tmp = xasprintf("%s.tmp", out);
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	remove_tree(stage);
	mkdir_p(stage, 0755);
	sb_adds(&sb, initramfs_base);
	if (compile_programs(rdir, stage, &sb, error))
		goto out;
	if (write_file_atomic(list, sb.buf, sb.len)) {
		*error = xasprintf("%s: %s", list, strerror(errno));
		goto out;
	}
	unlink(tmp);
	stop_cleanup_add(tmp);
	ret = gen ? pack_gen_init_cpio(gen, list, tmp, error) :
		pack_cpio(workdir, stage, tmp, error);
	stop_cleanup_remove(tmp);
	if (ret) {
		ret = -1;
		goto out;
	}
	if (rename(tmp, out)) {
		*error = xasprintf("%s: %s", out, strerror(errno));
		ret = -1;
	}
out:
	if (ret)
		unlink(tmp);
	sb_release(&sb);
	free(tmp);
	free(list);
	free(stage);
	free(rdir);
	return ret;
}
