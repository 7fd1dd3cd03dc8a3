// SPDX-License-Identifier: GPL-2.0
/*
 * Console log classifier: see console.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "signature.h"
#include "util.h"

static const char *const outcome_names[] = {
	[CONSOLE_PENDING] = "PENDING",
	[CONSOLE_PASS] = "PASS",
	[CONSOLE_FAIL] = "FAIL",
	[CONSOLE_SKIP] = "SKIP",
	[CONSOLE_ERROR] = "ERROR",
	[CONSOLE_INCONCLUSIVE] = "INCONCLUSIVE",
};

static const char *const kind_names[] = {
	[KIND_NONE] = "none",
	[KIND_PASS] = "pass",
	[KIND_SKIP] = "skip",
	[KIND_SOFT_LOCKUP] = "soft-lockup",
	[KIND_RCU_STALL] = "rcu-stall",
	[KIND_HUNG_TASK] = "hung-task",
	[KIND_PANIC] = "panic",
	[KIND_OOPS] = "oops",
	[KIND_TEST_FAIL] = "test-fail",
	[KIND_TIMEOUT] = "timeout",
	[KIND_NO_OUTPUT] = "no-output",
	[KIND_NO_BOOT] = "no-boot",
	[KIND_NO_START] = "no-start",
	[KIND_BOOT_CRASH] = "boot-crash",
	[KIND_TEST_ERROR] = "test-error",
	[KIND_INCONCLUSIVE] = "inconclusive",
	[KIND_SILENT] = "silent",
	[KIND_HOST_STARVED] = "host-starved",
};

/* Longest line kept in the excerpt and the signature. */
#define KEEP_MAX	512

const char *console_outcome_name(enum console_outcome o)
{
	return outcome_names[o];
}

const char *console_kind_name(enum console_kind k)
{
	return kind_names[k];
}

void console_init(struct console *c)
{
	memset(c, 0, sizeof(*c));
	c->sig_time = -1;
	c->last_kts = -1;
	c->start_kts = -1;
	c->start_host = -1;
	c->result_exit = -1;
	c->result_elapsed_ms = -1;
	c->sig_host = -1;
	c->sig_kts = -1;
	c->work_host = -1;
	c->work_unit = WORK_SPLITS;
}

void console_set_sig(struct console *c, const struct console_sig *s)
{
	c->bug = s;
}

void console_free(struct console *c)
{
	unsigned int i;

	free(c->sig);
	free(c->excerpt);
	free(c->detail);
	free(c->result);
	free(c->match_reason);
	sv_clear(&c->frames);
	for (i = 0; i < CONSOLE_BEFORE; i++)
		free(c->ring[i]);
	sb_release(&c->ex);
	console_init(c);
}

double console_timestamp(const char *line, const char **rest)
{
	const char *p = line;
	double v = 0, scale = 0.1;
	bool digits = false;

	if (rest)
		*rest = line;
	if (p[0] == '<' && isdigit((unsigned char)p[1])) {
		p += 2;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != '>')
			return -1;
	}
	if (*p++ != '[')
		return -1;
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p)) {
		if (v < 1e9)
			v = v * 10 + (*p - '0');
		digits = true;
		p++;
	}
	if (!digits || *p++ != '.')
		return -1;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v += scale * (*p - '0');
		scale /= 10;
		p++;
	}
	/* printk caller id: "[   12.345678][    T1] " */
	if (*p != ']')
		return -1;
	p++;
	if (*p == '[') {
		const char *q = strchr(p, ']');

		if (q)
			p = q + 1;
	}
	while (*p == ' ')
		p++;
	if (rest)
		*rest = p;
	return v;
}

enum console_kind console_signature(const char *t)
{
	const char *p;

