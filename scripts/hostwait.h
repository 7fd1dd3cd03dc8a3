/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host starvation of a boot: how long QEMU's threads were runnable but
 * waited for a host CPU.  Under TCG the guest's clock is the host's, so a
 * guest whose vCPU threads wait on a busy host sees time pass without
 * running, and its hang detectors (soft lockup after 2 s, RCU stall after
 * 3 s) fire with no hang in the guest.  A FAIL is evidence only when the
 * guest had its CPUs: kernel_boot() samples the wait and a FAIL with more
 * than boot.starved_wait_seconds of it in the boot.starved_window_seconds
 * before the signature is INCONCLUSIVE ("host-starved", console.h).
 *
 * The wait is the second field of /proc/PID/task/TID/schedstat (ns on a
 * run queue without running; CONFIG_SCHED_INFO), summed over the threads.
 */
#ifndef BACKPORT_HOSTWAIT_H
#define BACKPORT_HOSTWAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * A schedstat line, "<run ns> <wait ns> <timeslices>\n": 0 with the
 * first two fields, -1 when @text (@len bytes) is not three decimal
 * numbers separated by single spaces, with or without a final newline.
 */
int schedstat_parse(const char *text, size_t len, unsigned long long *run_ns,
		    unsigned long long *wait_ns);

/* The wait of every thread of @pid, summed, in s; -1 when unreadable. */
int hostwait_read(pid_t pid, double *wait);

struct hostwait_sample {
	double t;	/* host s since the boot's start */
	double wait;	/* hostwait_read() then */
};

struct hostwait {
	struct hostwait_sample *s;
	size_t n, alloc;
};

#define HOSTWAIT_INIT	{ NULL, 0, 0 }

/* Keep a sample; @t must not go back (an older one is dropped). */
void hostwait_add(struct hostwait *h, double t, double wait);
/* The wait from the first sample to the last, s; -1 with fewer than 2. */
double hostwait_total(const struct hostwait *h);
/*
 * The wait in the @len s up to @end: from the last sample at or before
 * @end - @len (the first one if none) to the last at or before @end; -1
 * when those are the same sample.  Never negative (a thread that ended
 * takes its wait with it).
 */
double hostwait_window(const struct hostwait *h, double end, double len);
void hostwait_free(struct hostwait *h);

#endif
