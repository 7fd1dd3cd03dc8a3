/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host load for measurements ("bench --load N"): N busy processes, forks
 * of this one that only spin, in a process group of their own.  A stop
 * (stop.h) kills the group; each also dies with its parent
 * (PR_SET_PDEATHSIG), so none outlives the run.
 */
#ifndef BACKPORT_LOAD_H
#define BACKPORT_LOAD_H

#include <sys/types.h>

struct load {
	int n;		/* running */
	pid_t pgid;	/* their process group, 0 none */
	pid_t *pids;
};

#define LOAD_INIT	{ 0 }

/* Start @n busy processes (0: none); -1 with a message when one fails. */
int load_start(struct load *l, int n);
/* Kill and reap them all; @l is empty again. */
void load_stop(struct load *l);

#endif
