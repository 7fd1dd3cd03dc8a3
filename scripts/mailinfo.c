// SPDX-License-Identifier: GPL-2.0
/*
 * Running "git mailinfo".
 */
#include <errno.h>
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

int git_mailsplit_count(const char *mbox, unsigned int *n)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = { 0 };
	struct run_result res;
	struct strvec av = STRVEC_INIT;
	char *dir, *end, why[128];
	unsigned long v;
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
	v = strtoul(sb_str(&out), &end, 10);
	if (end == sb_str(&out) || (*end && *end != '\n')) {
		err_msg("%s: git mailsplit printed no count", mbox);
		goto out;
	}
	*n = (unsigned int)v;
	ret = 0;
out:
	if (remove_tree(dir))
		warn_msg("%s: cannot remove: %s", dir, strerror(errno));
	free(dir);
	sv_clear(&av);
	sb_release(&out);
	return ret;
}

void mailinfo_free(struct mailinfo *mi)
{
	free(mi->info);
	free(mi->msg);
	free(mi->patch);
	memset(mi, 0, sizeof(*mi));
}
