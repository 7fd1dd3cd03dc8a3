// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel builds in a scratch copy (see build.h): each step is a function
 * of one struct build (build-int.h), run in order by kernel_build(); the
 * configuration step is in build-config.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build-int.h"
#include "build.h"
#include "cache.h"
#include "kconfig.h"
#include "quilt.h"
#include "run.h"
#include "stop.h"
#include "toolchain.h"
#include "treeid.h"
#include "util.h"
#include "workdir.h"

/*
 * Fixed so that the same inputs give the same bzImage (two fresh builds of
 * one tree are byte-identical).
 */
static const char *const build_env[] = {
	"KBUILD_BUILD_TIMESTAMP=2021-06-30", "KBUILD_BUILD_USER=backport",
	"KBUILD_BUILD_HOST=backport", "LC_ALL=C",
};

/* Kbuild's marks of a configured or built source tree. */
static const char *const not_clean_marks[] = {
	".config", "include/config", "arch/x86/include/generated",
	"include/generated",
};

static int copy_file(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (read_file(from, &sb)) {
		err_msg("%s: %s", from, strerror(errno));
		sb_release(&sb);
		return -1;
	}
	ret = write_file_atomic(to, sb.buf, sb.len);
	if (ret)
		err_msg("%s: %s", to, strerror(errno));
	sb_release(&sb);
	return ret;
}

int build_run(struct build *s, const char *what, const char *cwd,
		    const char *const *argv, bool progress)
{
	struct run_opts o = {
		.cwd = cwd, .env = (const char *const *)s->env.v,
		.log_path = s->res->log,
	};
	struct run_result r;
	char label[128], how[96];
	int fd;

	fd = open(s->res->log, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (fd >= 0) {
		dprintf(fd, "\n### %s\n", what);
		close(fd);
	}
	snprintf(label, sizeof(label), "build %s %s: %s", s->req->b->name,
		 s->req->patched ? "patched" : "base", what);
	if (progress && !s->req->quiet) {
		o.progress_label = label;
		o.progress_every = 30;
	}
	if (run_argv(argv, &o, &r)) {
		set_error(s, xasprintf("%s failed (%s); see %s", what,
				       run_describe(&r, how, sizeof(how)),
				       s->res->log));
		return -1;
	}
	return 0;
}

void kbuild_make_argv(struct strvec *av, const struct branch *b,
		      const char *cc, const char *builddir)
{
	sv_push(av, "make");
	sv_pushf(av, "-j%ld", sysconf(_SC_NPROCESSORS_ONLN));
	if (builddir)
		sv_pushf(av, "O=%s", builddir);
	sv_pushl(av, "ARCH=x86_64", "CROSS_COMPILE=", NULL);
	sv_pushf(av, "CC=%s", cc);
	sv_pushf(av, "HOSTCC=%s", b->hostcc);
}

int build_make(struct build *s, const char *target, bool progress)
{
	struct strvec av = STRVEC_INIT;
	char *what = xasprintf("make %s", target);
	int ret;

	kbuild_make_argv(&av, s->req->b, s->cc, s->res->builddir);
	sv_pushl(&av, "KBUILD_BUILD_VERSION=1", target, NULL);
	ret = build_run(s, what, s->res->srcdir, (const char *const *)av.v,
		       progress);
	sv_clear(&av);
	free(what);
	return ret;
}

/* ---- 0. everything that can be checked before touching anything ---- */

static void set_paths_and_env(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	const char *const cv[] = { req->b->cc, "--version", NULL };
	size_t i;

	res->workdir = cache_work_dir(s->cache, req->b->name,
				      req->patched ? "patched" : "base");
	res->srcdir = path_join(res->workdir, "src");
	res->builddir = path_join(res->workdir, "build");
	res->log = path_join(res->workdir, "build.log");
	sv_pushf(&s->env, "CCACHE_BASEDIR=%s", res->workdir);
	sv_push(&s->env, "CCACHE_NOHASHDIR=true");
	if (req->ccache_dir)
		sv_pushf(&s->env, "CCACHE_DIR=%s", req->ccache_dir);
	/*
	 * Depend mode: a miss costs no extra preprocessor run (kbuild passes
	 * -Wp,-MMD), which is most of ccache's overhead on a cold build.
	 */
	if (!getenv("CCACHE_DEPEND") && !getenv("CCACHE_NODEPEND"))
		sv_push(&s->env, "CCACHE_DEPEND=true");
	for (i = 0; i < ARRAY_SIZE(build_env); i++)
		sv_push(&s->env, build_env[i]);
	res->cc_version = program_first_line(cv);
}

/*
 * A new patched copy starts as hard links of the base copy (cp -al) when
 * the base copy was made from the same tree and compat patches (its
 * inputs key); the rsync of step_copy() then replaces whatever differs
 * from the tree (rsync's per-file cost, not 1 GB of data: measured in
 * tests/regress/NOTES.md).  Nothing writes a copy's file in place: rsync,
 * patch(1) (the compat patches, after compat_apply() restored each file
 * from the tree) and quilt write a new file and rename it over the link,
 * and kbuild writes only to O= (tests/e2e/t76-linked-copy.sh).
 */
static void pick_link_dest(struct build *s, const struct strvec *compat)
{
	char msg[1024], *wd, *key;

	wd = cache_work_dir(s->cache, s->req->b->name, "base");
	key = workdir_key(s->req->t, s->req->b, s->res->tree_id, NULL, compat,
			  msg, sizeof(msg));
	if (key && workdir_has_key(wd, key) && !path_exists(s->res->srcdir)) {
		s->link_dest = path_join(wd, "src");
		if (!is_dir(s->link_dest)) {
			free(s->link_dest);
			s->link_dest = NULL;
		}
	}
	free(key);
	free(wd);
}

/*
 * The tree's identity and the compat patches it needs, and the scratch
 * directory made from them only.
 */
static int claim_workdir(struct build *s)
{
	struct build_result *res = s->res;
	struct strvec compat = STRVEC_INIT;
	char msg[1024], *key;
	int r;

	if (!s->req->quiet)
		info_msg("%s: identifying %s", s->req->b->name, s->req->tree);
	res->tree_id = tree_identity(s->req->tree, s->cache, msg, sizeof(msg));
	if (!res->tree_id) {
		set_error(s, xstrdup(msg));
		return -1;
	}
	if (build_compat_select(s, &compat))
		return -1;
	key = workdir_key(s->req->t, s->req->b, res->tree_id,
			  s->req->patched ? &s->series : NULL, &compat, msg,
			  sizeof(msg));
	r = key ? workdir_claim(res->workdir, res->srcdir, res->builddir, key,
				s->req->quiet, msg, sizeof(msg)) : -1;
	if (r >= 0 && s->req->patched)
		pick_link_dest(s, &compat);
	sv_clear(&compat);
	s->wkey = key;
	if (r < 0) {
		set_error(s, xstrdup(msg));
		return -1;
	}
	return 0;
}

static int build_prepare(struct build *s)
{
	const struct build_req *req = s->req;
	const struct branch *b = req->b;
	struct build_result *res = s->res;
	char msg[1024];

	if (tree_inspect(req->tree, &req->t->up, &res->ti, msg,
			 sizeof(msg))) {
		set_error(s, xstrdup(msg));
		return EXIT_ERROR;
	}
	if (build_read_fragments(s))
		return EXIT_ERROR;
	if (toolchain_check(b, req->patched, req->install)) {
		set_error(s, xasprintf("toolchain for %s missing", b->name));
		return EXIT_ERROR;
	}
	if (req->patched &&
	    quilt_series_check(req->t, b, &s->series, NULL, msg,
			       sizeof(msg))) {
		set_error(s, xstrdup(msg));
		return EXIT_ERROR;
	}
	s->cc = have_program("ccache") ? xasprintf("ccache %s", b->cc) :
		xstrdup(b->cc);
	set_paths_and_env(s);
	if (claim_workdir(s))
		return EXIT_ERROR;
	if (mkdir_p(res->builddir, 0755)) {
		set_error(s, xasprintf("%s: %s", res->builddir,
				       strerror(errno)));
		return EXIT_ERROR;
	}
	unlink(res->log);
	return 0;
}

/* ---- 1. the scratch copy ------------------------------------------- */

static bool not_clean(const char *src)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(not_clean_marks); i++) {
		char *p = path_join(src, not_clean_marks[i]);
		bool e = path_exists(p);

		free(p);
		if (e)
			return true;
	}
	return false;
}

