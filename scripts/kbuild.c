// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel builds in a scratch copy, and QEMU boots of the regression test.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "kbuild.h"
#include "run.h"
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

static bool want_install(bool flag)
{
	const char *e = getenv("BACKPORT_INSTALL");

	return flag || (e && !strcmp(e, "1"));
}

/* apt-get install @pkgs (NULL-terminated); 0 on success. */
static int apt_install(const char *const *pkgs)
{
	static const char *const env[] = {
		"DEBIAN_FRONTEND=noninteractive", NULL
	};
	struct run_opts o = { .env = env, .echo = true,
			      .progress_label = "apt-get install",
			      .progress_every = 30 };
	struct run_result r;
	struct strvec av = STRVEC_INIT;
	size_t i;
	int ret;

	if (geteuid() != 0) {
		err_msg("installing packages needs root");
		return -1;
	}
	sv_pushl(&av, "apt-get", "install", "-y", "-q",
		 "--no-install-recommends", NULL);
	for (i = 0; pkgs[i]; i++)
		sv_push(&av, pkgs[i]);
	ret = run_argv((const char *const *)av.v, &o, &r);
	if (ret == 1) {
		/* Stale package lists: update once and retry. */
		const char *const upd[] = { "apt-get", "update", "-q", NULL };

		run_argv(upd, &o, &r);
		ret = run_argv((const char *const *)av.v, &o, &r);
	}
	sv_clear(&av);
	return ret ? -1 : 0;
}

static char *unpack_debian(const char *pkg, bool may_install)
{
	char *cache = cache_dir();
	char *tarball = xasprintf("/usr/src/%s.tar.xz", pkg);
	char *dest = xasprintf("%s/src/%s", cache, pkg);
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
	tmp = xasprintf("%s/src/.unpack.%ld", cache, (long)getpid());
	remove_tree(tmp);
	if (mkdir_p(tmp, 0755)) {
		err_msg("%s: %s", tmp, strerror(errno));
		goto out;
	}
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
	free(mk);
	free(inner);
	free(tmp);
	free(dest);
	free(tarball);
	free(cache);
	return ret;
}

char *resolve_tree(const struct branch *b, const char *tree_opt,
		   bool may_install)
{
	const char *env = getenv(b->tree_var);
	const char *dir = tree_opt;
	char *mk, *abs;

	if (!dir && env && *env)
		dir = env;
	if (!dir) {
		if (b->debian_source)
			return unpack_debian(b->debian_source, may_install);
		err_msg("no kernel tree for %s: pass --tree DIR or set %s",
			b->name, b->tree_var);
		return NULL;
	}
	mk = path_join(dir, "Makefile");
	if (!is_dir(dir) || !path_exists(mk)) {
		err_msg("%s: not a kernel tree (no %s)%s%s", dir, mk,
			tree_opt ? "" : ", from $", tree_opt ? "" : b->tree_var);
		free(mk);
		return NULL;
	}
	free(mk);
	abs = abs_path(dir);
	return abs;
}

/* ---- configuration fragments ------------------------------------ */

struct kopt {
	char *name;		/* without CONFIG_ */
	char *value;		/* "y", "n", "42", "\"str\"" */
	char *where;		/* file:line */
	int group;		/* any-of group, 0 = none */
};

struct kopts {
	struct kopt *v;
	size_t n, alloc;
	int groups;
};

static struct kopt *kopt_find(struct kopts *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].name, name))
			return &o->v[i];
	return NULL;
}

static void kopt_set(struct kopts *o, const char *name, const char *value,
		     const char *where)
{
	struct kopt *k = kopt_find(o, name);

	if (!k) {
		if (o->n == o->alloc) {
			o->alloc = o->alloc ? o->alloc * 2 : 64;
			o->v = xrealloc(o->v, o->alloc * sizeof(*o->v));
		}
		k = &o->v[o->n++];
		memset(k, 0, sizeof(*k));
		k->name = xstrdup(name);
	} else {
		free(k->value);
		free(k->where);
	}
	k->value = xstrdup(value);
	k->where = xstrdup(where);
}

static void kopts_free(struct kopts *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].name);
		free(o->v[i].value);
		free(o->v[i].where);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}

/* Parse one .config-format line into name/value; false if not one. */
static bool config_line(char *line, char **name, char **value)
{
	char *eq;

	line = trim(line);
	if (starts_with(line, "# CONFIG_") && ends_with(line, " is not set")) {
		line += 9;
		line[strlen(line) - 11] = '\0';
		*name = line;
		*value = "n";
		return true;
	}
	if (!starts_with(line, "CONFIG_"))
		return false;
	eq = strchr(line, '=');
	if (!eq)
		return false;
	*eq = '\0';
	*name = line + 7;
	*value = eq + 1;
	return true;
}

