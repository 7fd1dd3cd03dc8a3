// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/compat.c and scripts/compat-apply.c: the
 * committed configs/compat.json, hostile data files and patches, the
 * content test, and applying the committed patch with the real patch(1)
 * to small trees made by the tests.
 */
#include <fcntl.h>
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

#include "compat.h"
#include "util.h"

#define ELF_C	"tools/objtool/elf.c"
#define COMMIT	"1d489151e9f9d1647110277ff77282fe4d96d09b"

/* read_symbols() of 5.10.7 (before the fix) and 5.10.46 (after). */
#define HEAD \
	"static int read_symbols(struct elf *elf)\n" \
	"{\n" \
	"\tstruct section *symtab, *symtab_shndx, *sec;\n" \
	"\n" \
	"\tsymtab = find_section_by_name(elf, \".symtab\");\n" \
	"\tif (!symtab) {\n"
#define TAIL \
	"\t}\n" \
	"\n" \
	"\tsymtab_shndx = find_section_by_name(elf, \".symtab_shndx\");\n" \
	"\treturn 0;\n" \
	"}\n"
static const char before[] = HEAD
	"\t\tWARN(\"missing symbol table\");\n"
	"\t\treturn -1;\n" TAIL;
static const char after[] = HEAD
	"\t\t/*\n"
	"\t\t * A missing symbol table is actually possible if it's an empty\n"
	"\t\t * .o file.  This can happen for thunk_64.o.\n"
	"\t\t */\n"
	"\t\treturn 0;\n" TAIL;

static char *top;

static char *put(const char *rel, const char *text)
{
	char *p = path_join(top, rel), *d = xstrdup(p);

	*strrchr(d, '/') = 0;
	assert_int_equal(mkdir_p(d, 0755), 0);
	assert_int_equal(write_file_atomic(p, text, strlen(text)), 0);
	free(d);
	return p;
}

static const struct compat_test objtool = {
	.file = ELF_C, .function = "read_symbols",
	.line = "WARN(\"missing symbol table\");",
};

static bool needs(const struct compat_test *t, const char *text)
{
	return compat_text_needs(t, text, strlen(text));
}

/* The committed data file loads, and its test tells 5.10.7 from 5.10.46. */
static void test_committed(void **state)
{
	struct compat_list l;
	char msg[512];

	if (compat_load(".", &l, msg, sizeof(msg)))
		fail_msg("%s", msg);
	/* One commit, as 5.10.y and as 5.4.y shipped it. */
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[1].commit, COMMIT);
	assert_int_equal(l.e[0].group, 0);
	assert_int_equal(l.e[1].group, 0);
	assert_int_equal(l.e[1].alt, 1);
	assert_string_not_equal(l.e[0].patch_sha256, l.e[1].patch_sha256);
	assert_string_equal(l.e[0].commit, COMMIT);
	assert_string_equal(l.e[0].subject,
			    "objtool: Don't fail on missing symbol table");
	assert_string_equal(l.e[0].test.file, ELF_C);
	assert_int_equal(l.e[0].files.n, 1);
	assert_string_equal(l.e[0].files.v[0], ELF_C);
	assert_int_equal(strlen(l.e[0].patch_sha256), 64);
	assert_non_null(l.e[0].toolchain);
	assert_true(needs(&l.e[0].test, before));
	assert_false(needs(&l.e[0].test, after));
	compat_free(&l);
}

static void test_text_needs(void **state)
{
	static const struct {
		const char *text;
		bool needed;
	} c[] = {
		{ before, true },
		{ after, false },
		{ "", false },
		/* In another function. */
		{ "static int other(void)\n{\n\tWARN(\"missing symbol table\");\n}\n", false },
		/* After the function's end. */
		{ HEAD "\t}\n}\n\tWARN(\"missing symbol table\");\n", false },
		/* A prototype is no definition; a call neither. */
		{ "static int read_symbols(struct elf *elf);\n\tWARN(\"missing symbol table\");\n", false },
		{ "int f(void)\n{\n\tread_symbols(elf);\n\tWARN(\"missing symbol table\");\n}\n", false },
		/* A longer name is another function. */
		{ "static int xread_symbols(struct elf *elf)\n{\n\tWARN(\"missing symbol table\");\n}\n", false },
		/* Blanks around the line, no newline at the end. */
		{ "int\nread_symbols (struct elf *elf)\n{\n  WARN(\"missing symbol table\");  \t", true },
		/* Only part of a line. */
		{ HEAD "\t\tWARN(\"missing symbol table\"); x();\n" TAIL, false },
	};
	struct compat_test any = objtool;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		if (needs(&objtool, c[i].text) != c[i].needed)
			fail_msg("case %zu: expected %d", i, c[i].needed);
	any.function = NULL;
	assert_true(needs(&any, c[3].text));
	assert_false(needs(&any, after));
}

