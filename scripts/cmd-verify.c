// SPDX-License-Identifier: GPL-2.0
/*
 * backport verify: build and boot a branch, prove the decision of its row.
 * Port rows get an A/B run: the base must livelock, the port must pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "builtin.h"
#include "console.h"
#include "json.h"
#include "options-common.h"
#include "cache.h"
#include "pipeline.h"
#include "quilt.h"
#include "results.h"
#include "verify-all.h"
#include "table.h"
#include "tree.h"
#include "treesrc.h"
#include "evidence.h"
#include "experiment.h"
#include "toolconf.h"
#include "util.h"
#include "valid.h"
#include "verdict.h"

const char cmd_verify_summary[] =
	"build and boot a branch: base fails and port passes (A/B), or as its row says";

static const char *const verify_usage[] = {
	"usage: backport verify --branch B [--tree DIR | --version X.Y.Z] [--runs N]",
	"                       [--json] [--results DIR] [--timeout S] [--accel A]",
	"                       [--install-toolchain] [--append ARGS]",
	"   or: backport verify --all [--runs N] [--results DIR] [--timeout S]",
	"                       [--accel A] [--install-toolchain]",
	"",
	"By decision of the row in configs/branches.json:\n"
	"  port            A/B: build+boot the base (must FAIL with a livelock:\n"
	"                  soft lockup, RCU stall, hung task, silence, or no\n"
	"                  result) and the series applied (must PASS); verdict\n"
	"                  fix-verified\n"
	"  fixed-upstream  the tree as is must PASS\n"
	"  not-ported      the base is run; reports whether the bug reproduces\n"
	"  not-affected    must SKIP or PASS\n"
	"A PASS needs the row's pass_work (boot.work_unit in the test's last\n"
	"work line); a run that reached its time limit short of it is\n"
	"INCONCLUSIVE: never a pass, the verdict is inconclusive (exit 1).\n"
	"So is a FAIL while QEMU's threads waited for a busy host CPU\n"
	"(host-starved, boot.starved_wait_seconds): under TCG the guest's\n"
	"detectors then fire on time the guest did not run.",
	NULL,
};

struct verify {
	struct table t;
	struct pipeline_opts o;
	struct variant va, vb;	/* the base (or tree as is), the port */
	bool have_b;
	const char *branch, *tree_opt, *version, *resdir_opt;
	bool json, all;
	char *tree, *tree_source, *resdir, *cache, *logdir;
	struct tree_info ti;
	struct verdict_out out;
	double start;
	const char *experiment;	/* --experiment DIR */
	struct branch xb;	/* the row with the experiment's series */
};

static void verify_options(int argc, char **argv, struct verify *v)
{
	struct pipeline_opts *o = &v->o;
	const struct bp_option options[] = {
		OPT_BRANCH(&v->branch, "branch row (e.g. 5.10.y)"),
		OPT_BOOL("all", &v->all,
			 "every row whose tree is available (its variable, its\n"
			 "Debian package, or its release when BACKPORT_MIRROR is\n"
			 "set), one after another, then a summary matrix\n"
			 "(verdicts, work, seconds; also written as\n"
			 "<results>/verify-all.json); exit status the worst row's"),
		OPT_TREE(&v->tree_opt,
			 "kernel tree (read only); default $<tree_var> of the row,\n"
			 "else --version, else its Debian linux-source package\n"
			 "(installed with apt-get when root, unpacked into the\n"
			 "cache once)"),
		OPT_VERSION(&v->version,
			    "without --tree or $<tree_var>: this kernel.org\n"
			    "release of the branch, fetched into the cache once"),
		OPT_INT("runs", "N", &o->runs, 1, 100,
			"boots per variant (default 1)"),
		OPT_STRING("results", "DIR", &v->resdir_opt,
			   "where <branch>.json, <branch>.junit.xml and the\n"
			   "console excerpts logs/<branch>/<variant>-<n>.txt go\n"
			   "(default <cache>/results; the project's results/\n"
			   "is refreshed on purpose: --results results)"),
		OPT_BOOT_TIMEOUT(&o->timeout),
		OPT_BOOT_ACCEL(&o->accel),
		OPT_BOOT_APPEND(&o->append),
		OPT_INSTALL_TOOLCHAIN(&o->install),
		OPT_STRING("experiment", "DIR", &v->experiment,
			   "build and boot the experimental series DIR\n"
			   "(experiments/<name>: its series file and patches) in\n"
			   "place of the row's port; the results say so and may\n"
			   "not go to the project's results/"),
		OPT_BOOL("json", &v->json,
			 "print the results document on stdout"),
		OPT_TRAILER("Console logs are kept in <cache>/logs/<branch>/.\n"
			    "Exit status: 0 verdict as expected, 1 not as expected, 2 error (no tree,\n"
			    "toolchain, build failure, machine did not boot)."),
		OPT_END(),
	};

	parse_options(argc, argv, options, verify_usage, PARSE_OPT_NO_ARGS);
	if (v->all && (v->branch || v->tree_opt || v->version || v->json ||
		       o->append || v->experiment))
		usage_msg_opt(verify_usage, options,
			      "--all verifies every row: no --branch, --tree, --version, --json, --append or --experiment");
	if (!v->branch && !v->all)
		usage_msg_opt(verify_usage, options, "--branch (or --all) is required");
	if (v->resdir_opt && output_dir_check("--results", v->resdir_opt))
		exit(EXIT_ERROR);
}

