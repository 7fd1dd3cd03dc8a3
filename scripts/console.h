/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classifying a QEMU serial console log of a regression-test boot.
 *
 * The test's init prints "BACKPORT-TEST-START" before the test and
 * "BACKPORT-RESULT: status=PASS|FAIL|SKIP|ERROR exit=N elapsed_ms=N" after
 * it; the kernel's hang detectors print their own lines.  Any hang or crash
 * signature after the start line is a FAIL (the livelock the fix removes),
 * whatever the test says later.  Message forms from 4.x to 6.x:
 *
 *   NMI watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [t:71]   (<= 4.12)
 *   watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [t:71]       (>= 4.13)
 *   INFO: rcu_sched self-detected stall on CPU                     (< 4.19)
 *   rcu: INFO: rcu_sched self-detected stall on CPU                (>= 4.19)
 *   rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
 *   INFO: task t:71 blocked for more than 10 seconds.
 *   Kernel panic - not syncing: softlockup: hung tasks
 *   BUG: unable to handle kernel paging request / Oops: / kernel BUG at
 *
 * After the first signature line the console is read on until the
 * detector's trace is complete: the panic that follows it (and a few
 * lines more, to "---[ end Kernel panic"), "---[ end trace", a "</TASK>"
 * once a fault-path frame was seen, or the bug's trace bounds (seconds,
 * lines), whichever comes first.  The excerpt keeps all of it.  A FAIL
 * is then judged against the bug's signature (signature.h): "bug" when
 * its kind is one of the signature's and its trace shows one of its
 * frames, "other" with the reason otherwise.
 *
 * Streaming use: console_init(), console_set_sig(), console_line() per
 * line (it returns true once the verdict and the trace are complete, so
 * the caller may stop QEMU), console_finish() at the end.
 * console_classify() does all of it for a buffer.
 */
#ifndef BACKPORT_CONSOLE_H
#define BACKPORT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"
#include "work.h"

enum console_outcome {
	CONSOLE_PENDING,	/* not decided yet */
	CONSOLE_PASS,
	CONSOLE_FAIL,
	CONSOLE_SKIP,
	CONSOLE_ERROR,
	CONSOLE_INCONCLUSIVE,	/* ran to its time limit short of pass_work */
};
#define CONSOLE_OUTCOME_LAST	CONSOLE_INCONCLUSIVE

enum console_kind {
	KIND_NONE,
	KIND_PASS,		/* test passed */
	KIND_SKIP,		/* test skipped itself */
	KIND_SOFT_LOCKUP,
	KIND_RCU_STALL,
	KIND_HUNG_TASK,
	KIND_PANIC,
	KIND_OOPS,		/* Oops, BUG: unable to handle, kernel BUG at */
	KIND_TEST_FAIL,		/* test said FAIL/not ok, kernel said nothing */
	KIND_TIMEOUT,		/* test started, no result line */
	KIND_NO_OUTPUT,		/* nothing at all on the console */
	KIND_NO_BOOT,		/* output, but no kernel banner */
	KIND_NO_START,		/* booted, test start never printed */
	KIND_BOOT_CRASH,	/* hang/crash signature before the test */
	KIND_TEST_ERROR,	/* test reported ERROR, or ended without result */
	KIND_INCONCLUSIVE,	/* no hang, but less work than pass_work */
	KIND_SILENT,		/* no work line for the heartbeat: a hang */
	KIND_HOST_STARVED,	/* a FAIL while QEMU waited for the host */
};
#define KIND_LAST	KIND_HOST_STARVED

/*
 * Is a FAIL the bug?  MATCH_NONE for every other outcome (and for
 * documents that did not record it).
 */
enum console_match {
	MATCH_NONE,
	MATCH_BUG,	/* the signature's kind and one of its frames */
	MATCH_OTHER,	/* a FAIL that is not the bug */
};

/*
 * The bug's signature (configs/branches.json fixes[0]."signature") and
 * how long its trace is read ("boot": "trace_seconds", "trace_lines").
 * The lists are the caller's, and must outlive the console.
 */
struct console_sig {
	const char *const *kinds;	/* console kind names */
	const char *const *frames;	/* function names of the fault path */
	double trace_seconds;	/* after the signature line; <= 0: none */
	unsigned int trace_lines;	/* 0: CONSOLE_AFTER */
};

/*
 * Lines kept before the signature for the excerpt; after it, the trace
 * lines read (CONSOLE_AFTER without a signature's bound).
 */
#define CONSOLE_BEFORE	12
#define CONSOLE_AFTER	24

