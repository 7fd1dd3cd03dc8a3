/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Booting a kernel in QEMU with the shared regression test: the initramfs,
 * the accelerator (TCG, or KVM once a probe boot showed that it works),
 * the console read line by line into the classifier (console.h), and a
 * hard timeout.
 */
#ifndef BACKPORT_QEMU_H
#define BACKPORT_QEMU_H

#include <stdbool.h>

#include <jansson.h>

#include "console.h"
#include "table.h"

struct boot_req {
	const char *root;	/* project root (tests/regress) */
	const char *kernel;	/* bzImage */
	const char *gen_init_cpio;	/* or NULL: search next to the kernel */
	const char *log;	/* console log path (truncated) */
	const char *workdir;	/* where the initramfs is made */
	double timeout;		/* host-side limit for the test boot */
	const char *accel;	/* "auto", "tcg" or "kvm" */
	const char *extra_cmdline;	/* appended to the kernel cmdline */
	const struct boot_cfg *cfg;	/* the table's boot settings */
	/* The bug's signature (signature.h: sig_of_table()), or NULL. */
	const struct console_sig *sig;
	int smp;		/* 0: cfg->smp */
	int mem_mb;		/* 0: cfg->memory_mb */
	bool echo;		/* copy the console to stderr */
	/*
	 * The work a PASS needs, in cfg->work_unit (0: none): passed to the
	 * test as thptest.work=UNIT:N, checked on the console (console.h).
	 */
	long long pass_work;
};

struct boot_result {
	struct console con;
	struct console_sig sig;	/* a copy of boot_req.sig, what @con judges by */
	char *log;
	char *cmdline;
	char *accel;		/* what was used */
	double seconds;		/* QEMU wall time */
	bool timed_out;
	/*
	 * s QEMU's threads waited for a host CPU (hostwait.h): over the
	 * boot, and in boot.starved_window_seconds before the signature
	 * (or the end); -1 unknown.
	 */
	double host_wait, host_wait_window;
	int status;		/* 0 ran, EXIT_ERROR could not run */
	char *error;
};

/*
 * NULL when @path is a regular file with the x86 boot protocol header
 * ("HdrS" at offset 0x202, what QEMU's -kernel loads), else the problem
 * naming @path (malloc'd).  kernel_boot() checks it before anything else.
 */
char *kernel_image_check(const char *path);
int kernel_boot(const struct boot_req *req, struct boot_result *res);
void boot_result_free(struct boot_result *res);

/* The classification as JSON, and as text on stdout. */
json_t *boot_json(const struct boot_result *r);
void boot_print(const struct boot_result *r, const char *label);

/* The kernel command line used for test boots (malloc'd). */
char *boot_cmdline(const struct boot_cfg *cfg, const char *extra);

#endif
