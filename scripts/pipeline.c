// SPDX-License-Identifier: GPL-2.0
/*
 * A variant through build, boots and classification (see pipeline.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "pipeline.h"
#include "signature.h"
#include "util.h"

int pipeline_build(const struct pipeline_opts *o, const struct variant *v,
		   struct build_result *br)
{
	struct build_req req = {
		.t = o->t, .b = o->b, .tree = o->tree, .patched = v->patched,
		.install = o->install,
	};

	return kernel_build(&req, br);
}

static int build_variant(const struct pipeline_opts *o, struct variant *v)
{
	info_msg("%s%s %s: building", o->label, o->b->name, v->name);
	if (pipeline_build(o, v, &v->br) != EXIT_PASS)
		return -1;
	v->built = true;
	if (v->br.reused_from)
		info_msg("%s%s %s: the kernel built for %s (same inputs), .config sha256 %.12s, %s",
			 o->label, o->b->name, v->name, v->br.reused_from,
			 v->br.config_sha256, v->br.bzimage);
	else
		info_msg("%s%s %s: built in %.0fs (make %.0fs), .config sha256 %.12s, %s",
			 o->label, o->b->name, v->name, v->br.seconds,
			 v->br.make_seconds, v->br.config_sha256,
			 v->br.bzimage);
	return 0;
}

static void boot_once(const struct pipeline_opts *o, struct variant *v,
		      int i)
{
	struct boot_result *r = &v->runs[i];
	char *log = xasprintf("%s/%s%s-%d.log", o->logdir, o->log_prefix,
			      v->name, i + 1);
	char *wd = path_join(v->br.workdir, "boot");
	/* the row's parameters, then the caller's: the last one wins */
	char *extra = join_words(o->b->boot_append, o->append);
	struct boot_req bq = {
		.root = o->t->root, .kernel = v->br.bzimage,
		.gen_init_cpio = v->br.gen_init_cpio, .log = log,
		.workdir = wd, .timeout = o->timeout, .accel = o->accel,
		.extra_cmdline = extra, .cfg = &o->t->boot,
		.pass_work = o->b->pass_work,
	};
	double t0 = now_seconds();
	struct console_sig sig;

	sig_of_table(o->t, &sig);
	bq.sig = &sig;
	info_msg("%s%s %s: boot %d/%d (timeout %.0fs), console %s", o->label,
		 o->b->name, v->name, i + 1, o->runs, o->timeout, log);
	kernel_boot(&bq, r);
	v->wall[i] = now_seconds() - t0;
	v->nruns++;
	free(extra);
	free(log);
	free(wd);
}

/* Count run @i of @v, and show it. */
static void judge(const struct pipeline_opts *o, struct variant *v, int i)
{
	const struct boot_result *r = &v->runs[i];
	const struct console *c = &r->con;
	char label[96];

	if (r->status) {
		err_msg("%s%s %s: %s", o->label, o->b->name, v->name,
			r->error ? r->error : "boot failed");
		v->errors++;
		return;
	}
	if (o->print_runs) {
		snprintf(label, sizeof(label), "%s %s run %d", o->b->name,
			 v->name, i + 1);
		boot_print(r, label);
		fflush(stdout);
	} else {
		info_msg("%s%s %s: boot %d: %s (%s)%s%s%s; work %s=%lld at t=%.1f%s",
			 o->label, o->b->name, v->name, i + 1,
			 console_outcome_name(c->outcome),
			 console_kind_name(c->kind),
			 c->sig_time >= 0 ? "" : ", no time",
			 c->match_reason ? ": " : "",
			 c->match_reason ? c->match_reason : "",
			 work_field_name(c->work_unit),
			 c->work.v[c->work_unit], c->work.t,
			 c->have_work ? "" : " (no work line)");
	}
	v->boot_seconds += r->seconds;
	if (c->outcome == CONSOLE_ERROR)
		v->errors++;
	if (c->outcome == CONSOLE_INCONCLUSIVE)
		v->inconclusive++;
	if (c->kind == KIND_HOST_STARVED)
		v->starved++;
	if (run_matches(v->expect, c))
		v->as_expected++;
	if (c->outcome == CONSOLE_FAIL && c->sig_time >= 0 &&
	    v->detect_seconds < 0)
		v->detect_seconds = c->sig_time;
}

static enum variant_verdict verdict_of_runs(const struct variant *v)
{
	int pass = 0, fail = 0, skip = 0, err = 0, other = 0, inc = 0, i;

	for (i = 0; i < v->nruns; i++) {
		const struct console *c = &v->runs[i].con;
		enum console_outcome oc = v->runs[i].status ?
			CONSOLE_ERROR : c->outcome;

		pass += oc == CONSOLE_PASS;
		fail += oc == CONSOLE_FAIL && c->match != MATCH_OTHER;
		other += oc == CONSOLE_FAIL && c->match == MATCH_OTHER;
		skip += oc == CONSOLE_SKIP;
		err += oc == CONSOLE_ERROR;
		inc += oc == CONSOLE_INCONCLUSIVE;
	}
	return variant_verdict_of(v->nruns, pass, fail, skip, err, other, inc);
}