/*
 * Read a fragment.  Besides the .config syntax it understands
 *	# backport-any-of: CONFIG_A CONFIG_B
 * meaning the check is satisfied when one of them ends up as requested
 * (e.g. SOFTLOCKUP_DETECTOR >= 4.13 vs LOCKUP_DETECTOR before).
 */
static int fragment_read(const char *path, struct kopts *o, char *msg,
			 size_t msglen)
{
	struct strbuf sb = STRBUF_INIT;
	char *save = NULL, *line;
	unsigned int ln = 0;
	char *p;

	if (read_file(path, &sb)) {
		snprintf(msg, msglen, "%s: %s", path, strerror(errno));
		sb_release(&sb);
		return -1;
	}
	for (p = sb.buf; p; p = save) {
		char *name, *value, where[600];

		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		line = p;
		ln++;
		snprintf(where, sizeof(where), "%s:%u", path, ln);
		if (starts_with(trim(line), "# backport-any-of:")) {
			char *s2 = NULL, *tok;
			int g = ++o->groups;

			for (tok = strtok_r(trim(line) + 18, " \t", &s2); tok;
			     tok = strtok_r(NULL, " \t", &s2)) {
				struct kopt *k;

				if (starts_with(tok, "CONFIG_"))
					tok += 7;
				k = kopt_find(o, tok);
				if (k)
					k->group = g;
			}
			continue;
		}
		if (config_line(line, &name, &value))
			kopt_set(o, name, value, where);
	}
	sb_release(&sb);
	return 0;
}

/* Symbols defined by the tree's Kconfig files, as "\nNAME\n" entries. */
static struct strbuf ksyms;

/*
 * The configuration inputs of the tree, as sorted "path sha256" lines:
 * every Kconfig* file, every *.config under a configs/ directory (tiny.config),
 * scripts/kconfig/ and the top Makefile.  Filled by ksyms_load().
 */
static struct strvec kconfig_inputs;
static size_t ksrc_len;

static bool kconfig_input(const char *rel, const char *base)
{
	return starts_with(base, "Kconfig") || !strcmp(rel, "Makefile") ||
		starts_with(rel, "scripts/kconfig/") ||
		(ends_with(base, ".config") && strstr(rel, "configs/"));
}

static void add_input(const char *rel, const struct strbuf *sb)
{
	char *hex = sha256_hex(sb->buf, sb->len);

	sv_pushf(&kconfig_inputs, "%s %s", rel, hex ? hex : "?");
	free(hex);
}

static int ksym_cb(const char *path, const struct stat *st, int flag,
		   struct FTW *ftw)
{
	const char *base = path + ftw->base, *rel = path + ksrc_len;
	struct strbuf sb = STRBUF_INIT;
	char *p, *save = NULL;

	(void)st;
	if (flag != FTW_F || !kconfig_input(rel, base))
		return 0;
	if (read_file(path, &sb))
		return 0;
	add_input(rel, &sb);
	if (!starts_with(base, "Kconfig")) {
		sb_release(&sb);
		return 0;
	}
	for (p = strtok_r(sb.buf, "\n", &save); p;
	     p = strtok_r(NULL, "\n", &save)) {
		char *q = trim(p);

		if (starts_with(q, "menuconfig "))
			q += 11;
		else if (starts_with(q, "config "))
			q += 7;
		else
			continue;
		q = trim(q);
		sb_addf(&ksyms, "\n%s\n", q);
	}
	sb_release(&sb);
	return 0;
}

