// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/table.c on small tables written by the tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "table.h"
#include "work.h"
#include "util.h"

#define UP \
	"{\n" \
	" \"fixes\": [ {\n" \
	"  \"commit\": \"0123456789abcdef0123456789abcdef01234567\",\n" \
	"  \"subject\": \"gadget: wait on the head\",\n" \
	"  \"author\": \"Ada Example <ada@example.org>\",\n" \
	"  \"fixes\": \"89abcdef0123\",\n" \
	"  \"fixes_subject\": \"gadget: add waiting\",\n" \
	"  \"fixes_release\": \"4.5\",\n" \
	"  \"mbox\": \"upstream/x.mbox\",\n" \
	"  \"patch_name\": \"gadget.patch\",\n" \
	"  \"test\": \"tests/regress/gadget.c\",\n" \
	"  \"signature\": { \"reason\": \"the gadget spins\",\n" \
	"    \"kinds\": [ \"soft-lockup\", \"rcu-stall\" ],\n" \
	"    \"frames\": [ \"gadget_wait\", \"exc_page_fault\" ] }\n" \
	" } ],\n" \
	" \"backporter\": \"Porter <porter@example.org>\",\n" \
	" \"boot\": { \"smp\": 2, \"memory_mb\": 512, \"timeout\": 90,\n" \
	"   \"trace_seconds\": 20, \"trace_lines\": 200,\n" \
	"   \"cmdline\": \"console=ttyS0 panic=-1\", \"cpu_kvm\": \"kvm64\" },\n"

#define TC "\"toolchain\": { \"cc\": \"gcc\", \"hostcc\": \"gcc\" }, " \
	   "\"tree_var\": \"T\""

static const char good[] = UP
	" \"branches\": [\n"
	"  { \"branch\": \"5.10.y\", \"decision\": \"port\", \"reason\": \"r\",\n"
	"    \"base_max\": \"5.10.46\", \"fixed_in\": \"5.10.47\",\n"
	"    \"series\": \"series/5.10.y\", \"release\": \"5.10.46\",\n"
	"    " TC " },\n"
	"  { \"branch\": \"4.4.y\", \"decision\": \"not-affected\",\n"
	"    \"reason\": \"old\", \"release\": \"4.4\", " TC " }\n"
	" ]\n}\n";

static char *write_tmp(const char *text)
{
	char path[] = "/tmp/test_table.XXXXXX";
	int fd = mkstemp(path);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return xstrdup(path);
}

static int load(const char *text, struct table *t, struct parse_error *e)
{
	char *p = write_tmp(text);
	int r = table_load("/root-dir", p, t, e);

	unlink(p);
	free(p);
	return r;
}

static void test_good(void **state)
{
	struct table t;
	struct parse_error e;
	const struct branch *b;
	char *p;

	assert_int_equal(load(good, &t, &e), 0);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.backporter, "Porter <porter@example.org>");
	assert_int_equal(t.nfixes, 1);
	assert_string_equal(t.up.patch_name, "gadget.patch");
	assert_string_equal(t.up.test, "tests/regress/gadget.c");
	/* Where the fix goes is not read before its diff is. */
	assert_null(t.up.fix_line);
	assert_int_equal(t.boot.smp, 2);
	assert_int_equal(t.boot.memory_mb, 512);
	assert_true(t.boot.timeout == 90);
	assert_string_equal(t.boot.cmdline, "console=ttyS0 panic=-1");
	assert_null(t.boot.cpu_tcg);
	assert_string_equal(t.boot.cpu_kvm, "kvm64");
	assert_true(t.boot.trace_seconds == 20);
	assert_int_equal(t.boot.trace_lines, 200);
	assert_string_equal(t.up.sig.kinds[1], "rcu-stall");
	assert_null(t.up.sig.kinds[2]);
	assert_string_equal(t.up.sig.frames[0], "gadget_wait");
	assert_string_equal(t.up.sig.reason, "the gadget spins");
	b = table_find(&t, "5.10.y");
	assert_non_null(b);
	assert_int_equal(b->decision, DECISION_PORT);
	assert_int_equal(b->major, 5);
	assert_int_equal(b->minor, 10);
	assert_string_equal(b->series, "series/5.10.y");
	b = table_find(&t, "4.4.y");
	assert_int_equal(b->decision, DECISION_NOT_AFFECTED);
	assert_null(b->series);
	assert_null(table_find(&t, "6.1.y"));
	assert_string_equal(decision_name(DECISION_FIXED_UPSTREAM),
			    "fixed-upstream");
	p = table_path(&t, "series/5.10.y");
	assert_string_equal(p, "/root-dir/series/5.10.y");
	free(p);
	table_free(&t);
}

