// SPDX-License-Identifier: GPL-2.0
/*
 * backport verify: build and boot a branch, prove the decision of its row.
 * Port rows get an A/B run: the base must livelock, the port must pass.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "builtin.h"
#include "console.h"
#include "json.h"
#include "build.h"
#include "cache.h"
#include "qemu.h"
#include "treesrc.h"
#include "table.h"
#include "tree.h"
#include "util.h"

const char cmd_verify_summary[] =
	"build and boot a branch: base fails and port passes (A/B), or as its row says";

static const char usage[] =
	"usage: backport verify --branch B [--tree DIR] [--runs N] [--json]\n"
	"                       [--results DIR] [--timeout S] [--accel A]\n"
	"                       [--install-toolchain] [--append ARGS]\n"
	"\n"
	"By decision of the row in configs/branches.json:\n"
	"  port            A/B: build+boot the base (must FAIL with a livelock:\n"
	"                  soft lockup, RCU stall, hung task, or no result) and\n"
	"                  the series applied (must PASS); verdict fix-verified\n"
	"  fixed-upstream  the tree as is must PASS\n"
	"  not-ported      the base is run; reports whether the bug reproduces\n"
	"  not-affected    must SKIP or PASS\n"
	"\n"
	"  --branch B        branch row (e.g. 5.10.y)\n"
	"  --tree DIR        kernel tree (read only); default $<tree_var> of the row,\n"
	"                    else its Debian linux-source package (installed with\n"
	"                    apt-get when root, unpacked into the cache once)\n"
	"  --runs N          boots per variant (default 1)\n"
	"  --results DIR     where <branch>.json and <branch>.junit.xml go\n"
	"                    (default results/ of the project)\n"
	"  --timeout S       QEMU limit per boot (default: boot.timeout of the\n"
	"                    table)\n"
	"  --accel A         auto (default), tcg or kvm\n"
	"  --append ARGS     extra kernel command line for every boot (e.g.\n"
	"                    thptest.timeout=120 thptest.args=-m,3)\n"
	"  --install-toolchain  apt-get install missing packages (root; also\n"
	"                    BACKPORT_INSTALL=1)\n"
	"  --json            print the results document on stdout\n"
	"  -h, --help        this text\n"
	"\n"
	"Console logs are kept in <cache>/logs/<branch>/.\n"
	"Exit status: 0 verdict as expected, 1 not as expected, 2 error (no tree,\n"
	"toolchain, build failure, machine did not boot).\n";

struct vopts {
	const struct table *t;
	const struct branch *b;
	const char *tree;
	int runs;
	double timeout;
	const char *accel;
	const char *append;
	bool install;
	char *logdir;
};

struct variant {
	const char *name;	/* base, patched */
	const char *expect;	/* FAIL, PASS, SKIP|PASS, any */
	struct build_result br;
	bool built;
	int nruns;
	struct boot_result *runs;
	int as_expected;	/* runs that matched */
	int errors;		/* runs that could not be judged */
	double boot_seconds;
	double detect_seconds;	/* first detection (FAIL runs) */
	const char *verdict;	/* PASS, FAIL, SKIP, ERROR, MIXED */
};

static bool livelock_kind(enum console_kind k)
{
	return k == KIND_SOFT_LOCKUP || k == KIND_RCU_STALL ||
		k == KIND_HUNG_TASK || k == KIND_TIMEOUT || k == KIND_PANIC ||
		k == KIND_TEST_FAIL;
}

static bool run_matches(const struct variant *v, const struct console *c)
{
	if (!strcmp(v->expect, "FAIL"))
		return c->outcome == CONSOLE_FAIL && livelock_kind(c->kind);
	if (!strcmp(v->expect, "PASS"))
		return c->outcome == CONSOLE_PASS;
	if (!strcmp(v->expect, "SKIP|PASS"))
		return c->outcome == CONSOLE_PASS || c->outcome == CONSOLE_SKIP;
	return c->outcome == CONSOLE_PASS || c->outcome == CONSOLE_FAIL;
}