struct console {
	/* The verdict and what supports it. */
	enum console_outcome outcome;
	enum console_kind kind;
	bool final;		/* nothing later can change the verdict */
	char *sig;		/* first signature line, as printed */
	unsigned int sig_lineno;	/* 1-based line of @sig */
	double sig_time;	/* s from test start to @sig; -1 unknown */
	const char *time_source;	/* "kernel", "host" or NULL */
	char *excerpt;		/* lines around @sig (or the last lines) */
	char *detail;		/* one line for humans */

	/* What was seen. */
	unsigned int lines;
	bool booted;		/* kernel banner ("Linux version") seen */
	bool started;		/* BACKPORT-TEST-START seen */
	unsigned int start_lineno;
	char *result;		/* the BACKPORT-RESULT line, NULL if none */
	enum console_outcome result_status;
	int result_exit;
	long result_elapsed_ms;
	unsigned int tap_ok, tap_not_ok, tap_skip, tap_inconclusive;
	bool powered_off;	/* "reboot: Power down" and the like */
	struct work work;	/* the last work report (work.h) */
	bool have_work;
	unsigned int work_lines;
	double work_host;	/* host time of the last one, -1 none */

	/*
	 * What a PASS needs, set after console_init(): @pass_work of the
	 * @work_unit count in the last report (0: no requirement).  A PASS
	 * with less is INCONCLUSIVE.
	 */
	long long pass_work;
	enum work_field work_unit;

	/* The bug's signature, and what the trace showed of it. */
	const struct console_sig *bug;	/* NULL: none set */
	enum console_match match;
	char *match_reason;	/* one line: why "bug" or "other" */
	struct strvec frames;	/* @bug's frames in the trace, first seen first */
	const char *trace_end;	/* what ended the trace read */

	/* Private state. */
	double last_kts;	/* last kernel timestamp seen, -1 none */
	double start_kts;	/* kernel time at (just before) the start */
	double start_host;	/* host time of the start line, -1 none */
	char *ring[CONSOLE_BEFORE];
	unsigned int ring_lineno[CONSOLE_BEFORE];
	unsigned int ring_n, ring_pos;
	struct strbuf ex;	/* excerpt being collected */
	unsigned int after;	/* lines collected after the signature */
	bool panic_after_sig;
	double sig_host, sig_kts;	/* when the signature line came */
};

void console_init(struct console *c);
/* Judge FAILs against @s (NULL: no signature: every FAIL is "other"). */
void console_set_sig(struct console *c, const struct console_sig *s);
/*
 * Feed one line (no newline).  @host_time is seconds since the machine
 * was started, or a negative value when unknown (offline logs).  Returns
 * true when the verdict is final.
 */
bool console_line(struct console *c, const char *line, double host_time);
/* No more lines: decide.  @timed_out: QEMU was killed at its timeout. */
void console_finish(struct console *c, bool timed_out);
void console_free(struct console *c);
/*
 * The test started and then printed no work line for @secs (the
 * heartbeat): a FAIL of kind "silent", unless the verdict is decided.
 */
void console_silent(struct console *c, double secs);
/*
 * What the vCPUs were doing when the boot went silent (vcpu.h: one line
 * per sample, "sample 1/10: cpu0 page_fault+0x0, cpu1 ..."): the lines
 * before the silence, then these, make the excerpt; when every sample
 * has one of the bug's frames (a vCPU in the fault path each time), the
 * frames among them are the run's frames.  Only after console_silent(),
 * once.
 */
void console_samples(struct console *c, const struct strvec *lines);

/*
 * A FAIL (after console_finish()) while QEMU's threads waited @wait s for
 * a host CPU in the @window s before its signature, more than @limit
 * (hostwait.h): INCONCLUSIVE of kind "host-starved", no longer judged
 * against the bug, the detail saying what the FAIL was and the wait.
 * Nothing for any other outcome, or @wait <= @limit.
 */
void console_starved(struct console *c, double wait, double window,
		     double limit);

/* Classify a whole log against @s (may be NULL). */
void console_classify(struct console *c, const char *buf, size_t len,
		      bool timed_out, const struct console_sig *s);

const char *console_outcome_name(enum console_outcome o);
const char *console_kind_name(enum console_kind k);

/*
 * The kernel timestamp of @line ("[   12.345678] ..." possibly after a
 * "<4>" level), or -1; *@rest is set past it.  Exposed for tests.
 */
double console_timestamp(const char *line, const char **rest);
/* The kind of hang/crash signature @text (timestamp stripped) is. */
enum console_kind console_signature(const char *text);

#endif