static void expect_error(const char *text, unsigned int line,
			 const char *needle)
{
	struct table t;
	struct parse_error e;

	assert_int_equal(load(text, &t, &e), -1);
	if ((line && e.line != line) || !strstr(e.msg, needle))
		fail_msg("want %u \"%s\", got %u \"%s\"", line, needle, e.line,
			 e.msg);
	table_free(&t);
}

static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);

	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

static void test_errors(void **state)
{
	char *s, *s2;

	/* Broken JSON: jansson's line number comes through. */
	s = replace(good, "\"reason\": \"old\",", "\"reason\": \"old\"");
	expect_error(s, 26, "");
	free(s);
	s = replace(good, "\"not-affected\"", "\"maybe\"");
	expect_error(s, 0, "unknown decision \"maybe\"");
	free(s);
	s = replace(good, "\"4.4.y\"", "\"5.10.y\"");
	s2 = replace(s, "\"release\": \"4.4\"", "\"release\": \"5.10\"");
	expect_error(s2, 0, "listed twice");
	free(s2);
	free(s);
	s = replace(good, "\"base_max\": \"5.10.46\", ", "");
	expect_error(s, 0, "base_max");
	free(s);
	s = replace(good, "0123456789abcdef0123456789abcdef01234567",
		    "0123456789ABCDEF0123456789abcdef01234567");
	expect_error(s, 0, "40 lowercase hex");
	free(s);
	s = replace(good, "\"branch\": \"4.4.y\"", "\"branch\": \"four\"");
	expect_error(s, 0, "5.10.y");
	free(s);
	s = replace(good, "\"fixes\": \"89abcdef0123\"", "\"fixes\": \"89ab\"");
	expect_error(s, 0, "12+");
	free(s);
	s = replace(good, " \"backporter\": \"Porter <porter@example.org>\",\n",
		    "");
	expect_error(s, 0, "backporter");
	free(s);
	s = replace(good, "\"smp\": 2", "\"smp\": 0");
	expect_error(s, 0, "\"smp\" must be a number from 1");
	free(s);
	s = replace(good, "\"memory_mb\": 512", "\"memory_mb\": \"lots\"");
	expect_error(s, 0, "memory_mb");
	free(s);
	s = replace(good, "\"cmdline\": \"console=ttyS0 panic=-1\", ", "");
	expect_error(s, 0, "cmdline");
	free(s);
	s = replace(good, "\"boot\": {", "\"boots\": {");
	expect_error(s, 0, "missing \"boot\" object");
	free(s);
	s = replace(good, "\"trace_lines\": 200", "\"trace_lines\": 2");
	expect_error(s, 0, "\"trace_lines\" must be a number from 8 to 1000");
	free(s);
	s = replace(good, "\"trace_seconds\": 20, ", "");
	expect_error(s, 0, "\"trace_seconds\" must be a number");
	free(s);
	s = replace(good, "\"signature\":", "\"signatures\":");
	expect_error(s, 0, "fixes[0]: no \"signature\"");
	free(s);
	s = replace(good, "\"frames\": [ \"gadget_wait\", \"exc_page_fault\" ]",
		    "\"frames\": [ ]");
	expect_error(s, 0, "fixes[0].signature: \"kinds\" and \"frames\" must each name one");
	free(s);
	s = replace(good, "\"reason\": \"the gadget spins\",", "");
	expect_error(s, 0, "fixes[0].signature");
	free(s);
	s = replace(good, "\"fixes\": [ {", "\"fixes\": [ ], \"x\": [ {");
	expect_error(s, 0, "missing or empty \"fixes\" list");
	free(s);
	s = replace(good, "\"mbox\": \"upstream/x.mbox\",\n", "");
	expect_error(s, 0, "fixes[0]");
	free(s);
	s = replace(good, "\"release\": \"4.4\", ", "");
	expect_error(s, 0, "branch 4.4.y: needs \"release\"");
	free(s);
	s = replace(good, "\"release\": \"4.4\"",
		    "\"release\": \"4.9.1\"");
	expect_error(s, 0, "release \"4.9.1\" must be a 4.4 release");
	free(s);
	s = replace(good, "\"release\": \"4.4\"",
		    "\"release\": \"4.4.1;x\"");
	expect_error(s, 0, "must be a 4.4 release");
	free(s);
	s = replace(good, "\"release\": \"4.4\"",
		    "\"release\": \"4.4.\"");
	expect_error(s, 0, "must be a 4.4 release");
	free(s);
	s = replace(good, "\"release\": \"5.10.46\"",
		    "\"release\": \"5.10.47\"");
	expect_error(s, 0, "release 5.10.47 is not older than fixed_in 5.10.47");
	free(s);
	expect_error("", 0, "");
}

