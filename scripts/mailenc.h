/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Header values of the mails "backport mail" writes: display names
 * quoted when they hold RFC 5322 specials, non-ASCII text as RFC 2047
 * encoded words (UTF-8, Q encoding, at most 75 characters each, never
 * splitting a character).  Internal to mail.c.
 */
#ifndef BACKPORT_MAILENC_H
#define BACKPORT_MAILENC_H

/* Longest RFC 2047 encoded word, "=?UTF-8?q?...?=" included. */
#define MAILENC_WORD_MAX	75

/*
 * @s as one or more encoded words separated by a space (malloc'd), or
 * NULL when @s is not valid UTF-8.
 */
char *mailenc_words(const char *s);
/* A display name for a header (malloc'd), or NULL (not valid UTF-8). */
char *mailenc_phrase(const char *name);
/*
 * "Name <addr>" for a header (malloc'd), or NULL when @who is not valid
 * UTF-8 or the address is not printable ASCII.
 */
char *mailenc_addr(const char *who);
/* Unstructured text (Subject:) for a header, or NULL (not UTF-8). */
char *mailenc_text(const char *s);

#endif
