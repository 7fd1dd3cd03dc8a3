// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of scripts/patch.c: mail headers, in-body From:, trailers,
 * diffs, and the line numbers of every error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mailhdr.h"
#include "patch.h"
#include "util.h"

#define GOOD_DIFF \
	"diff --git a/lib/widget.c b/lib/widget.c\n" \
	"--- a/lib/widget.c\n" \
	"+++ b/lib/widget.c\n" \
	"@@ -10,4 +10,5 @@ int widget_spin(struct widget *w)\n" \
	" \tif (!w)\n" \
	" \t\treturn -EINVAL;\n" \
	" \tw->turns++;\n" \
	"+\tw->spun = true;\n" \
	" \treturn 0;\n"

static const char good[] =
	"From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n"
	"From: Ada Example <ada@example.org>\n"
	"Date: Mon, 1 Feb 2021 10:00:00 +0000\n"
	"Subject: [PATCH v2 1/3] widget: remember that\n"
	" it spun\n"
	"Message-Id: <spin.1@example.org>\n"
	"\n"
	"Widgets forget they spun.  Remember it.\n"
	"\n"
	"Fixes: 0123456789ab (\"widget: add spinning\")\n"
	"Signed-off-by: Ada Example <ada@example.org>\n"
	"---\n"
	" lib/widget.c | 1 +\n"
	"\n"
	GOOD_DIFF;

static int parse(const char *s, struct patch *p, struct parse_error *e)
{
	return patch_parse(s, strlen(s), p, e);
}

static void test_good_mail(void **state)
{
	struct patch p;
	struct parse_error e;

	assert_int_equal(parse(good, &p, &e), 0);
	assert_string_equal(p.author, "Ada Example <ada@example.org>");
	assert_false(p.inbody_from);
	assert_int_equal(p.author_line, 2);
	assert_string_equal(p.date, "Mon, 1 Feb 2021 10:00:00 +0000");
	/* Folded Subject: unfolded, [PATCH ...] stripped. */
	assert_string_equal(p.subject, "widget: remember that it spun");
	assert_string_equal(p.raw_subject,
			    "[PATCH v2 1/3] widget: remember that it spun");
	assert_int_equal(patch_header(&p, "subject")->line, 4);
	assert_string_equal(p.message_id, "spin.1@example.org");
	assert_string_equal(p.first_line,
			    "Widgets forget they spun.  Remember it.");
	assert_int_equal(p.first_line_no, 8);
	assert_int_equal(p.ntrailers, 2);
	assert_string_equal(p.trailers[0].key, "Fixes");
	assert_int_equal(p.trailers[0].line, 10);
	assert_false(p.trailers[0].wrapped);
	assert_string_equal(p.trailers[1].value,
			    "Ada Example <ada@example.org>");
	assert_int_equal(p.trailers[1].line, 11);
	assert_int_equal(p.diff_line, 15);
	assert_true(starts_with(p.diff, "diff --git a/lib/widget.c"));
	assert_int_equal(p.nfiles, 1);
	assert_string_equal(p.files[0].old_path, "lib/widget.c");
	assert_string_equal(p.files[0].new_path, "lib/widget.c");
	assert_true(p.files[0].git_header);
	assert_int_equal(p.files[0].nhunks, 1);
	assert_int_equal(p.files[0].hunks[0].line, 18);
	assert_int_equal(p.files[0].hunks[0].old_start, 10);
	assert_int_equal(p.files[0].hunks[0].new_count, 5);
	assert_int_equal(p.files[0].hunks[0].added, 1);
	assert_int_equal(p.files[0].hunks[0].removed, 0);
	assert_string_equal(p.files[0].hunks[0].section,
			    "int widget_spin(struct widget *w)");
	patch_free(&p);
}

static void test_inbody_from_and_wrapped_fixes(void **state)
{
	static const char s[] =
		"From: Porter <porter@example.org>\n"
		"Subject: widget: spin\n"
		"\n"
		"From: Ada Example <ada@example.org>\n"
		"\n"
		"commit 0123456789abcdef0123456789abcdef01234567 upstream.\n"
		"\n"
		"Text.\n"
		"\n"
		"Fixes: 0123456789ab (\"widget: add\n"
		"  spinning\")\n"
		"Signed-off-by: Porter <porter@example.org>\n"
		"---\n"
		GOOD_DIFF;
	struct patch p;
	struct parse_error e;

	assert_int_equal(parse(s, &p, &e), 0);
	assert_true(p.inbody_from);
	assert_string_equal(p.author, "Ada Example <ada@example.org>");
	assert_int_equal(p.author_line, 4);
	assert_int_equal(p.first_line_no, 6);
	assert_string_equal(p.first_line,
			    "commit 0123456789abcdef0123456789abcdef01234567 upstream.");
	assert_int_equal(p.ntrailers, 2);
	assert_true(p.trailers[0].wrapped);
	assert_int_equal(p.trailers[0].line, 10);
	assert_string_equal(p.trailers[0].value,
			    "0123456789ab (\"widget: add spinning\")");
	assert_false(p.trailers[1].wrapped);
	assert_int_equal(p.trailers[1].line, 12);
	patch_free(&p);
}

