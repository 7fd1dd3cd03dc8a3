/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bug's signature on a console: the table's fixes[0]."signature"
 * (table.h, struct bug_sig) as the classifier uses it (console.h, struct
 * console_sig), the functions a trace line names, and the judgement of a
 * FAIL: "bug" when its first detector is one of the signature's kinds
 * and its trace shows at least one of its frames, "other" (with why)
 * for anything else: an unrelated oops or panic, a hang whose trace
 * shows none of the frames, a test failure, a timeout.
 *
 * A frame is a token "NAME+0xOFF/0xLEN" of a trace line, whatever is
 * around it:
 *
 *    ? __migration_entry_wait+0x51/0x6d
 *   [<ffffffff810244fb>] ? __do_page_fault+0xe2/0x338
 *   RIP: 0010:copy_user_generic_string+0x29/0x40
 *
 * NAME must equal a listed frame (no substring: "do_page_fault" is not
 * "__do_page_fault").
 */
#ifndef BACKPORT_SIGNATURE_H
#define BACKPORT_SIGNATURE_H

#include "console.h"
#include "table.h"
#include "util.h"

/* The classifier's view of the table's signature and trace bounds. */
void sig_of_table(const struct table *t, struct console_sig *out);

/*
 * The console kind a signature's "kinds" entry names: one of the kernel
 * signatures console_signature() finds (soft-lockup, rcu-stall,
 * hung-task, oops, panic), or silent (judged by its vCPU samples); -1
 * when @name is none of them.
 */
int sig_kind_of(const char *name);

/* Is @k one of @s's kinds? */
bool sig_kind_listed(const struct console_sig *s, enum console_kind k);

/*
 * Push onto @seen every frame of @s->frames that @text names and @seen
 * does not hold yet, in the order they come; returns how many.
 */
size_t sig_frames_in(const struct console_sig *s, const char *text,
		     struct strvec *seen);

/*
 * The frames of @s in a console excerpt (lines "%6u| text", as console.c
 * writes them) from line @from on: what a document written before frames
 * were recorded shows.
 */
void sig_frames_in_excerpt(const struct console_sig *s, const char *excerpt,
			   unsigned int from, struct strvec *seen);

/*
 * Judge a boot of outcome @o and kind @k whose trace showed @frames:
 * MATCH_NONE when @o is not a FAIL, else MATCH_BUG or MATCH_OTHER, with a
 * one-line reason (malloc'd) in *@reason.  @trace_end says what ended
 * the trace that was read (or NULL).
 */
enum console_match sig_judge(const struct console_sig *s,
			     enum console_outcome o, enum console_kind k,
			     const struct strvec *frames,
			     const char *trace_end, char **reason);

/*
 * What ends the trace of @c's signature at the line @text (kernel time
 * @kts, host time @host_time; -1 unknown), or NULL to read on: the result
 * line, the end of the panic ("---[ end Kernel panic"; QEMU ends itself
 * right after a panic, and with it the console), the end of an
 * oops ("---[ end trace"), the end of a stack ("</TASK>") once a frame of
 * the fault path was seen, or the signature's bounds: trace_lines lines
 * (CONSOLE_AFTER without a signature), trace_seconds by the host clock,
 * else by the kernel's.
 */
const char *sig_trace_end(const struct console *c, const char *text,
			  double kts, double host_time);

const char *console_match_name(enum console_match m);

#endif
