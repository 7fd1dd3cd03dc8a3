/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of mails and patches: an mbox (one or more messages), a single
 * mail-format patch (git format-patch, b4 am, stable-queue style), and the
 * unified diff inside it.  Every error carries the 1-based line number of
 * the offending input line.  Implemented in mbox.c (mbox, text checks,
 * errors), mailhdr.c (headers, trailers), diff.c and patch.c.
 */
#ifndef BACKPORT_PATCH_H
#define BACKPORT_PATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* Longest line accepted anywhere (RFC 5322 allows 998 in headers). */
#define PATCH_MAX_LINE	16384

struct parse_error {
	unsigned int line;	/* 1-based; 0 = whole input */
	char msg[256];
};

/* Fill @err with @line and the message; returns -1 for "return ..." use. */
__printf(3, 4) int parse_fail(struct parse_error *err, unsigned int line,
			      const char *fmt, ...);

struct mail_header {
	char *name;		/* as written, e.g. "Message-Id" */
	char *value;		/* unfolded, trimmed */
	unsigned int line;	/* line of the header's first physical line */
};

struct trailer {
	char *key;		/* "Signed-off-by", "Fixes", ... */
	char *value;		/* everything after ": " */
	unsigned int line;
	bool wrapped;		/* continued on a following line */
};

struct hunk {
	unsigned long old_start, old_count;
	unsigned long new_start, new_count;
	unsigned int line;	/* line of the "@@" header */
	size_t added, removed;
	char *section;		/* function context after the second "@@" */
};

struct file_diff {
	char *old_path;		/* without "a/" */
	char *new_path;		/* without "b/" */
	unsigned int line;	/* line of "diff --git" or "--- " */
	bool git_header;	/* has a "diff --git" line */
	struct hunk *hunks;
	size_t nhunks;
};

struct patch {
	struct mail_header *hdrs;	/* mail headers, unfolded */
	size_t nhdrs;

	/* Effective values, from the in-body block when present. */
	char *author;		/* "Name <mail>" */
	char *date;
	char *subject;		/* without "[PATCH ...]" prefixes */
	char *raw_subject;	/* as in the header */
	char *message_id;	/* without angle brackets */
	bool inbody_from;	/* author came from an in-body From: */
	unsigned int author_line;

	/* Commit message: after in-body headers, up to "---" or the diff. */
	char *message;
	unsigned int message_line;	/* line of the message's first line */
	unsigned int first_line_no;	/* line of first non-blank msg line */
	char *first_line;	/* that line's text */

	struct trailer *trailers;	/* the last paragraph's trailers */
	size_t ntrailers;

	unsigned int diff_line;	/* first line of the diff */
	size_t diff_offset;	/* byte offset of the diff in the input */
	char *diff;		/* the diff text, NUL-terminated */
	struct file_diff *files;
	size_t nfiles;
};

/* Parse one mail-format patch.  Returns 0 or -1 with @err filled. */
int patch_parse(const char *buf, size_t len, struct patch *p,
		struct parse_error *err);
/* The same for a message that starts at line @first_line of its file. */
int patch_parse_at(const char *buf, size_t len, unsigned int first_line,
		   struct patch *p, struct parse_error *err);

/*
 * Parse a bare unified diff (no mail headers) starting at @first_line of
 * the file it came from.  Used by patch_parse() for the diff part.
 */
int diff_parse(const char *buf, size_t len, unsigned int first_line,
	       struct patch *p, struct parse_error *err);

/*
 * Parse the "@@ -a[,b] +c[,d] @@ section" line @s (@len bytes, line @no)
 * into @h; h->section is malloc'd.  Returns 0, or -1 when malformed.
 */
int diff_hunk_header(const char *s, size_t len, unsigned int no,
		     struct hunk *h);

void patch_free(struct patch *p);

/* Header lookup, case-insensitive; NULL when absent. */
const struct mail_header *patch_header(const struct patch *p,
				       const char *name);

/*
 * Split an mbox into messages as "git mailsplit -b" does: white space
 * before the first message is dropped (git's: space, tab, LF, CR); an
 * input that then starts with a "From " separator (mbox_from_line()) is
 * split at every such line, one that does not is one bare mail.  Calls
 * @fn with each message (without the separator line) and the line number
 * its first line has in the mbox.  Stops and returns fn's value when
 * nonzero; returns -1 with @err filled when the input is empty, only
 * white space, or not text (text_check(): what git would split but the
 * project refuses on purpose).
 */
typedef int (*mbox_fn)(const char *msg, size_t len, unsigned int first_line,
		       void *arg);
int mbox_split(const char *buf, size_t len, mbox_fn fn, void *arg,
	       struct parse_error *err);

/*
 * Whether the line @s (@len bytes, @nl: followed by a newline) is one at
 * which git mailsplit starts a message: "From " and a date-like tail.
 */
bool mbox_from_line(const char *s, size_t len, bool nl);

/*
 * Refuse a message (at line @first_line of its file) in which git
 * mailsplit would start another one: after its own "From " separator, a
 * line mbox_from_line() takes.  Returns 0 or -1 with @err filled.
 */
int mbox_check_one(const char *buf, size_t len, unsigned int first_line,
		   struct parse_error *err);

/*
 * Check the input is text we can handle: no NUL bytes, no CR line endings,
 * no line over PATCH_MAX_LINE.  Returns 0 or -1 with @err filled.
 */
int text_check(const char *buf, size_t len, struct parse_error *err);

/*
 * Check the text is valid UTF-8 (what a mail declaring charset=UTF-8 must
 * hold).  Returns 0 or -1 with @err naming the line and column.
 */
int text_check_utf8(const char *buf, size_t len, struct parse_error *err);

/* Strip "[PATCH ...]" / "Re:" style prefixes from a subject. */
char *subject_strip(const char *subject);

#endif
