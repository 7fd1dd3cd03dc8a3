// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/results.c (and evidence_load() on top of it) on
 * small results documents written by the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "evidence.h"
#include "results.h"
#include "util.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

#define HEAD(decision, expected, verdict) \
	"{\n" \
	" \"branch\": \"5.10.y\",\n" \
	" \"decision\": \"" decision "\",\n" \
	" \"upstream\": \"0123456789abcdef0123456789abcdef01234567\",\n" \
	" \"expected\": \"" expected "\",\n" \
	" \"verdict\": \"" verdict "\",\n" \
	" \"as_expected\": true,\n" \
	" \"runs_per_variant\": 1,\n" \
	" \"optional\": null,\n" \
	" \"tree\": { \"source\": \"--tree\", \"dir\": \"v5.10.40\",\n" \
	"   \"version\": \"5.10.40\",\n" \
	"   \"fix_state\": \"vulnerable\", \"file\": \"lib/gadget.c\",\n" \
	"   \"file_sha256\": \"" SHA_A "\" },\n" \
	" \"toolchain\": { \"cc\": \"gcc-11\", \"hostcc\": \"gcc-11\",\n" \
	"   \"cc_version\": \"gcc-11 (Example 11.3.0) 11.3.0\" },\n" \
	" \"config_sha256\": \"" SHA_B "\",\n" \
	" \"timings\": { \"build\": 7.5, \"boot\": 30, \"detect\": null,\n" \
	"   \"total\": 40.25 },\n"

#define BUILD \
	"\"build\": { \"ok\": true, \"tree_version\": \"5.10.40\",\n" \
	"   \"migrate_c_sha256\": \"" SHA_A "\",\n" \
	"   \"config_sha256\": \"" SHA_B "\",\n" \
	"   \"seconds\": 3.5,\n" \
	"   \"make_seconds\": 2 }"

#define TAIL \
	" \"excerpt\": \"     1| first\\n     2| second\\n\",\n" \
	" \"finished\": \"2026-01-02T03:04:05Z\"\n" \
	"}\n"

static const char good_port[] = HEAD("port", "fix-verified", "fix-verified")
	" \"ab\": {\n"
	"  \"a\": { \"variant\": \"base\", \"expect\": \"FAIL\",\n"
	"   \"verdict\": \"FAIL\", \"as_expected\": 1, \"runs_total\": 1,\n"
	"   \"runs\": [ { \"outcome\": \"FAIL\", \"kind\": \"rcu-stall\",\n"
	"     \"signature\": \"INFO: rcu_sched self-detected stall on CPU\",\n"
	"     \"signature_line\": 7, \"detect_seconds\": 12.5,\n"
	"     \"time_source\": \"kernel\", \"detail\": \"rcu-stall at line 7\",\n"
	"     \"log\": \"logs/5.10.y/base-1.txt\", \"boot_seconds\": 14,\n"
	"     \"timed_out\": false, \"accel\": \"tcg\",\n"
	"     \"excerpt\": \"     7| INFO: stall\\n     8| \\tmore\\n\",\n"
	"     \"run\": 1, \"as_expected\": true,\n"
	"     \"cmdline\": \"console=ttyS0 panic=-1\" } ],\n"
	"   " BUILD ",\n"
	"   \"boot_seconds\": 14, \"detect_seconds\": 12.5 },\n"
	"  \"b\": { \"variant\": \"patched\", \"expect\": \"PASS\",\n"
	"   \"verdict\": \"PASS\", \"as_expected\": 1, \"runs_total\": 1,\n"
	"   \"runs\": [ { \"outcome\": \"PASS\", \"kind\": \"pass\",\n"
	"     \"signature_line\": 0, \"detect_seconds\": null,\n"
	"     \"time_source\": \"test\", \"detail\": \"test passed\",\n"
	"     \"result_line\": \"BACKPORT-RESULT: status=PASS exit=0\",\n"
	"     \"log\": \"logs/5.10.y/patched-1.txt\", \"boot_seconds\": 16,\n"
	"     \"timed_out\": false, \"accel\": \"tcg\", \"run\": 1,\n"
	"     \"as_expected\": true, \"cmdline\": \"console=ttyS0\" } ],\n"
	"   " BUILD ",\n"
	"   \"boot_seconds\": 16, \"detect_seconds\": null }\n"
	" },\n"
	TAIL;

