// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration step of kernel_build() (see build.h): the fragments,
 * tinyconfig + merge_config.sh + olddefconfig unless nothing they read
 * has changed, and the check that every requested option survived.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build-int.h"
#include "kconfig.h"
#include "toolchain.h"
#include "toolconf.h"
#include "util.h"

int build_read_fragments(struct build *s)
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

void build_key_argv(struct build *s, struct strvec *av)
{
	const char *const lv[] = { "ld", "--version", NULL };

	free(s->res->ld_version);
	s->res->ld_version = program_first_line(lv);
	kbuild_make_argv(av, s->req->b, s->cc, s->res->builddir);
}

static char *config_key(struct build *s)
{
	struct strvec av = STRVEC_INIT;
	char *key;

	build_key_argv(s, &av);
	key = kconfig_key(&av, s->res->cc_version, s->res->ld_version,
			  &s->frags, &s->kt);
	sv_clear(&av);
	return key;
}

/* make tinyconfig, merge_config.sh with the fragments, make olddefconfig. */
static int configure(struct build *s)
{
	struct strvec av = STRVEC_INIT;
	size_t i;
	int ret;

	if (build_make(s, "tinyconfig", false))
		return -1;
	sv_push(&av, "scripts/kconfig/merge_config.sh");
	sv_pushl(&av, "-m", "-O", s->res->builddir, s->dotconfig, NULL);
	for (i = 0; i < s->frags.n; i++)
		sv_push(&av, s->frags.v[i]);
	ret = build_run(s, "merge_config.sh", s->res->srcdir,
		       (const char *const *)av.v, false);
	sv_clear(&av);
	if (ret)
		return -1;
	return build_make(s, "olddefconfig", false);
}

int build_step_configure(struct build *s)
{
	const struct build_req *req = s->req;
	struct build_result *res = s->res;

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
	return build_check_config(s, s->dotconfig);
}

/*
 * Check @dotconfig against the requested options, and record its sha256
 * and toolchain symbols: all three from one read, so that what is
 * recorded is what was checked.
 */
int build_check_config(struct build *s, const char *dotconfig)
{
	const struct build_req *req = s->req;
	struct strbuf conf = STRBUF_INIT, report = STRBUF_INIT;
	char *text = NULL;
	int bad, ret = EXIT_ERROR;

	if (read_file(dotconfig, &conf)) {
		set_error(s, xasprintf("%s: cannot read the configuration: %s",
				       dotconfig, strerror(errno)));
		goto out;
	}
	text = xstrdup(sb_str(&conf));	/* kconfig_check() modifies it */
	bad = kconfig_check(&s->want, &s->kt, text, req->b->config_ignore,
			    &report);
	if (report.len && !req->quiet)
		fputs(report.buf, stderr);
	if (bad) {
		set_error(s, xasprintf("%d requested config option%s did not survive olddefconfig in %s:\n%s",
				       bad, bad == 1 ? "" : "s", dotconfig,
				       report.buf));
		goto out;
	}
	s->res->config_sha256 = sha256_hex(sb_str(&conf), conf.len);
	toolconf_collect(sb_str(&conf), conf.len, req->t->toolchain_prefixes,
			 &s->res->toolchain_config);
	ret = 0;
out:
	free(text);
	sb_release(&report);
	sb_release(&conf);
	return ret;
}
