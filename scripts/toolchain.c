// SPDX-License-Identifier: GPL-2.0
/*
 * The host toolchain of a kernel build (see toolchain.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"
#include "toolchain.h"
#include "util.h"

bool install_wanted(bool flag)
{
	const char *e = getenv("BACKPORT_INSTALL");

	return flag || (e && !strcmp(e, "1"));
}

int apt_install(const char *const *pkgs)
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

static const struct {
	const char *prog, *pkg;
} build_tools[] = {
	{ "make", "make" }, { "flex", "flex" }, { "bison", "bison" },
	{ "bc", "bc" }, { "perl", "perl" }, { "rsync", "rsync" },
	{ "xz", "xz-utils" },
};

int toolchain_check(const struct branch *b, bool patched, bool install)
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
		if (install_wanted(install) && geteuid() == 0) {
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

char *program_first_line(const char *const *argv)
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