#define ENTRY(body) "{\"compat\": [{" body "}]}"
#define GOOD_BODY \
	"\"commit\": \"" COMMIT "\", \"subject\": \"s\", " \
	"\"patch\": \"configs/compat/p.patch\", " \
	"\"needed_if\": {\"file\": \"a/b.c\", \"function\": \"f\", " \
	"\"line\": \"x();\"}"

/* Every hostile value is refused with the field it is in. */
static void test_parse_hostile(void **state)
{
	static const struct {
		const char *doc, *want;
	} c[] = {
		{ "{", "x.json:1:" },
		{ "[]", "x.json: an array, not a JSON object" },
		{ "{\"compat\": [], \"extra\": 1}", "x.json: extra: unknown key" },
		{ "{}", "x.json: compat: missing" },
		{ "{\"compat\": {}}", "compat: an object, not an array" },
		{ "{\"compat\": [\"x\"]}", "compat[0]: a string, not an object" },
		{ ENTRY(GOOD_BODY ", \"neded_if\": 1"), "compat[0].neded_if: unknown key" },
		{ "{\"compat\": [{" GOOD_BODY "}, {" GOOD_BODY "}]}", "compat[1]: commit " COMMIT " is listed twice" },
		{ ENTRY("\"commit\": \"1d489151e9f9\""), "compat[0].commit: \"1d489151e9f9\" is not a commit id" },
		{ ENTRY("\"commit\": \"1D489151E9F9D1647110277FF77282FE4D96D09B\""), "compat[0].commit" },
		{ ENTRY("\"commit\": \"" COMMIT "\""), "compat[0].subject: missing" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"a\\nb\""), "compat[0].subject: holds a newline" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"/etc/passwd\""), "compat[0].patch: \"/etc/passwd\" is not a relative path inside the project" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"../x.patch\""), "compat[0].patch: \"../x.patch\"" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"configs/../../x\""), "compat[0].patch" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"configs//x\""), "compat[0].patch" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"p\""), "compat[0].needed_if: missing" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"p\", \"needed_if\": {\"file\": \"../../etc/shadow\", \"line\": \"x\"}"), "compat[0].needed_if.file: \"../../etc/shadow\" is not a relative path inside the tree" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"p\", \"needed_if\": {\"file\": \"a\", \"function\": \"read symbols\", \"line\": \"x\"}"), "compat[0].needed_if.function: \"read symbols\" is not a C identifier" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"p\", \"needed_if\": {\"file\": \"a\", \"line\": \" \\t \"}"), "compat[0].needed_if.line: blank" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": \"p\", \"needed_if\": {\"file\": \"a\", \"line\": \"x\", \"lines\": 2}"), "compat[0].needed_if.lines: unknown key" },
		{ ENTRY(GOOD_BODY ", \"toolchain\": \"\""), "compat[0].toolchain: empty" },
		{ ENTRY(GOOD_BODY ", \"toolchain\": 2.36"), "compat[0].toolchain: a number, not a string" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": []"), "compat[0].patch: an empty list" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": [\"p\", \"../x\"]"), "compat[0].patch[1]: \"../x\" is not a relative path inside the project" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": [\"p\", \"b/c.p\x7f\"]"), "compat[0].patch[1]: holds a control character (0x7f) at offset 5; one line is expected" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": [\"p\", 3]"), "compat[0].patch[1]: a number, not a string" },
		{ ENTRY("\"commit\": \"" COMMIT "\", \"subject\": \"s\", \"patch\": [\"/etc/passwd\"]"), "compat[0].patch[0]" },
	};
	struct compat_list l;
	char msg[512];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		msg[0] = 0;
		if (!compat_parse(c[i].doc, strlen(c[i].doc), "x.json", &l,
				  msg, sizeof(msg)))
			fail_msg("case %zu accepted: %s", i, c[i].doc);
		if (!strstr(msg, c[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, msg,
				 c[i].want);
		compat_free(&l);
	}
	assert_int_equal(compat_parse(ENTRY(GOOD_BODY), strlen(ENTRY(GOOD_BODY)),
				      "x.json", &l, msg, sizeof(msg)), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.e[0].test.line, "x();");
	compat_free(&l);
#define LIST_BODY "\"commit\": \"" COMMIT "\", \"subject\": \"s\", " \
	"\"patch\": [\"a.patch\", \"b.patch\"], " \
	"\"needed_if\": {\"file\": \"a/b.c\", \"line\": \"x();\"}"
	assert_int_equal(compat_parse(ENTRY(LIST_BODY), strlen(ENTRY(LIST_BODY)),
				      "x.json", &l, msg, sizeof(msg)), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[1].patch, "b.patch");
	assert_string_equal(l.e[1].test.file, "a/b.c");
	assert_int_equal(l.e[1].alt, 1);
	compat_free(&l);
}