/* Every string is checked against what it is, naming the field. */
static void test_hostile(void **state)
{
	static const struct {
		const char *from, *to, *msg;
	} c[] = {
		{ "\"tree_var\": \"T\" }", "\"tree_var\": \"X;touch${IFS}/tmp/INJ\" }",
		  "branches[0].tree_var: \"X;touch${IFS}/tmp/INJ\" is not an environment variable name" },
		{ "\"cc\": \"gcc\", \"hostcc\": \"gcc\" }, \"tree_var\": \"T\" }",
		  "\"cc\": \"gcc\\nX=1\", \"hostcc\": \"gcc\" }, \"tree_var\": \"T\" }",
		  "branches[0].toolchain.cc: \"gcc\\nX=1\" is not a program name" },
		{ "\"series/5.10.y\"", "\"../outside/x\"",
		  "branches[0].series: \"../outside/x\" is not a relative path inside the repository: it has a \"..\" component" },
		{ "\"series/5.10.y\"", "\"/etc/passwd\"",
		  "branches[0].series: \"/etc/passwd\" is not a relative path inside the repository: it is absolute" },
		{ "\"series/5.10.y\"", "\"series/5.4.y\"",
		  "branches[0].series: \"series/5.4.y\" is not series/5.10.y" },
		{ "\"branch\": \"4.4.y\"", "\"branch\": \"5.10.y /../../../x/y.y\"",
		  "branches[1].branch: \"5.10.y /../../../x/y.y\" is not a branch name" },
		{ "\"branch\": \"4.4.y\"", "\"branch\": \"\\n4.4.y\"",
		  "branches[1].branch: \"\\n4.4.y\" is not" },
		{ "\"reason\": \"old\"", "\"reason\": \"old\\nFrom x\"",
		  "branches[1].reason: \"old\\nFrom x\" is not one line of text" },
		{ "\"5.10.46\"", "\"5.10.46; rm\"", "branches[0].base_max:" },
		{ "\"upstream/x.mbox\"", "\"/etc/passwd\"", "fixes[0].mbox:" },
		{ "\"gadget.patch\"", "\"../gadget.patch\"", "fixes[0].patch_name:" },
		{ "\"Porter <porter@example.org>\"", "\"Porter <p@e>\\nBcc: x@y\"",
		  "backporter: \"Porter <p@e>\\nBcc: x@y\" is not a person" },
		{ "\"kvm64\"", "\"kvm64 -device x\"", "boot.cpu_kvm:" },
		{ "\"Ada Example <ada@example.org>\"", "\"Ada\"", "fixes[0].author:" },
		{ "\"gadget_wait\"", "\"gadget_wait; rm -rf\"",
		  "fixes[0].signature.frames[0]: \"gadget_wait; rm -rf\" is not a kernel function name" },
		{ "\"rcu-stall\" ]", "\"pass\" ]",
		  "fixes[0].signature.kinds[1]: \"pass\" is not a hang or crash kind" },
		{ "\"the gadget spins\"", "\"the gadget\\nspins\"",
		  "fixes[0].signature.reason: \"the gadget\\nspins\" is not one line" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *s = replace(good, c[i].from, c[i].to);

		expect_error(s, 0, c[i].msg);
		free(s);
	}
}

/*
 * "pass_work", "work_unit", "heartbeat", the host-starvation limit:
 * inherited, overridden, checked.
 */
static void test_work(void **state)
{
	static const struct {
		const char *from, *to, *msg;
	} c[] = {
		{ "\"pass_work\": 400", "\"pass_work\": 0",
		  "boot: \"pass_work\" must be a whole number from 1 to" },
		{ "\"pass_work\": 400", "\"pass_work\": 1.5",
		  "boot: \"pass_work\" must be a whole number" },
		{ "\"pass_work\": 400", "\"pass_work\": \"400\"",
		  "boot: \"pass_work\" must be a whole number" },
		{ "\"splits\"", "\"split\"",
		  "boot.work_unit: \"split\" is not a count of the test's work lines" },
		{ "\"splits\"", "\"splits\\n\"",
		  "boot.work_unit: \"splits\\n\" is not a count" },
		{ ", \"work_unit\": \"splits\"", "",
		  "boot: missing \"work_unit\"" },
		{ "\"heartbeat\": 30", "\"heartbeat\": 0",
		  "boot: \"heartbeat\" must be a number from 1 to 86400" },
		{ "\"tree_var\": \"T\" }", "\"tree_var\": \"T\", \"pass_work\": -3 }",
		  "branch 5.10.y: \"pass_work\" must be a whole number" },
		{ ", \"starved_window_seconds\": 4", "",
		  "boot: \"starved_wait_seconds\" and \"starved_window_seconds\" go together" },
		{ "\"starved_wait_seconds\": 1", "\"starved_wait_seconds\": 5",
		  "boot: \"starved_wait_seconds\" must be a number from 0.01 to 4" },
		{ "\"starved_window_seconds\": 4", "\"starved_window_seconds\": \"4\"",
		  "boot: \"starved_window_seconds\" must be a number from 1 to 600" },
		{ ", \"silent_sample_seconds\": 0.1", "",
		  "boot: \"silent_samples\" and \"silent_sample_seconds\" go together" },
		{ "\"silent_samples\": 10", "\"silent_samples\": 0",
		  "boot: \"silent_samples\" must be a number from 1 to 100" },
		{ "\"silent_samples\": 10", "\"silent_samples\": 2.5",
		  "boot: \"silent_samples\" must be a whole number" },
		{ "\"silent_sample_seconds\": 0.1", "\"silent_sample_seconds\": 11",
		  "boot: \"silent_sample_seconds\" must be a number from 0.01 to 10" },
	};
	char *base = replace(good, "\"cpu_kvm\": \"kvm64\" }",
			     "\"cpu_kvm\": \"kvm64\", \"work_unit\": \"splits\", \"pass_work\": 400, \"heartbeat\": 30, \"starved_wait_seconds\": 1, \"starved_window_seconds\": 4, \"silent_samples\": 10, \"silent_sample_seconds\": 0.1 }");
	char *own = replace(base, "\"release\": \"4.4\", ",
			    "\"release\": \"4.4\", \"pass_work\": 7, ");
	struct parse_error e;
	struct table t;
	size_t i;

	assert_int_equal(load(base, &t, &e), 0);
	assert_int_equal(t.boot.pass_work, 400);
	assert_int_equal(t.boot.work_unit, WORK_SPLITS);
	assert_true(t.boot.heartbeat == 30);
	assert_true(t.boot.starved_wait == 1 && t.boot.starved_window == 4);
	assert_int_equal(t.boot.silent_samples, 10);
	assert_true(t.boot.silent_sample_every == 0.1);
	assert_int_equal(table_find(&t, "4.4.y")->pass_work, 400);
	table_free(&t);
	assert_int_equal(load(own, &t, &e), 0);
	assert_int_equal(table_find(&t, "4.4.y")->pass_work, 7);
	assert_int_equal(table_find(&t, "5.10.y")->pass_work, 400);
	table_free(&t);
	/* none of them: no requirement, no heartbeat */
	assert_int_equal(load(good, &t, &e), 0);
	assert_int_equal(t.boot.pass_work, 0);
	assert_true(t.boot.heartbeat == 0);
	assert_true(t.boot.starved_wait == 0 && t.boot.starved_window == 0);
	assert_int_equal(t.boot.silent_samples, 0);
	assert_int_equal(table_find(&t, "5.10.y")->pass_work, 0);
	table_free(&t);
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *s = replace(base, c[i].from, c[i].to);

		expect_error(s, 0, c[i].msg);
		free(s);
	}
	free(own);
	free(base);
}

