/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small shared helpers: messages, allocation, growable strings, files.
 */
#ifndef BACKPORT_UTIL_H
#define BACKPORT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Exit codes shared by every subcommand. */
#define EXIT_PASS	0
#define EXIT_FINDING	1
#define EXIT_ERROR	2

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#ifndef __printf
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn	__attribute__((noreturn))
#endif

extern const char *progname;

__printf(1, 2) void err_msg(const char *fmt, ...);
__printf(1, 2) void warn_msg(const char *fmt, ...);
__printf(1, 2) void info_msg(const char *fmt, ...);
__printf(1, 2) __noreturn void die(const char *fmt, ...);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* xstrdup(), or NULL for NULL. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
__printf(1, 2) char *xasprintf(const char *fmt, ...);

/* A growable, always NUL-terminated byte buffer. */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
__printf(2, 3) void sb_addf(struct strbuf *sb, const char *fmt, ...);
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);
void sb_release(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);
const char *sb_str(const struct strbuf *sb);

/* A NULL-terminated, growable array of owned strings (argv style). */
struct strvec {
	char **v;
	size_t n;
	size_t alloc;
};

#define STRVEC_INIT { NULL, 0, 0 }

void sv_push(struct strvec *sv, const char *s);
/* Append a copy of the @len bytes at @s (no NUL needed among them). */
void sv_pushn(struct strvec *sv, const char *s, size_t len);
__printf(2, 3) void sv_pushf(struct strvec *sv, const char *fmt, ...);
void sv_pushl(struct strvec *sv, ...) __attribute__((sentinel));
void sv_clear(struct strvec *sv);
/* Is @s one of the strings of @sv? */
bool sv_contains(const struct strvec *sv, const char *s);

/* Files.  read_file() returns -1 and sets errno on failure. */
int read_file(const char *path, struct strbuf *out);
bool path_exists(const char *path);
bool is_dir(const char *path);
bool is_file(const char *path);
/* mkdir -p; -1 with errno (ENOTDIR: something else is there). */
int mkdir_p(const char *path, unsigned int mode);
int remove_tree(const char *path);
char *path_join(const char *a, const char *b);
/* "@a @b" (malloc'd); a NULL or empty side is left out with its space. */
char *join_words(const char *a, const char *b);
char *abs_path(const char *path);

/*
 * Write @len bytes to @path through "<path>.tmp.<pid>" and rename(2), so a
 * reader never sees a half-written file.  Creates the parent directory.
 */
int write_file_atomic(const char *path, const void *data, size_t len);

/* String helpers. */
bool starts_with(const char *s, const char *prefix);
bool ends_with(const char *s, const char *suffix);
/* @s with every @old made @new (malloc'd); a copy when @old is empty. */
char *str_replace_all(const char *s, const char *old, const char *new);
char *trim(char *s);
bool is_hex(const char *s, size_t len);
double now_seconds(void);
/* sha256 as lowercase hex (malloc'd), NULL on error */
char *sha256_hex(const void *buf, size_t len);
char *sha256_file_hex(const char *path);

#endif