int pipeline_variant(const struct pipeline_opts *o, struct variant *v)
{
	struct load l = LOAD_INIT;
	int i;

	v->tried = true;
	v->detect_seconds = -1;
	v->verdict = VARIANT_ERROR;
	if (build_variant(o, v))
		return -1;
	v->runs = xcalloc((size_t)o->runs, sizeof(*v->runs));
	v->wall = xcalloc((size_t)o->runs, sizeof(*v->wall));
	if (load_start(&l, o->load)) {
		free(v->br.error);
		v->br.error = xstrdup("cannot start the busy processes of --load");
		return -1;
	}
	for (i = 0; i < o->runs; i++) {
		boot_once(o, v, i);
		judge(o, v, i);
	}
	load_stop(&l);
	v->verdict = verdict_of_runs(v);
	return 0;
}

static void run_results(const struct variant *v, int i,
			struct results_run *out)
{
	const struct boot_result *r = &v->runs[i];
	const struct console *c = &r->con;
	size_t k;

	memset(out, 0, sizeof(*out));
	out->run = i + 1;
	out->detect_seconds = RESULTS_NONE;
	if (r->status) {
		out->outcome = CONSOLE_ERROR;
		out->error = xstrdup(r->error ? r->error : "boot failed");
		return;
	}
	out->outcome = c->outcome;
	out->kind = c->kind;
	out->signature = xstrdup_or_null(c->sig);
	out->signature_line = (int)c->sig_lineno;
	out->detect_seconds = c->sig_time >= 0 ? c->sig_time : RESULTS_NONE;
	out->time_source = xstrdup_or_null(c->time_source);
	out->detail = xstrdup_or_null(c->detail);
	out->result_line = xstrdup_or_null(c->result);
	out->boot_seconds = r->seconds;
	out->timed_out = r->timed_out;
	out->accel = xstrdup_or_null(r->accel);
	out->excerpt = xstrdup_or_null(c->excerpt);
	out->match = c->match;
	out->match_reason = xstrdup_or_null(c->match_reason);
	for (k = 0; k < c->frames.n; k++)
		sv_push(&out->frames, c->frames.v[k]);
	out->as_expected = run_matches(v->expect, c);
	out->cmdline = xstrdup_or_null(r->cmdline);
	out->work = c->work;
	out->has_work = c->have_work;
	out->host_wait = r->host_wait >= 0 ? r->host_wait : RESULTS_NONE;
	out->host_wait_window = r->host_wait_window >= 0 ?
		r->host_wait_window : RESULTS_NONE;
}

void variant_results(const struct variant *v, struct results_variant *out)
{
	const struct build_result *br = &v->br;
	struct results_build *b = &out->build;
	int i;

	memset(out, 0, sizeof(*out));
	out->name = xstrdup(v->name);
	out->expect = xstrdup(expect_name(v->expect));
	out->verdict = xstrdup(variant_verdict_name(v->verdict));
	out->as_expected = v->as_expected;
	out->runs_total = v->nruns;
	b->ok = v->built;
	b->tree_version = xstrdup_or_null(br->ti.version);
	b->migrate_c_sha256 = xstrdup_or_null(br->ti.file_sha256);
	b->config_sha256 = xstrdup_or_null(br->config_sha256);
	b->seconds = br->seconds;
	b->make_seconds = br->make_seconds;
	b->error = xstrdup_or_null(br->error);
	b->reused_from = xstrdup_or_null(br->reused_from);
	/* Recorded whenever the build ran, [] when none applied. */
	b->has_compat = v->tried;
	for (i = 0; i < (int)br->compat.n; i++)
		sv_push(&b->compat, br->compat.v[i]);
	out->boot_seconds = v->boot_seconds;
	out->detect_seconds = v->detect_seconds >= 0 ? v->detect_seconds :
		RESULTS_NONE;
	out->nruns = (size_t)v->nruns;
	out->runs = xcalloc(out->nruns + 1, sizeof(*out->runs));
	for (i = 0; i < v->nruns; i++)
		run_results(v, i, &out->runs[i]);
}

void variant_tally(const struct variant *v, struct variant_tally *t)
{
	t->built = v->built;
	t->build_error = v->tried && v->br.status == EXIT_ERROR;
	t->as_expected = v->as_expected;
	t->errors = v->errors;
	t->inconclusive = v->inconclusive;
	t->starved = v->starved;
	t->verdict = v->verdict;
}

void variant_free(struct variant *v)
{
	int i;

	for (i = 0; i < v->nruns; i++)
		boot_result_free(&v->runs[i]);
	free(v->runs);
	free(v->wall);
	build_result_free(&v->br);
}