static const char good_run[] = HEAD("not-affected", "not-affected",
				    "not-affected")
	" \"run\": { \"variant\": \"base\", \"expect\": \"SKIP|PASS\",\n"
	"   \"verdict\": \"ERROR\", \"as_expected\": 0, \"runs_total\": 1,\n"
	"   \"runs\": [ { \"run\": 1, \"outcome\": \"ERROR\",\n"
	"     \"error\": \"qemu-system-x86_64 could not be started\" } ],\n"
	"   " BUILD ",\n"
	"   \"boot_seconds\": 0, \"detect_seconds\": null },\n"
	TAIL;

/* @doc with the first @old replaced by @new (malloc'd). */
static char *with(const char *doc, const char *old, const char *new)
{
	const char *at = strstr(doc, old);

	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - doc), doc, new,
			 at + strlen(old));
}

static char *write_tmp(const char *text)
{
	char path[] = "/tmp/test_results.XXXXXX";
	int fd = mkstemp(path);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return xstrdup(path);
}

/* Read @text from a file: 0, or -1 with the message (FILE replaced). */
static int read_text(const char *text, struct results *r, char *msg,
		     size_t msglen)
{
	char *path = write_tmp(text), *got;
	int ret = results_read(path, r, msg, msglen);

	if (ret) {
		/* The message names the file: show it as FILE. */
		assert_true(starts_with(msg, path));
		got = xasprintf("FILE%s", msg + strlen(path));
		snprintf(msg, msglen, "%s", got);
		free(got);
	}
	unlink(path);
	free(path);
	return ret;
}

/* @doc with @old made @new must be refused with @want. */
static void refused(const char *doc, const char *old, const char *new,
		    const char *want)
{
	char *text = with(doc, old, new), msg[512];
	struct results r;

	if (read_text(text, &r, msg, sizeof(msg)) == 0)
		fail_msg("accepted, want \"%s\"", want);
	assert_string_equal(msg, want);
	assert_null(r.branch);
	results_free(&r);
	free(text);
}

