/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading fields of a JSON document that must be well formed, with
 * messages naming the file and the field ("results/5.10.y.json:
 * ab.a.runs[0].outcome: ...").  Used by the results reader (results.c).
 */
#ifndef BACKPORT_JSON_READ_H
#define BACKPORT_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "util.h"

/* A time (seconds) that was not recorded. */
#define JR_NONE	(-1.0)

/* One read: the file named in messages, and where the message goes. */
struct json_rd {
	const char *file;
	char *msg;
	size_t msglen;
};

/* How a string field is checked. */
enum sclass {
	S_LINE,		/* one line: no control character at all */
	S_CONSOLE,	/* a console line: tabs allowed */
	S_TEXT,		/* free text, lines and all */
	S_SHA256,	/* 64 lowercase hex digits */
	S_COMMIT,	/* 40 lowercase hex digits */
	S_TIME,		/* YYYY-MM-DDTHH:MM:SSZ */
	S_RELPATH,	/* one line, a relative path: no '/' or '~' first, no ".." */
	S_NAME,		/* one line, one directory name: no '/', not "." or ".." */
};

/* The values a field takes, by index; NULL when @i is none of them. */
typedef const char *(*vocab_fn)(unsigned int i);

#define VOCAB_MAX	64

/* "FILE: FIELD: message" into d->msg; returns -1. */
__printf(3, 4) int jr_bad(struct json_rd *d, const char *field,
			      const char *fmt, ...);

/*
 * Parse @len bytes at @buf (NULL: none) as JSON, refusing duplicate
 * keys; NULL with d->msg set to "FILE:LINE:COLUMN: what" when it is not.
 */
json_t *jr_load(struct json_rd *d, const char *buf, size_t len);

/* "PRE.KEY", or "KEY" at the top level, into @buf. */
const char *jr_field(char *buf, size_t n, const char *pre,
			 const char *key);

/*
 * The string @key of @o, checked as @cls, malloc'd into @out; NULL when
 * absent (an error when @required).
 */
int jr_str(struct json_rd *d, json_t *o, const char *pre, const char *key,
		   enum sclass cls, bool required, char **out);

/* A string that must be one of the words of @at; its index in @idx. */
int jr_word(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    vocab_fn at, bool required, char **out, int *idx);

/* A number of seconds >= 0, or JR_NONE when absent or null. */
int jr_secs(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    double *out);

/* An integer >= 0; 0 when absent. */
int jr_count(struct json_rd *d, json_t *o, const char *pre,
		     const char *key, int *out);

/* A boolean; false when absent. */
int jr_bool(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    bool *out);

/*
 * A list of strings, each checked as @cls, appended to @out; *@present
 * says whether it was there (absent and null: not recorded).
 */
int jr_strlist(struct json_rd *d, json_t *o, const char *pre,
	       const char *key, enum sclass cls, struct strvec *out,
	       bool *present);

/* An object (NULL when absent and not @required). */
int jr_obj(struct json_rd *d, json_t *o, const char *pre, const char *key,
		   bool required, json_t **out);

/*
 * Refuse a key of @o that is not in the NULL-terminated @keys: a typo
 * would silently disable what the key was meant to set.
 */
int jr_known_keys(struct json_rd *d, json_t *o, const char *pre,
		  const char *const *keys);

/* "a string", "an array", ... for messages. */
const char *jr_type_name(const json_t *v);

#endif