	if (strstr(t, "BUG: soft lockup - CPU#"))
		return KIND_SOFT_LOCKUP;
	/* INFO: rcu_sched self-detected stall on CPU (rcu: prefix >= 4.19),
	 * INFO: rcu_preempt detected stalls on CPUs/tasks:
	 * rcu_sched detected stalls on CPUs/tasks: (3.x/4.x wording)
	 */
	p = strstr(t, "rcu_");
	if (p && (strstr(p, "self-detected stall") ||
		  strstr(p, "detected stall")))
		return KIND_RCU_STALL;
	if (strstr(t, "INFO: task ") && strstr(t, " blocked for more than "))
		return KIND_HUNG_TASK;
	if (strstr(t, "BUG: unable to handle") || strstr(t, "Oops:") ||
	    strstr(t, "kernel BUG at") ||
	    strstr(t, "BUG: kernel NULL pointer dereference") ||
	    strstr(t, "general protection fault"))
		return KIND_OOPS;
	if (strstr(t, "Kernel panic - not syncing"))
		return KIND_PANIC;
	return KIND_NONE;
}

static char *keep(const char *line)
{
	size_t n = strlen(line);

	return xstrndup(line, n > KEEP_MAX ? KEEP_MAX : n);
}

/*
 * The frames of @line's kept part (what the excerpt shows of it), so that
 * every frame recorded is in the excerpt.
 */
static void frames_in(struct console *c, const char *line)
{
	char *k = keep(line);

	sig_frames_in(c->bug, k, &c->frames);
	free(k);
}

static void ex_add(struct console *c, unsigned int lineno, const char *line)
{
	size_t n = strlen(line);

	sb_addf(&c->ex, "%6u| %.*s\n", lineno,
		(int)(n > KEEP_MAX ? KEEP_MAX : n), line);
}

static void ring_push(struct console *c, const char *line)
{
	unsigned int i = c->ring_pos;

	free(c->ring[i]);
	c->ring[i] = keep(line);
	c->ring_lineno[i] = c->lines;
	c->ring_pos = (i + 1) % CONSOLE_BEFORE;
	if (c->ring_n < CONSOLE_BEFORE)
		c->ring_n++;
}

/* Copy the ring (the lines before the current one) into the excerpt. */
static void ring_dump(struct console *c)
{
	unsigned int i, start;

	start = (c->ring_pos + CONSOLE_BEFORE - c->ring_n) % CONSOLE_BEFORE;
	for (i = 0; i < c->ring_n; i++) {
		unsigned int k = (start + i) % CONSOLE_BEFORE;

		ex_add(c, c->ring_lineno[k], c->ring[k]);
	}
}

static __printf(2, 3) void set_detail(struct console *c, const char *fmt,
				      ...);

static void set_detail(struct console *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(c->detail);
	c->detail = sb_detach(&sb);
}

static void parse_result(struct console *c, const char *p)
{
	const char *s = strstr(p, "status=");
	const char *e = strstr(p, "exit=");
	const char *m = strstr(p, "elapsed_ms=");

	free(c->result);
	c->result = keep(p);
	c->result_status = CONSOLE_ERROR;
	if (s) {
		s += 7;
		if (starts_with(s, "PASS"))
			c->result_status = CONSOLE_PASS;
		else if (starts_with(s, "FAIL"))
			c->result_status = CONSOLE_FAIL;
		else if (starts_with(s, "SKIP"))
			c->result_status = CONSOLE_SKIP;
		else if (starts_with(s, "INCONCLUSIVE"))
			c->result_status = CONSOLE_INCONCLUSIVE;
	}
	if (e)
		c->result_exit = atoi(e + 5);
	if (m)
		c->result_elapsed_ms = atol(m + 11);
}

static void parse_tap(struct console *c, const char *p)
{
	if (starts_with(p, "not ok ") || !strcmp(p, "not ok")) {
		if (strstr(p, "# INCONCLUSIVE"))
			c->tap_inconclusive++;
		else
			c->tap_not_ok++;
		return;
	}
	if (starts_with(p, "ok ") || !strcmp(p, "ok")) {
		if (strstr(p, "# SKIP") || strstr(p, "# skip"))
			c->tap_skip++;
		else
			c->tap_ok++;
		return;
	}
	if (starts_with(p, "1..0") && (strstr(p, "# SKIP") ||
				       strstr(p, "# skip")))
		c->tap_skip++;
}

