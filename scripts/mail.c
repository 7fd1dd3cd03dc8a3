// SPDX-License-Identifier: GPL-2.0
/*
 * Building the mbox of a branch's port series: headers (RFC 2047 where
 * needed), Cc from the trailers and MAINTAINERS.txt, a cover letter for
 * several patches, the verification evidence below "---", reproducible
 * dates and Message-Ids.  Nothing is ever sent from here.  The ports
 * themselves are read by mail-port.c.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evidence.h"
#include "mail-port.h"
#include "mail.h"
#include "maintainers.h"
#include "patch.h"
#include "table.h"
#include "util.h"

#ifndef BACKPORT_VERSION
#define BACKPORT_VERSION "0.1"
#endif

#define STABLE_LIST "stable@vger.kernel.org"

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

/* "Name <a@b> # 5.10" -> "Name <a@b>"; "<a@b>" -> "a@b". */
static char *clean_person(const char *v)
{
	char *s = xstrdup(v), *hash = strchr(s, '#'), *t;

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

/*
 * A header-safe form of "Name <addr>": quote a display name with RFC 5322
 * specials, encode non-ASCII as RFC 2047.
 */
static char *header_phrase(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *c;
	bool special = false, high = false;

	for (c = (const unsigned char *)name; *c; c++) {
		if (*c >= 127)
			high = true;
		else if (strchr("()<>[]:;@\\,.\"", *c))
			special = true;
	}
	if (high) {
		sb_adds(&sb, "=?UTF-8?q?");
		for (c = (const unsigned char *)name; *c; c++) {
			if (*c == ' ')
				sb_addc(&sb, '_');
			else if (isalnum(*c))
				sb_addc(&sb, (char)*c);
			else
				sb_addf(&sb, "=%02X", *c);
		}
		sb_adds(&sb, "?=");
	} else if (special) {
		sb_addc(&sb, '"');
		for (c = (const unsigned char *)name; *c; c++) {
			if (*c == '"' || *c == '\\')
				sb_addc(&sb, '\\');
			sb_addc(&sb, (char)*c);
		}
		sb_addc(&sb, '"');
	} else {
		sb_adds(&sb, name);
	}
	return sb_detach(&sb);
}

static char *header_addr(const char *who)
{
	const char *lt = strchr(who, '<');
	char *name, *phrase, *addr, *r;

	if (!lt)
		return xstrdup(who);
	name = xstrndup(who, (size_t)(lt - who));
	trim(name);
	if (name[0] == '"') {	/* already quoted */
		free(name);
		return xstrdup(who);
	}
	phrase = header_phrase(trim(name));
	addr = maint_address(who);
	r = *phrase ? xasprintf("%s <%s>", phrase, addr) : xstrdup(addr);
	free(phrase);
	free(addr);
	free(name);
	return r;
}

/* Subjects: RFC 2047 encode only when non-ASCII. */
static char *header_text(const char *s)
{
	const unsigned char *c;

	for (c = (const unsigned char *)s; *c; c++)
		if (*c >= 127)
			return header_phrase(s);
	return xstrdup(s);
}

static void cc_add(struct strvec *cc, const char *who, const char *skip1,
		   const char *skip2)
{
	char *a = maint_address(who), *b;
	size_t i;

	if (!strchr(a, '@') || !strcmp(a, skip1) || (skip2 && !strcmp(a, skip2))) {
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

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct mailctx {
	const struct table *t;
	const struct branch *b;
	const struct maintainers *m;	/* NULL when no MAINTAINERS.txt */
	const struct evidence *ev;	/* results/<branch>.json */
	const char *sender;
	char *sender_addr;
	char *domain;
	long long epoch;
	uint64_t seed;
};

static char *message_id(const struct mailctx *c, size_t n)
{
	char stamp[32];
	time_t tt = (time_t)c->epoch;
	struct tm tm;
	uint64_t h = fnv1a(c->seed, (const char *)&n, sizeof(n));

	gmtime_r(&tt, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	return xasprintf("%s.backport-%s-%zu-%016llx@%s", stamp, c->b->name, n,
			 (unsigned long long)h, c->domain);
}

static char *mail_date(const struct mailctx *c, size_t n)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec",
	};
	time_t tt = (time_t)(c->epoch + (long long)n);
	struct tm tm;

	gmtime_r(&tt, &tm);
	return xasprintf("%s, %d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday],
			 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void collect_cc(const struct mailctx *c, const struct port *pt,
		       struct strvec *cc)
{
	struct maint_owners o = { NULL, 0 };
	size_t i;

	for (i = 0; i < pt->p.ntrailers; i++) {
		const struct trailer *tr = &pt->p.trailers[i];
		char *who;

		if (!is_person_key(tr->key))
			continue;
		who = clean_person(tr->value);
		cc_add(cc, who, STABLE_LIST, c->sender_addr);
		free(who);
	}
	cc_add(cc, pt->p.author, STABLE_LIST, c->sender_addr);
	if (!c->m)
		return;
	maintainers_resolve(c->m, pt->rel, &o);
	for (i = 0; i < pt->p.nfiles; i++)
		maintainers_resolve(c->m, pt->p.files[i].new_path, &o);
	for (i = 0; i < o.n; i++)
		cc_add(cc, o.v[i].who, STABLE_LIST, c->sender_addr);
	maint_owners_free(&o);
}

static void add_headers(struct strbuf *sb, const struct mailctx *c,
			const char *from_sha, const char *subject,
			const struct strvec *cc, size_t n, const char *msgid,
			const char *reply_to)
{
	char *from = header_addr(c->sender), *subj = header_text(subject);
	char *date = mail_date(c, n);
	size_t i;

	sb_addf(sb, "From %s Mon Sep 17 00:00:00 2001\n", from_sha);
	sb_addf(sb, "From: %s\n", from);
	sb_addf(sb, "Date: %s\n", date);
	sb_addf(sb, "Subject: %s\n", subj);
	sb_addf(sb, "To: %s\n", STABLE_LIST);
	if (cc->n) {
		sb_adds(sb, "Cc: ");
		for (i = 0; i < cc->n; i++) {
			char *a = header_addr(cc->v[i]);

			sb_addf(sb, "%s%s", i ? ", " : "", a);
			free(a);
		}
		sb_addc(sb, '\n');
	}
	sb_addf(sb, "Message-Id: <%s>\n", msgid);
	if (reply_to) {
		sb_addf(sb, "In-Reply-To: <%s>\n", reply_to);
		sb_addf(sb, "References: <%s>\n", reply_to);
	}
	sb_adds(sb, "MIME-Version: 1.0\n");
	sb_adds(sb, "Content-Type: text/plain; charset=UTF-8\n");
	sb_adds(sb, "Content-Transfer-Encoding: 8bit\n");
	sb_addf(sb, "X-Mailer: backport %s\n", BACKPORT_VERSION);
	sb_addc(sb, '\n');
	free(from);
	free(subj);
	free(date);
}

static void add_evidence(struct strbuf *sb, const struct mailctx *c)
{
	char *txt = evidence_text(c->ev, "  ");

	sb_addf(sb, "Verification of this port on %s (backport verify):\n",
		c->b->name);
	sb_adds(sb, txt);
	free(txt);
}

/* The "-- " line git format-patch ends a mail with, and our version. */
static void add_signature(struct strbuf *sb)
{
	sb_adds(sb, "-- ");
	sb_addf(sb, "\nbackport %s\n\n", BACKPORT_VERSION);
}

static int compose(const struct mailctx *c, struct port *ports, size_t np,
		   struct strbuf *out)
{
	char *cover_id = NULL, *subject, *id;
	const char *zero = "0000000000000000000000000000000000000000";
	struct strvec all_cc = STRVEC_INIT;
	size_t i;

	for (i = 0; i < np; i++)
		collect_cc(c, &ports[i], &all_cc);
	if (np > 1) {
		cover_id = message_id(c, 0);
		subject = xasprintf("[PATCH %s 0/%zu] %s", c->b->name, np,
				    c->t->up.subject);
		add_headers(out, c, zero, subject, &all_cc, 0, cover_id, NULL);
		free(subject);
		sb_addf(out, "This series backports upstream commit %s\n(\"%s\") to %s.\n\n",
			c->t->up.commit, c->t->up.subject, c->b->name);
		sb_addf(out, "Why: %s\n\n", c->b->reason);
		for (i = 0; i < np; i++)
			sb_addf(out, "  %zu/%zu %s\n", i + 1, np,
				ports[i].p.subject);
		sb_addc(out, '\n');
		add_evidence(out, c);
		sb_addc(out, '\n');
		for (i = 0; i < np; i++)
			sb_adds(out, ports[i].stat);
		sb_addc(out, '\n');
		add_signature(out);
	}
	for (i = 0; i < np; i++) {
		struct port *pt = &ports[i];
		struct strvec cc = STRVEC_INIT;

		collect_cc(c, pt, &cc);
		if (np > 1)
			subject = xasprintf("[PATCH %s %zu/%zu] %s", c->b->name,
					    i + 1, np, pt->p.subject);
		else
			subject = xasprintf("[PATCH %s] %s", c->b->name,
					    pt->p.subject);
		id = message_id(c, i + 1);
		add_headers(out, c, pt->upstream ? pt->upstream : zero, subject,
			    np > 1 ? &all_cc : &cc, i + 1, id, cover_id);
		sb_addf(out, "From: %s\n\n", pt->p.author);
		sb_adds(out, pt->body);
		sb_adds(out, "\n---\n");
		add_evidence(out, c);
		sb_addc(out, '\n');
		sb_adds(out, pt->stat);
		sb_addc(out, '\n');
		sb_adds(out, pt->diff);
		add_signature(out);
		free(subject);
		free(id);
		sv_clear(&cc);
	}
	sv_clear(&all_cc);
	free(cover_id);
	return 0;
}

/* A branch's ports, evidence and mail context, loaded once. */
struct mailjob {
	struct mailctx c;
	struct evidence ev;
	struct strvec rels;
	struct port *ports;
	size_t np;		/* ports loaded (to free) */
};

static void job_free(struct mailjob *j)
{
	size_t i;

	free(j->c.sender_addr);
	free(j->c.domain);
	evidence_free(&j->ev);
	for (i = 0; i < j->np; i++)
		port_free(&j->ports[i]);
	free(j->ports);
	sv_clear(&j->rels);
}

/*
 * Load what a mail of row @b needs into @j.  Returns EXIT_PASS,
 * EXIT_FINDING when @b is not a port row for stable, or EXIT_ERROR
 * (message printed); @j is to be released with job_free() either way.
 */
static int job_load(struct mailjob *j, const struct table *t,
		    const struct branch *b, const struct maintainers *m)
{
	struct mailctx *c = &j->c;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char msg[512], *at;
	size_t i;

	memset(j, 0, sizeof(*j));
	if (b->decision != DECISION_PORT) {
		err_msg("%s is %s, not a port: %s", b->name,
			decision_name(b->decision), b->reason);
		return EXIT_FINDING;
	}
	if (b->optional) {
		err_msg("%s is not for stable submission: %s", b->name,
			b->optional);
		return EXIT_FINDING;
	}
	if (port_series(t->root, b->name, &j->rels, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return EXIT_ERROR;
	}
	j->ports = xcalloc(j->rels.n, sizeof(*j->ports));
	for (i = 0; i < j->rels.n; i++, j->np++)
		if (port_load(t->root, j->rels.v[i], &j->ports[i]))
			return EXIT_ERROR;
	/* A results file that is there must be valid: never mail it half. */
	if (evidence_load(t->root, b->name, &j->ev, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return EXIT_ERROR;
	}

	c->t = t;
	c->b = b;
	c->m = m;
	c->ev = &j->ev;
	c->sender = t->backporter;
	c->sender_addr = maint_address(t->backporter);
	at = strchr(c->sender_addr, '@');
	c->domain = xstrdup(at ? at + 1 : "localhost");
	c->epoch = sde && *sde ? strtoll(sde, NULL, 10) : (long long)time(NULL);
	c->seed = fnv1a(0xcbf29ce484222325ULL, b->name, strlen(b->name));
	c->seed = fnv1a(c->seed, (const char *)&c->epoch, sizeof(c->epoch));
	for (i = 0; i < j->rels.n; i++)
		c->seed = fnv1a(c->seed, j->ports[i].text.buf,
				j->ports[i].text.len);
	return EXIT_PASS;
}

/* Write @out as @dir/B@ext and say what it holds. */
static int job_write(const struct mailjob *j, const char *dir,
		     const char *ext, const struct strbuf *out,
		     const char *what)
{
	char *file = xasprintf("%s/%s%s", dir, j->c.b->name, ext);
	int ret = EXIT_PASS;

	if (write_file_atomic(file, out->buf, out->len)) {
		err_msg("%s: cannot write: %m", file);
		ret = EXIT_ERROR;
	} else {
		printf("%s: %s\n", file, what);
	}
	free(file);
	return ret;
}

int mail_branch(const struct table *t, const struct branch *b,
		const struct maintainers *m, const char *dir)
{
	struct strbuf out = STRBUF_INIT;
	struct mailjob j;
	char *what;
	int ret;

	ret = job_load(&j, t, b, m);
	if (ret == EXIT_PASS) {
		compose(&j.c, j.ports, j.rels.n, &out);
		what = xasprintf("%zu message%s (%s)",
				 j.rels.n > 1 ? j.rels.n + 1 : 1,
				 j.rels.n > 1 ? "s" : "",
				 j.rels.n > 1 ? "cover letter + patches" :
						"one patch");
		ret = job_write(&j, dir, ".mbox", &out, what);
		free(what);
	}
	job_free(&j);
	sb_release(&out);
	return ret;
}

/*
 * The cover letter for "b4 prep --edit-cover": title, what and why, the
 * evidence, then To:/Cc: trailers, which b4 send turns into headers.  b4
 * adds the people of the patches' trailers itself, so the Cc: trailers
 * are what it cannot know: each port's author and the MAINTAINERS.txt
 * owners of the files the ports touch.
 */
static void compose_b4_cover(const struct mailctx *c, const struct port *ports,
			     size_t np, struct strbuf *out)
{
	struct maint_owners o = { NULL, 0 };
	struct strvec cc = STRVEC_INIT;
	size_t i, f;

	for (i = 0; i < np; i++) {
		cc_add(&cc, ports[i].p.author, STABLE_LIST, c->sender_addr);
		if (!c->m)
			continue;
		maintainers_resolve(c->m, ports[i].rel, &o);
		for (f = 0; f < ports[i].p.nfiles; f++)
			maintainers_resolve(c->m, ports[i].p.files[f].new_path,
					    &o);
	}
	for (i = 0; i < o.n; i++)
		cc_add(&cc, o.v[i].who, STABLE_LIST, c->sender_addr);
	maint_owners_free(&o);

	sb_addf(out, "%s\n\n", c->t->up.subject);
	sb_addf(out, "This %s backports upstream commit %s\n(\"%s\") to %s.\n\n",
		np > 1 ? "series" : "patch", c->t->up.commit,
		c->t->up.subject, c->b->name);
	sb_addf(out, "Why: %s\n\n", c->b->reason);
	add_evidence(out, c);
	/*
	 * b4 reads "key: value" lines of the paragraph before the trailers
	 * as trailers too and rewrites them: the evidence must not be that
	 * paragraph.
	 */
	sb_addf(out, "\nCover letter written by backport %s (backport mail --b4-cover).\n\n",
		BACKPORT_VERSION);
	sb_addf(out, "To: %s\n", STABLE_LIST);
	/* A trailer, not a header: the name as written, no RFC 2047. */
	for (i = 0; i < cc.n; i++)
		sb_addf(out, "Cc: %s\n", cc.v[i]);
	sv_clear(&cc);
}

int mail_b4_cover(const struct table *t, const struct branch *b,
		  const struct maintainers *m, const char *dir)
{
	struct strbuf out = STRBUF_INIT;
	struct mailjob j;
	int ret;

	ret = job_load(&j, t, b, m);
	if (ret == EXIT_PASS) {
		compose_b4_cover(&j.c, j.ports, j.rels.n, &out);
		ret = job_write(&j, dir, ".cover", &out,
				"cover letter for b4 prep --edit-cover");
	}
	job_free(&j);
	sb_release(&out);
	return ret;
}
