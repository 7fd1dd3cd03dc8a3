// SPDX-License-Identifier: GPL-2.0
/*
 * Validated JSON fields (see json-read.h).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-read.h"
#include "util.h"

int jr_bad(struct json_rd *d, const char *field,
			      const char *fmt, ...)
{
	char what[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(d->msg, d->msglen, "%s: %s: %s", d->file, field, what);
	return -1;
}

/* "PRE.KEY", or "KEY" at the top level, into @buf. */
const char *jr_field(char *buf, size_t n, const char *pre,
			 const char *key)
{
	snprintf(buf, n, "%s%s%s", pre, *pre ? "." : "", key);
	return buf;
}

const char *jr_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

static const char *control_name(unsigned char c)
{
	switch (c) {
	case '\n':
		return "a newline";
	case '\r':
		return "a carriage return";
	case '\t':
		return "a tab";
	default:
		return "a control character";
	}
}

static bool all_of(const char *s, size_t len, const char *set)
{
	return strlen(s) == len && strspn(s, set) == len;
}

/* YYYY-MM-DDTHH:MM:SSZ with plausible fields. */
static bool utc_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	int y, mo, dd, h, mi, sec;
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
			return false;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &dd, &h, &mi,
		   &sec) != 6)
		return false;
	return mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && h < 24 &&
		mi < 60 && sec <= 60;
}

/* Does @s have ".." as one of its '/'-separated components? */
static bool dotdot(const char *s)
{
	const char *p;

	for (p = s; (p = strstr(p, "..")); p += 2)
		if ((p == s || p[-1] == '/') && (!p[2] || p[2] == '/'))
			return true;
	return false;
}

/* S_RELPATH and S_NAME, once the string is known to be one line. */
static int check_path(struct json_rd *d, const char *f, const char *s,
		      enum sclass cls)
{
	if (!*s)
		return jr_bad(d, f, "empty");
	if (cls == S_NAME)
		return !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..") ? 0 :
			jr_bad(d, f, "\"%.80s\" is not a directory name (one path component)", s);
	if (*s == '/' || *s == '~')
		return jr_bad(d, f, "\"%.80s\" is %s; a path relative to the file's directory is expected",
			      s, *s == '/' ? "an absolute path" :
			      "a home directory path");
	if (dotdot(s))
		return jr_bad(d, f, "\"%.80s\" has a \"..\" component; a path inside the file's directory is expected",
			      s);
	return 0;
}

static int check_string(struct json_rd *d, const char *f, const char *s,
			enum sclass cls)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	switch (cls) {
	case S_TEXT:
		return 0;
	case S_SHA256:
		return all_of(s, 64, hex) ? 0 :
			jr_bad(d, f, "\"%.80s\" is not a sha256 (64 lowercase hex digits)", s);
	case S_COMMIT:
		return all_of(s, 40, hex) ? 0 :
			jr_bad(d, f, "\"%.80s\" is not a commit id (40 lowercase hex digits)", s);
	case S_TIME:
		return utc_time(s) ? 0 :
			jr_bad(d, f, "\"%.80s\" is not a time YYYY-MM-DDTHH:MM:SSZ", s);
	default:
		break;
	}
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 0x20 && *p != 0x7f) || (cls == S_CONSOLE && *p == '\t'))
			continue;
		return jr_bad(d, f, "holds %s (0x%02x) at offset %zu; one line is expected",
			   control_name(*p), *p, (size_t)(p - (const unsigned char *)s));
	}
	return cls == S_RELPATH || cls == S_NAME ? check_path(d, f, s, cls) : 0;
}

/* A string at @key of @o into @out (malloc'd; NULL when absent or null). */
int jr_str(struct json_rd *d, json_t *o, const char *pre, const char *key,
		   enum sclass cls, bool required, char **out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	jr_field(f, sizeof(f), pre, key);
	if (!v || json_is_null(v))
		return required ? jr_bad(d, f, "missing") : 0;
	if (!json_is_string(v))
		return jr_bad(d, f, "%s, not a string", jr_type_name(v));
	if (check_string(d, f, json_string_value(v), cls))
		return -1;
	if (required && !*json_string_value(v))
		return jr_bad(d, f, "empty");
	*out = xstrdup(json_string_value(v));
	return 0;
}

/*
 * A one-line string that must be one of the words @at gives: its index in
 * @idx (when not NULL; left alone when absent), the string in @out (when
 * not NULL).
 */