static int run_variant(const struct vopts *o, struct variant *v,
		       bool patched)
{
	struct build_req req = {
		.t = o->t, .b = o->b, .tree = o->tree, .patched = patched,
		.install = o->install,
	};
	int i, st;

	info_msg("%s %s: building", o->b->name, v->name);
	st = kernel_build(&req, &v->br);
	if (st != EXIT_PASS) {
		err_msg("%s %s: %s", o->b->name, v->name,
			v->br.error ? v->br.error : "build failed");
		v->verdict = "ERROR";
		return -1;
	}
	v->built = true;
	info_msg("%s %s: built in %.0fs (make %.0fs), .config sha256 %.12s",
		 o->b->name, v->name, v->br.seconds, v->br.make_seconds,
		 v->br.config_sha256);
	v->runs = xcalloc((size_t)o->runs, sizeof(*v->runs));
	v->detect_seconds = -1;
	for (i = 0; i < o->runs; i++) {
		struct boot_result *r = &v->runs[i];
		char *log = xasprintf("%s/%s-%d.log", o->logdir, v->name, i + 1);
		char *wd = xasprintf("%s/boot", v->br.workdir);
		struct boot_req bq = {
			.root = o->t->root, .kernel = v->br.bzimage,
			.gen_init_cpio = v->br.gen_init_cpio, .log = log,
			.workdir = wd, .timeout = o->timeout,
			.accel = o->accel, .extra_cmdline = o->append,
			.cfg = &o->t->boot,
		};
		char label[96];

		info_msg("%s %s: boot %d/%d (timeout %.0fs), console %s",
			 o->b->name, v->name, i + 1, o->runs, o->timeout, log);
		kernel_boot(&bq, r);
		v->nruns++;
		free(log);
		free(wd);
		if (r->status) {
			err_msg("%s %s: %s", o->b->name, v->name,
				r->error ? r->error : "boot failed");
			v->errors++;
			continue;
		}
		snprintf(label, sizeof(label), "%s %s run %d", o->b->name,
			 v->name, i + 1);
		boot_print(r, label);
		fflush(stdout);
		v->boot_seconds += r->seconds;
		if (r->con.outcome == CONSOLE_ERROR)
			v->errors++;
		if (run_matches(v, &r->con))
			v->as_expected++;
		if (r->con.outcome == CONSOLE_FAIL && r->con.sig_time >= 0 &&
		    v->detect_seconds < 0)
			v->detect_seconds = r->con.sig_time;
	}
	{
		int pass = 0, fail = 0, skip = 0, err = 0;

		for (i = 0; i < v->nruns; i++) {
			enum console_outcome oc = v->runs[i].status ?
				CONSOLE_ERROR : v->runs[i].con.outcome;

			pass += oc == CONSOLE_PASS;
			fail += oc == CONSOLE_FAIL;
			skip += oc == CONSOLE_SKIP;
			err += oc == CONSOLE_ERROR;
		}
		if (pass == v->nruns)
			v->verdict = "PASS";
		else if (fail == v->nruns)
			v->verdict = "FAIL";
		else if (skip == v->nruns)
			v->verdict = "SKIP";
		else if (err == v->nruns)
			v->verdict = "ERROR";
		else
			v->verdict = "MIXED";
	}
	return 0;
}

