// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line options from one table per command (parse-options.h):
 * parsing, the generated usage text, and the usage helpers of commands
 * that still have a hand-written one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-options.h"
#include "util.h"

#define USAGE_INDENT	2	/* before "--name ARG" */
#define USAGE_MIN_WIDTH	11	/* of the "--name ARG" column */
#define USAGE_MAX_WIDTH	24	/* longer spellings put help on a new line */
#define USAGE_GAP	2	/* between the spelling and the help */
#define USAGE_COLUMNS	79	/* help wraps at a space before this */

struct po_ctx {
	const struct bp_option *opts;
	int argc;
	char **argv;
	int i;			/* the argv element being parsed */
	struct strbuf err;
	const struct bp_option **given;	/* options stored so far */
	size_t ngiven;
};

static bool is_option(const struct bp_option *o)
{
	return o->type >= OPTION_BOOL;
}

static bool takes_arg(const struct bp_option *o)
{
	if (o->type == OPTION_BOOL)
		return false;
	return o->type != OPTION_CALLBACK || o->argh;
}

__printf(2, 3) static int po_error(struct po_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&c->err, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_int(const char *arg, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (!*arg || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse_seconds(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (!*arg || *end || !(v > 0))
		return -1;
	*out = v;
	return 0;
}

/* Whether @arg is one of the '|'-separated @choices. */
static bool is_choice(const char *choices, const char *arg)
{
	const char *p = choices;
	size_t n = strlen(arg);

	for (;;) {
		size_t len = strcspn(p, "|");

		if (len == n && !strncmp(p, arg, n))
			return true;
		if (!p[len])
			return false;
		p += len + 1;
	}
}

/* "--accel: auto, tcg or kvm" */
static int choice_error(struct po_ctx *c, const struct bp_option *o)
{
	const char *p = o->choices;

	sb_addf(&c->err, "--%s: ", o->long_name);
	for (;;) {
		size_t len = strcspn(p, "|");

		sb_add(&c->err, p, len);
		if (!p[len])
			return -1;
		p += len + 1;
		sb_adds(&c->err, strchr(p, '|') ? ", " : " or ");
	}
}

/*
 * A non-list option may be given once, and two options that set the same
 * value exclude each other: the later one would silently win.
 */
static int once(struct po_ctx *c, const struct bp_option *o)
{
	size_t i;

	if (o->type == OPTION_STRING_LIST)
		return 0;
	for (i = 0; i < c->ngiven; i++) {
		if (c->given[i] == o)
			return po_error(c, "option '--%s' given twice",
					o->long_name);
		if (o->value && c->given[i]->value == o->value)
			return po_error(c, "options '--%s' and '--%s' exclude each other",
					c->given[i]->long_name, o->long_name);
	}
	c->given = xrealloc(c->given, (c->ngiven + 1) * sizeof(*c->given));
	c->given[c->ngiven++] = o;
	return 0;
}

static int store(struct po_ctx *c, const struct bp_option *o, const char *arg)
{
	if (once(c, o))
		return -1;
	switch (o->type) {
	case OPTION_BOOL:
		*(bool *)o->value = true;
		return 0;
	case OPTION_STRING:
		*(const char **)o->value = arg;
		return 0;
	case OPTION_INT:
		if (parse_int(arg, o->lo, o->hi, o->value))
			return po_error(c, "--%s: %d..%d", o->long_name, o->lo,
					o->hi);
		return 0;
	case OPTION_SECONDS:
		if (parse_seconds(arg, o->value))
			return po_error(c, "--%s: bad number '%s'",
					o->long_name, arg);
		return 0;
	case OPTION_STRING_LIST:
		sv_push(o->value, arg);
		return 0;
	case OPTION_CHOICE:
		if (!is_choice(o->choices, arg))
			return choice_error(c, o);
		*(const char **)o->value = arg;
		return 0;
	case OPTION_CALLBACK:
		return o->callback(o, arg, &c->err) ? -1 : 0;
	default:
		return po_error(c, "--%s: not an option", o->long_name);
	}
}

/*
 * The option @name (@len bytes) stands for: an exact match, else the
 * only option it is a prefix of, as getopt_long() does.
 */
static const struct bp_option *find_long(struct po_ctx *c, const char *name,
					 size_t len)
{
	const struct bp_option *o, *found = NULL;
	size_t n = 0;

	for (o = c->opts; o->type != OPTION_END; o++) {
		if (!is_option(o) || strncmp(o->long_name, name, len))
			continue;
		if (!o->long_name[len])
			return o;
		found = o;
		n++;
	}
	if (n == 1)
		return found;
	if (!n) {
		po_error(c, "unknown option '--%.*s'", (int)len, name);
		return NULL;
	}
	po_error(c, "ambiguous option '--%.*s' (could be", (int)len, name);
	for (o = c->opts; o->type != OPTION_END; o++)
		if (is_option(o) && !strncmp(o->long_name, name, len))
			sb_addf(&c->err, " --%s", o->long_name);
	sb_addc(&c->err, ')');
	return NULL;
}

static const struct bp_option *find_short(const struct bp_option *opts,
					  int ch)
{
	const struct bp_option *a, *o;

	for (a = opts; a->type != OPTION_END; a++) {
		if (a->type != OPTION_ALIAS || a->short_name != ch)
			continue;
		for (o = opts; o->type != OPTION_END; o++)
			if (is_option(o) && !strcmp(o->long_name, a->long_name))
				return o;
	}
	return NULL;
}

/* argv[c->i] is "--" @arg: "--name", "--name=value" or "--name value". */
static int parse_long(struct po_ctx *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct bp_option *o = find_long(c, arg, len);

	if (!o)
		return -1;
	if (!takes_arg(o)) {
		if (eq)
			return po_error(c, "option '--%s' takes no argument",
					o->long_name);
		return store(c, o, NULL);
	}
	if (eq)
		return store(c, o, eq + 1);
	if (c->i + 1 >= c->argc)
		return po_error(c, "option '--%s' requires an argument",
				o->long_name);
	return store(c, o, c->argv[++c->i]);
}

/* argv[c->i] is "-" @arg: "-c", "-cj", "-oDIR" or "-o DIR". */
static int parse_short(struct po_ctx *c, const char *arg)
{
	const struct bp_option *o;

	for (; *arg; arg++) {
		o = find_short(c->opts, *arg);
		if (!o)
			return po_error(c, "unknown option '-%c'", *arg);
		if (!takes_arg(o)) {
			if (store(c, o, NULL))
				return -1;
			continue;
		}
		if (arg[1])
			return store(c, o, arg + 1);
		if (c->i + 1 >= c->argc)
			return po_error(c, "option '-%c' requires an argument",
					*arg);
		return store(c, o, c->argv[++c->i]);
	}
	return 0;
}

/* An exact -h or --help before any "--". */
static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

static int parse_args(struct po_ctx *c)
{
	char **argv = c->argv;
	int n = 0;

	for (c->i = 1; c->i < c->argc; c->i++) {
		const char *a = argv[c->i];
		int r = 0;

		if (!strcmp(a, "--")) {
			while (++c->i < c->argc)
				argv[n++] = argv[c->i];
			break;
		}
		if (a[0] == '-' && a[1] == '-')
			r = parse_long(c, a + 2);
		else if (a[0] == '-' && a[1])
			r = parse_short(c, a + 1);
		else
			argv[n++] = argv[c->i];
		if (r)
			return -1;
	}
	argv[n] = NULL;
	return n;
}

int parse_options(int argc, char **argv, const struct bp_option *options,
		  const char *const *usagestr, unsigned int flags)
{
	struct po_ctx c = { options, argc, argv, 1, STRBUF_INIT, NULL, 0 };
	struct strbuf usage = STRBUF_INIT;
	int n;

	if (wants_help(argc, argv)) {
		if (!(flags & PARSE_OPT_QUIET))
			usage_with_options(usagestr, options);
		if (flags & PARSE_OPT_NO_EXIT)
			return PARSE_OPT_HELP;
		exit(EXIT_PASS);
	}
	n = argc > 0 ? parse_args(&c) : 0;
	free(c.given);
	if (n > 0 && (flags & PARSE_OPT_NO_ARGS)) {
		sb_addf(&c.err, "unexpected argument '%s'", argv[0]);
		n = -1;
	}
	if (n >= 0)
		return n;
	if (!(flags & PARSE_OPT_QUIET)) {
		sb_add_usage(&usage, usagestr, options);
		fprintf(stderr, "%s: %s\n%s", progname, sb_str(&c.err),
			sb_str(&usage));
	}
	sb_release(&usage);
	sb_release(&c.err);
	if (flags & PARSE_OPT_NO_EXIT)
		return PARSE_OPT_ERROR;
	exit(EXIT_ERROR);
}

static void add_spelling(struct strbuf *sb, const struct bp_option *opts,
			 const struct bp_option *o)
{
	const struct bp_option *a;

	for (a = opts; a->type != OPTION_END; a++)
		if (a->type == OPTION_ALIAS && !strcmp(a->long_name, o->long_name))
			sb_addf(sb, "-%c, ", a->short_name);
	sb_addf(sb, "--%s", o->long_name);
	if (o->argh && takes_arg(o))
		sb_addf(sb, " %s", o->argh);
}

/* The width of the spelling column: the longest that fits in it. */
static size_t spelling_width(const struct bp_option *opts)
{
	const struct bp_option *o;
	struct strbuf sb = STRBUF_INIT;
	size_t w = USAGE_MIN_WIDTH;

	for (o = opts; o->type != OPTION_END; o++) {
		if (!is_option(o))
			continue;
		sb_reset(&sb);
		add_spelling(&sb, opts, o);
		if (sb.len > w && sb.len <= USAGE_MAX_WIDTH)
			w = sb.len;
	}
	sb_release(&sb);
	return w;
}

static void pad(struct strbuf *sb, size_t n)
{
	while (n--)
		sb_addc(sb, ' ');
}

/* @len bytes of one help line at column @col, wrapped at spaces. */
static void add_help_line(struct strbuf *sb, const char *p, size_t len,
			  size_t col)
{
	size_t room = col < USAGE_COLUMNS ? USAGE_COLUMNS - col : 1;

	while (len > room) {
		size_t cut = room;

		while (cut > 0 && p[cut] != ' ')
			cut--;
		if (!cut) {
			cut = room;
			while (cut < len && p[cut] != ' ')
				cut++;
			if (cut == len)
				break;
		}
		sb_add(sb, p, cut);
		while (cut < len && p[cut] == ' ')
			cut++;
		p += cut;
		len -= cut;
		sb_addc(sb, '\n');
		pad(sb, col);
	}
	sb_add(sb, p, len);
}

/* "  --name ARG   help", continuation lines aligned under the help. */
static void add_option_line(struct strbuf *sb, const char *spelling,
			    const char *help, size_t width)
{
	size_t col = USAGE_INDENT + width + USAGE_GAP;
	size_t n = strlen(spelling);

	pad(sb, USAGE_INDENT);
	sb_adds(sb, spelling);
	if (!help || !*help) {
		sb_addc(sb, '\n');
		return;
	}
	if (n > width) {
		sb_addc(sb, '\n');
		pad(sb, col);
	} else {
		pad(sb, col - USAGE_INDENT - n);
	}
	for (;;) {
		size_t len = strcspn(help, "\n");

		add_help_line(sb, help, len, col);
		sb_addc(sb, '\n');
		if (!help[len])
			return;
		help += len + 1;
		pad(sb, col);
	}
}

void sb_add_usage(struct strbuf *sb, const char *const *usagestr,
		  const struct bp_option *options)
{
	const struct bp_option *o;
	struct strbuf sp = STRBUF_INIT;
	size_t width = spelling_width(options);

	for (; usagestr && *usagestr; usagestr++)
		sb_addf(sb, "%s\n", *usagestr);
	if (options->type != OPTION_GROUP)
		sb_addc(sb, '\n');
	for (o = options; o->type != OPTION_END; o++) {
		if (o->type == OPTION_GROUP) {
			sb_addc(sb, '\n');
			if (o->help && *o->help)
				sb_addf(sb, "%s\n", o->help);
		}
		if (!is_option(o))
			continue;
		sb_reset(&sp);
		add_spelling(&sp, options, o);
		add_option_line(sb, sb_str(&sp), o->help, width);
	}
	add_option_line(sb, "-h, --help", "this text", width);
	for (o = options; o->type != OPTION_END; o++)
		if (o->type == OPTION_TRAILER)
			sb_addf(sb, "\n%s\n", o->help);
	sb_release(&sp);
}

void usage_with_options(const char *const *usagestr,
			const struct bp_option *options)
{
	struct strbuf sb = STRBUF_INIT;

	sb_add_usage(&sb, usagestr, options);
	fputs(sb_str(&sb), stdout);
	sb_release(&sb);
}

void usage_msg_opt(const char *const *usagestr,
		   const struct bp_option *options, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	sb_addc(&sb, '\n');
	sb_add_usage(&sb, usagestr, options);
	fprintf(stderr, "%s: %s", progname, sb_str(&sb));
	sb_release(&sb);
	exit(EXIT_ERROR);
}