static void found_signature(struct console *c, enum console_kind k,
			    const char *line, double kts, double host_time)
{
	c->sig = keep(line);
	c->sig_lineno = c->lines;
	if (!c->started) {
		c->outcome = CONSOLE_ERROR;
		c->kind = KIND_BOOT_CRASH;
		set_detail(c, "%s before the test started (line %u)",
			   kind_names[k], c->lines);
	} else {
		c->outcome = CONSOLE_FAIL;
		c->kind = k;
		if (kts >= 0 && c->start_kts >= 0) {
			c->sig_time = kts - c->start_kts;
			c->time_source = "kernel";
		} else if (host_time >= 0 && c->start_host >= 0) {
			c->sig_time = host_time - c->start_host;
			c->time_source = "host";
		}
		set_detail(c, "%s at line %u", kind_names[k], c->lines);
	}
	if (c->sig_time < 0 && c->time_source)
		c->sig_time = 0;
	ring_dump(c);
	ex_add(c, c->lines, line);
	c->sig_host = host_time;
	c->sig_kts = kts;
	frames_in(c, line);
	if (k == KIND_PANIC)
		c->panic_after_sig = true;
}

/*
 * A line after the signature: collected for the excerpt, its frames
 * noted, until the trace is complete (sig_trace_end()).
 */
static bool after_signature(struct console *c, const char *line,
			    const char *text, double kts, double host_time)
{
	ex_add(c, c->lines, line);
	c->after++;
	frames_in(c, line);
	if (strstr(text, "Kernel panic - not syncing") ||
	    strstr(text, "end Kernel panic"))
		c->panic_after_sig = true;
	if (strstr(text, "BACKPORT-RESULT:") && !c->result)
		parse_result(c, strstr(text, "BACKPORT-RESULT:"));
	c->trace_end = sig_trace_end(c, text, kts, host_time);
	if (c->trace_end)
		c->final = true;
	ring_push(c, line);
	return c->final;
}

/* A work line of the test (work.h): the last one counts. */
static void note_work(struct console *c, const char *text, double host_time)
{
	if (!work_parse(text, &c->work))
		return;
	c->have_work = true;
	c->work_lines++;
	c->work_host = host_time;
}

/* A PASS with less work than asked for is INCONCLUSIVE. */
static void work_short(struct console *c)
{
	long long got = c->have_work ? c->work.v[c->work_unit] : 0;

	if (c->outcome != CONSOLE_PASS && c->outcome != CONSOLE_INCONCLUSIVE)
		return;
	if (c->outcome == CONSOLE_PASS && got >= c->pass_work)
		return;
	c->outcome = CONSOLE_INCONCLUSIVE;
	c->kind = KIND_INCONCLUSIVE;
	set_detail(c, "%s=%lld of pass_work %lld%s; %s",
		   work_field_name(c->work_unit), got, c->pass_work,
		   c->have_work ? "" : " (no work line)",
		   c->result ? c->result : "no result line");
}

void console_silent(struct console *c, double secs)
{
	if (c->final || c->outcome != CONSOLE_PENDING || !c->started)
		return;
	c->outcome = CONSOLE_FAIL;
	c->kind = KIND_SILENT;
	if (c->have_work)
		set_detail(c, "no work line for %.0f s after the last (t=%.1f, %s=%lld): hang without detector output",
			   secs, c->work.t, work_field_name(c->work_unit),
			   c->work.v[c->work_unit]);
	else
		set_detail(c, "no work line for %.0f s after the test started: hang without detector output",
			   secs);
	c->sig_time = c->start_host < 0 ? -1 :
		(c->work_host >= 0 ? c->work_host - c->start_host : 0) + secs;
	c->time_source = c->sig_time >= 0 ? "host" : NULL;
	c->final = true;
}