/* A row's "boot_append": kept as given, checked as one line. */
static void test_boot_append(void **state)
{
	char *own = replace(good, "\"release\": \"4.4\", ",
			    "\"release\": \"4.4\", \"boot_append\": \"watchdog_thresh=5\", ");
	char *bad = replace(good, "\"release\": \"4.4\", ",
			    "\"release\": \"4.4\", \"boot_append\": \"a=1\\ninit=/bin/sh\", ");
	struct parse_error e;
	struct table t;

	assert_int_equal(load(own, &t, &e), 0);
	assert_string_equal(table_find(&t, "4.4.y")->boot_append,
			    "watchdog_thresh=5");
	assert_null(table_find(&t, "5.10.y")->boot_append);
	table_free(&t);
	expect_error(bad, 0, ".boot_append");
	free(bad);
	free(own);
}

static const char mbox[] =
	"From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n"
	"From: Ada Example <ada@example.org>\n"
	"Date: Tue, 15 Jun 2021 18:23:42 -0700\n"
	"Subject: [PATCH] gadget: wait on the head\n"
	"\n"
	"Wait on the head.\n"
	"\n"
	"Signed-off-by: Ada Example <ada@example.org>\n"
	"---\n"
	" lib/gadget.c | 1 +\n"
	"\n"
	"diff --git a/lib/gadget.c b/lib/gadget.c\n"
	"--- a/lib/gadget.c\n"
	"+++ b/lib/gadget.c\n"
	"@@ -1,2 +1,3 @@ void gadget_wait(int e)\n"
	" {\n"
	" \tg = e;\n"
	"+\tg = h(g);\n"
	"--\040\n"
	"2.30.0\n";