static bool ksym_exists(const char *name)
{
	char *k = xasprintf("\n%s\n", name);
	bool found = ksyms.buf && strstr(ksyms.buf, k);

	free(k);
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ksyms_load(const char *src)
{
	sb_reset(&ksyms);
	sb_adds(&ksyms, "\n");
	sv_clear(&kconfig_inputs);
	ksrc_len = strlen(src) + 1;
	nftw(src, ksym_cb, 64, FTW_PHYS);
	if (kconfig_inputs.n)
		qsort(kconfig_inputs.v, kconfig_inputs.n, sizeof(char *),
		      cmp_str);
}

/*
 * Compare the requested options with the final .config.  Returns the
 * number of requested options that did not survive; @report lists them
 * (and the ones this tree does not have at all, as notes).
 */
static bool ignored(char *const *ign, const char *name)
{
	size_t i;

	for (i = 0; ign && ign[i]; i++) {
		const char *n = ign[i];

		if (starts_with(n, "CONFIG_"))
			n += 7;
		if (!strcmp(n, name))
			return true;
	}
	return false;
}

static int config_check(struct kopts *want, const char *dotconfig,
			char *const *ign, struct strbuf *report)
{
	struct strbuf sb = STRBUF_INIT;
	struct kopts got = { 0 };
	char *p, *save = NULL;
	size_t i, j;
	int bad = 0;
	bool *ok;

	if (read_file(dotconfig, &sb)) {
		sb_addf(report, "%s: %s\n", dotconfig, strerror(errno));
		return -1;
	}
	for (p = sb.buf; p; p = save) {
		char *name, *value;

		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		if (config_line(p, &name, &value))
			kopt_set(&got, name, value, "");
	}
	ok = xcalloc(want->n, sizeof(*ok));
	for (i = 0; i < want->n; i++) {
		struct kopt *w = &want->v[i], *g = kopt_find(&got, w->name);
		const char *have = g ? g->value : "n";

		ok[i] = !strcmp(have, w->value);
	}
	for (i = 0; i < want->n; i++) {
		struct kopt *w = &want->v[i], *g;
		bool alt = false;

		if (ok[i])
			continue;
		for (j = 0; w->group && j < want->n; j++)
			if (want->v[j].group == w->group && ok[j])
				alt = true;
		if (alt)
			continue;
		if (!ksym_exists(w->name) && strcmp(w->value, "n")) {
			sb_addf(report, "  note: CONFIG_%s (%s) does not exist in this tree\n",
				w->name, w->where);
			continue;
		}
		if (!ksym_exists(w->name))
			continue;
		g = kopt_find(&got, w->name);
		if (ignored(ign, w->name)) {
			sb_addf(report, "  note: CONFIG_%s=%s requested (%s), .config has %s (config_ignore of the branch)\n",
				w->name, w->value, w->where,
				g && strcmp(g->value, "n") ? g->value : "it unset");
			continue;
		}
		sb_addf(report, "  CONFIG_%s=%s requested (%s), .config has %s\n",
			w->name, w->value, w->where,
			g && strcmp(g->value, "n") ? g->value : "it unset");
		bad++;
	}
	free(ok);
	kopts_free(&got);
	sb_release(&sb);
	return bad;
}

/* ---- build ----------------------------------------------------------- */

static const struct {
	const char *prog, *pkg;
} build_tools[] = {
	{ "make", "make" }, { "flex", "flex" }, { "bison", "bison" },
	{ "bc", "bc" }, { "perl", "perl" }, { "rsync", "rsync" },
	{ "xz", "xz-utils" },
};

static int check_toolchain(const struct branch *b, bool patched,
			   bool install)
{
	struct strvec missing = STRVEC_INIT, pkgs = STRVEC_INIT;
	size_t i;
	int ret = 0;

	if (!have_program(b->cc) || !have_program(b->hostcc)) {
		sv_push(&missing, !have_program(b->cc) ? b->cc : b->hostcc);
		for (i = 0; b->packages && b->packages[i]; i++)
			sv_push(&pkgs, b->packages[i]);
		if (!b->packages || !b->packages[0])
			sv_push(&pkgs, b->cc);
	}
	for (i = 0; i < ARRAY_SIZE(build_tools); i++) {
		if (!have_program(build_tools[i].prog)) {
			sv_push(&missing, build_tools[i].prog);
			sv_push(&pkgs, build_tools[i].pkg);
		}
	}
	if (patched && !have_program("quilt")) {
		sv_push(&missing, "quilt");
		sv_push(&pkgs, "quilt");
	}
	if (!path_exists("/usr/include/gelf.h")) {
		sv_push(&missing, "/usr/include/gelf.h");
		sv_push(&pkgs, "libelf-dev");
	}
	if (!missing.n)
		goto out;
	{
		struct strbuf m = STRBUF_INIT, p = STRBUF_INIT;

		for (i = 0; i < missing.n; i++)
			sb_addf(&m, "%s%s", i ? ", " : "", missing.v[i]);
		for (i = 0; i < pkgs.n; i++)
			sb_addf(&p, " %s", pkgs.v[i]);
		if (want_install(install) && geteuid() == 0) {
			info_msg("%s: missing %s; installing%s", b->name,
				 m.buf, p.buf);
			if (apt_install((const char *const *)pkgs.v))
				ret = -1;
		} else {
			err_msg("%s needs %s: run 'apt-get install%s' (or pass --install-toolchain as root)",
				b->name, m.buf, p.buf);
			ret = -1;
		}
		sb_release(&m);
		sb_release(&p);
	}
out:
	sv_clear(&missing);
	sv_clear(&pkgs);
	return ret;
}

static char *first_line_of(const char *const *argv)
{
	struct strbuf out = STRBUF_INIT;
	char *nl, *r;

	if (run_capture(argv, NULL, &out) < 0) {
		sb_release(&out);
		return NULL;
	}
	nl = strchr(sb_str(&out), '\n');
	r = xstrndup(sb_str(&out), nl ? (size_t)(nl - out.buf) : out.len);
	sb_release(&out);
	return r;
}

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

struct step {
	const struct build_req *req;
	struct build_result *res;
	struct strvec env;
	struct strvec frags;	/* fragment paths: the table's, then the row's */
	char *cc;
};

static int step_run(struct step *s, const char *what, const char *cwd,
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
		free(s->res->error);
		s->res->error = xasprintf("%s failed (%s); see %s", what,
					  run_describe(&r, how, sizeof(how)),
					  s->res->log);
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

static int make_target(struct step *s, const char *target, bool progress)
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

static bool stale_source(const char *src)
{
	static const char *const marks[] = {
		".config", "include/config", "arch/x86/include/generated",
		"include/generated",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		char *p = path_join(src, marks[i]);
		bool e = path_exists(p);

		free(p);
		if (e)
			return true;
	}
	return false;
}

/*
 * The configuration key: the make command line, the compiler and linker
 * versions, the table's fragments and the tree's configuration inputs
 * (ksyms_load() first).  While it and the .config stay the same,
 * tinyconfig + merge_config.sh + olddefconfig would write the same .config
 * again, and a warm build skips them.  NULL if a fragment is unreadable.
 */
static char *config_key(const struct step *s)
{
	const char *const lv[] = { "ld", "--version", NULL };
	struct strvec av = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *ld, *key = NULL;
	size_t i;

	kbuild_make_argv(&av, s->req->b, s->cc, s->res->builddir);
	for (i = 0; i < av.n; i++)
		sb_addf(&sb, "argv %s\n", av.v[i]);
	sv_clear(&av);
	ld = first_line_of(lv);
	sb_addf(&sb, "cc %s\nld %s\n", s->res->cc_version ?
		s->res->cc_version : "", ld ? ld : "");
	free(ld);
	for (i = 0; i < s->frags.n; i++) {
		char *h = sha256_file_hex(s->frags.v[i]);

		if (!h)
			goto out;
		sb_addf(&sb, "fragment %s\n", h);
		free(h);
	}
	for (i = 0; i < kconfig_inputs.n; i++)
		sb_addf(&sb, "%s\n", kconfig_inputs.v[i]);
	key = sha256_hex(sb.buf, sb.len);
out:
	sb_release(&sb);
	return key;
}

/* The stamp a configured build dir keeps: the key and the .config's sha256. */
static char *config_stamp_text(const char *key, const char *config_sha256)
{
	if (!key || !config_sha256)
		return NULL;
	return xasprintf("key %s\nconfig %s\n", key, config_sha256);
}

static bool config_current(const char *stamp, const char *key,
			   const char *dotconfig)
{
	struct strbuf sb = STRBUF_INIT;
	char *h = sha256_file_hex(dotconfig);
	char *want = config_stamp_text(key, h);
	bool same = want && !read_file(stamp, &sb) && sb.buf &&
		!strcmp(sb.buf, want);

	free(h);
	free(want);
	sb_release(&sb);
	return same;
}

/* make tinyconfig, merge_config.sh with the fragments, make olddefconfig. */
static int configure(struct step *s, const char *dotconfig)
{
	struct strvec av = STRVEC_INIT;
	size_t i;
	int ret;

	if (make_target(s, "tinyconfig", false))
		return -1;
	sv_push(&av, "scripts/kconfig/merge_config.sh");
	sv_pushl(&av, "-m", "-O", s->res->builddir, dotconfig, NULL);
	for (i = 0; i < s->frags.n; i++)
		sv_push(&av, s->frags.v[i]);
	ret = step_run(s, "merge_config.sh", s->res->srcdir,
		       (const char *const *)av.v, false);
	sv_clear(&av);
	if (ret)
		return -1;
	return make_target(s, "olddefconfig", false);
}

int kernel_build(const struct build_req *req, struct build_result *res)
{
	const struct table *t = req->t;
	const struct branch *b = req->b;
	struct kopts want = { 0 };
	struct strbuf report = STRBUF_INIT;
	struct step s = { .req = req, .res = res, .env = STRVEC_INIT,
			  .frags = STRVEC_INIT };
	char msg[1024], *cache = cache_dir(), *dotconfig = NULL, *p;
	char *stamp = NULL, *key = NULL;
	char *const *frag_lists[] = { t->fragments, b->fragments };
	bool reuse = false;
	double start = now_seconds(), t0;
	size_t i;
	int bad;

	memset(res, 0, sizeof(*res));
	res->status = EXIT_ERROR;

	/* Everything that can be checked before touching anything. */
	if (tree_inspect(req->tree, &t->up, &res->ti, msg, sizeof(msg))) {
		res->error = xstrdup(msg);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(frag_lists); i++) {
		char *const *f = frag_lists[i];

		for (; f && *f; f++) {
			p = table_path(t, *f);
			sv_push(&s.frags, p);
			free(p);
		}
	}
	for (i = 0; i < s.frags.n; i++) {
		if (fragment_read(s.frags.v[i], &want, msg, sizeof(msg))) {
			res->error = xstrdup(msg);
			goto out;
		}
	}
	if (check_toolchain(b, req->patched, req->install)) {
		res->error = xasprintf("toolchain for %s missing", b->name);
		goto out;
	}
	if (req->patched && !b->series) {
		res->error = xasprintf("%s is %s: it has no series to apply",
				       b->name, decision_name(b->decision));
		goto out;
	}
	s.cc = have_program("ccache") ? xasprintf("ccache %s", b->cc) :
		xstrdup(b->cc);

	res->workdir = xasprintf("%s/work/%s/%s", cache, b->name,
				 req->patched ? "patched" : "base");
	res->srcdir = path_join(res->workdir, "src");
	res->builddir = path_join(res->workdir, "build");
	res->log = path_join(res->workdir, "build.log");
	if (mkdir_p(res->builddir, 0755)) {
		res->error = xasprintf("%s: %s", res->builddir,
				       strerror(errno));
		goto out;
	}
	unlink(res->log);
	sv_pushf(&s.env, "CCACHE_BASEDIR=%s", res->workdir);
	sv_push(&s.env, "CCACHE_NOHASHDIR=true");
	/*
	 * Depend mode: a miss costs no extra preprocessor run (kbuild passes
	 * -Wp,-MMD), which is most of ccache's overhead on a cold build.
	 */
	if (!getenv("CCACHE_DEPEND") && !getenv("CCACHE_NODEPEND"))
		sv_push(&s.env, "CCACHE_DEPEND=true");
	sv_push(&s.env, "KBUILD_BUILD_TIMESTAMP=2021-06-30");
	sv_push(&s.env, "KBUILD_BUILD_USER=backport");
	sv_push(&s.env, "KBUILD_BUILD_HOST=backport");
	sv_push(&s.env, "LC_ALL=C");
	{
		const char *const cv[] = { b->cc, "--version", NULL };

		res->cc_version = first_line_of(cv);
	}

	/*
	 * 1. Scratch copy: same path every time, only changes copied.  The
	 * marks that make kbuild refuse an O= build ("source tree is not
	 * clean") are left out of the copy, so an import that carries them
	 * does not need a make mrproper on every build.
	 */
	if (!req->quiet)
		info_msg("%s: copying %s (%s) to %s", b->name, req->tree,
			 res->ti.version, res->srcdir);
	{
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
		int ret = step_run(&s, "copy tree", NULL, av, true);

		free(from);
		free(to);
		if (ret)
			goto fail;
	}
	if (stale_source(res->srcdir)) {
		struct strvec av = STRVEC_INIT;
		int ret;

		if (!req->quiet)
			info_msg("%s: tree has build products: make mrproper in the copy",
				 b->name);
		kbuild_make_argv(&av, b, s.cc, NULL);
		sv_push(&av, "mrproper");
		ret = step_run(&s, "make mrproper", res->srcdir,
			       (const char *const *)av.v, true);
		sv_clear(&av);
		if (ret)
			goto fail;
	}

	/* 2. The port, with quilt, in the copy. */
	if (req->patched) {
		char *series = table_path(t, b->series);
		char *pdir = xasprintf("%s/ports/%s", t->root, b->name);
		const char *const av[] = { "quilt", "--quiltrc=-", "push",
					   "-a", "--fuzz=0", NULL };
		struct strvec env2 = STRVEC_INIT;
		struct run_opts o = { .cwd = res->srcdir, .log_path = res->log };
		struct run_result r;
		char how[96];

		if (!path_exists(series)) {
			res->error = xasprintf("%s: series file missing", series);
			free(series);
			free(pdir);
			goto out;
		}
		sv_pushf(&env2, "QUILT_PATCHES=%s", pdir);
		sv_pushf(&env2, "QUILT_SERIES=%s", series);
		o.env = (const char *const *)env2.v;
		if (run_argv(av, &o, &r)) {
			res->error = xasprintf("quilt push -a --fuzz=0 of %s failed (%s); see %s",
					       series, run_describe(&r, how, sizeof(how)),
					       res->log);
			res->status = EXIT_FINDING;
			sv_clear(&env2);
			free(series);
			free(pdir);
			goto out;
		}
		sv_clear(&env2);
		free(series);
		free(pdir);
		p = path_join(res->srcdir, t->up.file);
		free(res->ti.file_sha256);
		res->ti.file_sha256 = sha256_file_hex(p);
		free(p);
	}

	/* 3. Configuration, unless nothing it reads has changed. */
	dotconfig = path_join(res->builddir, ".config");
	stamp = path_join(res->builddir, ".backport-config");
	ksyms_load(res->srcdir);
	key = config_key(&s);
	reuse = config_current(stamp, key, dotconfig);
	if (reuse && !req->quiet)
		info_msg("%s: configuration inputs unchanged (%.12s): tinyconfig, merge_config.sh and olddefconfig skipped",
			 b->name, key);
	if (!reuse) {
		unlink(stamp);
		if (configure(&s, dotconfig))
			goto fail;
	}
	bad = config_check(&want, dotconfig, b->config_ignore, &report);
	if (report.len && !req->quiet)
		fputs(report.buf, stderr);
	if (bad) {
		res->error = xasprintf("%d requested config option%s did not survive olddefconfig in %s:\n%s",
				       bad, bad == 1 ? "" : "s", dotconfig,
				       report.buf);
		res->status = EXIT_ERROR;
		goto out;
	}
	res->config_sha256 = sha256_file_hex(dotconfig);

	/* 4. The kernel. */
	t0 = now_seconds();
	if (!req->quiet)
		info_msg("%s: make bzImage (%s, -j%ld), log %s", b->name,
			 s.cc, sysconf(_SC_NPROCESSORS_ONLN), res->log);
	if (make_target(&s, "bzImage", true))
		goto fail;
	res->make_seconds = now_seconds() - t0;
	res->bzimage = path_join(res->builddir, "arch/x86/boot/bzImage");
	if (!path_exists(res->bzimage)) {
		res->error = xasprintf("%s missing after make", res->bzimage);
		goto fail;
	}
	if (!reuse) {
		char *text = config_stamp_text(key, res->config_sha256);

		if (text)
			write_file_atomic(stamp, text, strlen(text));
		free(text);
	}
	p = path_join(res->builddir, "usr/gen_init_cpio");
	if (path_exists(p))
		res->gen_init_cpio = p;
	else
		free(p);

	if (req->outdir) {
		char *o1 = path_join(req->outdir, "bzImage");
		char *o2 = path_join(req->outdir, "config");
		int ret = copy_file(res->bzimage, o1) ||
			copy_file(dotconfig, o2);

		free(o1);
		free(o2);
		if (ret) {
			res->error = xasprintf("cannot write to %s",
					       req->outdir);
			goto out;
		}
	}
	res->status = EXIT_PASS;
	goto out;
fail:
	res->status = EXIT_FINDING;
out:
	res->seconds = now_seconds() - start;
	free(dotconfig);
	free(stamp);
	free(key);
	free(s.cc);
	sv_clear(&s.env);
	sv_clear(&s.frags);
	sb_release(&report);
	kopts_free(&want);
	sb_release(&ksyms);
	free(cache);
	return res->status;
}

void build_result_free(struct build_result *res)
{
	free(res->workdir);
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

/* ---- boot ------------------------------------------------------------ */

/*
 * The command line is data (configs/branches.json "boot", measured in
 * tests/regress/NOTES.md): soft lockup after 2 * watchdog_thresh seconds,
 * RCU stall after rcu_cpu_stall_timeout, hung task after
 * hung_task_timeout_secs; all of them panic, and panic=-1 with -no-reboot
 * ends QEMU at once.
 */
char *boot_cmdline(const struct boot_cfg *cfg, const char *extra)
{
	return xasprintf("%s%s%s", cfg->cmdline, extra && *extra ? " " : "",
			 extra ? extra : "");
}

/* Compile the static test programs and pack an initramfs. */
static int make_initramfs(const struct boot_req *req, const char *gen,
			  const char *out, char **error)
{
	char *rdir = xasprintf("%s/tests/regress", req->root);
	char *stage = xasprintf("%s/initramfs", req->workdir);
	char *list = xasprintf("%s/initramfs.list", req->workdir);
	char *tmp = xasprintf("%s.tmp", out);
	struct strbuf sb = STRBUF_INIT;
	struct run_opts o = { .separate_stderr = false };
	struct run_result r;
	struct dirent *de;
	DIR *d;
	int ret = -1;
	bool have_init = false;

	d = opendir(rdir);
	if (!d) {
		*error = xasprintf("%s: %s", rdir, strerror(errno));
		goto out;
	}
	remove_tree(stage);
	mkdir_p(stage, 0755);
	sb_adds(&sb, "dir /dev 0755 0 0\n"
		"nod /dev/console 0600 0 0 c 5 1\n"
		"nod /dev/null 0666 0 0 c 1 3\n"
		"nod /dev/kmsg 0644 0 0 c 1 11\n"
		"dir /proc 0755 0 0\ndir /sys 0755 0 0\n"
		"dir /tmp 01777 0 0\ndir /mnt 0755 0 0\n");
	while ((de = readdir(d))) {
		char *name, *src, *bin;
		struct strbuf cap = STRBUF_INIT;

		if (!ends_with(de->d_name, ".c"))
			continue;
		name = xstrndup(de->d_name, strlen(de->d_name) - 2);
		src = path_join(rdir, de->d_name);
		bin = path_join(stage, name);
		{
			const char *const av[] = { "gcc", "-static", "-O2",
						   "-Wall", "-pthread", "-o",
						   bin, src, NULL };

			o.capture = &cap;
			if (run_argv(av, &o, &r)) {
				*error = xasprintf("gcc -static %s failed:\n%s",
						   src, sb_str(&cap));
				sb_release(&cap);
				free(name);
				free(src);
				free(bin);
				closedir(d);
				goto out;
			}
		}
		sb_release(&cap);
		sb_addf(&sb, "file /%s %s 0755 0 0\n", name, bin);
		if (!strcmp(name, "init"))
			have_init = true;
		free(name);
		free(src);
		free(bin);
	}
	closedir(d);
	if (!have_init) {
		*error = xasprintf("%s/init.c missing", rdir);
		goto out;
	}
	if (write_file_atomic(list, sb.buf, sb.len)) {
		*error = xasprintf("%s: %s", list, strerror(errno));
		goto out;
	}
	unlink(tmp);
	if (gen) {
		const char *const av[] = { gen, list, NULL };
		struct run_opts go = { .log_path = tmp,
				       .separate_stderr = true };

		if (run_argv(av, &go, &r)) {
			*error = xasprintf("%s %s failed", gen, list);
			goto out;
		}
	} else {
		/* cpio -H newc from the staging dir (no device nodes). */
		const char *const av[] = { "cpio", "-o", "-H", "newc", "-O",
					   tmp, NULL };
		char *names = xasprintf("%s/initramfs.names", req->workdir);
		struct run_opts co = { .cwd = stage, .stdin_path = names };
		struct strbuf nl = STRBUF_INIT;
		DIR *sd = opendir(stage);

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
			ret = -1;
			*error = xasprintf("cpio -o -H newc failed");
			goto out;
		}
	}
	if (rename(tmp, out)) {
		*error = xasprintf("%s: %s", out, strerror(errno));
		goto out;
	}
	ret = 0;
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

struct boot_ctx {
	struct console *con;
	double start;
	bool echo;
	const char *stop_at;	/* probe: stop at this text */
	bool seen;
};

static int boot_line(const char *line, void *arg)
{
	struct boot_ctx *b = arg;

	if (b->echo)
		fprintf(stderr, "%s\n", line);
	if (b->stop_at) {
		if (strstr(line, b->stop_at))
			b->seen = true;
		return b->seen;
	}
	return console_line(b->con, line, now_seconds() - b->start);
}

static void qemu_argv(struct strvec *av, const struct boot_req *req,
		      const char *accel, const char *initrd,
		      const char *cmdline)
{
	sv_pushl(av, "qemu-system-x86_64", "-nodefaults", "-display", "none",
		 "-no-reboot", "-serial", "stdio", "-m", NULL);
	const char *cpu = !strcmp(accel, "kvm") ? req->cfg->cpu_kvm :
		req->cfg->cpu_tcg;

	sv_pushf(av, "%d", req->mem_mb > 0 ? req->mem_mb :
		 req->cfg->memory_mb);
	sv_push(av, "-smp");
	sv_pushf(av, "%d", req->smp > 0 ? req->smp : req->cfg->smp);
	sv_pushl(av, "-kernel", req->kernel, "-initrd", initrd, "-append",
		 cmdline, "-accel", accel, NULL);
	if (cpu)
		sv_pushl(av, "-cpu", cpu, NULL);
}

/* Does KVM boot this kernel?  Cached in the cache dir. */
static const char *pick_accel(const struct boot_req *req, const char *initrd)
{
	char *cache = cache_dir(), *stamp = xasprintf("%s/kvm-probe", cache);
	struct strbuf sb = STRBUF_INIT;
	const char *accel = "tcg";
	struct strvec av = STRVEC_INIT;
	struct boot_ctx ctx = { .stop_at = "BACKPORT-TEST-START" };
	struct run_opts o = { .timeout = 10, .on_line = boot_line,
			      .line_arg = &ctx };
	struct run_result r;
	char *cmd;

	if (req->accel && strcmp(req->accel, "auto")) {
		accel = !strcmp(req->accel, "kvm") ? "kvm" : "tcg";
		goto out;
	}
	if (access("/dev/kvm", R_OK | W_OK))
		goto out;
	if (!read_file(stamp, &sb)) {
		accel = starts_with(sb_str(&sb), "kvm") ? "kvm" : "tcg";
		goto out;
	}
	cmd = boot_cmdline(req->cfg, "backport.probe=1");
	qemu_argv(&av, req, "kvm", initrd, cmd);
	ctx.start = now_seconds();
	run_argv((const char *const *)av.v, &o, &r);
	accel = ctx.seen ? "kvm" : "tcg";
	info_msg("KVM probe: %s (%.1fs); using %s", ctx.seen ?
		 "boots" : "no test start within 10s", r.elapsed, accel);
	mkdir_p(cache, 0755);
	write_file_atomic(stamp, accel, strlen(accel));
	sv_clear(&av);
	free(cmd);
out:
	sb_release(&sb);
	free(stamp);
	free(cache);
	return accel;
}

int kernel_boot(const struct boot_req *req, struct boot_result *res)
{
	char *gen = NULL, *initrd = NULL, *err = NULL;
	struct strvec av = STRVEC_INIT;
	struct boot_ctx ctx = { 0 };
	struct run_opts o = { 0 };
	struct run_result r;
	char how[96];

	memset(res, 0, sizeof(*res));
	console_init(&res->con);
	res->status = EXIT_ERROR;
	if (!path_exists(req->kernel)) {
		res->error = xasprintf("%s: no such kernel image", req->kernel);
		return res->status;
	}
	if (!have_program("qemu-system-x86_64")) {
		res->error = xasprintf("qemu-system-x86_64 missing: apt-get install qemu-system-x86");
		return res->status;
	}
	if (mkdir_p(req->workdir, 0755)) {
		res->error = xasprintf("%s: %s", req->workdir, strerror(errno));
		return res->status;
	}
	if (req->gen_init_cpio) {
		gen = xstrdup(req->gen_init_cpio);
	} else {
		/* bzImage is O/arch/x86/boot/bzImage: O/usr/gen_init_cpio */
		char *k = xstrdup(req->kernel), *s = strstr(k, "/arch/x86/boot/");

		if (s) {
			*s = '\0';
			gen = path_join(k, "usr/gen_init_cpio");
			if (!path_exists(gen)) {
				free(gen);
				gen = NULL;
			}
		}
		free(k);
	}
	if (!gen && !have_program("cpio")) {
		res->error = xasprintf("neither usr/gen_init_cpio next to %s nor cpio: apt-get install cpio",
				       req->kernel);
		return res->status;
	}
	initrd = path_join(req->workdir, "initramfs.cpio");
	if (make_initramfs(req, gen, initrd, &err)) {
		res->error = err;
		goto out;
	}
	res->accel = xstrdup(pick_accel(req, initrd));
	res->cmdline = boot_cmdline(req->cfg, req->extra_cmdline);
	res->log = xstrdup(req->log);
	unlink(req->log);
	qemu_argv(&av, req, res->accel, initrd, res->cmdline);

	ctx.con = &res->con;
	ctx.echo = req->echo;
	o.log_path = req->log;
	o.timeout = req->timeout > 0 ? req->timeout : 300;
	o.on_line = boot_line;
	o.line_arg = &ctx;
	o.progress_label = "boot";
	o.progress_every = 30;
	ctx.start = now_seconds();
	if (run_argv((const char *const *)av.v, &o, &r) < 0) {
		res->error = xasprintf("qemu-system-x86_64 could not be started");
		goto out;
	}
	res->seconds = r.elapsed;
	res->timed_out = r.timed_out;
	console_finish(&res->con, r.timed_out);
	if (!r.stopped_early && !r.timed_out && r.exit_code != 0 &&
	    res->con.outcome == CONSOLE_ERROR)
		res->error = xasprintf("qemu-system-x86_64: %s",
				       run_describe(&r, how, sizeof(how)));
	res->status = 0;
out:
	sv_clear(&av);
	free(initrd);
	free(gen);
	return res->status;
}

void boot_result_free(struct boot_result *res)
{
	console_free(&res->con);
	free(res->log);
	free(res->cmdline);
	free(res->accel);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

json_t *boot_json(const struct boot_result *r)
{
	const struct console *c = &r->con;

	return json_pack("{s:s, s:s, s:s*, s:i, s:o, s:s*, s:s*, s:s*, s:s*, s:f, s:b, s:s*, s:s*}",
			 "outcome", console_outcome_name(c->outcome),
			 "kind", console_kind_name(c->kind),
			 "signature", c->sig,
			 "signature_line", (int)c->sig_lineno,
			 "detect_seconds", c->sig_time >= 0 ?
			 json_real(c->sig_time) : json_null(),
			 "time_source", c->time_source,
			 "detail", c->detail,
			 "result_line", c->result,
			 "log", r->log,
			 "boot_seconds", r->seconds,
			 "timed_out", r->timed_out,
			 "accel", r->accel,
			 "excerpt", c->excerpt);
}

void boot_print(const struct boot_result *r, const char *label)
{
	const struct console *c = &r->con;

	printf("%s: %s (%s)", label, console_outcome_name(c->outcome),
	       console_kind_name(c->kind));
	if (c->detail)
		printf(": %s", c->detail);
	printf("\n");
	if (c->sig)
		printf("  signature: line %u: %s\n", c->sig_lineno, c->sig);
	if (c->sig_time >= 0)
		printf("  detected:  %.1fs after test start (%s clock)\n",
		       c->sig_time, c->time_source);
	printf("  qemu:      %.1fs (%s)%s, log %s\n", r->seconds,
	       r->accel ? r->accel : "?", r->timed_out ? ", timed out" : "",
	       r->log ? r->log : "-");
	if (c->excerpt && *c->excerpt && c->outcome != CONSOLE_PASS)
		printf("  excerpt:\n%s", c->excerpt);
}
