/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A clean stop.  SIGINT, SIGTERM or SIGHUP ends the whole run: the child
 * that run_argv() is running is asked to stop (SIGTERM to its process
 * group, so make can delete the targets it was writing), killed after a
 * grace period, and reaped; whatever an interrupted step half-wrote and
 * registered with stop_cleanup_add() is removed; the tool exits 128 + the
 * signal (130, 143, 129).  A signal that arrives while no child runs is
 * acted upon at the next run_argv() or when the command returns.
 */
#ifndef BACKPORT_STOP_H
#define BACKPORT_STOP_H

#include <sys/types.h>

/* Install the handlers (the front end, once). */
void stop_on_signals(void);
/* The signal that asked the run to stop, 0 none (async-signal-safe). */
int stop_requested(void);
/* The process group the handler stops: run_argv()'s child, 0 none. */
void stop_set_child(pid_t pgid);
/* The busy processes of load.h (@n of @pids), killed on a stop; 0 none. */
void stop_set_load(const pid_t *pids, int n);
/*
 * @path (a file or a directory) is being written: remove it if the run is
 * stopped before stop_cleanup_remove(@path).
 */
void stop_cleanup_add(const char *path);
void stop_cleanup_remove(const char *path);
/* When a stop was requested: clean up and exit 128 + the signal. */
void stop_if_requested(void);

#endif