static void test_fix_diffs(void **state)
{
	char tmpl[] = "/tmp/test_table_root.XXXXXX";
	char *root = mkdtemp(tmpl), *mb, *tp;
	struct parse_error e;
	struct table t;

	assert_non_null(root);
	tp = write_tmp(good);
	assert_int_equal(table_load(root, tp, &t, &e), 0);
	/* No mbox yet: the error names it. */
	assert_int_equal(table_load_fix_diffs(&t, &e), -1);
	assert_non_null(strstr(e.msg, "upstream/x.mbox"));
	mb = path_join(root, "upstream/x.mbox");
	assert_int_equal(write_file_atomic(mb, mbox, strlen(mbox)), 0);
	assert_int_equal(table_load_fix_diffs(&t, &e), 0);
	assert_string_equal(t.up.file, "lib/gadget.c");
	assert_string_equal(t.up.anchor, "g = e;");
	assert_string_equal(t.up.fix_line, "g = h(g);");
	assert_string_equal(t.up.function, "gadget_wait");
	assert_int_equal(t.up.diff.n, 1);
	table_free(&t);
	unlink(tp);
	free(tp);
	assert_int_equal(remove_tree(root), 0);
	free(mb);
}

#define OPT_ROW(name, extra) \
	"  { \"branch\": \"" name "\", \"decision\": \"port\",\n" \
	"    \"reason\": \"r\", \"series\": \"series/" name "\",\n" \
	"    \"debian_source\": \"linux-source-test\",\n" \
	"    " extra TC " },\n"

static char *with_row(const char *row)
{
	char *to = xasprintf(" \"branches\": [\n%s", row);
	char *s = replace(good, " \"branches\": [\n", to);

	free(to);
	return s;
}

