// SPDX-License-Identifier: GPL-2.0
/*
 * Busy host processes for measurements under load (see load.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load.h"
#include "stop.h"
#include "util.h"

/* an empty asm the compiler must keep: the loop is not optimised away */
static inline void spin_barrier(void)
{
	__asm__ __volatile__("" ::: "memory");
}

static __noreturn void spin(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* the parent may be gone before prctl() */
	if (getppid() != parent)
		_exit(0);
	/* a session (and so an autogroup) of its own, see load.h */
	if (setsid() < 0)
		_exit(1);
	for (;;)
		spin_barrier();
}

int load_start(struct load *l, int n)
{
	pid_t self = getpid();
	int i;

	memset(l, 0, sizeof(*l));
	if (n <= 0)
		return 0;
	if (n > LOAD_MAX) {
		err_msg("--load: %d busy processes, at most %d", n, LOAD_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			err_msg("--load: cannot start busy process %d of %d: %s",
				i + 1, n, strerror(errno));
			load_stop(l);
			return -1;
		}
		if (!pid) {
			signal(SIGINT, SIG_DFL);
			signal(SIGTERM, SIG_DFL);
			signal(SIGHUP, SIG_DFL);
			spin(self);
		}
		l->pids[l->n++] = pid;
		stop_set_load(l->pids, l->n);
	}
	info_msg("load: %d busy process%s, each in a session of its own",
		 n, n == 1 ? "" : "es");
	return 0;
}

void load_stop(struct load *l)
{
	int i;

	stop_set_load(NULL, 0);
	for (i = 0; i < l->n; i++)
		kill(l->pids[i], SIGKILL);
	for (i = 0; i < l->n; i++)
		while (waitpid(l->pids[i], NULL, 0) < 0 && errno == EINTR)
			;
	memset(l, 0, sizeof(*l));
}
