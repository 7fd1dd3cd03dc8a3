// SPDX-License-Identifier: GPL-2.0
/*
 * Building the mbox of a branch's port series: headers (RFC 2047 where
 * needed), Cc from the trailers (mail-port.c) and MAINTAINERS.txt, a
 * cover letter for several patches, the verification evidence below
 * "---", reproducible dates and Message-Ids.  Nothing is ever sent from
 * here.  The ports themselves are read by mail-port.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evidence.h"
#include "mail-port.h"
#include "mailenc.h"
#include "mail.h"
#include "maintainers.h"
#include "patch.h"
#include "table.h"
#include "util.h"
#include "valid.h"

#ifndef BACKPORT_VERSION
#define BACKPORT_VERSION "0.1"
#endif

#define STABLE_LIST "stable@vger.kernel.org"

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

	mail_cc_trailers(&pt->p, cc, STABLE_LIST, c->sender_addr);
	if (!c->m)
		return;
	maintainers_resolve(c->m, pt->rel, &o);
	for (i = 0; i < pt->p.nfiles; i++)
		maintainers_resolve(c->m, pt->p.files[i].new_path, &o);
	for (i = 0; i < o.n; i++)
		mail_cc_add(cc, o.v[i].who, STABLE_LIST, c->sender_addr);
	maint_owners_free(&o);
}

/* mailenc's value @enc of @raw, or "" with the problem printed. */
static const char *encoded(const char *enc, const char *raw, int *ret)
{
	char *q;

	if (enc)
		return enc;
	q = valid_quote(raw, 80);
	err_msg("%s: not valid UTF-8, or an address that is not ASCII: it cannot go into a mail header",
		q);
	free(q);
	*ret = -1;
	return "";
}

/*
 * The headers of message @n; -1 when a value cannot be encoded (printed;
 * the ports and MAINTAINERS.txt are checked to be UTF-8 before).
 */
static int add_headers(struct strbuf *sb, const struct mailctx *c,
		       const char *from_sha, const char *subject,
		       const struct strvec *cc, size_t n, const char *msgid,
		       const char *reply_to)
{
	char *from = mailenc_addr(c->sender), *subj = mailenc_text(subject);
	char *date = mail_date(c, n);
	int ret = 0;
	size_t i;

	sb_addf(sb, "From %s Mon Sep 17 00:00:00 2001\n", from_sha);
	sb_addf(sb, "From: %s\n", encoded(from, c->sender, &ret));
	sb_addf(sb, "Date: %s\n", date);
	sb_addf(sb, "Subject: %s\n", encoded(subj, subject, &ret));
	sb_addf(sb, "To: %s\n", STABLE_LIST);
	if (cc->n) {
		sb_adds(sb, "Cc: ");
		for (i = 0; i < cc->n; i++) {
			char *a = mailenc_addr(cc->v[i]);

			sb_addf(sb, "%s%s", i ? ", " : "",
				encoded(a, cc->v[i], &ret));
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
	return ret;
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
	int bad = 0;

	for (i = 0; i < np; i++)
		collect_cc(c, &ports[i], &all_cc);
	if (np > 1) {
		cover_id = message_id(c, 0);
		subject = xasprintf("[PATCH %s 0/%zu] %s", c->b->name, np,
				    c->t->up.subject);
		bad |= add_headers(out, c, zero, subject, &all_cc, 0, cover_id,
				   NULL);
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
		bad |= add_headers(out, c, pt->upstream ? pt->upstream : zero,
				   subject,
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
	return bad ? -1 : 0;
}

static int count_msg(const char *msg, size_t len, unsigned int line,
		     void *arg)
{
	(*(size_t *)arg)++;
	return 0;
}

/* Split as git mailsplit will, @out must be exactly @want messages. */
static int check_split(const struct strbuf *out, size_t want,
		       const char *file)
{
	struct parse_error err;
	size_t n = 0;

	if (!mbox_split(out->buf, out->len, count_msg, &n, &err) && n == want)
		return 0;
	err_msg("%s: would split into %zu messages, not %zu (a line git mailsplit takes for a \"From \" separator in a message?); not written",
		file, n, want);
	return -1;
}

/* $SOURCE_DATE_EPOCH (seconds), else now; -1 when it is not a number. */
static int mail_epoch(long long *epoch)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (!sde || !*sde) {
		*epoch = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	*epoch = strtoll(sde, &end, 10);
	if (*end || errno || *epoch < 0) {
		err_msg("SOURCE_DATE_EPOCH=%s: not a number of seconds", sde);
		return -1;
	}
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
	for (i = 0; i < j->rels.n; i++) {
		j->np++;	/* a port that fails to load is freed too */
		if (port_load(t->root, j->rels.v[i], &j->ports[i]))
			return EXIT_ERROR;
	}
	/* A results file that is there must be valid: never mail it half. */
	if (evidence_load(t->root, b->name, &j->ev, msg, sizeof(msg))) {
		err_msg("%s", msg);
		return EXIT_ERROR;
	}

	if (mail_epoch(&c->epoch))
		return EXIT_ERROR;
	c->t = t;
	c->b = b;
	c->m = m;
	c->ev = &j->ev;
	c->sender = t->backporter;
	c->sender_addr = maint_address(t->backporter);
	at = strchr(c->sender_addr, '@');
	c->domain = xstrdup(at ? at + 1 : "localhost");
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
		char *file = xasprintf("%s/%s.mbox", dir, b->name);
		size_t n = j.rels.n > 1 ? j.rels.n + 1 : 1;

		if (compose(&j.c, j.ports, j.rels.n, &out) ||
		    check_split(&out, n, file)) {
			ret = EXIT_ERROR;
		} else {
			what = xasprintf("%zu message%s (%s)", n,
					 n > 1 ? "s" : "",
					 n > 1 ? "cover letter + patches" :
						 "one patch");
			ret = job_write(&j, dir, ".mbox", &out, what);
			free(what);
		}
		free(file);
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
		mail_cc_add(&cc, ports[i].p.author, STABLE_LIST, c->sender_addr);
		if (!c->m)
			continue;
		maintainers_resolve(c->m, ports[i].rel, &o);
		for (f = 0; f < ports[i].p.nfiles; f++)
			maintainers_resolve(c->m, ports[i].p.files[f].new_path,
					    &o);
	}
	for (i = 0; i < o.n; i++)
		mail_cc_add(&cc, o.v[i].who, STABLE_LIST, c->sender_addr);
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