/* An optional series: "<branch>-<tag>" with its label and antecedents. */
static void test_optional(void **state)
{
	struct table t;
	struct parse_error e;
	const struct branch *b;
	char *s;

	s = with_row(OPT_ROW("4.19.y-optional",
			     "\"optional\": \"OPTIONAL\", \"antecedents\": [\"89abcdef0123456789abcdef0123456789abcdef\"], "));
	assert_int_equal(load(s, &t, &e), 0);
	free(s);
	b = table_find(&t, "4.19.y-optional");
	assert_non_null(b);
	assert_string_equal(b->base, "4.19.y");
	assert_int_equal(b->major, 4);
	assert_int_equal(b->minor, 19);
	assert_string_equal(b->optional, "OPTIONAL");
	assert_string_equal(b->antecedents[0],
			    "89abcdef0123456789abcdef0123456789abcdef");
	assert_null(b->antecedents[1]);
	assert_null(b->base_max);
	assert_string_equal(branch_decision(b), "port (optional)");
	b = table_find(&t, "5.10.y");
	assert_string_equal(b->base, "5.10.y");
	assert_null(b->optional);
	assert_string_equal(branch_decision(b), "port");
	{
		struct strvec v = STRVEC_INIT;

		table_stable_ports(&t, &v);
		assert_int_equal(v.n, 1);
		assert_string_equal(v.v[0], "5.10.y");
		sv_clear(&v);
	}
	table_free(&t);

	/* A suffix needs the label; the label needs a suffix. */
	s = with_row(OPT_ROW("4.19.y-optional", ""));
	expect_error(s, 0, "needs \"optional\"");
	free(s);
	s = with_row(OPT_ROW("4.19.y", "\"optional\": \"x\", "));
	expect_error(s, 0, "needs \"optional\"");
	free(s);
	s = with_row(OPT_ROW("4.19.y-Opt", "\"optional\": \"x\", "));
	expect_error(s, 0, "4.19.y-optional");
	free(s);
	s = with_row(OPT_ROW("4.19.y-", "\"optional\": \"x\", "));
	expect_error(s, 0, "4.19.y-optional");
	free(s);
	s = with_row(OPT_ROW("4.19.y-opt",
			     "\"optional\": \"x\", \"antecedents\": [\"9a1ea439b16b\"], "));
	expect_error(s, 0, "antecedents[0]");
	free(s);
	s = replace(good, "\"branch\": \"4.4.y\", \"decision\": \"not-affected\",",
		    "\"branch\": \"4.4.y-x\", \"optional\": \"x\", \"decision\": \"not-affected\",");
	expect_error(s, 0, "must be a port row");
	free(s);
}

#define HUNKS(v) "\"hunks\": " v ", "
#define HUNK(f, n) "{ \"file\": \"" f "\", \"old_start\": " #n " }"

/* The 5.10.y row of good with "hunks" @v. */
static char *with_hunks(const char *v)
{
	char *to = xasprintf("\"release\": \"5.10.46\",\n    %s", v);
	char *s = replace(good, "\"release\": \"5.10.46\",\n    ", to);

	free(to);
	return s;
}

/* Load @text in @root with its mbox; table_load_fix_diffs()'s result. */
static int load_with_mbox(const char *text, const char *mb_text,
			  struct table *t, struct parse_error *e)
{
	char tmpl[] = "/tmp/test_table_root.XXXXXX";
	char *root = mkdtemp(tmpl), *mb, *tp = write_tmp(text);
	int r;

	assert_non_null(root);
	mb = path_join(root, "upstream/x.mbox");
	assert_int_equal(write_file_atomic(mb, mb_text, strlen(mb_text)), 0);
	assert_int_equal(table_load(root, tp, t, e), 0);
	r = table_load_fix_diffs(t, e);
	unlink(tp);
	free(tp);
	assert_int_equal(remove_tree(root), 0);
	free(mb);
	return r;
}

