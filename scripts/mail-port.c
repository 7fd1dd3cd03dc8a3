// SPDX-License-Identifier: GPL-2.0
/*
 * A port patch read for mailing: parsed, checked not to split the mbox,
 * its message without trailing blank lines, its diff without the mail
 * signature, its diffstat and the upstream commit it names; the people
 * of its trailers to Cc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail-port.h"
#include "maintainers.h"
#include "patch.h"
#include "util.h"

static char *diffstat(const struct patch *p)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, add = 0, del = 0, w = 0;

	for (i = 0; i < p->nfiles; i++)
		if (strlen(p->files[i].new_path ? p->files[i].new_path : "") > w)
			w = strlen(p->files[i].new_path);
	for (i = 0; i < p->nfiles; i++) {
		const struct file_diff *f = &p->files[i];
		size_t a = 0, d = 0, k;

		for (j = 0; j < f->nhunks; j++) {
			a += f->hunks[j].added;
			d += f->hunks[j].removed;
		}
		sb_addf(&sb, " %-*s | %zu ", (int)w,
			f->new_path ? f->new_path : "?", a + d);
		for (k = 0; k < a && k < 60; k++)
			sb_addc(&sb, '+');
		for (k = 0; k < d && k < 60; k++)
			sb_addc(&sb, '-');
		sb_addc(&sb, '\n');
		add += a;
		del += d;
	}
	sb_addf(&sb, " %zu file%s changed", p->nfiles,
		p->nfiles == 1 ? "" : "s");
	if (add)
		sb_addf(&sb, ", %zu insertion%s(+)", add, add == 1 ? "" : "s");
	if (del)
		sb_addf(&sb, ", %zu deletion%s(-)", del, del == 1 ? "" : "s");
	sb_addc(&sb, '\n');
	return sb_detach(&sb);
}

void port_free(struct port *pt)
{
	free(pt->rel);
	sb_release(&pt->text);
	patch_free(&pt->p);
	free(pt->body);
	free(pt->diff);
	free(pt->stat);
	free(pt->upstream);
}

/* The 40-hex sha of "commit SHA upstream." / "[ Upstream commit SHA ]". */
static char *upstream_sha(const char *first)
{
	const char *s = NULL;

	if (!first)
		return NULL;
	if (starts_with(first, "commit "))
		s = first + 7;
	else if (starts_with(first, "[ Upstream commit "))
		s = first + 18;
	if (s && is_hex(s, 40) && (s[40] == ' ' || s[40] == '\0'))
		return xstrndup(s, 40);
	return NULL;
}

int port_load(const char *root, const char *rel, struct port *pt)
{
	struct parse_error err;
	char *abs = path_join(root, rel), *sig, *b;
	size_t n;
	const char *line;

	memset(pt, 0, sizeof(*pt));
	pt->rel = xstrdup(rel);
	if (read_file(abs, &pt->text)) {
		err_msg("%s: cannot read the port (listed in series/)", rel);
		free(abs);
		return -1;
	}
	free(abs);
	if (text_check_utf8(sb_str(&pt->text), pt->text.len, &err) ||
	    patch_parse(sb_str(&pt->text), pt->text.len, &pt->p, &err)) {
		err_msg("%s:%u: %s", rel, err.line, err.msg);
		return -1;
	}
	/* A body line "From " would split the mbox for b4 and mailsplit. */
	for (line = pt->p.message, n = pt->p.message_line; line;
	     line = strchr(line, '\n'), n++) {
		if (*line == '\n')
			line++;
		if (starts_with(line, "From ")) {
			err_msg("%s:%zu: message line starts with \"From \": it would split the mbox; reword it",
				rel, n);
			return -1;
		}
	}
	b = xstrdup(pt->p.message);
	n = strlen(b);
	while (n && (b[n - 1] == '\n' || b[n - 1] == ' '))
		b[--n] = '\0';
	pt->body = b;
	pt->diff = xstrdup(pt->p.diff);
	/* Cut the mail signature ("-- " line) off the diff. */
	for (sig = strstr(pt->diff, "\n-- "); sig; sig = strstr(sig + 1, "\n-- "))
		if (sig[4] == '\n') {
			sig[1] = '\0';
			break;
		}
	n = strlen(pt->diff);
	if (n && pt->diff[n - 1] != '\n') {
		char *d = xasprintf("%s\n", pt->diff);

		free(pt->diff);
		pt->diff = d;
	}
	pt->stat = diffstat(&pt->p);
	pt->upstream = upstream_sha(pt->p.first_line);
	return 0;
}

static const char *const person_keys[] = {
	"Signed-off-by", "Acked-by", "Reviewed-by", "Tested-by",
	"Suggested-by", "Reported-by", "Co-developed-by", "Cc",
};

static bool is_person_key(const char *k)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(person_keys); i++)
		if (!strcasecmp(k, person_keys[i]))
			return true;
	return false;
}

char *mail_cc_person(const char *key, const char *value)
{
	char *s, *hash, *t;

	if (!is_person_key(key))
		return NULL;
	s = xstrdup(value);
	hash = strchr(s, '#');
	if (hash)
		*hash = '\0';
	t = trim(s);
	if (t[0] == '<' && t[strlen(t) - 1] == '>' && !strchr(t + 1, '<')) {
		t[strlen(t) - 1] = '\0';
		t++;
	}
	t = xstrdup(t);
	free(s);
	return t;
}

void mail_cc_add(struct strvec *cc, const char *who, const char *skip1,
		 const char *skip2)
{
	char *a = maint_address(who), *b;
	size_t i;

	if (!strchr(a, '@') || !strcmp(a, skip1) ||
	    (skip2 && !strcmp(a, skip2))) {
		free(a);
		return;
	}
	for (i = 0; i < cc->n; i++) {
		b = maint_address(cc->v[i]);
		if (!strcmp(a, b)) {
			free(b);
			free(a);
			return;
		}
		free(b);
	}
	free(a);
	sv_push(cc, who);
}

void mail_cc_trailers(const struct patch *p, struct strvec *cc,
		      const char *skip1, const char *skip2)
{
	size_t i;

	for (i = 0; i < p->ntrailers; i++) {
		char *who = mail_cc_person(p->trailers[i].key,
					   p->trailers[i].value);

		if (who)
			mail_cc_add(cc, who, skip1, skip2);
		free(who);
	}
	if (p->author)
		mail_cc_add(cc, p->author, skip1, skip2);
}