static void expect_error(const char *s, size_t len, unsigned int line,
			 const char *needle)
{
	struct patch p;
	struct parse_error e;

	assert_int_equal(patch_parse(s, len, &p, &e), -1);
	if (line != e.line || !strstr(e.msg, needle))
		fail_msg("want line %u \"%s\", got line %u \"%s\"", line,
			 needle, e.line, e.msg);
	/* patch_free() after a failed parse must be harmless. */
	patch_free(&p);
}

static void test_crlf_rejected(void **state)
{
	char *s = xasprintf("From: A <a@b>\nSubject: x\n\nBody\r\n---\n%s",
			    GOOD_DIFF);

	expect_error(s, strlen(s), 4, "CRLF");
	free(s);
}

static void test_nul_rejected(void **state)
{
	char s[] = "From: A <a@b>\nSubject: x\n\nBo?dy\n";

	*strchr(s, '?') = '\0';
	expect_error(s, sizeof(s) - 1, 4, "NUL byte at column 3");
}

static void test_truncated_hunk(void **state)
{
	static const char s[] =
		"From: A <a@b>\nSubject: x\n\nBody\n---\n"
		"--- a/f.c\n+++ b/f.c\n"
		"@@ -1,3 +1,4 @@\n"
		" a\n+b\n";

	expect_error(s, strlen(s), 8, "truncated hunk");
}

static void test_wrong_counts(void **state)
{
	static const char more_added[] =
		"From: A <a@b>\nSubject: x\n\nBody\n---\n"
		"--- a/f.c\n+++ b/f.c\n"
		"@@ -1,1 +1,2 @@\n"
		" a\n+b\n+c\n";
	static const char junk[] =
		"From: A <a@b>\nSubject: x\n\nBody\n---\n"
		"--- a/f.c\n+++ b/f.c\n"
		"@@ -1,2 +1,2 @@\n"
		" a\n*b\n";
	static const char bad_header[] =
		"From: A <a@b>\nSubject: x\n\nBody\n---\n"
		"--- a/f.c\n+++ b/f.c\n"
		"@@ -x +1 @@\n";

	expect_error(more_added, strlen(more_added), 11,
		     "more lines than its @@ header counts");
	expect_error(junk, strlen(junk), 10, "unexpected line");
	expect_error(bad_header, strlen(bad_header), 8,
		     "malformed hunk header");
}

static void test_huge_line(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	sb_adds(&sb, "From: A <a@b>\nSubject: x\n\n");
	for (i = 0; i < PATCH_MAX_LINE + 10; i++)
		sb_addc(&sb, 'x');
	sb_adds(&sb, "\n");
	expect_error(sb.buf, sb.len, 4, "longer than");
	sb_release(&sb);
}

static void test_no_headers_no_diff(void **state)
{
	static const char noh[] = "Just some text\nno headers\n";
	static const char nodiff[] =
		"From: A <a@b>\nSubject: x\n\nBody only.\nMore.\n";
	static const char nofrom[] =
		"Subject: x\n\nBody\n---\n" GOOD_DIFF;
	struct patch p;
	struct parse_error e;

	expect_error(noh, strlen(noh), 1, "not a mail header");
	expect_error(nodiff, strlen(nodiff), 5, "no diff found");
	expect_error(nofrom, strlen(nofrom), 1, "From:");
	assert_int_equal(patch_parse("", 0, &p, &e), -1);
	assert_non_null(strstr(e.msg, "empty"));
}

static void test_parse_at_offsets_lines(void **state)
{
	struct patch p;
	struct parse_error e;
	char *s = xasprintf("From: A <a@b>\nSubject: x\n\nB\r\n");

	assert_int_equal(patch_parse_at(s, strlen(s), 100, &p, &e), -1);
	assert_int_equal(e.line, 103);
	free(s);
}

struct split {
	unsigned int n;
	unsigned int lines[4];
	char subj[4][32];
};

static int on_msg(const char *msg, size_t len, unsigned int first_line,
		  void *arg)
{
	struct split *sp = arg;
	const char *s = memmem(msg, len, "Subject: ", 9);

	if (sp->n < 4) {
		sp->lines[sp->n] = first_line;
		if (s)
			snprintf(sp->subj[sp->n], sizeof(sp->subj[0]), "%.*s",
				 (int)strcspn(s + 9, "\n"), s + 9);
	}
	sp->n++;
	return 0;
}