/* "hunks": where the fix lands in a row's release. */
static void test_hunks(void **state)
{
	const struct branch *b;
	struct parse_error e;
	struct table t;
	char *s, *mb2;

	s = with_hunks(HUNKS("[ { \"file\": \"lib/gadget.c\", \"old_start\": 31 } ]"));
	assert_int_equal(load_with_mbox(s, mbox, &t, &e), 0);
	b = table_find(&t, "5.10.y");
	assert_int_equal(b->nhunks, 1);
	assert_string_equal(b->hunks[0].file, "lib/gadget.c");
	assert_int_equal(b->hunks[0].old_start, 31);
	assert_int_equal(table_find(&t, "4.4.y")->nhunks, 0);
	assert_null(table_find(&t, "4.4.y")->hunks);
	table_free(&t);
	free(s);

	/* What the fix has: one hunk, of lib/gadget.c. */
	s = with_hunks(HUNKS("[ " HUNK("lib/gadget.c", 3) ", " HUNK("lib/gadget.c", 9) " ]"));
	assert_int_equal(load_with_mbox(s, mbox, &t, &e), -1);
	assert_non_null(strstr(e.msg, "branch 5.10.y: \"hunks\" lists 2 hunks, the fix (upstream/x.mbox) has 1"));
	table_free(&t);
	free(s);
	s = with_hunks(HUNKS("[ { \"file\": \"lib/other.c\", \"old_start\": 3 } ]"));
	assert_int_equal(load_with_mbox(s, mbox, &t, &e), -1);
	assert_non_null(strstr(e.msg, "hunks[0] is of lib/other.c, hunk 1 of the fix changes lib/gadget.c"));
	table_free(&t);
	free(s);

	/* Two hunks in one file keep their order and do not overlap. */
	mb2 = replace(mbox, "--\040\n", "@@ -9,2 +10,3 @@\n {\n \tg = e;\n+\tg = h(g);\n--\040\n");
	s = with_hunks(HUNKS("[ " HUNK("lib/gadget.c", 3) ", " HUNK("lib/gadget.c", 4) " ]"));
	assert_int_equal(load_with_mbox(s, mb2, &t, &e), -1);
	assert_non_null(strstr(e.msg, "hunks[1] starts at line 4, inside or before hunk 1 of lib/gadget.c"));
	table_free(&t);
	free(s);
	s = with_hunks(HUNKS("[ " HUNK("lib/gadget.c", 3) ", " HUNK("lib/gadget.c", 5) " ]"));
	assert_int_equal(load_with_mbox(s, mb2, &t, &e), 0);
	assert_int_equal(table_find(&t, "5.10.y")->hunks[1].old_start, 5);
	table_free(&t);
	free(s);
	free(mb2);

	/* The shape of the record. */
	s = with_hunks(HUNKS("[ { \"file\": \"lib/gadget.c\", \"old_start\": 0 } ]"));
	expect_error(s, 0, "hunks[0].old_start must be a line number");
	free(s);
	s = with_hunks(HUNKS("[ { \"file\": \"lib/gadget.c\", \"old_start\": \"31\" } ]"));
	expect_error(s, 0, "hunks[0].old_start must be a line number");
	free(s);
	s = with_hunks(HUNKS("[ { \"file\": \"../gadget.c\", \"old_start\": 3 } ]"));
	expect_error(s, 0, "must be a path inside the tree");
	free(s);
	s = with_hunks(HUNKS("[ { \"old_start\": 3 } ]"));
	expect_error(s, 0, "missing \"file\"");
	free(s);
	s = with_hunks(HUNKS("[ 3 ]"));
	expect_error(s, 0, "hunks[0] must be an object");
	free(s);
	s = with_hunks(HUNKS("[ ]"));
	expect_error(s, 0, "\"hunks\" must be a non-empty list");
	free(s);
	/* Only a row whose port is generated has one. */
	s = replace(good, "\"reason\": \"old\",",
		    "\"reason\": \"old\", " HUNKS("[ { \"file\": \"a\", \"old_start\": 1 } ]"));
	expect_error(s, 0, "branch 4.4.y: \"hunks\" belongs to a port row");
	free(s);
	s = with_row(OPT_ROW("4.19.y-optional",
			     "\"optional\": \"OPTIONAL\", " HUNKS("[ { \"file\": \"a\", \"old_start\": 1 } ]")));
	expect_error(s, 0, "branch 4.19.y-optional: \"hunks\" belongs to a port row");
	free(s);
}

static void test_versions(void **state)
{
	unsigned int a, b, c;

	assert_int_equal(parse_version("5.10.44", &a, &b, &c), 0);
	assert_int_equal(a * 10000 + b * 100 + c, 51044);
	assert_int_equal(parse_version("5.10.y", &a, &b, &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(parse_version("4.5", &a, &b, &c), 0);
	assert_int_equal(parse_version("5.10.x", &a, &b, &c), -1);
	assert_int_equal(parse_version("five", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.10.44rc", &a, &b, &c), -1);
	/*
	 * What sscanf() let through and valid.c refuses: a sign, white
	 * space, text after ".y", leading zeros, numbers that wrap.
	 */
	assert_int_equal(parse_version(" 5.10.44", &a, &b, &c), -1);
	assert_int_equal(parse_version("+5.10.44", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.10.-1", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.10.y x", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.10.yes", &a, &b, &c), -1);
	assert_int_equal(parse_version("05.10.1", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.4294967301.1", &a, &b, &c), -1);
	assert_int_equal(parse_version("5.10.", &a, &b, &c), -1);
	a = 7;
	assert_int_equal(parse_version("5.10.0", &a, &b, &c), 0);
	assert_int_equal(a * 10000 + b * 100 + c, 51000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_work),
		cmocka_unit_test(test_boot_append),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_fix_diffs),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_optional),
		cmocka_unit_test(test_hunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
