// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/kcidb.c on results documents read with
 * results_parse().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kcidb.h"
#include "results.h"
#include "util.h"

static const char port_doc[] =
	"{ \"branch\": \"5.4.y\", \"decision\": \"port\",\n"
	"  \"verdict\": \"port-fails\", \"runs_per_variant\": 2,\n"
	"  \"tree\": { \"source\": \"--tree\", \"dir\": \"v5.4.59\" },\n"
	"  \"toolchain\": { \"cc\": \"gcc-11\" },\n"
	"  \"timings\": { \"total\": 100.4 },\n"
	"  \"ab\": {\n"
	"   \"a\": { \"variant\": \"base\", \"verdict\": \"FAIL\",\n"
	"     \"build\": { \"ok\": true, \"seconds\": 5 },\n"
	"     \"runs\": [ { \"run\": 1, \"outcome\": \"FAIL\",\n"
	"                   \"kind\": \"soft-lockup\", \"boot_seconds\": 9,\n"
	"                   \"excerpt\": \"x\\n\",\n"
	"                   \"log\": \"logs/5.4.y/base-1.txt\",\n"
	"                   \"match\": \"bug\",\n"
	"                   \"match_reason\": \"soft lockup in __migration_entry_wait\",\n"
	"                   \"frames\": [ \"__migration_entry_wait\" ],\n"
	"                   \"work\": { \"t\": 2.5, \"split_attempts\": 10,\n"
	"                     \"splits\": 3, \"rollbacks\": 1,\n"
	"                     \"tail_faults\": 363520, \"recreates\": 2 } },\n"
	"                 { \"run\": 2, \"outcome\": \"SKIP\" } ] },\n"
	"   \"b\": { \"variant\": \"patched\", \"verdict\": \"ERROR\",\n"
	"     \"build\": { \"ok\": false, \"error\": \"make failed:\\nld\" },\n"
	"     \"runs\": [ { \"run\": 1, \"outcome\": \"ERROR\",\n"
	"                   \"error\": \"qemu could not be started\" },\n"
	"                 { \"run\": 2, \"outcome\": \"ERROR\",\n"
	"                   \"kind\": \"no-boot\" } ] } },\n"
	"  \"finished\": \"2026-03-01T00:01:00Z\" }\n";

static const struct kcidb_opts opts = {
	.origin = "backport", .arch = "x86_64", .test_path = "thp.wait",
};

static void parse(const char *doc, struct results *r)
{
	char msg[512];

	if (results_parse(doc, strlen(doc), "doc", r, msg, sizeof(msg)))
		fail_msg("%s", msg);
}

static const char *str_at(json_t *arr, size_t i, const char *key)
{
	json_t *v = json_object_get(json_array_get(arr, i), key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* The schema allows no null anywhere. */
static void assert_no_null(json_t *j)
{
	const char *k;
	json_t *v;
	size_t i;

	assert_false(json_is_null(j));
	if (json_is_object(j))
		json_object_foreach(j, k, v)
			assert_no_null(v);
	else if (json_is_array(j))
		json_array_foreach(j, i, v)
			assert_no_null(v);
}

static void test_document(void **state)
{
	const struct results *rs[1];
	json_t *doc, *co, *bu, *te, *misc;
	struct results r;

	parse(port_doc, &r);
	rs[0] = &r;
	doc = kcidb_document(rs, 1, &opts);
	assert_no_null(doc);
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(doc, "version"), "major")), 5);
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(doc, "version"), "minor")), 3);
	co = json_object_get(doc, "checkouts");
	bu = json_object_get(doc, "builds");
	te = json_object_get(doc, "tests");
	assert_int_equal(json_array_size(co), 1);
	assert_int_equal(json_array_size(bu), 2);
	assert_int_equal(json_array_size(te), 4);
	assert_string_equal(str_at(co, 0, "id"),
			    "backport:5.4.y/2026-03-01T00:01:00Z");
	assert_string_equal(str_at(co, 0, "origin_tests_finish_time"),
			    "2026-03-01T00:01:00Z");
	assert_string_equal(str_at(bu, 1, "id"),
			    "backport:5.4.y/2026-03-01T00:01:00Z/patched");
	assert_string_equal(str_at(bu, 1, "checkout_id"), str_at(co, 0, "id"));
	assert_string_equal(str_at(bu, 0, "status"), "PASS");
	assert_string_equal(str_at(bu, 1, "status"), "FAIL");
	assert_string_equal(str_at(bu, 1, "log_excerpt"), "make failed:\nld");
	assert_string_equal(str_at(bu, 0, "compiler"), "gcc-11");
	assert_string_equal(str_at(te, 0, "id"),
			    "backport:5.4.y/2026-03-01T00:01:00Z/base/1");
	assert_string_equal(str_at(te, 0, "build_id"), str_at(bu, 0, "id"));
	assert_string_equal(str_at(te, 0, "path"), "thp.wait");
	assert_string_equal(str_at(te, 0, "status"), "FAIL");
	assert_string_equal(str_at(te, 0, "log_excerpt"), "x\n");
	assert_string_equal(str_at(te, 1, "status"), "SKIP");
	assert_string_equal(str_at(te, 2, "status"), "MISS");
	assert_string_equal(str_at(te, 3, "status"), "ERROR");
	assert_null(json_object_get(json_array_get(te, 1), "duration"));
	/* The excerpt's path relative to results/; the tree without a path. */
	misc = json_object_get(json_array_get(te, 0), "misc");
	assert_string_equal(json_string_value(json_object_get(misc, "log")),
			    "logs/5.4.y/base-1.txt");
	/* Whether the FAIL is the bug, and the work the test had done. */
	assert_string_equal(json_string_value(json_object_get(misc, "match")),
			    "bug");
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(misc, "frames"), 0)), "__migration_entry_wait");
	assert_null(json_object_get(misc, "match_derived"));
	assert_int_equal(json_integer_value(json_object_get(
		json_object_get(misc, "work"), "splits")), 3);
	assert_true(json_real_value(json_object_get(
		json_object_get(misc, "work"), "t")) == 2.5);
	/* A SKIP is no FAIL: no match; nothing recorded: no work. */
	misc = json_object_get(json_array_get(te, 1), "misc");
	assert_null(json_object_get(misc, "match"));
	assert_null(json_object_get(misc, "work"));
	misc = json_object_get(json_object_get(json_array_get(co, 0), "misc"),
			       "tree");
	assert_string_equal(json_string_value(json_object_get(misc, "source")),
			    "--tree");
	assert_string_equal(json_string_value(json_object_get(misc, "dir")),
			    "v5.4.59");
	assert_null(json_object_get(misc, "path"));
	json_decref(doc);
	results_free(&r);
}