static json_t *variant_json(const struct variant *v)
{
	json_t *runs = json_array(), *j;
	int i;

	for (i = 0; i < v->nruns; i++) {
		const struct boot_result *r = &v->runs[i];

		if (r->status) {
			json_array_append_new(runs, json_pack("{s:i, s:s, s:s*}",
							      "run", i + 1, "outcome", "ERROR",
							      "error", r->error));
			continue;
		}
		j = boot_json(r);
		json_object_set_new(j, "run", json_integer(i + 1));
		json_object_set_new(j, "as_expected",
				    json_boolean(run_matches(v, &r->con)));
		json_object_set_new(j, "cmdline", json_str_or_null(r->cmdline));
		json_array_append_new(runs, j);
	}
	j = json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}",
		      "variant", v->name, "expect", v->expect,
		      "verdict", v->verdict ? v->verdict : "ERROR",
		      "as_expected", v->as_expected, "runs_total", v->nruns,
		      "runs", runs);
	json_object_set_new(j, "build", json_pack("{s:b, s:s*, s:s*, s:s*, s:s*, s:f, s:f, s:s*, s:s*}",
						  "ok", v->built,
						  "tree_version", v->br.ti.version,
						  "migrate_c_sha256", v->br.ti.file_sha256,
						  "config_sha256", v->br.config_sha256,
						  "bzimage", v->br.bzimage,
						  "seconds", v->br.seconds,
						  "make_seconds", v->br.make_seconds,
						  "log", v->br.log,
						  "error", v->br.error));
	json_object_set_new(j, "boot_seconds", json_real(v->boot_seconds));
	json_object_set_new(j, "detect_seconds", v->detect_seconds >= 0 ?
			    json_real(v->detect_seconds) : json_null());
	return j;
}

static void variant_free(struct variant *v)
{
	int i;

	for (i = 0; i < v->nruns; i++)
		boot_result_free(&v->runs[i]);
	free(v->runs);
	build_result_free(&v->br);
}

static void add_cases(struct junit_case *cases, size_t *n, const char *cls,
		      const struct variant *v, struct strvec *owned)
{
	int i;

	for (i = 0; i < v->nruns; i++) {
		const struct boot_result *r = &v->runs[i];
		struct junit_case *c = &cases[(*n)++];
		bool ok = !r->status && run_matches(v, &r->con);

		memset(c, 0, sizeof(*c));
		c->classname = cls;
		sv_pushf(owned, "%s run %d (expect %s)", v->name, i + 1,
			 v->expect);
		c->name = owned->v[owned->n - 1];
		c->seconds = r->seconds;
		if (!ok) {
			sv_pushf(owned, "got %s (%s): %s",
				 r->status ? "ERROR" :
				 console_outcome_name(r->con.outcome),
				 console_kind_name(r->con.kind),
				 r->error ? r->error : r->con.detail ?
				 r->con.detail : "");
			c->failure = owned->v[owned->n - 1];
		}
		if (r->con.excerpt && *r->con.excerpt)
			c->output = r->con.excerpt;
	}
	if (!v->built) {
		struct junit_case *c = &cases[(*n)++];

		memset(c, 0, sizeof(*c));
		c->classname = cls;
		sv_pushf(owned, "%s build", v->name);
		c->name = owned->v[owned->n - 1];
		c->seconds = v->br.seconds;
		sv_pushf(owned, "build failed: %s",
			 v->br.error ? v->br.error : "?");
		c->failure = owned->v[owned->n - 1];
	}
}

int cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "branch", required_argument, NULL, 'b' },
		{ "tree", required_argument, NULL, 't' },
		{ "runs", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "results", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "accel", required_argument, NULL, 'a' },
		{ "install-toolchain", no_argument, NULL, 'i' },
		{ "append", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 }
	};
	struct vopts o = { .runs = 1, .accel = "auto" };
	struct variant va = { .name = "base" }, vb = { .name = "patched" };
	const char *branch = NULL, *tree_opt = NULL, *resdir_opt = NULL;
	char *tree = NULL, *resdir = NULL, *jpath = NULL, *xpath = NULL;
	char *cache = NULL, msg[512], when[32];
	struct tree_info ti = { 0 };
	const char *verdict = "error", *expected;
	bool json = false, ok = false, have_b = false;
	int ret = EXIT_ERROR, c;
	double start = now_seconds();
	struct table t;
	json_t *doc;
	time_t now;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			branch = optarg;
			break;
		case 't':
			tree_opt = optarg;
			break;
		case 'n':
			o.runs = opt_int(usage, "--runs", optarg, 1, 100);
			break;
		case 'j':
			json = true;
			break;
		case 'r':
			resdir_opt = optarg;
			break;
		case 'T':
			o.timeout = opt_seconds(usage, "--timeout", optarg);
			break;
		case 'a':
			o.accel = optarg;
			break;
		case 'i':
			o.install = true;
			break;
		case 'A':
			o.append = optarg;
			break;
		default:
			usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (!branch)
		usage_error(usage, "--branch is required");
	o.b = table_load_branch(&t, branch, false);
	if (!o.b)
		return EXIT_ERROR;
	o.t = &t;
	if (o.timeout <= 0)
		o.timeout = t.boot.timeout;
	/* Debian's source package is the documented default: install it. */
	tree = resolve_tree(o.b, tree_opt, true);
	if (!tree)
		goto out;
	o.tree = tree;
	if (tree_inspect(tree, &t.up, &ti, msg, sizeof(msg))) {
		err_msg("%s", msg);
		goto out;
	}
	if (strcmp(ti.branch, o.b->base))
		warn_msg("%s is %s, not a %s tree", tree, ti.version,
			 o.b->base);
	if (o.b->decision == DECISION_PORT && ti.state == FIX_PRESENT)
		warn_msg("%s (%s) already contains the fix: the base cannot fail",
			 tree, ti.version);
	resdir = resdir_opt ? xstrdup(resdir_opt) : table_path(&t, "results");
	cache = cache_dir();
	o.logdir = cache_logs_dir(cache, o.b->name);
	if (mkdir_p(o.logdir, 0755) || mkdir_p(resdir, 0755)) {
		err_msg("cannot create %s or %s", o.logdir, resdir);
		goto out;
	}
	info_msg("verify %s (%s): tree %s (%s, %s)", o.b->name,
		 branch_decision(o.b), tree, ti.version,
		 fix_state_name(ti.state));
	if (o.b->optional)
		info_msg("%s: %s", o.b->name, o.b->optional);

	switch (o.b->decision) {
	case DECISION_PORT:
		expected = "fix-verified";
		va.expect = "FAIL";
		vb.expect = "PASS";
		if (!run_variant(&o, &va, false)) {
			have_b = true;
			run_variant(&o, &vb, true);
		}
		if (!va.built || !vb.built)
			verdict = "error";
		else if (va.as_expected == o.runs && vb.as_expected == o.runs)
			verdict = "fix-verified";
		else if (va.as_expected != o.runs && vb.as_expected == o.runs)
			verdict = "base-not-reproduced";
		else if (va.as_expected == o.runs)
			verdict = "port-fails";
		else
			verdict = "not-verified";
		break;
	case DECISION_FIXED_UPSTREAM:
		expected = "pass";
		va.expect = "PASS";
		run_variant(&o, &va, false);
		verdict = !va.built ? "error" :
			va.as_expected == o.runs ? "pass" : "fail";
		break;
	case DECISION_NOT_PORTED:
		expected = "reported";
		va.expect = "any";
		run_variant(&o, &va, false);
		verdict = !va.built ? "error" :
			!strcmp(va.verdict, "FAIL") ? "reproduces" :
			!strcmp(va.verdict, "PASS") ? "not-reproduced" :
			"inconclusive";
		break;
	default:
		expected = "not-affected";
		va.expect = "SKIP|PASS";
		run_variant(&o, &va, false);
		verdict = !va.built ? "error" :
			va.as_expected == o.runs ? "not-affected" : "affected";
		break;
	}
	if (!strcmp(verdict, "error") || va.errors || vb.errors)
		ret = EXIT_ERROR;
	else if (!strcmp(expected, "reported"))
		ret = strcmp(verdict, "inconclusive") ? EXIT_PASS : EXIT_FINDING;
	else
		ret = strcmp(verdict, expected) ? EXIT_FINDING : EXIT_PASS;
	ok = ret == EXIT_PASS;
	if (va.errors || vb.errors)
		verdict = "error";
	/*
	 * Bad input or environment (missing fragment, toolchain, series, a
	 * config option that did not survive): nothing was measured, so
	 * nothing is written over earlier evidence.
	 */
	if (va.br.status == EXIT_ERROR || vb.br.status == EXIT_ERROR) {
		err_msg("%s: no results written (fix the error above)",
			o.b->name);
		ret = EXIT_ERROR;
		goto out;
	}

	now = time(NULL);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i}",
			"branch", o.b->name,
			"decision", decision_name(o.b->decision),
			"upstream", t.up.commit,
			"expected", expected, "verdict", verdict,
			"as_expected", ok, "runs_per_variant", o.runs);
	json_object_set_new(doc, "optional", json_str_or_null(o.b->optional));
	json_object_set_new(doc, "tree", json_pack("{s:s, s:s, s:s, s:s*, s:s*}",
						   "path", tree, "version", ti.version,
						   "fix_state", fix_state_name(ti.state),
						   "file", t.up.file,
						   "file_sha256", ti.file_sha256));
	json_object_set_new(doc, "toolchain", json_pack("{s:s, s:s, s:s*}",
							"cc", o.b->cc, "hostcc", o.b->hostcc,
							"cc_version", va.br.cc_version));
	json_object_set_new(doc, "config_sha256",
			    json_str_or_null(va.br.config_sha256));
	json_object_set_new(doc, "timings", json_pack("{s:f, s:f, s:o, s:f}",
						      "build", va.br.seconds + vb.br.seconds,
						      "boot", va.boot_seconds + vb.boot_seconds,
						      "detect", va.detect_seconds >= 0 ?
						      json_real(va.detect_seconds) : json_null(),
						      "total", now_seconds() - start));
	if (o.b->decision == DECISION_PORT)
		json_object_set_new(doc, "ab", json_pack("{s:o, s:o}",
							 "a", variant_json(&va),
							 "b", have_b ? variant_json(&vb) :
							 json_null()));
	else
		json_object_set_new(doc, "run", variant_json(&va));
	{
		const struct variant *src = &va;

		if (va.nruns && va.runs[0].con.excerpt)
			json_object_set_new(doc, "excerpt",
					    json_string(src->runs[0].con.excerpt));
	}
	json_object_set_new(doc, "console_logs", json_string(o.logdir));
	json_object_set_new(doc, "finished", json_string(when));

	jpath = xasprintf("%s/%s.json", resdir, o.b->name);
	xpath = xasprintf("%s/%s.junit.xml", resdir, o.b->name);
	if (json_write_file(jpath, doc))
		ret = EXIT_ERROR;
	{
		size_t n = 0, cap = (size_t)(2 * o.runs + 2);
		struct junit_case *cases = xcalloc(cap, sizeof(*cases));
		struct strvec owned = STRVEC_INIT;
		char *cls = xasprintf("backport.verify.%s", o.b->name);
		char *suite = xasprintf("verify %s", o.b->name);

		owned.alloc = cap * 2 + 2;
		owned.v = xcalloc(owned.alloc, sizeof(char *));
		add_cases(cases, &n, cls, &va, &owned);
		if (have_b)
			add_cases(cases, &n, cls, &vb, &owned);
		if (junit_write_file(xpath, suite, cases, n))
			ret = EXIT_ERROR;
		sv_clear(&owned);
		free(cases);
		free(cls);
		free(suite);
	}
	if (json)
		json_print(doc);
	json_decref(doc);
	printf("%s: verdict %s (expected %s) - tree %s, %s; results %s\n",
	       o.b->name, verdict, expected, ti.version,
	       o.b->decision == DECISION_PORT ?
	       (va.verdict && vb.verdict ? "A/B done" : "A/B incomplete") :
	       (va.verdict ? va.verdict : "no run"), jpath);
out:
	variant_free(&va);
	variant_free(&vb);
	tree_info_free(&ti);
	free(jpath);
	free(xpath);
	free(o.logdir);
	free(cache);
	free(resdir);
	free(tree);
	table_free(&t);
	return ret;
}