/*
 * Same path every time, only changes copied.  The marks that make kbuild
 * refuse an O= build ("source tree is not clean") are left out of the
 * copy, so an import that carries them does not need a make mrproper on
 * every build.
 */
static int step_copy(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	struct strvec av = STRVEC_INIT;
	const char *const link[] = {
		"cp", "-al", s->link_dest, res->srcdir, NULL
	};
	int ret = 0;

	sv_pushl(&av, "rsync", "-a", "--delete", "--delete-excluded",
		 "--exclude=/.git", "--exclude=/.config",
		 "--exclude=/include/config/",
		 "--exclude=/include/generated/",
		 "--exclude=/arch/*/include/generated/", NULL);
	sv_pushf(&av, "%s/", res->ti.path);
	sv_pushf(&av, "%s/", res->srcdir);
	if (!req->quiet)
		info_msg("%s: copying %s (%s) to %s%s%s", req->b->name,
			 req->tree, res->ti.version, res->srcdir,
			 s->link_dest ? ", starting from hard links of " : "",
			 s->link_dest ? s->link_dest : "");
	/* A copy stopped half-way is removed, not reused. */
	stop_cleanup_add(res->srcdir);
	if (s->link_dest)
		ret = build_run(s, "link the base copy", NULL, link, false);
	if (!ret)
		ret = build_run(s, "copy tree", NULL,
				(const char *const *)av.v, true);
	stop_cleanup_remove(res->srcdir);
	sv_clear(&av);
	if (ret)
		return EXIT_FINDING;
	if (not_clean(res->srcdir)) {
		struct strvec mv = STRVEC_INIT;

		if (!req->quiet)
			info_msg("%s: tree has build products: make mrproper in the copy",
				 req->b->name);
		kbuild_make_argv(&mv, req->b, s->cc, NULL);
		sv_push(&mv, "mrproper");
		ret = build_run(s, "make mrproper", res->srcdir,
			       (const char *const *)mv.v, true);
		sv_clear(&mv);
		if (ret)
			return EXIT_FINDING;
	}
	return 0;
}