void console_samples(struct console *c, const struct strvec *lines)
{
	size_t i;

	struct strvec seen = STRVEC_INIT, one = STRVEC_INIT;
	bool every = lines->n > 0;
	size_t j;

	if (c->kind != KIND_SILENT || c->ex.len)
		return;
	ring_dump(c);
	for (i = 0; i < lines->n; i++) {
		size_t n = strlen(lines->v[i]);
		char *k = keep(lines->v[i]);

		sb_addf(&c->ex, "%6s| %.*s\n", "vcpu",
			(int)(n > KEEP_MAX ? KEEP_MAX : n), lines->v[i]);
		/* a vCPU in the fault path in every sample, or no frame */
		if (!sig_frames_in(c->bug, k, &one))
			every = false;
		for (j = 0; j < one.n; j++)
			if (!sv_contains(&seen, one.v[j]))
				sv_push(&seen, one.v[j]);
		sv_clear(&one);
		free(k);
	}
	if (every)
		for (i = 0; i < seen.n; i++)
			sv_push(&c->frames, seen.v[i]);
	sv_clear(&seen);
}

/* The test's result line, no signature before it: the test decides. */
static void found_result(struct console *c, const char *line,
			 const char *text, double host_time)
{
	parse_result(c, strstr(text, "BACKPORT-RESULT:"));
	c->outcome = c->result_status;
	switch (c->result_status) {
	case CONSOLE_PASS:
		c->kind = KIND_PASS;
		break;
	case CONSOLE_SKIP:
		c->kind = KIND_SKIP;
		break;
	case CONSOLE_FAIL:
		c->kind = KIND_TEST_FAIL;
		break;
	case CONSOLE_INCONCLUSIVE:
		c->kind = KIND_INCONCLUSIVE;
		break;
	default:
		c->kind = KIND_TEST_ERROR;
		break;
	}
	c->sig = keep(line);
	c->sig_lineno = c->lines;
	if (c->result_elapsed_ms >= 0) {
		c->sig_time = c->result_elapsed_ms / 1000.0;
		c->time_source = "test";
	} else if (host_time >= 0 && c->start_host >= 0) {
		c->sig_time = host_time - c->start_host;
		c->time_source = "host";
	}
	set_detail(c, "%s", c->result);
	work_short(c);
	ring_dump(c);
	ex_add(c, c->lines, line);
	c->final = true;
}

bool console_line(struct console *c, const char *line, double host_time)
{
	const char *text;
	double kts;
	enum console_kind k;

	if (c->final)
		return true;
	c->lines++;
	kts = console_timestamp(line, &text);
	if (kts >= 0)
		c->last_kts = kts;

	if (c->sig)
		return after_signature(c, line, text, kts, host_time);

	if (!c->booted && strstr(text, "Linux version "))
		c->booted = true;
	if (!c->started && strstr(text, "BACKPORT-TEST-START")) {
		c->started = true;
		c->start_lineno = c->lines;
		c->start_kts = kts >= 0 ? kts : c->last_kts;
		c->start_host = host_time;
		/* The start line itself must not look like a signature. */
		ring_push(c, line);
		return false;
	}
	if (c->started) {
		parse_tap(c, text);
		note_work(c, text, host_time);
	}

	k = console_signature(text);
	if (k != KIND_NONE) {
		found_signature(c, k, line, kts, host_time);
		ring_push(c, line);
		return false;
	}

	if (strstr(text, "reboot: Power down") ||
	    strstr(text, "reboot: System halted") ||
	    strstr(text, "ACPI: Preparing to enter system sleep state S5"))
		c->powered_off = true;

	if (c->started && !c->result && strstr(text, "BACKPORT-RESULT:"))
		found_result(c, line, text, host_time);
	ring_push(c, line);
	return c->final;
}

static void decide(struct console *c, bool timed_out);