static void test_mbox_split(void **state)
{
	static const char mbox[] =
		"From 1 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: one\n\nbody\n\n"
		"From 2 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: two\n\nbody\nFrom here on, not a separator\n";
	struct split sp = { 0 };
	struct parse_error e;

	assert_int_equal(mbox_split(mbox, strlen(mbox), on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 2);
	assert_int_equal(sp.lines[0], 2);
	assert_int_equal(sp.lines[1], 8);
	assert_string_equal(sp.subj[0], "one");
	assert_string_equal(sp.subj[1], "two");
	assert_int_equal(mbox_split("", 0, on_msg, &sp, &e), -1);
}

/* Where git mailsplit starts a message, and what one mail may not hold. */
static void test_from_lines(void **state)
{
	static const char glued[] =
		"From 1 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: one\n\nbody\n"
		"From 2 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: two\n\nbody\n";
	static const char bare[] =
		"From: A <a@b>\nSubject: one\n\nbody\n"
		"From 2 Mon Sep 17 00:00:00 2001\nFrom: A <a@b>\n";
	struct split sp = { 0 };
	struct parse_error e;
	struct patch p;

	assert_true(mbox_from_line("From 1 Mon Sep 17 00:00:00 2001", 31, true));
	assert_true(mbox_from_line("From git@z Thu Jan  1 00:00:00 1970", 35,
				   false));
	assert_false(mbox_from_line("From here on, not a separator", 29, true));
	assert_false(mbox_from_line("From: A <a@b> 12:34:56 2001", 27, true));
	assert_false(mbox_from_line("From x Mon Sep 17 00:00:00 1970x", 8, true));
	assert_false(mbox_from_line("From x 00:00:00 0090", 20, true));
	/* No blank line before the second separator: still two, as git. */
	assert_int_equal(mbox_split(glued, strlen(glued), on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 2);
	assert_int_equal(sp.lines[1], 7);
	/* A bare mail is one message, but cannot hold a separator. */
	sp.n = 0;
	assert_int_equal(mbox_split(bare, strlen(bare), on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(patch_parse(bare, strlen(bare), &p, &e), -1);
	assert_int_equal(e.line, 5);
	assert_non_null(strstr(e.msg, "starts another message"));
	assert_int_equal(patch_parse(glued, strlen(glued), &p, &e), -1);
	assert_int_equal(e.line, 6);
	assert_int_equal(mbox_split("", 0, on_msg, &sp, &e), -1);
	assert_string_equal(e.msg, "empty file: no mail in it");
}

/*
 * git mailsplit skips the white space before the first message (found
 * by fuzz_mailsplit: "\n\nFrom ..." was one bare mail here, two
 * messages for git), and refuses an input that is only white space.
 */
static void test_leading_space(void **state)
{
	static const char lead[] =
		"\n\t\r\t\nFrom 1 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: one\n\nbody\n"
		"From 2 Mon Sep 17 00:00:00 2001\n"
		"From: A <a@b>\nSubject: two\n\nbody\n";
	static const char bare[] = "\n\n  From: A <a@b>\nSubject: b\n\nx\n";
	struct split sp = { 0 };
	struct parse_error e;

	assert_int_equal(mbox_split(lead, strlen(lead), on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 2);
	assert_int_equal(sp.lines[0], 4);
	assert_int_equal(sp.lines[1], 9);
	assert_string_equal(sp.subj[0], "one");
	sp.n = 0;
	assert_int_equal(mbox_split(bare, strlen(bare), on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.lines[0], 3);
	assert_string_equal(sp.subj[0], "b");
	sp.n = 0;
	assert_int_equal(mbox_split(" \t\n\r\t\n", 6, on_msg, &sp, &e), -1);
	assert_int_equal(sp.n, 0);
	assert_string_equal(e.msg, "only white space: no mail in it");
	/* VT is not white space to git: a bare mail. */
	assert_int_equal(mbox_split("\v\n", 2, on_msg, &sp, &e), 0);
	assert_int_equal(sp.n, 1);
}

/*
 * The trailers' lines when the message starts with a blank line (found
 * by fuzz_mailhdr: they were one line early).
 */
static void test_trailer_lines(void **state)
{
	struct patch p = { .message_line = 10 };

	p.message = xstrdup("\nSigned-off-by: A <a@b>\nCc: c@d\n");
	mail_parse_trailers(&p);
	assert_int_equal(p.ntrailers, 2);
	assert_string_equal(p.trailers[0].key, "Signed-off-by");
	assert_int_equal(p.trailers[0].line, 11);
	assert_int_equal(p.trailers[1].line, 12);
	patch_free(&p);
}

static void test_subject_strip(void **state)
{
	char *s = subject_strip("Re: [PATCH 5.10.y 1/2] [RFC] mm: fix it");

	assert_string_equal(s, "mm: fix it");
	free(s);
	s = subject_strip("[unterminated mm: x");
	assert_string_equal(s, "[unterminated mm: x");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_mail),
		cmocka_unit_test(test_inbody_from_and_wrapped_fixes),
		cmocka_unit_test(test_crlf_rejected),
		cmocka_unit_test(test_nul_rejected),
		cmocka_unit_test(test_truncated_hunk),
		cmocka_unit_test(test_wrong_counts),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_no_headers_no_diff),
		cmocka_unit_test(test_parse_at_offsets_lines),
		cmocka_unit_test(test_mbox_split),
		cmocka_unit_test(test_from_lines),
		cmocka_unit_test(test_leading_space),
		cmocka_unit_test(test_trailer_lines),
		cmocka_unit_test(test_subject_strip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
