// SPDX-License-Identifier: GPL-2.0
/*
 * backport doctor: is this machine ready?  Every package and program of
 * ci/packages.txt, the toolchain of every row of the table, QEMU and KVM,
 * one line each, and the apt-get command for what is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "builtin.h"
#include "cache.h"
#include "ci.h"
#include "deps.h"
#include "json.h"
#include "options-common.h"
#include "run.h"
#include "table.h"
#include "toolchain.h"
#include "util.h"

const char cmd_doctor_summary[] =
	"check the packages, programs, toolchains and QEMU the project needs";

static const char *const doctor_usage[] = {
	"usage: backport doctor [--json]",
	"",
	"Checks every package of ci/packages.txt (installed, per dpkg) and the\n"
	"programs the tool and its tests run from them (on PATH), the compilers\n"
	"and packages of every row of configs/branches.json, QEMU, and whether\n"
	"KVM may be used (/dev/kvm, and the cached probe boot's answer; TCG\n"
	"otherwise).  Prints one line per check and, when something is missing,\n"
	"the apt-get command that installs it.",
	NULL,
};

struct doctor {
	json_t *checks;
	struct strvec install;	/* packages to install */
	int missing;
	bool json;
};

static void note(struct doctor *d, bool ok, const char *what,
		 const char *detail)
{
	json_array_append_new(d->checks, json_pack("{s:s, s:b, s:s}",
						   "check", what, "ok", ok,
						   "detail", detail));
	if (!ok)
		d->missing++;
	if (!d->json)
		printf("%-8s %-32s %s\n", ok ? "ok" : "MISSING", what, detail);
}

static void want_package(struct doctor *d, const char *pkg)
{
	size_t i;

	for (i = 0; i < d->install.n; i++)
		if (!strcmp(d->install.v[i], pkg))
			return;
	sv_push(&d->install, pkg);
}

static bool package_installed(const char *pkg)
{
	const char *const argv[] = { "dpkg-query", "-W", "-f=${Status}", pkg,
				     NULL };
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { .capture = &out, .separate_stderr = true };
	struct run_result r;
	bool ok = !run_argv(argv, &o, &r) &&
		!strcmp(sb_str(&out), "install ok installed");

	sb_release(&out);
	return ok;
}

static void check_package(struct doctor *d, const char *pkg,
			  const struct strvec *programs)
{
	char what[96], detail[256];
	bool ok = package_installed(pkg), provided = false;
	size_t i;

	/* What "make deps" accepts: every program of it on PATH. */
	if (!ok && programs && programs->n) {
		provided = true;
		for (i = 0; i < programs->n; i++)
			provided = provided && have_program(programs->v[i]);
	}
	snprintf(what, sizeof(what), "package %s", pkg);
	note(d, ok || provided, what, ok ? "installed" : provided ?
	     "not installed; its programs are on PATH (another package)" :
	     "not installed");
	ok = ok || provided;
	if (!ok)
		want_package(d, pkg);
	for (i = 0; programs && i < programs->n; i++) {
		const char *prog = programs->v[i];
		bool have = have_program(prog);

		snprintf(what, sizeof(what), "program %s", prog);
		snprintf(detail, sizeof(detail), "%s (%s)",
			 have ? "on PATH" : "not on PATH", pkg);
		note(d, have, what, detail);
		if (!have)
			want_package(d, pkg);
	}
}

static int check_deps(struct doctor *d, const char *root)
{
	char *path = path_join(root, "ci/packages.txt");
	struct strbuf sb = STRBUF_INIT;
	struct parse_error err;
	struct deps ds;
	size_t i;
	int ret = -1;

	if (read_file(path, &sb)) {
		err_msg("%s: %m", path);
		goto out;
	}
	if (deps_parse(sb_str(&sb), sb.len, &ds, &err)) {
		err_msg("%s:%u: %s", path, err.line, err.msg);
		goto out;
	}
	for (i = 0; i < ds.n; i++)
		check_package(d, ds.d[i].package, &ds.d[i].programs);
	deps_free(&ds);
	ret = 0;
out:
	sb_release(&sb);
	free(path);
	return ret;
}

