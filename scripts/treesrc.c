// SPDX-License-Identifier: GPL-2.0
/*
 * Where a branch's kernel tree comes from (see treesrc.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "fetch.h"
#include "run.h"
#include "stop.h"
#include "toolchain.h"
#include "treesrc.h"
#include "util.h"

static char *unpack_debian(const char *pkg, bool may_install)
{
	char *cache = cache_dir();
	char *tarball = xasprintf("/usr/src/%s.tar.xz", pkg);
	char *dest = cache_debian_src(cache, pkg);
	char *tmp = NULL, *inner = NULL, *ret = NULL;
	char *mk = path_join(dest, "Makefile");
	struct run_opts o = { .progress_label = NULL };
	struct run_result r;

	if (path_exists(mk)) {
		ret = xstrdup(dest);
		goto out;
	}
	if (!path_exists(tarball)) {
		const char *const pkgs[] = { pkg, NULL };

		if (!may_install || geteuid() != 0) {
			err_msg("%s missing: run 'apt-get install %s' (as root), or pass --tree DIR",
				tarball, pkg);
			goto out;
		}
		info_msg("%s missing: apt-get install %s", tarball, pkg);
		if (apt_install(pkgs) || !path_exists(tarball)) {
			err_msg("apt-get install %s did not provide %s", pkg,
				tarball);
			goto out;
		}
	}
	tmp = cache_unpack_tmp(cache);
	remove_tree(tmp);
	if (mkdir_p(tmp, 0755)) {
		err_msg("%s: %s", tmp, strerror(errno));
		goto out;
	}
	stop_cleanup_add(tmp);
	info_msg("unpacking %s into %s", tarball, dest);
	{
		const char *const av[] = { "tar", "-xJf", tarball, "-C", tmp,
					   NULL };

		o.progress_label = "unpack";
		o.progress_every = 30;
		if (run_argv(av, &o, &r)) {
			err_msg("tar -xJf %s failed", tarball);
			remove_tree(tmp);
			goto out;
		}
	}
	inner = xasprintf("%s/%s", tmp, pkg);
	if (!is_dir(inner)) {
		err_msg("%s: no top directory %s/ inside", tarball, pkg);
		remove_tree(tmp);
		goto out;
	}
	if (rename(inner, dest)) {
		err_msg("rename %s -> %s: %s", inner, dest, strerror(errno));
		remove_tree(tmp);
		goto out;
	}
	remove_tree(tmp);
	ret = xstrdup(dest);
out:
	if (tmp)
		stop_cleanup_remove(tmp);
	free(mk);
	free(inner);
	free(tmp);
	free(dest);
	free(tarball);
	free(cache);
	return ret;
}

/* What is wrong with @dir as a kernel tree (malloc'd), or NULL. */
static char *tree_problem(const char *dir)
{
	char *mk = path_join(dir, "Makefile"), *why = NULL;
	struct stat st;

	if (stat(dir, &st))
		why = xasprintf("%s: %s", dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		why = xasprintf("%s: not a directory", dir);
	else if (access(dir, R_OK | X_OK))
		why = xasprintf("%s: cannot read the directory: %s", dir,
				strerror(errno));
	else if (stat(mk, &st))
		why = errno == ENOENT ?
			xasprintf("%s: not a kernel tree (no Makefile in it)", dir) :
			xasprintf("%s: %s", mk, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		why = xasprintf("%s: not a regular file", mk);
	else if (access(mk, R_OK))
		why = xasprintf("%s: cannot read: %s", mk, strerror(errno));
	free(mk);
	return why;
}

/* The tree named by --tree or the row's variable, checked. */
static char *given_tree(const struct branch *b, const char *dir,
			bool from_opt)
{
	char *why = tree_problem(dir);

	if (why) {
		if (from_opt)
			err_msg("--tree %s", why);
		else
			err_msg("%s (from $%s)", why, b->tree_var);
		free(why);
		return NULL;
	}
	return abs_path(dir);
}

/* The tree of @b and, into *@source when not NULL, how it was found. */
static char *find_tree(const struct table *t, const struct branch *b,
		       const char *tree_opt, const char *version,
		       bool may_install, char **source)
{
	const char *env = getenv(b->tree_var);
	const char *dir = tree_opt;
	struct release r;
	char msg[512];

	if (version && fetch_release(b, version, &r, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return NULL;
	}
	if (!dir && env && *env)
		dir = env;
	if (dir && version)
		info_msg("%s names the tree (%s): --version %s not fetched",
			 tree_opt ? "--tree" : b->tree_var, dir, version);
	if (dir) {
		*source = tree_opt ? xstrdup("--tree") :
			xasprintf("variable %s", b->tree_var);
		return given_tree(b, dir, tree_opt);
	}
	if (version) {
		char *tarball = fetch_tarball(&r);

		*source = xasprintf("kernel.org %s", tarball);
		free(tarball);
		return fetch_tree(t, b, version);
	}
	if (b->debian_source) {
		*source = xasprintf("debian %s", b->debian_source);
		return unpack_debian(b->debian_source, may_install);
	}
	err_msg("no kernel tree for %s: pass --tree DIR, set %s or pass --version %s (fetched from kernel.org)",
		b->name, b->tree_var, b->release ? b->release : "X.Y.Z");
	return NULL;
}

char *resolve_tree(const struct table *t, const struct branch *b,
		   const char *tree_opt, const char *version,
		   bool may_install, char **source)
{
	char *how = NULL;
	char *dir = find_tree(t, b, tree_opt, version, may_install, &how);

	if (dir && source)
		*source = how;
	else
		free(how);
	return dir;
}
