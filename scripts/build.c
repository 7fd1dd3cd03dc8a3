// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel builds in a scratch copy (see build.h): each step is a function
 * of one struct build, run in order by kernel_build().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

struct build {
	const struct build_req *req;
	struct build_result *res;
	struct strvec env;
	struct strvec frags;	/* fragment paths: the table's, then the row's */
	struct kopts want;	/* what the fragments request */
	struct kconfig_tree kt;
	struct series series;	/* the patched variant's */
	char *cc;		/* "ccache gcc-11" */
	char *cache;
	char *dotconfig, *stamp, *key;
	bool reuse;		/* configuration inputs unchanged */
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

static void set_error(struct build *s, char *error)
{
	free(s->res->error);
	s->res->error = error;
}

static int step_run(struct build *s, const char *what, const char *cwd,
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

static int make_target(struct build *s, const char *target, bool progress)
{
	struct strvec av = STRVEC_INIT;
	char *what = xasprintf("make %s", target);
	int ret;

	kbuild_make_argv(&av, s->req->b, s->cc, s->res->builddir);
	sv_pushl(&av, "KBUILD_BUILD_VERSION=1", target, NULL);
	ret = step_run(s, what, s->res->srcdir, (const char *const *)av.v,
		       progress);
	sv_clear(&av);
	free(what);
	return ret;
}

/* ---- 0. everything that can be checked before touching anything ---- */

static int read_fragments(struct build *s)
{
	const struct table *t = s->req->t;
	char *const *lists[] = { t->fragments, s->req->b->fragments };
	char msg[1024];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		char *const *f;

		for (f = lists[i]; f && *f; f++) {
			char *p = table_path(t, *f);

			sv_push(&s->frags, p);
			free(p);
		}
	}
	for (i = 0; i < s->frags.n; i++) {
		if (kconfig_fragment_read(s->frags.v[i], &s->want, msg,
					  sizeof(msg))) {
			set_error(s, xstrdup(msg));
			return -1;
		}
	}
	return 0;
}

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

/* The tree's identity, and the scratch directory made from it only. */
static int claim_workdir(struct build *s)
{
	struct build_result *res = s->res;
	char msg[1024], *key;
	int r;

	if (!s->req->quiet)
		info_msg("%s: identifying %s", s->req->b->name, s->req->tree);
	res->tree_id = tree_identity(s->req->tree, s->cache, msg, sizeof(msg));
	if (!res->tree_id) {
		set_error(s, xstrdup(msg));
		return -1;
	}
	key = workdir_key(s->req->t, s->req->b, res->tree_id,
			  s->req->patched ? &s->series : NULL, msg,
			  sizeof(msg));
	r = key ? workdir_claim(res->workdir, res->srcdir, res->builddir, key,
				s->req->quiet, msg, sizeof(msg)) : -1;
	free(key);
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
	if (read_fragments(s))
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
	char *from = xasprintf("%s/", res->ti.path);
	char *to = xasprintf("%s/", res->srcdir);
	const char *const av[] = {
		"rsync", "-a", "--delete", "--delete-excluded",
		"--exclude=/.git", "--exclude=/.config",
		"--exclude=/include/config/",
		"--exclude=/include/generated/",
		"--exclude=/arch/*/include/generated/",
		from, to, NULL
	};
	int ret;

	if (!req->quiet)
		info_msg("%s: copying %s (%s) to %s", req->b->name, req->tree,
			 res->ti.version, res->srcdir);
	/* A copy stopped half-way is removed, not reused. */
	stop_cleanup_add(res->srcdir);
	ret = step_run(s, "copy tree", NULL, av, true);
	stop_cleanup_remove(res->srcdir);
	free(from);
	free(to);
	if (ret)
		return EXIT_FINDING;
	if (not_clean(res->srcdir)) {
		struct strvec mv = STRVEC_INIT;

		if (!req->quiet)
			info_msg("%s: tree has build products: make mrproper in the copy",
				 req->b->name);
		kbuild_make_argv(&mv, req->b, s->cc, NULL);
		sv_push(&mv, "mrproper");
		ret = step_run(s, "make mrproper", res->srcdir,
			       (const char *const *)mv.v, true);
		sv_clear(&mv);
		if (ret)
			return EXIT_FINDING;
	}
	return 0;
}

/* ---- 2. the port, with quilt, in the copy -------------------------- */

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

/* ---- 3. configuration, unless nothing it reads has changed --------- */

static char *config_key(struct build *s)
{
	const char *const lv[] = { "ld", "--version", NULL };
	struct strvec av = STRVEC_INIT;
	char *ld = program_first_line(lv), *key;

	kbuild_make_argv(&av, s->req->b, s->cc, s->res->builddir);
	key = kconfig_key(&av, s->res->cc_version, ld, &s->frags, &s->kt);
	sv_clear(&av);
	free(ld);
	return key;
}

/* make tinyconfig, merge_config.sh with the fragments, make olddefconfig. */
static int configure(struct build *s)
{
	struct strvec av = STRVEC_INIT;
	size_t i;
	int ret;

	if (make_target(s, "tinyconfig", false))
		return -1;
	sv_push(&av, "scripts/kconfig/merge_config.sh");
	sv_pushl(&av, "-m", "-O", s->res->builddir, s->dotconfig, NULL);
	for (i = 0; i < s->frags.n; i++)
		sv_push(&av, s->frags.v[i]);
	ret = step_run(s, "merge_config.sh", s->res->srcdir,
		       (const char *const *)av.v, false);
	sv_clear(&av);
	if (ret)
		return -1;
	return make_target(s, "olddefconfig", false);
}

static int step_configure(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;
	struct strbuf report = STRBUF_INIT;
	int bad;

	s->dotconfig = path_join(res->builddir, ".config");
	s->stamp = path_join(res->builddir, ".backport-config");
	kconfig_tree_load(&s->kt, res->srcdir);
	s->key = config_key(s);
	s->reuse = kconfig_stamp_current(s->stamp, s->key, s->dotconfig);
	if (s->reuse && !req->quiet)
		info_msg("%s: configuration inputs unchanged (%.12s): tinyconfig, merge_config.sh and olddefconfig skipped",
			 req->b->name, s->key);
	if (!s->reuse) {
		unlink(s->stamp);
		if (configure(s))
			return EXIT_FINDING;
	}
	bad = kconfig_check_file(&s->want, &s->kt, s->dotconfig,
				 req->b->config_ignore, &report);
	if (report.len && !req->quiet)
		fputs(report.buf, stderr);
	if (bad) {
		set_error(s, xasprintf("%d requested config option%s did not survive olddefconfig in %s:\n%s",
				       bad, bad == 1 ? "" : "s", s->dotconfig,
				       report.buf));
		sb_release(&report);
		return EXIT_ERROR;
	}
	sb_release(&report);
	res->config_sha256 = sha256_file_hex(s->dotconfig);
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
	if (make_target(s, "bzImage", true))
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

static int (*const steps[])(struct build *) = {
	build_prepare, step_copy, step_patch, step_configure, step_make,
	step_publish,
};

int kernel_build(const struct build_req *req, struct build_result *res)
{
	struct build s = { .req = req, .res = res, .env = STRVEC_INIT,
			   .frags = STRVEC_INIT,
			   .kt = KCONFIG_TREE_INIT };
	double start = now_seconds();
	size_t i;
	int st = 0;

	memset(res, 0, sizeof(*res));
	s.cache = req->cache ? xstrdup(req->cache) : cache_dir();
	for (i = 0; !st && i < ARRAY_SIZE(steps); i++)
		st = steps[i](&s);
	res->status = st ? st : EXIT_PASS;
	res->seconds = now_seconds() - start;
	free(s.dotconfig);
	free(s.stamp);
	free(s.key);
	free(s.cc);
	free(s.cache);
	sv_clear(&s.env);
	sv_clear(&s.frags);
	series_free(&s.series);
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
	free(res->error);
	tree_info_free(&res->ti);
	memset(res, 0, sizeof(*res));
}