/* A root holding COMPAT_FILE (one entry, GOOD_BODY) and @patch. */
static char *root_with(const char *name, const char *patch)
{
	char *rel = xasprintf("%s/%s", name, COMPAT_FILE);

	free(put(rel, ENTRY(GOOD_BODY)));
	free(rel);
	rel = xasprintf("%s/configs/compat/p.patch", name);
	if (patch)
		free(put(rel, patch));
	free(rel);
	return path_join(top, name);
}

#define MAIL_FROM(commit, subject, path) \
	"From " commit " Mon Sep 17 00:00:00 2001\n" \
	"From: A <a@example.org>\n" \
	"Subject: [PATCH] " subject "\n\nWhy.\n---\n" \
	"diff --git a/" path " b/" path "\n--- a/" path "\n+++ b/" path "\n" \
	"@@ -1 +1 @@\n-x();\n+y();\n"
#define MAIL(subject, path)	MAIL_FROM(COMMIT, subject, path)

static void test_load_hostile(void **state)
{
	static const struct {
		const char *patch, *want;
	} c[] = {
		{ NULL, "compat[0].patch: configs/compat/p.patch: No such file" },
		{ "not a patch\n", "compat[0].patch: configs/compat/p.patch:" },
		{ MAIL("t", "a/b.c"), "subject \"t\", not \"s\"" },
		{ MAIL_FROM("0000000000000000000000000000000000000000", "s", "a/b.c"), "its From line names 0000000000000000000000000000000000000000" },
		{ MAIL("s", "../b.c"), "path \"../b.c\" leaves the tree" },
		{ MAIL("s", "a/c.c"), "does not touch a/b.c (needed_if.file)" },
	};
	struct compat_list l;
	char msg[1024], name[16], *root, *p, *out;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		snprintf(name, sizeof(name), "h%zu", i);
		root = root_with(name, c[i].patch);
		if (!compat_load(root, &l, msg, sizeof(msg)))
			fail_msg("case %zu accepted", i);
		if (!strstr(msg, c[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, msg,
				 c[i].want);
		compat_free(&l);
		free(root);
	}
	/* A patch that is a symlink out of the project. */
	out = put("outside.patch", MAIL("s", "a/b.c"));
	root = root_with("hl", NULL);
	p = path_join(root, "configs/compat");
	assert_int_equal(mkdir_p(p, 0755), 0);
	free(p);
	p = path_join(root, "configs/compat/p.patch");
	assert_int_equal(symlink(out, p), 0);
	assert_int_not_equal(compat_load(root, &l, msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "compat[0].patch: configs/compat/p.patch: resolves to"));
	assert_non_null(strstr(msg, "outside"));
	compat_free(&l);
	free(p);
	free(root);
	free(out);
	/* And the good one. */
	root = root_with("ok", MAIL("s", "a/b.c"));
	if (compat_load(root, &l, msg, sizeof(msg)))
		fail_msg("%s", msg);
	assert_string_equal(l.e[0].files.v[0], "a/b.c");
	compat_free(&l);
	free(root);
}

static void mtime_of(const char *p, struct timespec *ts)
{
	struct stat st;

	assert_int_equal(stat(p, &st), 0);
	*ts = st.st_mtim;
}

/* The committed patch on a tree and its copy, with the real patch(1). */
static void test_apply(void **state)
{
	char *tree = path_join(top, "tree"), *copy = path_join(top, "copy");
	char *log = path_join(top, "build.log"), *te, *ce, msg[1024];
	const struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct strbuf sb = STRBUF_INIT;
	struct timespec a, b;
	struct compat_list l;
	int i;

	if (compat_load(".", &l, msg, sizeof(msg)))
		fail_msg("%s", msg);
	te = put("tree/" ELF_C, before);
	assert_int_equal(utimensat(AT_FDCWD, te, old, 0), 0);
	ce = put("copy/" ELF_C, before);
	assert_int_equal(compat_tree_needs(&l.e[0], tree, msg, sizeof(msg)), 1);
	/* Twice: the second run starts again from the tree's file. */
	for (i = 0; i < 2; i++) {
		if (compat_apply(&l.e[0], tree, copy, log, msg, sizeof(msg)))
			fail_msg("run %d: %s", i, msg);
		assert_int_equal(read_file(ce, &sb), 0);
		assert_string_equal(sb_str(&sb), after);
		sb_reset(&sb);
		mtime_of(te, &a);
		mtime_of(ce, &b);
		assert_true(a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec);
		assert_int_equal(compat_tree_needs(&l.e[0], copy, msg,
						   sizeof(msg)), 0);
	}
	/* The tree is only read; a tree without the file needs nothing. */
	assert_int_equal(read_file(te, &sb), 0);
	assert_string_equal(sb_str(&sb), before);
	assert_int_equal(compat_tree_needs(&l.e[0], copy, msg, sizeof(msg)), 0);
	assert_int_equal(compat_tree_needs(&l.e[0], top, msg, sizeof(msg)), 0);
	/* Other context: an error naming the patch and the file. */
	free(put("tree/" ELF_C, HEAD "\t\tWARN(\"missing symbol table\");\n"
		 "\t\treturn -2;\n" TAIL));
	assert_int_not_equal(compat_apply(&l.e[0], tree, copy, log, msg,
					  sizeof(msg)), 0);
	assert_non_null(strstr(msg, "compat patch configs/compat/1d489151e9f9.patch (1d489151e9f9 \"objtool: Don't fail on missing symbol table\") does not apply to " ELF_C ": Hunk #1 FAILED at 354"));
	assert_null(strstr(msg, "354."));
	sb_release(&sb);
	compat_free(&l);
	free(te);
	free(ce);
	free(log);
	free(copy);
	free(tree);
}

/* read_symbols() shaped like 5.4's: "symbols_nr" follows the hunk. */
#define TAIL54 \
	"\t}\n" \
	"\n" \
	"\tsymbols_nr = symtab->sh.sh_size / symtab->sh.sh_entsize;\n" \
	"\treturn 0;\n" \
	"}\n"

/* The list's patches are chosen by where their hunks stand. */
static void test_places(void **state)
{
	char *tree = path_join(top, "tree54"), msg[1024];
	struct compat_list l;
	char *te;

	if (compat_load(".", &l, msg, sizeof(msg)))
		fail_msg("%s", msg);
	te = put("tree54/" ELF_C, HEAD "\t\tWARN(\"missing symbol table\");\n"
		 "\t\treturn -1;\n" TAIL54);
	assert_int_equal(compat_tree_needs(&l.e[0], tree, msg, sizeof(msg)), 1);
	assert_int_equal(compat_tree_places(&l.e[0], tree, msg, sizeof(msg)), 0);
	assert_int_equal(compat_tree_places(&l.e[1], tree, msg, sizeof(msg)), 1);
	free(put("tree54/" ELF_C, before));
	assert_int_equal(compat_tree_places(&l.e[0], tree, msg, sizeof(msg)), 1);
	assert_int_equal(compat_tree_places(&l.e[1], tree, msg, sizeof(msg)), 0);
	compat_field(&l.e[1], msg, sizeof(msg));
	assert_string_equal(msg, "compat[0]");
	compat_free(&l);
	free(te);
	free(tree);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_committed),
		cmocka_unit_test(test_text_needs),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_load_hostile),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_places),
	};
	char tmpl[] = "/tmp/test_compat.XXXXXX";
	int r;

	top = mkdtemp(tmpl);
	assert_non_null(top);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	remove_tree(top);
	return r;
}
