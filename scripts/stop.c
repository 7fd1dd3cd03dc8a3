// SPDX-License-Identifier: GPL-2.0
/*
 * A clean stop on SIGINT, SIGTERM and SIGHUP (see stop.h).
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "stop.h"
#include "util.h"

/* Lock-free atomics: safe to share with a signal handler. */
static _Atomic int stop_sig;
static _Atomic pid_t child_pgid;
/* load.h's busy processes: load_n of load_pids, each killed on a stop */
static _Atomic pid_t load_pids[LOAD_MAX];
static _Atomic int load_n;
static struct strvec cleanup = STRVEC_INIT;

static void on_signal(int sig)
{
	pid_t g = atomic_load(&child_pgid);
	int none = 0, i, n;

	atomic_compare_exchange_strong(&stop_sig, &none, sig);
	if (g > 0)
		kill(-g, SIGTERM);
	n = atomic_load(&load_n);
	for (i = 0; i < n; i++) {
		g = atomic_load(&load_pids[i]);
		if (g > 0)
			kill(g, SIGKILL);
	}
}

void stop_on_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() in run_argv() returns EINTR at once. */
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

int stop_requested(void)
{
	return atomic_load(&stop_sig);
}

void stop_set_child(pid_t pgid)
{
	atomic_store(&child_pgid, pgid);
}

void stop_set_load(const pid_t *pids, int n)
{
	int i;

	if (n < 0 || n > LOAD_MAX)
		die("%s: %d processes", __func__, n);
	/* the count last when it grows, first when it shrinks */
	if (n < atomic_load(&load_n))
		atomic_store(&load_n, n);
	for (i = 0; i < n; i++)
		atomic_store(&load_pids[i], pids[i]);
	atomic_store(&load_n, n);
}

void stop_cleanup_add(const char *path)
{
	sv_push(&cleanup, path);
}

void stop_cleanup_remove(const char *path)
{
	size_t i;

	for (i = cleanup.n; i-- > 0;) {
		if (strcmp(cleanup.v[i], path))
			continue;
		free(cleanup.v[i]);
		memmove(&cleanup.v[i], &cleanup.v[i + 1],
			(cleanup.n - i) * sizeof(*cleanup.v));
		cleanup.n--;
		return;
	}
}

void stop_if_requested(void)
{
	int sig = atomic_load(&stop_sig);
	size_t i;

	if (!sig)
		return;
	for (i = cleanup.n; i-- > 0;) {
		info_msg("stopped: removing %s, half-written", cleanup.v[i]);
		if (remove_tree(cleanup.v[i]))
			warn_msg("cannot remove %s", cleanup.v[i]);
	}
	sv_clear(&cleanup);
	err_msg("stopped by signal %d (%s)", sig, strsignal(sig));
	exit(128 + sig);
}