/* ---- 2. the port, with quilt, in the copy (after build-compat.c) --- */

static int step_patch(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	struct quilt_push q;
	char how[96], *p;
	int ret;

	if (!req->patched)
		return 0;
	ret = quilt_push_series(req->t, req->b, &s->series, res->srcdir,
				res->log, &q);
	if (ret) {
		set_error(s, xasprintf("quilt push -a --fuzz=0 of %s failed (%s); see %s",
				       req->b->series,
				       run_describe(&q.res, how, sizeof(how)),
				       res->log));
		quilt_push_free(&q);
		return ret < 0 ? EXIT_ERROR : EXIT_FINDING;
	}
	quilt_push_free(&q);
	p = path_join(res->srcdir, req->t->up.file);
	free(res->ti.file_sha256);
	res->ti.file_sha256 = sha256_file_hex(p);
	free(p);
	return 0;
}

/* ---- 4. the kernel ------------------------------------------------- */

static int step_make(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	double t0 = now_seconds();
	char *p;

	if (!req->quiet)
		info_msg("%s: make bzImage (%s, -j%ld), log %s", req->b->name,
			 s->cc, sysconf(_SC_NPROCESSORS_ONLN), res->log);
	if (build_make(s, "bzImage", true))
		return EXIT_FINDING;
	res->make_seconds = now_seconds() - t0;
	res->bzimage = path_join(res->builddir, "arch/x86/boot/bzImage");
	if (!path_exists(res->bzimage)) {
		set_error(s, xasprintf("%s missing after make", res->bzimage));
		return EXIT_FINDING;
	}
	if (!s->reuse) {
		char *text = kconfig_stamp_text(s->key, res->config_sha256);

		if (text)
			write_file_atomic(s->stamp, text, strlen(text));
		free(text);
	}
	p = path_join(res->builddir, "usr/gen_init_cpio");
	if (path_exists(p))
		res->gen_init_cpio = p;
	else
		free(p);
	build_save_shared(s);
	return 0;
}

/* ---- 5. bzImage and .config where the user asked for them ---------- */

static int step_publish(struct build *s)
{
	const char *outdir = s->req->outdir;
	char *o1, *o2;
	int ret;

	if (!outdir)
		return 0;
	o1 = path_join(outdir, "bzImage");
	o2 = path_join(outdir, "config");
	ret = copy_file(s->res->bzimage, o1) || copy_file(s->dotconfig, o2);
	free(o1);
	free(o2);
	if (ret) {
		set_error(s, xasprintf("cannot write to %s", outdir));
		return EXIT_ERROR;
	}
	return 0;
}

/* After build_prepare(), unless another row built the same kernel. */
static int (*const steps[])(struct build *) = {
	step_copy, build_step_compat, step_patch, build_step_configure,
	step_make,
};

int kernel_build(const struct build_req *req, struct build_result *res)
{
	struct build s = { .req = req, .res = res, .env = STRVEC_INIT,
			   .frags = STRVEC_INIT,
			   .kt = KCONFIG_TREE_INIT };
	double start = now_seconds();
	size_t i;
	int st, shared = 0;

	memset(res, 0, sizeof(*res));
	s.cache = req->cache ? xstrdup(req->cache) : cache_dir();
	st = build_prepare(&s);
	if (!st)
		shared = build_find_shared(&s);
	if (shared < 0)
		st = EXIT_ERROR;
	for (i = 0; !st && !shared && i < ARRAY_SIZE(steps); i++)
		st = steps[i](&s);
	if (!st)
		st = step_publish(&s);
	res->status = st ? st : EXIT_PASS;
	res->seconds = now_seconds() - start;
	free(s.dotconfig);
	free(s.link_dest);
	free(s.wkey);
	free(s.stamp);
	free(s.key);
	free(s.cc);
	free(s.cache);
	sv_clear(&s.env);
	sv_clear(&s.frags);
	series_free(&s.series);
	compat_free(&s.compat);
	free(s.compat_need);
	kopts_free(&s.want);
	kconfig_tree_free(&s.kt);
	return res->status;
}

void build_result_free(struct build_result *res)
{
	free(res->workdir);
	free(res->tree_id);
	free(res->srcdir);
	free(res->builddir);
	free(res->bzimage);
	free(res->gen_init_cpio);
	free(res->log);
	free(res->config_sha256);
	free(res->cc_version);
	free(res->ld_version);
	sv_clear(&res->toolchain_config);
	free(res->error);
	free(res->kernel_key);
	free(res->reused_from);
	sv_clear(&res->compat);
	tree_info_free(&res->ti);
	memset(res, 0, sizeof(*res));
}