int jr_word(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    vocab_fn at, bool required, char **out, int *idx)
{
	struct strbuf sb = STRBUF_INIT;
	char *s = NULL, f[160];
	unsigned int i;
	int ret;

	if (jr_str(d, o, pre, key, S_LINE, required, &s))
		return -1;
	if (!s)
		return 0;
	for (i = 0; i < VOCAB_MAX; i++) {
		if (at(i) && !strcmp(at(i), s)) {
			if (idx)
				*idx = (int)i;
			if (out)
				*out = s;
			else
				free(s);
			return 0;
		}
	}
	for (i = 0; i < VOCAB_MAX; i++)
		if (at(i))
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", at(i));
	ret = jr_bad(d, jr_field(f, sizeof(f), pre, key), "\"%.80s\" is not one of %s",
		  s, sb_str(&sb));
	sb_release(&sb);
	free(s);
	return ret;
}

/* Seconds (>= 0) at @key; JR_NONE when absent or null. */
int jr_secs(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    double *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = JR_NONE;
	if (!v || json_is_null(v))
		return 0;
	jr_field(f, sizeof(f), pre, key);
	if (!json_is_number(v))
		return jr_bad(d, f, "%s, not a number", jr_type_name(v));
	if (!(json_number_value(v) >= 0))
		return jr_bad(d, f, "negative (%g)", json_number_value(v));
	*out = json_number_value(v);
	return 0;
}

/* A count (integer >= 0) at @key; 0 when absent or null. */
int jr_count(struct json_rd *d, json_t *o, const char *pre,
		     const char *key, int *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	jr_field(f, sizeof(f), pre, key);
	if (!json_is_integer(v))
		return jr_bad(d, f, "%s, not an integer", jr_type_name(v));
	if (json_integer_value(v) < 0 || json_integer_value(v) > INT_MAX)
		return jr_bad(d, f, "%lld is out of range",
			   (long long)json_integer_value(v));
	*out = (int)json_integer_value(v);
	return 0;
}

int jr_bool(struct json_rd *d, json_t *o, const char *pre, const char *key,
		    bool *out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = false;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return jr_bad(d, jr_field(f, sizeof(f), pre, key),
			   "%s, not true or false", jr_type_name(v));
	*out = json_is_true(v);
	return 0;
}

int jr_strlist(struct json_rd *d, json_t *o, const char *pre,
	       const char *key, enum sclass cls, struct strvec *out,
	       bool *present)
{
	json_t *v = json_object_get(o, key), *e;
	char f[160], ef[192];
	size_t i;

	*present = false;
	if (!v || json_is_null(v))
		return 0;
	jr_field(f, sizeof(f), pre, key);
	if (!json_is_array(v))
		return jr_bad(d, f, "%s, not an array", jr_type_name(v));
	json_array_foreach(v, i, e) {
		snprintf(ef, sizeof(ef), "%s[%zu]", f, i);
		if (!json_is_string(e))
			return jr_bad(d, ef, "%s, not a string",
				      jr_type_name(e));
		if (check_string(d, ef, json_string_value(e), cls))
			return -1;
		if (!*json_string_value(e))
			return jr_bad(d, ef, "empty");
		sv_push(out, json_string_value(e));
	}
	*present = true;
	return 0;
}

/* An object at @key into @out; NULL when absent or null. */
int jr_obj(struct json_rd *d, json_t *o, const char *pre, const char *key,
		   bool required, json_t **out)
{
	json_t *v = json_object_get(o, key);
	char f[160];

	*out = NULL;
	jr_field(f, sizeof(f), pre, key);
	if (!v || json_is_null(v))
		return required ? jr_bad(d, f, "missing") : 0;
	if (!json_is_object(v))
		return jr_bad(d, f, "%s, not an object", jr_type_name(v));
	*out = v;
	return 0;
}


json_t *jr_load(struct json_rd *d, const char *buf, size_t len)
{
	json_error_t jerr;
	json_t *doc = json_loadb(buf ? buf : "", buf ? len : 0,
				 JSON_REJECT_DUPLICATES, &jerr);

	if (!doc)
		snprintf(d->msg, d->msglen, "%s:%d:%d: %s", d->file, jerr.line,
			 jerr.column, jerr.text);
	return doc;
}

int jr_known_keys(struct json_rd *d, json_t *o, const char *pre,
		  const char *const *keys)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(o, key, v) {
		for (i = 0; keys[i] && strcmp(keys[i], key); i++)
			;
		if (!keys[i]) {
			char f[160];

			return jr_bad(d, jr_field(f, sizeof(f), pre, key),
				      "unknown key");
		}
	}
	return 0;
}
