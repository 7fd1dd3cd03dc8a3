// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel tree inspection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"
#include "util.h"

static const char *const state_names[] = {
	[FIX_ABSENT] = "vulnerable",
	[FIX_PRESENT] = "fixed",
	[FIX_REWORKED] = "fixed-by-rework",
	[FIX_NOT_AFFECTED] = "not-affected",
	[FIX_UNKNOWN] = "unknown",
};

const char *fix_state_name(enum fix_state s)
{
	return state_names[s];
}

static char *makefile_var(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n && !strncmp(p, name, n)) {
			const char *q = p + n;

			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '=') {
				char *v = xstrndup(q + 1,
						   len - (size_t)(q + 1 - p));
				char *t = trim(v);

				memmove(v, t, strlen(t) + 1);
				return v;
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

static int parse_uint(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	if (!*s)
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v > 1000000)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* Lines of @text, trimmed of leading whitespace, compared to @want. */
static bool line_eq(const char *line, size_t len, const char *want)
{
	while (len && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	return len == strlen(want) && !memcmp(line, want, len);
}

enum fix_state fix_state_of(const char *text, const struct upstream *up,
			    unsigned int *func_line, unsigned int *anchor_line)
{
	const char *p = text, *eol;
	unsigned int no = 0;
	bool in_func = false, after_anchor = false, takes_ref = false;
	size_t flen = strlen(up->function);

	*func_line = 0;
	*anchor_line = 0;
	for (; p && *p; p = eol ? eol + 1 : NULL) {
		size_t len;

		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		no++;
		if (!in_func) {
			/* A definition: starts at column 0, not a prototype. */
			const char *f = memmem(p, len, up->function, flen);

			if (f && p[0] != ' ' && p[0] != '\t' && p[0] != '/' &&
			    p[0] != '*' && p[0] != '#' &&
			    f[flen] == '(' && (f == p || f[-1] == ' ' ||
					       f[-1] == '*') &&
			    !memchr(p, ';', len)) {
				in_func = true;
				*func_line = no;
			}
			continue;
		}
		if (len && p[0] == '}')
			break;
		if (after_anchor) {
			if (line_eq(p, len, up->fix_line))
				return FIX_PRESENT;
			if (!line_eq(p, len, ""))
				return FIX_ABSENT;
			continue;
		}
		if (line_eq(p, len, up->anchor)) {
			after_anchor = true;
			*anchor_line = no;
		}
		if (memmem(p, len, "get_page_unless_zero", 20))
			takes_ref = true;
	}
	if (after_anchor)
		return FIX_ABSENT;
	if (*func_line && !takes_ref)
		return FIX_REWORKED;
	if (!*func_line && up->rework_marker && *up->rework_marker &&
	    strstr(text, up->rework_marker))
		return FIX_REWORKED;
	return FIX_UNKNOWN;
}

int tree_inspect(const char *dir, const struct upstream *up,
		 struct tree_info *ti, char *msg, size_t msglen)
{
	struct strbuf mk = STRBUF_INIT, src = STRBUF_INIT;
	char *mkpath = NULL, *srcpath = NULL;
	char *ver = NULL, *pat = NULL, *sub = NULL, *extra = NULL;
	unsigned int fmaj = 0, fmin = 0;
	int ret = -1;

	memset(ti, 0, sizeof(*ti));
	if (!is_dir(dir)) {
		snprintf(msg, msglen, "%s: not a directory", dir);
		return -1;
	}
	ti->path = abs_path(dir);
	mkpath = path_join(dir, "Makefile");
	if (read_file(mkpath, &mk)) {
		snprintf(msg, msglen, "%s: %s: not a kernel tree", mkpath,
			 strerror(errno));
		goto out;
	}
	ver = makefile_var(mk.buf, "VERSION");
	pat = makefile_var(mk.buf, "PATCHLEVEL");
	sub = makefile_var(mk.buf, "SUBLEVEL");
	extra = makefile_var(mk.buf, "EXTRAVERSION");
	if (!ver || !pat || parse_uint(ver, &ti->major) ||
	    parse_uint(pat, &ti->minor)) {
		snprintf(msg, msglen,
			 "%s:1: no VERSION/PATCHLEVEL assignments: not a kernel tree",
			 mkpath);
		goto out;
	}
	if (sub && *sub && parse_uint(sub, &ti->sub))
		ti->sub = 0;
	ti->version = xasprintf("%u.%u.%u%s", ti->major, ti->minor, ti->sub,
				extra ? extra : "");
	ti->branch = xasprintf("%u.%u.y", ti->major, ti->minor);

	srcpath = path_join(dir, up->file);
	if (read_file(srcpath, &src)) {
		snprintf(msg, msglen, "%s: %s", srcpath, strerror(errno));
		goto out;
	}
	ti->file_sha256 = sha256_file_hex(srcpath);
	parse_version(up->fixes_release, &fmaj, &fmin, NULL);
	ti->state = fix_state_of(src.buf, up, &ti->func_line,
				 &ti->anchor_line);
	if (ti->major < fmaj || (ti->major == fmaj && ti->minor < fmin)) {
		ti->state = FIX_NOT_AFFECTED;
		ti->detail = xasprintf("%u.%u predates %s (v%s): split does not use migration entries",
				       ti->major, ti->minor, up->fixes,
				       up->fixes_release);
	} else if (ti->state == FIX_PRESENT) {
		ti->detail = xasprintf("%s:%u: \"%s\" follows \"%s\"",
				       up->file, ti->anchor_line + 1,
				       up->fix_line, up->anchor);
	} else if (ti->state == FIX_ABSENT) {
		ti->detail = xasprintf("%s:%u: \"%s\" is not followed by \"%s\"",
				       up->file, ti->anchor_line, up->anchor,
				       up->fix_line);
	} else if (ti->state == FIX_REWORKED && !ti->func_line) {
		ti->detail = xasprintf("%s: %s() is gone; the file calls %s) (%s rework)",
				       up->file, up->function,
				       up->rework_marker,
				       up->rework_commit ? up->rework_commit :
				       "upstream");
	} else if (ti->state == FIX_REWORKED) {
		ti->detail = xasprintf("%s:%u: %s() no longer takes a page reference",
				       up->file, ti->func_line, up->function);
	} else {
		ti->detail = xasprintf("%s: %s() or its anchor line not found",
				       up->file, up->function);
	}
	ret = 0;
out:
	sb_release(&mk);
	sb_release(&src);
	free(mkpath);
	free(srcpath);
	free(ver);
	free(pat);
	free(sub);
	free(extra);
	if (ret)
		tree_info_free(ti);
	return ret;
}

void tree_info_free(struct tree_info *ti)
{
	free(ti->path);
	free(ti->version);
	free(ti->branch);
	free(ti->detail);
	free(ti->file_sha256);
	memset(ti, 0, sizeof(*ti));
}