void console_finish(struct console *c, bool timed_out)
{
	if (!c->ex.len)
		ring_dump(c);
	free(c->excerpt);
	c->excerpt = xstrdup(sb_str(&c->ex));
	c->final = true;
	if (c->sig && !c->trace_end)
		c->trace_end = "the end of the console";
	if (c->outcome == CONSOLE_PENDING)
		decide(c, timed_out);
	free(c->match_reason);
	c->match = sig_judge(c->bug, c->outcome, c->kind, &c->frames,
			     c->trace_end, &c->match_reason);
}

void console_starved(struct console *c, double wait, double window,
		     double limit)
{
	char *was;

	if (c->outcome != CONSOLE_FAIL || !(wait > limit))
		return;
	if (c->detail)
		was = xstrdup(c->detail);
	else if (c->sig)
		was = xasprintf("%s at line %u", console_kind_name(c->kind),
				c->sig_lineno);
	else
		was = xstrdup(console_kind_name(c->kind));
	c->outcome = CONSOLE_INCONCLUSIVE;
	set_detail(c, "host-starved: QEMU's threads waited %.1f s for a host CPU in the %.0f s before the %s (limit %.1f s), so it is no evidence: %s",
		   wait, window, c->sig ? "signature" : "end", limit, was);
	c->kind = KIND_HOST_STARVED;
	c->match = MATCH_NONE;
	free(c->match_reason);
	c->match_reason = NULL;
	free(was);
}

/* No signature line and no result line: what the console shows. */
static void decide(struct console *c, bool timed_out)
{
	if (!c->lines) {
		c->outcome = CONSOLE_ERROR;
		c->kind = KIND_NO_OUTPUT;
		set_detail(c, "no console output%s",
			   timed_out ? " before the timeout" : "");
		return;
	}
	if (!c->booted && !c->started) {
		c->outcome = CONSOLE_ERROR;
		c->kind = KIND_NO_BOOT;
		set_detail(c, "no kernel banner in %u lines", c->lines);
		return;
	}
	if (!c->started) {
		c->outcome = CONSOLE_ERROR;
		c->kind = KIND_NO_START;
		set_detail(c, "booted, but BACKPORT-TEST-START never printed%s",
			   timed_out ? " (timed out)" : "");
		return;
	}
	/* Started, no signature and no result line. */
	if (c->tap_not_ok) {
		c->outcome = CONSOLE_FAIL;
		c->kind = KIND_TEST_FAIL;
		set_detail(c, "TAP: %u not ok, no result line", c->tap_not_ok);
		return;
	}
	if (c->tap_inconclusive) {
		c->outcome = CONSOLE_INCONCLUSIVE;
		c->kind = KIND_INCONCLUSIVE;
		set_detail(c, "TAP: not ok # INCONCLUSIVE, no result line");
		return;
	}
	if (timed_out || !c->powered_off) {
		c->outcome = CONSOLE_FAIL;
		c->kind = KIND_TIMEOUT;
		set_detail(c, "test started at line %u, no result and no detector output%s",
			   c->start_lineno, timed_out ? " before the timeout" :
			   " (console ended)");
		return;
	}
	c->outcome = CONSOLE_ERROR;
	c->kind = KIND_TEST_ERROR;
	set_detail(c, "machine powered off without a result line");
}

void console_classify(struct console *c, const char *buf, size_t len,
		      bool timed_out, const struct console_sig *s)
{
	struct strbuf line = STRBUF_INIT;
	size_t i = 0;

	console_init(c);
	console_set_sig(c, s);
	while (i < len && !c->final) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;

		sb_reset(&line);
		sb_add(&line, buf + i, n);
		/* NULs from a dying serial line end the C string early. */
		if (line.len && line.buf[line.len - 1] == '\r')
			line.buf[--line.len] = '\0';
		console_line(c, sb_str(&line), -1);
		i += n + 1;
	}
	sb_release(&line);
	console_finish(c, timed_out);
}
