// SPDX-License-Identifier: GPL-2.0
/*
 * The bug's signature on a console (see signature.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signature.h"
#include "util.h"

static const char *const match_names[] = {
	[MATCH_NONE] = "none",
	[MATCH_BUG] = "bug",
	[MATCH_OTHER] = "other",
};

const char *console_match_name(enum console_match m)
{
	return match_names[m];
}

void sig_of_table(const struct table *t, struct console_sig *out)
{
	memset(out, 0, sizeof(*out));
	out->kinds = (const char *const *)t->up.sig.kinds;
	out->frames = (const char *const *)t->up.sig.frames;
	out->trace_seconds = t->boot.trace_seconds;
	out->trace_lines = t->boot.trace_lines > 0 ?
		(unsigned int)t->boot.trace_lines : 0;
}

/*
 * The kinds console_signature() can return, and "silent" (a boot whose
 * frames come from its vCPU samples, console_samples()).
 */
static const enum console_kind kernel_kinds[] = {
	KIND_SOFT_LOCKUP, KIND_RCU_STALL, KIND_HUNG_TASK, KIND_OOPS,
	KIND_PANIC, KIND_SILENT,
};

int sig_kind_of(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(kernel_kinds); i++)
		if (!strcmp(name, console_kind_name(kernel_kinds[i])))
			return (int)kernel_kinds[i];
	return -1;
}

bool sig_kind_listed(const struct console_sig *s, enum console_kind k)
{
	size_t i;

	for (i = 0; s && s->kinds && s->kinds[i]; i++)
		if (sig_kind_of(s->kinds[i]) == (int)k)
			return true;
	return false;
}

static bool is_sym(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '.';
}

static bool listed(const char *const *l, const char *name, size_t n)
{
	size_t i;

	for (i = 0; l && l[i]; i++)
		if (strlen(l[i]) == n && !memcmp(l[i], name, n))
			return true;
	return false;
}

static bool seen_already(const struct strvec *seen, const char *name,
			 size_t n)
{
	return listed((const char *const *)seen->v, name, n);
}

size_t sig_frames_in(const struct console_sig *s, const char *text,
		     struct strvec *seen)
{
	const char *p = text, *plus;
	size_t added = 0;

	if (!s || !s->frames)
		return 0;
	while ((plus = strstr(p, "+0x"))) {
		const char *b = plus;

		while (b > text && is_sym(b[-1]))
			b--;
		if (b < plus && listed(s->frames, b, (size_t)(plus - b)) &&
		    !seen_already(seen, b, (size_t)(plus - b))) {
			char *name = xstrndup(b, (size_t)(plus - b));

			sv_push(seen, name);
			free(name);
			added++;
		}
		p = plus + 3;
	}
	return added;
}

void sig_frames_in_excerpt(const struct console_sig *s, const char *excerpt,
			   unsigned int from, struct strvec *seen)
{
	const char *p = excerpt;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n), *bar = strchr(line, '|');
		unsigned long no = strtoul(line, NULL, 10);

		if (bar && no >= from)
			sig_frames_in(s, bar + 1, seen);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

const char *sig_trace_end(const struct console *c, const char *text,
			  double kts, double host_time)
{
	const struct console_sig *s = c->bug;
	unsigned int max = s && s->trace_lines ? s->trace_lines :
		CONSOLE_AFTER;
	double waited = -1;

	if (c->result)
		return "the result line";
	/*
	 * The panic's own backtrace shows what the CPU was doing when the
	 * detector fired (for an RCU stall with panic_on_rcu_stall, the
	 * only trace of the stalled task): read it whole.  panic=-1 and
	 * -no-reboot end QEMU right after it; its end line, when printed,
	 * or the bounds below end it otherwise.
	 */
	if (c->panic_after_sig && strstr(text, "---[ end Kernel panic"))
		return "the panic";
	if (strstr(text, "---[ end trace"))
		return "the end of the trace";
	if (strstr(text, "</TASK>") && c->frames.n)
		return "the end of the stack";
	if (c->after >= max)
		return "the line bound";
	if (host_time >= 0 && c->sig_host >= 0)
		waited = host_time - c->sig_host;
	else if (kts >= 0 && c->sig_kts >= 0)
		waited = kts - c->sig_kts;
	if (s && s->trace_seconds > 0 && waited >= s->trace_seconds)
		return "the time bound";
	return NULL;
}

/* "soft-lockup, rcu-stall, hung-task" */
static char *kinds_text(const struct console_sig *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; s->kinds[i]; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", s->kinds[i]);
	return sb_detach(&sb);
}

static char *other_kind(const struct console_sig *s, enum console_kind k)
{
	char *kinds = kinds_text(s), *r;

	switch (k) {
	case KIND_TEST_FAIL:
		r = xasprintf("test-fail: the test failed and no detector fired (the bug is %s)",
			      kinds);
		break;
	case KIND_TIMEOUT:
		r = xasprintf("timeout: a hang without a detector trace (the bug is %s)",
			      kinds);
		break;
	case KIND_SILENT:
		r = xasprintf("silent: the test's work reports stopped and no detector fired (the bug is %s)",
			      kinds);
		break;
	default:
		r = xasprintf("%s: not the bug's detector (%s)",
			      console_kind_name(k), kinds);
		break;
	}
	free(kinds);
	return r;
}

enum console_match sig_judge(const struct console_sig *s,
			     enum console_outcome o, enum console_kind k,
			     const struct strvec *frames,
			     const char *trace_end, char **reason)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	*reason = NULL;
	if (o != CONSOLE_FAIL)
		return MATCH_NONE;
	if (!s || !s->kinds || !s->kinds[0]) {
		*reason = xstrdup("no bug signature to match (fixes[0].signature)");
		return MATCH_OTHER;
	}
	if (!sig_kind_listed(s, k)) {
		*reason = other_kind(s, k);
		return MATCH_OTHER;
	}
	if (!frames->n) {
		*reason = xasprintf("%s without a fault-path frame in its trace (read to %s)",
				    console_kind_name(k),
				    trace_end ? trace_end : "the end");
		return MATCH_OTHER;
	}
	sb_addf(&sb, "%s in the fault path:", console_kind_name(k));
	for (i = 0; i < frames->n; i++)
		sb_addf(&sb, "%s %s", i ? "," : "", frames->v[i]);
	*reason = sb_detach(&sb);
	return MATCH_BUG;
}
