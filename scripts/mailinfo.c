// SPDX-License-Identifier: GPL-2.0
/*
 * Running "git mailinfo".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailinfo.h"
#include "run.h"
#include "util.h"

char *mailinfo_field(const char *info, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = info; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, n) && p[n] == ':' && p[n + 1] == ' ') {
			const char *e = strchrnul(p + n + 2, '\n');

			return xstrndup(p + n + 2, (size_t)(e - (p + n + 2)));
		}
	}
	return NULL;
}

void upstream_mail_free(struct upstream_mail *u)
{
	free(u->author);
	free(u->subject);
	free(u->date);
	free(u->message);
	free(u->patch);
	memset(u, 0, sizeof(*u));
}

/* The failure @why of mailinfo_commit(), into @msg. */
static int refuse(struct upstream_mail *u, char *msg, size_t msglen,
		  const char *why)
{
	snprintf(msg, msglen, "%s", why);
	upstream_mail_free(u);
	return -1;
}

int mailinfo_commit(const struct mailinfo *mi, struct upstream_mail *u,
		    char *msg, size_t msglen)
{
	char *name, *email;
	size_t n;

	memset(u, 0, sizeof(*u));
	name = mailinfo_field(mi->info, "Author");
	email = mailinfo_field(mi->info, "Email");
	u->subject = mailinfo_field(mi->info, "Subject");
	u->date = mailinfo_field(mi->info, "Date");
	if (email && *email)
		u->author = name && *name ? xasprintf("%s <%s>", name, email)
					  : xstrdup(email);
	free(name);
	free(email);
	if (!u->author || !u->subject || !*u->subject || !u->date)
		return refuse(u, msg, msglen,
			      "git mailinfo found no author, subject or date");
	n = strlen(mi->msg);
	while (n && (mi->msg[n - 1] == '\n' || mi->msg[n - 1] == ' '))
		n--;
	if (!n)
		return refuse(u, msg, msglen,
			      "the upstream commit message is empty");
	u->message = xasprintf("%.*s\n", (int)n, mi->msg);
	if (!*mi->patch)
		return refuse(u, msg, msglen, "no diff in the upstream mail");
	if (starts_with(mi->patch, "---\n"))
		u->patch = xstrdup(mi->patch);
	else
		u->patch = xasprintf("---\n\n%s", mi->patch);
	return 0;
}

int git_mailinfo(const char *mail, struct mailinfo *mi)
{
	const char *const argv[] = { "git", "mailinfo", "msg", "patch", NULL };
	const char *tmp = getenv("TMPDIR");
	struct strbuf info = STRBUF_INIT, msg = STRBUF_INIT, pat = STRBUF_INIT;
	struct run_opts o = { 0 };
	struct run_result res;
	char *dir, *f, why[128];
	int ret = -1;

	memset(mi, 0, sizeof(*mi));
	dir = xasprintf("%s/backport-mailinfo.XXXXXX",
			tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		err_msg("mkdtemp %s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	o.cwd = dir;
	o.stdin_path = mail;
	o.capture = &info;
	o.separate_stderr = true;
	o.timeout = 60;
	if (run_argv(argv, &o, &res)) {
		err_msg("git mailinfo %s: %s", mail,
			run_describe(&res, why, sizeof(why)));
		goto out;
	}
	f = path_join(dir, "msg");
	ret = read_file(f, &msg);
	free(f);
	f = path_join(dir, "patch");
	if (!ret)
		ret = read_file(f, &pat);
	free(f);
	if (ret) {
		err_msg("%s: git mailinfo wrote no message or patch", mail);
		goto out;
	}
	mi->info = sb_detach(&info);
	mi->msg = sb_detach(&msg);
	mi->patch = sb_detach(&pat);
out:
	if (remove_tree(dir))
		warn_msg("%s: cannot remove: %s", dir, strerror(errno));
	free(dir);
	sb_release(&info);
	sb_release(&msg);
	sb_release(&pat);
	return ret;
}

int mailsplit_count_parse(const char *out, unsigned int *n)
{
	const char *p = out;
	unsigned long v = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > 1000000000)
			return -1;
	}
	if (*p && strcmp(p, "\n"))
		return -1;
	*n = (unsigned int)v;
	return 0;
}

/* The @n files git mailsplit wrote into @dir, 0001 on, into @msgs. */
static int read_split(const char *mbox, const char *dir, unsigned int n,
		      struct strvec *msgs)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned int i;
	char *f;
	int ret = 0;

	for (i = 1; i <= n + 1 && !ret; i++) {
		f = xasprintf("%s/%04u", dir, i);
		sb_reset(&sb);
		if (read_file(f, &sb) != (i > n ? -1 : 0)) {
			err_msg("%s: git mailsplit counted %u messages, but wrote %s%04u",
				mbox, n, i > n ? "" : "no ", i);
			ret = -1;
		} else if (i <= n && strlen(sb_str(&sb)) != sb.len) {
			err_msg("%s: message %u holds a NUL byte", mbox, i);
			ret = -1;
		} else if (i <= n) {
			sv_push(msgs, sb_str(&sb));
		}
		free(f);
	}
	sb_release(&sb);
	return ret;
}

int git_mailsplit(const char *mbox, struct strvec *msgs)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { 0 };
	struct run_result res;
	struct strvec av = STRVEC_INIT;
	char *dir, why[128];
	unsigned int n;
	int ret = -1;

	dir = xasprintf("%s/backport-mailsplit.XXXXXX",
			tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		err_msg("mkdtemp %s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	sv_pushl(&av, "git", "mailsplit", "-b", NULL);
	sv_pushf(&av, "-o%s", dir);
	sv_pushl(&av, "--", mbox, NULL);
	o.capture = &out;
	o.separate_stderr = true;
	o.timeout = 60;
	if (run_argv((const char *const *)av.v, &o, &res)) {
		err_msg("%s: git mailsplit refuses it (%s)", mbox,
			run_describe(&res, why, sizeof(why)));
		goto out;
	}
	if (mailsplit_count_parse(sb_str(&out), &n)) {
		err_msg("%s: git mailsplit printed no count", mbox);
		goto out;
	}
	ret = read_split(mbox, dir, n, msgs);
out:
	if (remove_tree(dir))
		warn_msg("%s: cannot remove: %s", dir, strerror(errno));
	free(dir);
	sv_clear(&av);
	sb_release(&out);
	return ret;
}

int git_mailsplit_count(const char *mbox, unsigned int *n)
{
	struct strvec msgs = STRVEC_INIT;
	int ret = git_mailsplit(mbox, &msgs);

	if (!ret)
		*n = (unsigned int)msgs.n;
	sv_clear(&msgs);
	return ret;
}

void mailinfo_free(struct mailinfo *mi)
{
	free(mi->info);
	free(mi->msg);
	free(mi->patch);
	memset(mi, 0, sizeof(*mi));
}
