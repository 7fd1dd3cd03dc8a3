// SPDX-License-Identifier: GPL-2.0
/*
 * The cache layout (see cache.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "util.h"

char *cache_dir(void)
{
	const char *c = getenv("BACKPORT_CACHE");
	const char *x = getenv("XDG_CACHE_HOME");
	const char *h = getenv("HOME");

	if (c && *c)
		return xstrdup(c);
	if (x && *x)
		return xasprintf("%s/backport", x);
	return xasprintf("%s/.cache/backport", h && *h ? h : "/tmp");
}

char *cache_work_dir(const char *cache, const char *branch,
		     const char *variant)
{
	return xasprintf("%s/work/%s/%s", cache, branch, variant);
}

char *cache_kernel_dir(const char *cache, const char *key)
{
	return xasprintf("%s/kernels/%s", cache, key);
}

char *cache_debian_src(const char *cache, const char *pkg)
{
	return xasprintf("%s/src/%s", cache, pkg);
}

char *cache_unpack_tmp(const char *cache)
{
	return xasprintf("%s/src/.unpack.%ld", cache, (long)getpid());
}

char *cache_release_src(const char *cache, const char *name)
{
	return xasprintf("%s/src/%s", cache, name);
}

char *cache_download_dir(const char *cache)
{
	return xasprintf("%s/download", cache);
}

char *cache_download_part(const char *cache, const char *tarball)
{
	return xasprintf("%s/download/%s.part", cache, tarball);
}

char *cache_download_lock(const char *cache, const char *tarball)
{
	return xasprintf("%s/download/%s.lock", cache, tarball);
}

char *cache_manual_boot(const char *cache)
{
	return xasprintf("%s/boot/manual", cache);
}

char *cache_logs_dir(const char *cache, const char *branch)
{
	return xasprintf("%s/logs/%s", cache, branch);
}

char *cache_results_dir(const char *cache)
{
	return xasprintf("%s/results", cache);
}

char *cache_kvm_probe(const char *cache)
{
	return xasprintf("%s/kvm-probe", cache);
}

char *cache_bench_template(const char *cache)
{
	return xasprintf("%s/bench.XXXXXX", cache);
}

bool cache_is_bench_dir(const char *name)
{
	return !strncmp(name, "bench.", 6);
}

char *cache_tree_id(const char *cache, const char *fingerprint)
{
	return xasprintf("%s/tree-ids/%s", cache, fingerprint);
}