static void test_start_time(void **state)
{
	const struct results *rs[1];
	struct results r;
	json_t *doc;

	parse(port_doc, &r);
	rs[0] = &r;
	doc = kcidb_document(rs, 1, &opts);
	/* 2026 is no leap year: 00:01:00 on March 1st less 100 s. */
	assert_string_equal(str_at(json_object_get(doc, "checkouts"), 0,
				   "start_time"), "2026-02-28T23:59:20Z");
	json_decref(doc);
	results_free(&r);
}

/* A long excerpt is cut to KCIDB_EXCERPT_MAX bytes, never mid-character. */
static void test_excerpt_cut(void **state)
{
	struct strbuf ex = STRBUF_INIT;
	const struct results *rs[1];
	struct results r;
	const char *got;
	json_t *doc;
	char *text;
	size_t i;

	for (i = 0; i < KCIDB_EXCERPT_MAX - 1; i++)
		sb_addc(&ex, 'x');
	sb_adds(&ex, "\xc3\xa9 tail");
	text = xasprintf("{ \"branch\": \"6.1.y\", \"decision\": \"fixed-upstream\",\n"
			 "  \"verdict\": \"pass\", \"run\": { \"variant\": \"base\",\n"
			 "  \"verdict\": \"PASS\", \"runs\": [ { \"outcome\": \"PASS\",\n"
			 "  \"excerpt\": \"%s\" } ] } }\n", ex.buf);
	parse(text, &r);
	rs[0] = &r;
	doc = kcidb_document(rs, 1, &opts);
	got = str_at(json_object_get(doc, "tests"), 0, "log_excerpt");
	assert_int_equal(strlen(got), KCIDB_EXCERPT_MAX - 1);
	assert_int_equal(got[KCIDB_EXCERPT_MAX - 2], 'x');
	/* No finished time: the id is the branch alone. */
	assert_string_equal(str_at(json_object_get(doc, "checkouts"), 0, "id"),
			    "backport:6.1.y");
	assert_null(json_object_get(json_array_get(json_object_get(doc,
		"checkouts"), 0), "start_time"));
	json_decref(doc);
	results_free(&r);
	free(text);
	sb_release(&ex);
}

static void test_path_node(void **state)
{
	char *s = kcidb_path_node("__migration_entry_wait");

	assert_string_equal(s, "migration_entry_wait");
	free(s);
	s = kcidb_path_node("a.b c/d-e");
	assert_string_equal(s, "a_b_c_d-e");
	free(s);
	s = kcidb_path_node("__");
	assert_string_equal(s, "test");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_start_time),
		cmocka_unit_test(test_excerpt_cut),
		cmocka_unit_test(test_path_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