static void test_good_port(void **state)
{
	const struct results_variant *a, *b;
	struct results r;
	char msg[512];

	assert_int_equal(read_text(good_port, &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.branch, "5.10.y");
	assert_int_equal(r.decision, DECISION_PORT);
	assert_string_equal(r.verdict, "fix-verified");
	assert_true(r.as_expected);
	assert_int_equal(r.runs_per_variant, 1);
	assert_null(r.optional);
	assert_string_equal(r.tree.version, "5.10.40");
	assert_string_equal(r.tree.fix_state, "vulnerable");
	assert_string_equal(r.toolchain.cc_version,
			    "gcc-11 (Example 11.3.0) 11.3.0");
	assert_true(r.timings.build == 7.5 && r.timings.boot == 30);
	assert_true(r.timings.detect == RESULTS_NONE);
	assert_true(r.ab);
	assert_int_equal(r.nvariants, 2);
	a = &r.variant[0];
	b = &r.variant[1];
	assert_string_equal(a->name, "base");
	assert_string_equal(b->name, "patched");
	assert_string_equal(b->expect, "PASS");
	assert_true(a->build.ok && a->build.seconds == 3.5);
	assert_string_equal(a->runs[0].log, "logs/5.10.y/base-1.txt");
	assert_string_equal(r.tree.source, "--tree");
	assert_string_equal(r.tree.dir, "v5.10.40");
	assert_int_equal(a->nruns, 1);
	assert_int_equal(a->runs[0].outcome, CONSOLE_FAIL);
	assert_int_equal(a->runs[0].kind, KIND_RCU_STALL);
	assert_int_equal(a->runs[0].signature_line, 7);
	assert_true(a->runs[0].detect_seconds == 12.5);
	assert_string_equal(a->runs[0].excerpt,
			    "     7| INFO: stall\n     8| \tmore\n");
	assert_int_equal(b->runs[0].outcome, CONSOLE_PASS);
	assert_true(b->runs[0].detect_seconds == RESULTS_NONE);
	assert_string_equal(b->runs[0].time_source, "test");
	assert_true(b->detect_seconds == RESULTS_NONE);
	assert_string_equal(r.finished, "2026-01-02T03:04:05Z");
	results_free(&r);
	assert_null(r.branch);
}

/* A build's "compat" list; absent is "not recorded". */
static void test_compat(void **state)
{
	/* The first build is the base's, then the port's. */
	char *text = with(good_port, "\"make_seconds\": 2 }",
			  "\"make_seconds\": 2,\n"
			  "   \"compat\": [\"1d489151e9f9d1647110277ff77282fe4d96d09b\"] }");
	char *t2 = with(text, "\"make_seconds\": 2 }",
			"\"make_seconds\": 2, \"compat\": [] }");
	const struct results_build *a, *b;
	struct results r;
	char msg[512];

	assert_int_equal(read_text(t2, &r, msg, sizeof(msg)), 0);
	a = &r.variant[0].build;
	b = &r.variant[1].build;
	assert_true(a->has_compat && b->has_compat);
	assert_int_equal(a->compat.n, 1);
	assert_string_equal(a->compat.v[0],
			    "1d489151e9f9d1647110277ff77282fe4d96d09b");
	assert_int_equal(b->compat.n, 0);
	results_free(&r);
	assert_int_equal(read_text(good_port, &r, msg, sizeof(msg)), 0);
	assert_false(r.variant[0].build.has_compat);
	results_free(&r);
	refused(text, "[\"1d489151e9f9d1647110277ff77282fe4d96d09b\"]",
		"[\"1d489151e9f9\"]",
		"FILE: ab.a.build.compat[0]: \"1d489151e9f9\" is not a commit id (40 lowercase hex digits)");
	refused(text, "[\"1d489151e9f9d1647110277ff77282fe4d96d09b\"]",
		"[\"1d489151e9f9d1647110277ff77282fe4d96d09b\", 7]",
		"FILE: ab.a.build.compat[1]: a number, not a string");
	refused(text, "[\"1d489151e9f9d1647110277ff77282fe4d96d09b\"]",
		"\"1d489151e9f9d1647110277ff77282fe4d96d09b\"",
		"FILE: ab.a.build.compat: a string, not an array");
	refused(text, "[\"1d489151e9f9d1647110277ff77282fe4d96d09b\"]",
		"[\"../../1d489151e9f9d1647110277ff77282fe4\"]",
		"FILE: ab.a.build.compat[0]: \"../../1d489151e9f9d1647110277ff77282fe4\" is not a commit id (40 lowercase hex digits)");
	free(text);
	free(t2);
}

/* A build's "reused_from": the row whose kernel was booted; a name. */
static void test_reused(void **state)
{
	char *text = with(good_port, "\"make_seconds\": 2 }",
			  "\"make_seconds\": 2, \"reused_from\": \"4.19.y\" }");
	struct results r;
	char msg[512];

	assert_int_equal(read_text(text, &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.variant[0].build.reused_from, "4.19.y");
	assert_null(r.variant[1].build.reused_from);
	results_free(&r);
	refused(text, "\"4.19.y\"", "\"../4.19.y\"",
		"FILE: ab.a.build.reused_from: \"../4.19.y\" is not a directory name (one path component)");
	refused(text, "\"4.19.y\"", "7",
		"FILE: ab.a.build.reused_from: a number, not a string");
	free(text);
}

static void test_good_run(void **state)
{
	struct results r;
	char msg[512];

	assert_int_equal(read_text(good_run, &r, msg, sizeof(msg)), 0);
	assert_int_equal(r.decision, DECISION_NOT_AFFECTED);
	assert_false(r.ab);
	assert_int_equal(r.nvariants, 1);
	assert_int_equal(r.variant[0].runs[0].outcome, CONSOLE_ERROR);
	assert_int_equal(r.variant[0].runs[0].kind, KIND_NONE);
	assert_string_equal(r.variant[0].runs[0].error,
			    "qemu-system-x86_64 could not be started");
	assert_true(r.variant[0].runs[0].boot_seconds == RESULTS_NONE);
	results_free(&r);
}

/*
 * "work" of a run: absent in documents written before the test reported
 * it (they read, has_work false); present, it reads back and is written
 * again as it was; INCONCLUSIVE is an outcome, a kind and a variant
 * verdict.
 */
static void test_work(void **state)
{
	char *text = with(good_port, "\"cmdline\": \"console=ttyS0\" }",
			  "\"cmdline\": \"console=ttyS0\", \"work\": { \"t\": 8.5, \"split_attempts\": 900, \"splits\": 400, \"rollbacks\": 12, \"tail_faults\": 5000000000, \"recreates\": 399 } }");
	char *inc = with(text, "\"verdict\": \"PASS\", \"as_expected\": 1",
			 "\"verdict\": \"INCONCLUSIVE\", \"as_expected\": 0");
	char *inc2 = with(inc, "\"outcome\": \"PASS\", \"kind\": \"pass\"",
			  "\"outcome\": \"INCONCLUSIVE\", \"kind\": \"inconclusive\"");
	const struct results_run *run;
	struct results r;
	char msg[512], *dump;
	json_t *j;

	assert_int_equal(read_text(good_port, &r, msg, sizeof(msg)), 0);
	assert_false(r.variant[0].runs[0].has_work);
	assert_false(r.variant[1].runs[0].has_work);
	j = results_json(&r);
	assert_null(json_object_get(json_object_get(json_array_get(json_object_get(json_object_get(json_object_get(j, "ab"), "b"), "runs"), 0), "x"), "work"));
	json_decref(j);
	results_free(&r);

	assert_int_equal(read_text(text, &r, msg, sizeof(msg)), 0);
	run = &r.variant[1].runs[0];
	assert_true(run->has_work);
	assert_int_equal(run->work.v[WORK_SPLITS], 400);
	assert_int_equal(run->work.v[WORK_TAIL_FAULTS], 5000000000LL);
	assert_true(run->work.t == 8.5);
	j = results_json(&r);
	dump = json_dumps(json_object_get(json_array_get(json_object_get(json_object_get(json_object_get(j, "ab"), "b"), "runs"), 0), "work"),
			  JSON_PRESERVE_ORDER | JSON_COMPACT);
	assert_string_equal(dump, "{\"t\":8.5,\"split_attempts\":900,\"splits\":400,\"rollbacks\":12,\"tail_faults\":5000000000,\"recreates\":399}");
	free(dump);
	json_decref(j);
	results_free(&r);

	assert_int_equal(read_text(inc2, &r, msg, sizeof(msg)), 0);
	assert_int_equal(r.variant[1].runs[0].outcome, CONSOLE_INCONCLUSIVE);
	assert_int_equal(r.variant[1].runs[0].kind, KIND_INCONCLUSIVE);
	assert_string_equal(r.variant[1].verdict, "INCONCLUSIVE");
	results_free(&r);

	refused(text, "\"splits\": 400", "\"splits\": \"400\"",
		"FILE: ab.b.runs[0].work.splits: a string, not an integer");
	refused(text, "\"splits\": 400", "\"splitz\": 400",
		"FILE: ab.b.runs[0].work.splits: missing, not an integer");
	refused(text, "\"splits\": 400", "\"splits\": -4",
		"FILE: ab.b.runs[0].work.splits: -4 is out of range");
	refused(text, "\"work\": {", "\"work\": [ ], \"w\": {",
		"FILE: ab.b.runs[0].work: an array, not an object");
	free(inc2);
	free(inc);
	free(text);
}

/* The base did not build: "b" is null. */
static void test_no_b(void **state)
{
	char *text = with(good_port, "\"b\": {", "\"b\": null, \"old_b\": {");
	struct results r;
	char msg[512];

	assert_int_equal(read_text(text, &r, msg, sizeof(msg)), 0);
	assert_true(r.ab);
	assert_int_equal(r.nvariants, 1);
	results_free(&r);
	free(text);
}

/* Unknown keys (older or newer files) are ignored. */
static void test_extra_keys(void **state)
{
	char *text = with(good_port, "\"branch\"",
			  "\"date\": \"yesterday\", \"notes\": [1, {}],\n"
			  " \"branch\"");
	char *text2 = with(text, "\"outcome\": \"FAIL\",",
			   "\"outcome\": \"FAIL\", \"qemu_pid\": 42,");
	struct results r;
	char msg[512];

	assert_int_equal(read_text(text2, &r, msg, sizeof(msg)), 0);
	assert_string_equal(r.branch, "5.10.y");
	results_free(&r);
	free(text);
	free(text2);
}

static void test_parse_buffer(void **state)
{
	struct results r;
	char msg[512];

	assert_int_equal(results_parse(good_run, strlen(good_run), "mem", &r,
				       msg, sizeof(msg)), 0);
	results_free(&r);
	assert_int_equal(results_parse(NULL, 0, "mem", &r, msg,
				       sizeof(msg)), -1);
	assert_true(starts_with(msg, "mem:1:"));
	assert_int_equal(results_parse("{}", 2, "mem", &r, msg,
				       sizeof(msg)), -1);
	assert_string_equal(msg, "mem: branch: missing");
}

static void test_missing_and_directory(void **state)
{
	char dir[] = "/tmp/test_results.d.XXXXXX", *path, msg[512];
	struct results r;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/5.10.y.json", dir);
	assert_int_equal(results_read(path, &r, msg, sizeof(msg)), -1);
	assert_true(starts_with(msg, path));
	assert_string_equal(msg + strlen(path),
			    ": No such file or directory");
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(results_read(path, &r, msg, sizeof(msg)), -1);
	assert_string_equal(msg + strlen(path),
			    ": a directory, not a results file");
	rmdir(path);
	rmdir(dir);
	free(path);
}

static void test_syntax(void **state)
{
	struct results r;
	char msg[512];

	assert_int_equal(read_text("{\n \"branch\": \"5.10.y\",\n \"x\": tru\n}\n",
				   &r, msg, sizeof(msg)), -1);
	assert_true(starts_with(msg, "FILE:3:"));
	assert_non_null(strstr(msg, "invalid token"));
	assert_int_equal(read_text("", &r, msg, sizeof(msg)), -1);
	assert_true(starts_with(msg, "FILE:"));
	assert_int_equal(read_text("[1, 2]\n", &r, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "FILE: an array, not a JSON object");
	refused(good_port, "\"as_expected\": true,\n",
		"\"as_expected\": true, \"verdict\": \"pass\",\n",
		"FILE:7:31: duplicate object key near '\"verdict\"'");
}

static void test_types(void **state)
{
	refused(good_port, "\"runs_per_variant\": 1", "\"runs_per_variant\": \"1\"",
		"FILE: runs_per_variant: a string, not an integer");
	refused(good_port, "\"runs_per_variant\": 1", "\"runs_per_variant\": 1.5",
		"FILE: runs_per_variant: a number, not an integer");
	refused(good_port, "\"as_expected\": true", "\"as_expected\": 1",
		"FILE: as_expected: a number, not true or false");
	refused(good_port, "\"tree\": {", "\"tree\": [], \"x\": {",
		"FILE: tree: an array, not an object");
	refused(good_port, "\"build\": 7.5", "\"build\": \"7.5s\"",
		"FILE: timings.build: a string, not a number");
	refused(good_port, "\"boot_seconds\": 14,", "\"boot_seconds\": -1,",
		"FILE: ab.a.runs[0].boot_seconds: negative (-1)");
	refused(good_port, "\"runs\": [", "\"runs\": {}, \"x\": [",
		"FILE: ab.a.runs: an object, not an array");
	refused(good_port, "\"runs\": [", "\"runs\": [ 3, ",
		"FILE: ab.a.runs[0]: a number, not an object");
	refused(good_port, "\"signature_line\": 7", "\"signature_line\": \"7\"",
		"FILE: ab.a.runs[0].signature_line: a string, not an integer");
	refused(good_port, "\"ok\": true", "\"ok\": \"yes\"",
		"FILE: ab.a.build.ok: a string, not true or false");
	refused(good_port, "\"branch\": \"5.10.y\"", "\"branch\": 5.10",
		"FILE: branch: a number, not a string");
	refused(good_port, "\"runs_total\": 1", "\"runs_total\": 2",
		"FILE: ab.a.runs_total: 2, but \"runs\" holds 1");
}

static void test_values(void **state)
{
	refused(good_port, "\"verdict\": \"fix-verified\"",
		"\"verdict\": \"great\"",
		"FILE: verdict: \"great\" is not one of error, fix-verified, base-not-reproduced, port-fails, not-verified, pass, fail, reproduces, not-reproduced, inconclusive, not-affected, affected");
	refused(good_port, "\"decision\": \"port\"", "\"decision\": \"maybe\"",
		"FILE: decision: \"maybe\" is not one of port, not-ported, not-affected, fixed-upstream");
	refused(good_port, "\"outcome\": \"PASS\"", "\"outcome\": \"PENDING\"",
		"FILE: ab.b.runs[0].outcome: \"PENDING\" is not one of PASS, FAIL, SKIP, ERROR, INCONCLUSIVE");
	refused(good_port, "\"kind\": \"rcu-stall\"", "\"kind\": \"stall\"",
		"FILE: ab.a.runs[0].kind: \"stall\" is not one of none, pass, skip, soft-lockup, rcu-stall, hung-task, panic, oops, test-fail, timeout, no-output, no-boot, no-start, boot-crash, test-error, inconclusive, silent, host-starved");
	refused(good_port, "\"verdict\": \"PASS\"", "\"verdict\": \"OK\"",
		"FILE: ab.b.verdict: \"OK\" is not one of PASS, FAIL, SKIP, ERROR, MIXED, OTHER, INCONCLUSIVE");
	refused(good_port, "\"fix_state\": \"vulnerable\"",
		"\"fix_state\": \"fine\"",
		"FILE: tree.fix_state: \"fine\" is not one of vulnerable, fixed, fixed-by-rework, not-affected, conflicts");
	refused(good_port, "\"config_sha256\": \"" SHA_B "\",\n \"timings\"",
		"\"config_sha256\": \"B" SHA_B "\",\n \"timings\"",
		"FILE: config_sha256: \"B" SHA_B "\" is not a sha256 (64 lowercase hex digits)");
	refused(good_port, "\"upstream\": \"0123", "\"upstream\": \"0123 ",
		"FILE: upstream: \"0123 456789abcdef0123456789abcdef01234567\" is not a commit id (40 lowercase hex digits)");
	refused(good_port, "2026-01-02T03:04:05Z", "2026-01-02 03:04:05",
		"FILE: finished: \"2026-01-02 03:04:05\" is not a time YYYY-MM-DDTHH:MM:SSZ");
	refused(good_port, "\"branch\": \"5.10.y\"", "\"branch\": \"\"",
		"FILE: branch: empty");
	refused(good_port, "\"hostcc\": \"gcc-11\",",
		"\"hostcc\": \"gcc-11\", \"config\": [\"CONFIG_A=1\", \"rm -rf\"],",
		"FILE: toolchain.config[1]: not CONFIG_<symbol>=<value>");
	refused(good_port, "\"hostcc\": \"gcc-11\",",
		"\"hostcc\": \"gcc-11\", \"config\": [\"CONFIG_A\"],",
		"FILE: toolchain.config[0]: not CONFIG_<symbol>=<value>");
	refused(good_port, "\"hostcc\": \"gcc-11\",",
		"\"hostcc\": \"gcc-11\", \"config\": {},",
		"FILE: toolchain.config: an object, not an array");
}

static void test_control_characters(void **state)
{
	refused(good_port, "\"verdict\": \"fix-verified\"",
		"\"verdict\": \"fix-verified\\nPASS\"",
		"FILE: verdict: holds a newline (0x0a) at offset 12; one line is expected");
	refused(good_port, "\"version\": \"5.10.40\"",
		"\"version\": \"5.10.40\\r\"",
		"FILE: tree.version: holds a carriage return (0x0d) at offset 7; one line is expected");
	refused(good_port, "\"variant\": \"base\"", "\"variant\": \"ba\\tse\"",
		"FILE: ab.a.variant: holds a tab (0x09) at offset 2; one line is expected");
	refused(good_port, "\"log\": \"logs/5.10.y/base-1.txt\"",
		"\"log\": \"/c/logs/\\u001b[0m\"",
		"FILE: ab.a.runs[0].log: holds a control character (0x1b) at offset 8; one line is expected");
	refused(good_port, "\"detail\": \"rcu-stall at line 7\"",
		"\"detail\": \"rcu-stall\\nat line 7\"",
		"FILE: ab.a.runs[0].detail: holds a newline (0x0a) at offset 9; one line is expected");
	/* Console lines may hold tabs, excerpts and errors span lines. */
	{
		char *text = with(good_port, "rcu-stall at line 7",
				  "rcu-stall\\tat line 7");
		struct results r;
		char msg[512];

		assert_int_equal(read_text(text, &r, msg, sizeof(msg)), 0);
		results_free(&r);
		free(text);
	}
}

/* A run's log is its excerpt's path beside the document: no machine path. */
static void test_paths(void **state)
{
	static const char log[] = "\"log\": \"logs/5.10.y/base-1.txt\"";

	refused(good_port, log,
		"\"log\": \"/root/.cache/backport/logs/5.10.y/base-1.log\"",
		"FILE: ab.a.runs[0].log: \"/root/.cache/backport/logs/5.10.y/base-1.log\" is an absolute path; a path relative to the file's directory is expected");
	refused(good_port, log, "\"log\": \"~/logs/base-1.txt\"",
		"FILE: ab.a.runs[0].log: \"~/logs/base-1.txt\" is a home directory path; a path relative to the file's directory is expected");
	refused(good_port, log, "\"log\": \"logs/../../etc/passwd\"",
		"FILE: ab.a.runs[0].log: \"logs/../../etc/passwd\" has a \"..\" component; a path inside the file's directory is expected");
	refused(good_port, log, "\"log\": \"..\"",
		"FILE: ab.a.runs[0].log: \"..\" has a \"..\" component; a path inside the file's directory is expected");
	refused(good_port, log, "\"log\": \"logs/x/..\"",
		"FILE: ab.a.runs[0].log: \"logs/x/..\" has a \"..\" component; a path inside the file's directory is expected");
	refused(good_port, log, "\"log\": \"\"",
		"FILE: ab.a.runs[0].log: empty");
	refused(good_port, "\"dir\": \"v5.10.40\"", "\"dir\": \"/work/trees/v5.10.40\"",
		"FILE: tree.dir: \"/work/trees/v5.10.40\" is not a directory name (one path component)");
	refused(good_port, "\"dir\": \"v5.10.40\"", "\"dir\": \"..\"",
		"FILE: tree.dir: \"..\" is not a directory name (one path component)");
	/* Dots that are no ".." component are names like any other. */
	{
		char *text = with(good_port, log,
				  "\"log\": \"logs/5.10.y/..base-1..txt\"");
		struct results r;
		char msg[512];

		assert_int_equal(read_text(text, &r, msg, sizeof(msg)), 0);
		assert_string_equal(r.variant[0].runs[0].log,
				    "logs/5.10.y/..base-1..txt");
		results_free(&r);
		free(text);
	}
}

static void test_layout(void **state)
{
	refused(good_port, "\"ab\": {", "\"run\": {}, \"ab\": {",
		"FILE: run: a port row has \"ab\", not \"run\"");
	refused(good_port, "\"ab\": {", "\"old\": {",
		"FILE: ab: missing");
	refused(good_port, "\"a\": {", "\"aa\": {",
		"FILE: ab.a: missing");
	refused(good_run, "\"run\": {", "\"ab\": {}, \"run\": {",
		"FILE: ab: only port rows have an A/B run, this is not-affected");
	refused(good_run, "\"run\": {", "\"old\": {",
		"FILE: run: missing");
	refused(good_run, "\"variant\": \"base\",", "",
		"FILE: run.variant: missing");
	refused(good_run, "\"outcome\": \"ERROR\",", "",
		"FILE: run.runs[0].outcome: missing");
}

static void write_at(const char *path, const char *text)
{
	assert_int_equal(write_file_atomic(path, text, strlen(text)), 0);
}

/* evidence_load(): missing is "not verified yet", invalid an error. */
static void test_evidence(void **state)
{
	char root[] = "/tmp/test_results.r.XXXXXX", *path, msg[512], *txt;
	struct evidence ev;

	assert_non_null(mkdtemp(root));
	assert_int_equal(evidence_load(root, "5.10.y", &ev, msg,
				       sizeof(msg)), 0);
	assert_false(ev.present);
	txt = evidence_text(&ev, "  ");
	assert_string_equal(txt, "  not verified yet (no results/5.10.y.json)\n");
	free(txt);
	evidence_free(&ev);

	path = xasprintf("%s/results/5.10.y.json", root);
	write_at(path, good_port);
	assert_int_equal(evidence_load(root, "5.10.y", &ev, msg,
				       sizeof(msg)), 0);
	assert_true(ev.present);
	assert_string_equal(ev.ab, "A (unpatched): FAIL, B (patched): PASS");
	assert_string_equal(ev.timings, "build 8s, boot 30s, total 40s");
	evidence_free(&ev);

	/* The document of another branch under this name. */
	assert_int_equal(evidence_load(root, "5.4.y", &ev, msg,
				       sizeof(msg)), 0);
	evidence_free(&ev);
	free(path);
	path = xasprintf("%s/results/5.4.y.json", root);
	write_at(path, good_port);
	assert_int_equal(evidence_load(root, "5.4.y", &ev, msg,
				       sizeof(msg)), -1);
	assert_true(starts_with(msg, path));
	assert_string_equal(msg + strlen(path),
			    ": branch: \"5.10.y\", not 5.4.y");
	assert_false(ev.present);
	evidence_free(&ev);
	unlink(path);
	free(path);
	path = xasprintf("%s/results/5.10.y.json", root);
	unlink(path);
	free(path);
	assert_int_equal(remove_tree(root), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_port),
		cmocka_unit_test(test_good_run),
		cmocka_unit_test(test_compat),
		cmocka_unit_test(test_reused),
		cmocka_unit_test(test_no_b),
		cmocka_unit_test(test_work),
		cmocka_unit_test(test_extra_keys),
		cmocka_unit_test(test_parse_buffer),
		cmocka_unit_test(test_missing_and_directory),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_evidence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
