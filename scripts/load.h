/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host load for measurements ("bench --load N"): N busy processes, forks
 * of this one that only spin, each in a session of its own (setsid()),
 * as a busy program started from another terminal would be.  Where the
 * kernel groups tasks by session for scheduling (autogroups), a spinner
 * in QEMU's own session would share that session's CPU time with QEMU's
 * threads and take less from QEMU than another user's program does.  A
 * stop (stop.h) kills them all; each also dies with its parent
 * (PR_SET_PDEATHSIG), so none outlives the run.
 */
#ifndef BACKPORT_LOAD_H
#define BACKPORT_LOAD_H

#include <sys/types.h>

/* The most busy processes one load may have ("bench --load"'s limit). */
#define LOAD_MAX	64

struct load {
	int n;		/* running */
	pid_t pids[LOAD_MAX];
};

#define LOAD_INIT	{ 0 }

/*
 * Start @n busy processes (0: none; at most LOAD_MAX); -1 with a message
 * when one fails (the ones started are stopped again).
 */
int load_start(struct load *l, int n);
/* Kill and reap them all; @l is empty again. */
void load_stop(struct load *l);

#endif
