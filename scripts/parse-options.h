/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command-line options, after git's parse-options.h: one table per
 * command drives both the parsing and the --help text.
 *
 *	static const char *const usagestr[] = {
 *		"usage: backport thing --branch B [--json]",
 *		"",
 *		"One paragraph of description,\n"
 *		"with its own line breaks.",
 *		NULL,
 *	};
 *	const char *branch = NULL;
 *	bool json = false;
 *	const struct bp_option options[] = {
 *		OPT_STRING("branch", "B", &branch, "a row of the table"),
 *		OPT_BOOL("json", &json, "machine-readable output"),
 *		OPT_TRAILER("Exit status: 0 ok, 2 usage error."),
 *		OPT_END(),
 *	};
 *
 *	argc = parse_options(argc, argv, options, usagestr, 0);
 *
 * argv[0] is the command name and is skipped; on return argv[0..argc-1]
 * are the positional arguments in their order (options may come
 * anywhere, "--" ends them) and argv[argc] is NULL.
 */
#ifndef BACKPORT_PARSE_OPTIONS_H
#define BACKPORT_PARSE_OPTIONS_H

#include <stdbool.h>

#include "util.h"

enum parse_opt_type {
	OPTION_END,
	OPTION_GROUP,		/* a heading in the usage, not an option */
	OPTION_TRAILER,		/* a paragraph after the option lines */
	OPTION_ALIAS,		/* -c as another name of --long */
	OPTION_BOOL,		/* bool *: set to true */
	OPTION_STRING,		/* const char **: the argument */
	OPTION_INT,		/* int *: a number in [lo, hi] */
	OPTION_SECONDS,		/* double *: a positive number */
	OPTION_STRING_LIST,	/* struct strvec *: every argument, in order */
	OPTION_CHOICE,		/* const char **: one of "a|b|c" */
	OPTION_CALLBACK,	/* callback(opt, arg, err) */
};

/* parse_options() flags */
enum parse_opt_flags {
	PARSE_OPT_NO_EXIT = 1 << 0,	/* return PARSE_OPT_HELP/ERROR */
	PARSE_OPT_QUIET = 1 << 1,	/* print neither usage nor errors */
	PARSE_OPT_NO_ARGS = 1 << 2,	/* a positional argument is an error */
};

/* parse_options() results with PARSE_OPT_NO_EXIT */
#define PARSE_OPT_HELP	(-1)
#define PARSE_OPT_ERROR	(-2)

struct bp_option;

/*
 * Called with @arg (NULL when the option has no argh).  Return 0, or -1
 * after describing the problem in @err ("--name: why").
 */
typedef int parse_opt_cb(const struct bp_option *opt, const char *arg,
			 struct strbuf *err);

struct bp_option {
	enum parse_opt_type type;
	int short_name;			/* OPTION_ALIAS */
	const char *long_name;		/* without the leading "--" */
	void *value;
	const char *argh;		/* "B" in "--branch B"; NULL: none */
	const char *help;		/* may hold '\n' line breaks */
	int lo, hi;			/* OPTION_INT */
	const char *choices;		/* OPTION_CHOICE: "auto|tcg|kvm" */
	parse_opt_cb *callback;		/* OPTION_CALLBACK */
};

/* A compile-time check that @v has type @T, as in git's BARF_UNLESS_*. */
#define OPT_TYPED(v, T)		_Generic((v), T : (v))

#define OPT_END()		{ .type = OPTION_END }
#define OPT_GROUP(t)		{ .type = OPTION_GROUP, .help = (t) }
#define OPT_TRAILER(t)		{ .type = OPTION_TRAILER, .help = (t) }
#define OPT_ALIAS(s, l)		{ .type = OPTION_ALIAS, .short_name = (s), \
				  .long_name = (l) }
#define OPT_BOOL(l, v, h)	{ .type = OPTION_BOOL, .long_name = (l), \
				  .value = OPT_TYPED(v, bool *), .help = (h) }
#define OPT_STRING(l, a, v, h)	{ .type = OPTION_STRING, .long_name = (l), \
				  .argh = (a), \
				  .value = OPT_TYPED(v, const char **), \
				  .help = (h) }
#define OPT_INT(l, a, v, min, max, h) \
				{ .type = OPTION_INT, .long_name = (l), \
				  .argh = (a), .value = OPT_TYPED(v, int *), \
				  .lo = (min), .hi = (max), .help = (h) }
#define OPT_SECONDS(l, a, v, h)	{ .type = OPTION_SECONDS, .long_name = (l), \
				  .argh = (a), \
				  .value = OPT_TYPED(v, double *), .help = (h) }
#define OPT_STRING_LIST(l, a, v, h) \
				{ .type = OPTION_STRING_LIST, \
				  .long_name = (l), .argh = (a), \
				  .value = OPT_TYPED(v, struct strvec *), \
				  .help = (h) }
#define OPT_CHOICE(l, a, v, c, h) \
				{ .type = OPTION_CHOICE, .long_name = (l), \
				  .argh = (a), \
				  .value = OPT_TYPED(v, const char **), \
				  .choices = (c), .help = (h) }
#define OPT_CALLBACK(l, a, v, cb, h) \
				{ .type = OPTION_CALLBACK, .long_name = (l), \
				  .argh = (a), .value = (v), \
				  .callback = (cb), .help = (h) }

/*
 * Parse argv[1..argc-1] against @options (see the top of this file) and
 * return the number of positional arguments left in argv[0..].
 *
 * An exact "-h" or "--help" anywhere before "--" prints the usage to
 * stdout and exits 0.  An unknown or ambiguous option, a missing or
 * unexpected argument, a bad value, an option other than a list given
 * twice (under any of its names) or two options that set the same value
 * prints "PROGNAME: message" and the usage to stderr and exits
 * EXIT_ERROR.  With PARSE_OPT_NO_EXIT those
 * return PARSE_OPT_HELP and PARSE_OPT_ERROR instead; values already
 * stored stay stored.
 */
int parse_options(int argc, char **argv, const struct bp_option *options,
		  const char *const *usagestr, unsigned int flags);

/*
 * The usage text: each usagestr[] line, a blank line, one line per
 * option ("  --branch B   help", continued lines aligned), the implicit
 * "-h, --help" and every OPT_TRAILER paragraph after a blank line.
 */
void sb_add_usage(struct strbuf *sb, const char *const *usagestr,
		  const struct bp_option *options);
/* Print the usage text to stdout. */
void usage_with_options(const char *const *usagestr,
			const struct bp_option *options);
/* "PROGNAME: message" and the usage text on stderr, exit EXIT_ERROR. */
__printf(3, 4) __noreturn void usage_msg_opt(const char *const *usagestr,
					     const struct bp_option *options,
					     const char *fmt, ...);

#endif
