// SPDX-License-Identifier: GPL-2.0
/*
 * Validators of untrusted strings (see valid.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"
#include "valid.h"
#include "work.h"

#define VALID_MAX_PATH	1024
#define VALID_MAX_LINE	4096
#define VALID_MAX_WORD	64

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_upper(c) || is_lower(c) || is_digit(c);
}

/* Every byte of @s in @extra or alphanumeric (@lower_only: a-z0-9). */
static bool all_in(const char *s, const char *extra, bool lower_only)
{
	for (; *s; s++)
		if (!(lower_only ? is_lower(*s) || is_digit(*s) : is_alnum(*s)) &&
		    !strchr(extra, *s))
			return false;
	return true;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned int c = *p, n, cp, i;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return false;
		if ((size_t)(end - p) <= n)
			return false;
		cp = c & (0x3f >> n);
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

/* 1 to 4 digits, no leading zero; advances *@s.  */
static bool number(const char **s)
{
	const char *p = *s;

	while (is_digit(*p))
		p++;
	if (p == *s || p - *s > 4 || (**s == '0' && p - *s > 1))
		return false;
	*s = p;
	return true;
}

/* "N.N" followed by ".N" (@sub 1), ".N" or nothing (@sub 2), or ".y". */
static bool dotted(const char *s, int sub)
{
	if (!number(&s) || *s++ != '.' || !number(&s))
		return false;
	if (sub == 'y')
		return !strcmp(s, ".y") || (starts_with(s, ".y-") &&
			(is_lower(s[3]) || is_digit(s[3])) &&
			all_in(s + 3, "-", true));
	if (!*s)
		return sub == 2;
	return *s++ == '.' && number(&s) && !*s;
}

static const char *check_line(const char *s)
{
	const unsigned char *p;

	if (!*s)
		return "one line of text: it is empty";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "one line of text: it holds a control character";
	if (strlen(s) > VALID_MAX_LINE)
		return "one line of text: it is too long";
	if (!utf8_valid(s, strlen(s)))
		return "one line of text: it is not valid UTF-8";
	return NULL;
}

static const char *check_path(const char *s)
{
	const char *c = s, *end;

	if (!*s)
		return "a relative path inside the repository: it is empty";
	if (*s == '/')
		return "a relative path inside the repository: it is absolute";
	if (strlen(s) > VALID_MAX_PATH)
		return "a relative path inside the repository: it is too long";
	for (;;) {
		end = strchrnul(c, '/');
		if (end == c)
			return "a relative path inside the repository: it has an empty component";
		if (end - c == 2 && c[0] == '.' && c[1] == '.')
			return "a relative path inside the repository: it has a \"..\" component";
		if (*c == '.')
			return "a relative path inside the repository: a component starts with '.'";
		if (*c == '-')
			return "a relative path inside the repository: a component starts with '-'";
		for (; c < end; c++)
			if (!is_alnum(*c) && !strchr("._+,=@-", *c))
				return "a relative path inside the repository: only A-Z a-z 0-9 and ._+,=@- in names";
		if (!*end)
			return NULL;
		c = end + 1;
	}
}

/* "Name <user@host>": a name, one address, nothing after it. */
static bool person(const char *s)
{
	const char *lt = strrchr(s, '<'), *at;
	size_t n = strlen(s);

	if (!lt || lt == s || lt[-1] != ' ' || s[n - 1] != '>')
		return false;
	if (strchr(lt + 1, '<') || memchr(s, '>', (size_t)(lt - s)))
		return false;
	at = strchr(lt, '@');
	if (!at || at == lt + 1 || at + 1 >= s + n - 1 ||
	    strchr(at + 1, '@'))
		return false;
	return strcspn(lt, " ") > (size_t)(s + n - lt - 1);
}

static const char *check_word(enum vkind k, const char *s)
{
	size_t n = strlen(s);

	switch (k) {
	case V_IDENT:
		return (is_upper(*s) || *s == '_') && all_in(s, "_", false) &&
			!strpbrk(s, "abcdefghijklmnopqrstuvwxyz") ? NULL :
			"an environment variable name ([A-Z_][A-Z0-9_]*)";
	case V_CONFIG:
		return starts_with(s, "CONFIG_") && s[7] &&
			all_in(s, "_", false) ? NULL :
			"a Kconfig symbol (CONFIG_[A-Za-z0-9_]+)";
	case V_PACKAGE:
		return n >= 2 && n <= VALID_MAX_WORD &&
			(is_lower(*s) || is_digit(*s)) && all_in(s, "+.-", true) ?
			NULL : "a Debian package name ([a-z0-9][a-z0-9+.-]+)";
	case V_PROGRAM:
		return n && n <= VALID_MAX_WORD && is_alnum(*s) &&
			all_in(s, "._+-", false) ? NULL :
			"a program name ([A-Za-z0-9][A-Za-z0-9._+-]*, no path, no arguments)";
	case V_CPU:
		return n && n <= VALID_MAX_WORD && is_alnum(*s) &&
			all_in(s, "._,=+-", false) ? NULL :
			"a QEMU CPU model ([A-Za-z0-9][A-Za-z0-9._,=+-]*)";
	case V_SYMBOL:
		return n && n <= VALID_MAX_WORD && (is_alnum(*s) || *s == '_') &&
			!is_digit(*s) && all_in(s, "_.", false) ? NULL :
			"a kernel function name ([A-Za-z_][A-Za-z0-9_.]*)";
	case V_FILE_NAME:
		return n && n <= 255 && is_alnum(*s) &&
			all_in(s, "._+,=@-", false) ? NULL :
			"a plain file name ([A-Za-z0-9][A-Za-z0-9._+,=@-]*, no '/')";
	case V_WORK_UNIT:
		return work_field_index(s) >= 0 ? NULL :
			"a count of the test's work lines (split_attempts, splits, rollbacks, tail_faults, recreates)";
	case V_BRANCH:
		return dotted(s, 'y') ? NULL :
			"a branch name like 5.10.y (or 4.19.y-optional)";
	case V_RELEASE:
		return dotted(s, 2) ? NULL : "a release like 4.5 or 5.10.46";
	case V_VERSION:
		return dotted(s, 1) ? NULL : "a version X.Y.Z like 5.10.46";
	case V_COMMIT:
		return n == 40 && is_hex(s, n) ? NULL :
			"a commit id (40 lowercase hex digits)";
	case V_ABBREV:
		return n >= 12 && n <= 40 && is_hex(s, n) ? NULL :
			"a commit id (12 to 40 lowercase hex digits)";
	default:
		return "a known kind of value";
	}
}

const char *valid_check(enum vkind k, const char *s)
{
	const char *why;

	if (!s)
		return "set";
	switch (k) {
	case V_LINE:
		return check_line(s);
	case V_REPO_PATH:
		return check_path(s);
	case V_PERSON:
		why = check_line(s);
		return why || !person(s) ?
			"a person (Name <user@host>, one line)" : NULL;
	default:
		return check_word(k, s);
	}
}

char *valid_quote(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;
	size_t i;

	sb_addc(&sb, '"');
	for (p = (const unsigned char *)s, i = 0; *p && i < max; p++, i++) {
		if (*p == '\n')
			sb_adds(&sb, "\\n");
		else if (*p == '\t')
			sb_adds(&sb, "\\t");
		else if (*p == '"' || *p == '\\')
			sb_addf(&sb, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			sb_addf(&sb, "\\x%02x", *p);
		else
			sb_addc(&sb, (char)*p);
	}
	sb_adds(&sb, *p ? "\"..." : "\"");
	return sb_detach(&sb);
}

/* Is @path @root or below it (both without a trailing '/')? */
static bool within(const char *path, const char *root)
{
	size_t n = strlen(root);

	return !strncmp(path, root, n) && (!path[n] || path[n] == '/' ||
					   (n == 1 && root[0] == '/'));
}

/* Each directory of @abs after @skip bytes: inside @real_root? */
static int check_dirs(char *abs, size_t skip, const char *real_root,
		      const char *rel, char *msg, size_t msglen)
{
	struct stat st;
	char *s, *real;

	for (s = abs + skip; (s = strchr(s, '/')); s++) {
		if (s == abs)
			continue;
		*s = '\0';
		if (lstat(abs, &st)) {
			*s = '/';
			return 0;	/* created below what is there */
		}
		real = S_ISLNK(st.st_mode) ? realpath(abs, NULL) : NULL;
		if (S_ISLNK(st.st_mode) && (!real || !within(real, real_root))) {
			snprintf(msg, msglen, "%s: %s is a symbolic link out of the repository",
				 rel, abs);
			free(real);
			return -1;
		}
		free(real);
		if (!S_ISLNK(st.st_mode) && !S_ISDIR(st.st_mode)) {
			snprintf(msg, msglen, "%s: %s is not a directory", rel,
				 abs);
			return -1;
		}
		*s = '/';
	}
	return 0;
}

char *repo_path_abs(const char *root, const char *rel, char *msg,
		    size_t msglen)
{
	const char *why = valid_check(V_REPO_PATH, rel);
	char *q, *abs, *real_root;

	if (why) {
		q = valid_quote(rel ? rel : "", 80);
		snprintf(msg, msglen, "%s is not %s", q, why);
		free(q);
		return NULL;
	}
	real_root = realpath(root, NULL);
	if (!real_root) {
		snprintf(msg, msglen, "%s: %s", root, strerror(errno));
		return NULL;
	}
	abs = path_join(real_root, rel);
	if (check_dirs(abs, strlen(real_root), real_root, rel, msg, msglen)) {
		free(abs);
		abs = NULL;
	}
	free(real_root);
	return abs;
}

/* The directory part of @path ("." for none), malloc'd. */
static char *dir_of(const char *path)
{
	const char *sl = strrchr(path, '/');

	if (!sl)
		return xstrdup(".");
	return sl == path ? xstrdup("/") : xstrndup(path, (size_t)(sl - path));
}

int output_file_check(const char *opt, const char *path)
{
	char *dir;
	int ret = 0;

	if (!*path || is_dir(path)) {
		err_msg("%s %s: a directory, not a file", opt, path);
		return -1;
	}
	dir = dir_of(path);
	if (!is_dir(dir)) {
		err_msg("%s %s: no directory %s (it is not created)", opt, path,
			dir);
		ret = -1;
	}
	free(dir);
	return ret;
}

int output_dir_check(const char *opt, const char *path)
{
	char *dir;
	int ret = 0;

	if (is_dir(path))
		return 0;
	if (path_exists(path)) {
		err_msg("%s %s: not a directory", opt, path);
		return -1;
	}
	dir = dir_of(path);
	if (!is_dir(dir)) {
		err_msg("%s %s: no directory %s (only %s itself is created)",
			opt, path, dir, path);
		ret = -1;
	}
	free(dir);
	return ret;
}