/* --experiment: the row with the experiment's series instead. */
static int verify_experiment(struct verify *v)
{
	char msg[512];

	if (experiment_branch(&v->t, v->o.b, v->experiment, &v->xb, msg,
			      sizeof(msg)) ||
	    (v->resdir_opt && experiment_results_check(&v->t, v->resdir_opt,
						       msg, sizeof(msg)))) {
		err_msg("%s", msg);
		return -1;
	}
	v->o.b = &v->xb;
	info_msg("%s: EXPERIMENT %s: its series %s replaces the port (never mailed, not the row's evidence)",
		 v->xb.name, v->experiment, v->xb.series);
	return 0;
}

/* The row, its tree and where its logs and results go. */
static int verify_prepare(struct verify *v)
{
	struct pipeline_opts *o = &v->o;
	const struct branch *b;
	char msg[512];

	if (quilt_series_precheck(&v->t, o->b))
		return -1;
	/* Debian's source package is the documented default: install it. */
	v->tree = resolve_tree(&v->t, o->b, v->tree_opt, v->version, true,
			       &v->tree_source);
	if (!v->tree)
		return -1;
	o->tree = v->tree;
	b = o->b;
	if (tree_inspect(v->tree, &v->t.up, &v->ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return -1;
	}
	if (strcmp(v->ti.branch, b->base))
		warn_msg("%s is %s, not a %s tree", v->tree, v->ti.version,
			 b->base);
	if (b->decision == DECISION_PORT && v->ti.state == FIX_PRESENT)
		warn_msg("%s (%s) already contains the fix: the base cannot fail",
			 v->tree, v->ti.version);
	v->cache = cache_dir();
	v->resdir = v->resdir_opt ? xstrdup(v->resdir_opt) :
		cache_results_dir(v->cache);
	v->logdir = cache_logs_dir(v->cache, b->name);
	o->logdir = v->logdir;
	if (mkdir_p(v->logdir, 0755) || mkdir_p(v->resdir, 0755)) {
		err_msg("cannot create %s or %s", v->logdir, v->resdir);
		return -1;
	}
	info_msg("verify %s (%s): tree %s (%s; %s, %s)", b->name,
		 branch_decision(b), v->tree, v->tree_source, v->ti.version,
		 fix_state_name(v->ti.state));
	if (b->optional)
		info_msg("%s: %s", b->name, b->optional);
	return 0;
}

static int run_one(struct verify *v, struct variant *var)
{
	if (!pipeline_variant(&v->o, var))
		return 0;
	err_msg("%s %s: %s", v->o.b->name, var->name,
		var->br.error ? var->br.error : "build failed");
	return -1;
}

/* The variants of the row, then the verdict. */
static void verify_run(struct verify *v)
{
	struct verdict_in in = { .decision = v->o.b->decision,
				 .runs = v->o.runs };

	v->va.name = "base";
	v->vb.name = "patched";
	v->vb.patched = true;
	if (verdict_variants(in.decision, &v->va.expect, &v->vb.expect) == 2) {
		if (!run_one(v, &v->va)) {
			v->have_b = true;
			run_one(v, &v->vb);
		}
	} else {
		run_one(v, &v->va);
	}
	variant_tally(&v->va, &in.a);
	variant_tally(&v->vb, &in.b);
	verdict_decide(&in, &v->out);
}

/* What verify measured, as the results document. */
static void verify_results(const struct verify *v, struct results *r)
{
	const struct branch *b = v->o.b;
	const struct variant *va = &v->va, *vb = &v->vb;
	char when[32];
	time_t now = time(NULL);

	memset(r, 0, sizeof(*r));
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	r->branch = xstrdup(b->name);
	r->decision = b->decision;
	r->upstream = xstrdup(v->t.up.commit);
	r->expected = xstrdup(verdict_name(v->out.expected));
	r->verdict = xstrdup(verdict_name(v->out.verdict));
	r->as_expected = v->out.as_expected;
	r->runs_per_variant = v->o.runs;
	r->optional = xstrdup_or_null(b->optional);
	r->experiment = xstrdup_or_null(v->experiment);
	r->tree.source = xstrdup(v->tree_source);
	r->tree.dir = xstrdup(strrchr(v->tree, '/') ? strrchr(v->tree, '/') + 1 :
			      v->tree);
	r->tree.id = xstrdup_or_null(v->va.br.tree_id);
	r->tree.version = xstrdup(v->ti.version);
	r->tree.fix_state = xstrdup(fix_state_name(v->ti.state));
	r->tree.file = xstrdup_or_null(v->t.up.file);
	r->tree.file_sha256 = xstrdup_or_null(v->ti.file_sha256);
	r->toolchain.cc = xstrdup(b->cc);
	r->toolchain.hostcc = xstrdup(b->hostcc);
	r->toolchain.cc_version = xstrdup_or_null(va->br.cc_version);
	r->toolchain.ld_version = xstrdup_or_null(va->br.ld_version);
	r->toolchain.has_config = va->br.toolchain_config.n > 0;
	for (size_t i = 0; i < va->br.toolchain_config.n; i++)
		sv_push(&r->toolchain.config, va->br.toolchain_config.v[i]);
	r->config_sha256 = xstrdup_or_null(va->br.config_sha256);
	r->timings.build = va->br.seconds + vb->br.seconds;
	r->timings.boot = va->boot_seconds + vb->boot_seconds;
	r->timings.detect = va->detect_seconds >= 0 ? va->detect_seconds :
		RESULTS_NONE;
	r->timings.total = now_seconds() - v->start;
	r->ab = b->decision == DECISION_PORT;
	variant_results(va, &r->variant[0]);
	r->nvariants = 1;
	if (r->ab && v->have_b)
		variant_results(vb, &r->variant[r->nvariants++]);
	if (va->nruns && va->runs[0].con.excerpt)
		r->excerpt = xstrdup(va->runs[0].con.excerpt);
	r->finished = xstrdup(when);
	/* The tree first: it may be inside the cache. */
	results_hide_path(r, v->tree, "<tree>");
	results_hide_path(r, v->cache, "<cache>");
}

/* Is this .config the committed evidence's?  If not, say why not. */
static void compare_committed(const struct verify *v)
{
	const struct build_result *br = &v->va.br;
	struct toolconf_here h = {
		.tree_id = br->tree_id, .tree_version = v->ti.version,
		.config_sha256 = br->config_sha256,
		.config = &br->toolchain_config,
		.cc_version = br->cc_version, .ld_version = br->ld_version,
	};
	struct strbuf sb = STRBUF_INIT;
	struct evidence ev;
	char msg[512];
	const char *p;

	if (evidence_load(v->t.root, v->o.b->name, &ev, msg, sizeof(msg))) {
		info_msg("%s: committed evidence not compared: %s",
			 v->o.b->name, msg);
		return;
	}
	if (ev.present && toolconf_explain(&h, &ev.res, ev.path, &sb) >= 0)
		for (p = sb_str(&sb); *p; p += strcspn(p, "\n") + 1)
			info_msg("%s: %.*s", v->o.b->name,
				 (int)strcspn(p, "\n"), p);
	sb_release(&sb);
	evidence_free(&ev);
}

/* results/<branch>.json and .junit.xml, and the summary line. */
static int verify_publish(const struct verify *v)
{
	const struct branch *b = v->o.b;
	char *jpath = xasprintf("%s/%s.json", v->resdir, b->name);
	char *xpath = xasprintf("%s/%s.junit.xml", v->resdir, b->name);
	int ret = v->out.exit_code;
	struct results r;
	char msg[512];

	compare_committed(v);
	verify_results(v, &r);
	if (results_write_excerpts(&r, v->resdir, msg, sizeof(msg))) {
		err_msg("console excerpts: %s", msg);
		ret = EXIT_ERROR;
	}
	if (results_write_json(&r, jpath))
		ret = EXIT_ERROR;
	if (results_write_junit(&r, xpath))
		ret = EXIT_ERROR;
	if (v->json) {
		json_t *doc = results_json(&r);

		json_print(doc);
		json_decref(doc);
	}
	results_free(&r);
	printf("%s: verdict %s (expected %s) - tree %s, %s; results %s\n",
	       b->name, verdict_name(v->out.verdict),
	       verdict_name(v->out.expected), v->ti.version,
	       b->decision == DECISION_PORT ?
	       (v->va.tried && v->vb.tried ? "A/B done" : "A/B incomplete") :
	       (v->va.tried ? variant_verdict_name(v->va.verdict) : "no run"),
	       jpath);
	if (v->va.starved || v->vb.starved)
		printf("%s: %d run%s host-starved: QEMU waited for a busy host CPU, so the detectors fired on time that the guest did not run; verify again on a quieter host (boot.starved_wait_seconds in configs/branches.json)\n",
		       b->name, v->va.starved + v->vb.starved,
		       v->va.starved + v->vb.starved == 1 ? "" : "s");
	free(jpath);
	free(xpath);
	return ret;
}

static int verify_every_row(struct verify *v)
{
	struct verify_all_opts o = {
		.runs = v->o.runs, .results = v->resdir_opt,
		.timeout = v->o.timeout, .install = v->o.install,
		.accel = strcmp(v->o.accel, "auto") ? v->o.accel : NULL,
	};
	int ret;

	if (table_load_default(&v->t))
		return EXIT_ERROR;
	ret = verify_all(&v->t, &o, NULL);
	table_free(&v->t);
	return ret;
}

int cmd_verify(int argc, char **argv)
{
	struct verify v = { .o = { .runs = 1, .accel = "auto",
				   .log_prefix = "", .label = "",
				   .print_runs = true } };
	int ret = EXIT_ERROR;

	v.start = now_seconds();
	verify_options(argc, argv, &v);
	if (v.all)
		return verify_every_row(&v);
	v.o.b = table_load_branch(&v.t, v.branch, false);
	if (!v.o.b)
		return EXIT_ERROR;
	if (v.experiment && verify_experiment(&v))
		goto out;
	v.o.t = &v.t;
	if (v.o.timeout <= 0)
		v.o.timeout = v.t.boot.timeout;
	if (verify_prepare(&v))
		goto out;
	verify_run(&v);
	if (!v.out.publish) {
		err_msg("%s: no results written (fix the error above)",
			v.o.b->name);
		goto out;
	}
	ret = verify_publish(&v);
out:
	variant_free(&v.va);
	variant_free(&v.vb);
	experiment_branch_free(&v.xb);
	tree_info_free(&v.ti);
	free(v.logdir);
	free(v.cache);
	free(v.resdir);
	free(v.tree);
	free(v.tree_source);
	table_free(&v.t);
	return ret;
}