/* The compilers and packages of every row. */
static void check_rows(struct doctor *d, const struct table *t)
{
	char what[96], detail[256];
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		const struct branch *b = &t->b[i];
		const char *const progs[] = { b->cc, b->hostcc };

		for (j = 0; j < ARRAY_SIZE(progs); j++) {
			bool have = have_program(progs[j]);

			if (j && !strcmp(progs[0], progs[1]))
				break;
			snprintf(what, sizeof(what), "%s %s", b->name,
				 j ? "hostcc" : "cc");
			snprintf(detail, sizeof(detail), "%s%s", progs[j],
				 have ? "" : " not on PATH");
			note(d, have, what, detail);
		}
		for (j = 0; b->packages && b->packages[j]; j++) {
			bool ok = package_installed(b->packages[j]);

			snprintf(what, sizeof(what), "%s package %s", b->name,
				 b->packages[j]);
			note(d, ok, what, ok ? "installed" : "not installed");
			if (!ok)
				want_package(d, b->packages[j]);
		}
	}
}

static void check_qemu(struct doctor *d)
{
	const char *const qv[] = { "qemu-system-x86_64", "--version", NULL };
	char *ver = have_program(qv[0]) ? program_first_line(qv) : NULL;
	char *cache = cache_dir(), *probe = cache_kvm_probe(cache);
	struct strbuf sb = STRBUF_INIT;
	char detail[512];
	bool kvm = !access("/dev/kvm", R_OK | W_OK);

	note(d, ver != NULL, "qemu", ver ? ver : "qemu-system-x86_64 not found");
	if (!ver)
		want_package(d, "qemu-system-x86");
	if (!kvm)
		snprintf(detail, sizeof(detail), "no usable /dev/kvm: boots use TCG");
	else if (!read_file(probe, &sb))
		snprintf(detail, sizeof(detail), "/dev/kvm usable; the probe boot chose %.8s (%s)",
			 sb_str(&sb), probe);
	else
		snprintf(detail, sizeof(detail), "/dev/kvm usable; the first boot probes it (TCG until a known-good kernel boots under KVM)");
	note(d, true, "accelerator", detail);
	sb_release(&sb);
	free(probe);
	free(cache);
	free(ver);
}

/* The CI engines "make deps" installs with npm (ci/engines). */
static void check_engines(struct doctor *d, const char *root)
{
	char *gcl = ci_engine_path(root, CI_ENGINE_GITLAB);
	char *al = ci_engine_path(root, CI_ENGINE_ACTIONLINT);
	const char *const gv[] = { gcl, "--version", NULL };
	char *ver = path_exists(gcl) ? program_first_line(gv) : NULL;
	char detail[256];

	snprintf(detail, sizeof(detail), "%s%s", ver ? ver : "not installed",
		 ver ? " (ci/engines)" : ": make deps (npm ci in ci/engines)");
	note(d, ver != NULL, "ci engine gitlab-ci-local", detail);
	note(d, path_exists(al), "ci engine actionlint",
	     path_exists(al) ? "wasm build installed (ci/engines)" :
	     "not installed: make deps (npm ci in ci/engines)");
	free(ver);
	free(al);
	free(gcl);
}

static void summary(struct doctor *d)
{
	size_t i;

	if (d->json) {
		json_t *o = json_pack("{s:o, s:i}", "checks", d->checks,
				      "missing", d->missing);
		json_t *pk = json_array();

		for (i = 0; i < d->install.n; i++)
			json_array_append_new(pk, json_string(d->install.v[i]));
		json_object_set_new(o, "install", pk);
		json_print(o);
		json_decref(o);
		return;
	}
	json_decref(d->checks);
	if (!d->missing) {
		printf("doctor: everything the project needs is here\n");
		return;
	}
	printf("doctor: %d missing; as root:\n  apt-get install -y --no-install-recommends",
	       d->missing);
	for (i = 0; i < d->install.n; i++)
		printf(" %s", d->install.v[i]);
	printf("\n");
}

int cmd_doctor(int argc, char **argv)
{
	struct doctor d = { .install = STRVEC_INIT };
	const struct bp_option options[] = {
		OPT_JSON(&d.json),
		OPT_TRAILER("Exit status: 0 everything is here, 2 something is missing."),
		OPT_END(),
	};
	struct table t;
	int ret;

	parse_options(argc, argv, options, doctor_usage, PARSE_OPT_NO_ARGS);
	if (table_load_default(&t))
		return EXIT_ERROR;
	d.checks = json_array();
	ret = check_deps(&d, t.root);
	if (!ret) {
		check_rows(&d, &t);
		check_qemu(&d);
		check_engines(&d, t.root);
		summary(&d);
	} else {
		json_decref(d.checks);
	}
	sv_clear(&d.install);
	table_free(&t);
	return ret || d.missing ? EXIT_ERROR : EXIT_PASS;
}
