// SPDX-License-Identifier: GPL-2.0
/*
 * backport boot: boot a kernel in QEMU with the regression test as init and
 * classify the console.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "builtin.h"
#include "console.h"
#include "json.h"
#include "cache.h"
#include "options-common.h"
#include "qemu.h"
#include "signature.h"
#include "table.h"
#include "util.h"

const char cmd_boot_summary[] =
	"boot a kernel in QEMU with the regression test and classify the console";

static const char *const boot_usage[] = {
	"usage: backport boot --kernel BZIMAGE [--timeout S] [--log FILE] [--json]",
	"                     [--accel auto|tcg|kvm] [--append ARGS] [--smp N]",
	"                     [--mem MB] [--gen-init-cpio PATH] [--pass-work N]",
	"                     [--echo]",
	"",
	"Compiles tests/regress/*.c statically (init.c becomes /init), packs an\n"
	"initramfs with the kernel build's usr/gen_init_cpio (or cpio -H newc),\n"
	"and runs qemu-system-x86_64 -no-reboot with the serial console logged.\n"
	"The kernel command line sets printk.time=1 panic=-1 softlockup_panic=1\n"
	"and lowered detector thresholds.  QEMU is killed at the timeout, or as\n"
	"soon as the console classifier has a final verdict.  A PASS needs the\n"
	"test's work lines to reach --pass-work (thptest.work=UNIT:N); a run\n"
	"short of it at the test's time limit is INCONCLUSIVE, never a pass.\n"
	"Once the test started, boot.heartbeat seconds without a work line end\n"
	"the boot as \"silent\" (a hang without detector output: FAIL), after\n"
	"boot.silent_samples dumps of the vCPUs' registers over QMP, each RIP\n"
	"named by the build's System.map, show where the CPUs were.",
	NULL,
};

/* Print the classification of a boot that ran; the exit status. */
static int boot_report(const struct boot_result *res, const char *kernel,
		       bool json)
{
	if (json) {
		json_t *j = boot_json(res);

		json_print(j);
		json_decref(j);
	} else {
		boot_print(res, kernel);
	}
	if (res->error)
		err_msg("%s", res->error);
	switch (res->con.outcome) {
	case CONSOLE_PASS:
	case CONSOLE_SKIP:
		return EXIT_PASS;
	case CONSOLE_FAIL:
	case CONSOLE_INCONCLUSIVE:
		return EXIT_FINDING;
	default:
		return EXIT_ERROR;
	}
}

/* What the options name, before anything is made or started. */
static int check_options(const struct boot_req *req)
{
	char *err = kernel_image_check(req->kernel), *dir;
	int ret = 0;

	if (err) {
		err_msg("--kernel %s", err);
		free(err);
		return -1;
	}
	if (req->gen_init_cpio && (is_dir(req->gen_init_cpio) ||
				   access(req->gen_init_cpio, X_OK))) {
		err_msg("--gen-init-cpio %s: not an executable file",
			req->gen_init_cpio);
		return -1;
	}
	if (req->log) {
		dir = xstrdup(req->log);
		*(strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir) = '\0';
		if (is_dir(req->log) || (*dir && !is_dir(dir))) {
			err_msg("--log %s: %s", req->log, is_dir(req->log) ?
				"a directory, not a file" :
				"its directory does not exist");
			ret = -1;
		}
		free(dir);
	}
	return ret;
}

int cmd_boot(int argc, char **argv)
{
	struct boot_req req = { .accel = "auto" };
	bool json = false;
	int pass_work = -1;
	const struct bp_option options[] = {
		OPT_STRING("kernel", "BZIMAGE", &req.kernel,
			   "kernel image (e.g. from backport build)"),
		OPT_BOOT_TIMEOUT(&req.timeout),
		OPT_STRING("log", "FILE", &req.log,
			   "console log (default <cache>/boot/manual/console.log)"),
		OPT_BOOT_ACCEL(&req.accel),
		OPT_BOOT_APPEND(&req.extra_cmdline),
		OPT_INT("smp", "N", &req.smp, 1, 64,
			"guest CPUs (default: boot.smp of configs/branches.json)"),
		OPT_INT("mem", "MB", &req.mem_mb, 128, 65536,
			"guest memory (default: boot.memory_mb of\n"
			"configs/branches.json)"),
		OPT_STRING("gen-init-cpio", "PATH", &req.gen_init_cpio,
			   "the initramfs packer (default: usr/gen_init_cpio\n"
			   "next to the kernel, else cpio -H newc)"),
		OPT_INT("pass-work", "N", &pass_work, 0, 1000000000,
			"work a PASS needs, in boot.work_unit (default:\n"
			"boot.pass_work of configs/branches.json; 0: none)"),
		OPT_BOOL("echo", &req.echo, "copy the console to stderr"),
		OPT_JSON(&json),
		OPT_TRAILER("Exit status: 0 PASS (or SKIP), 1 FAIL (hang, crash, test failure,\n"
			    "silence or timeout after the test started) or INCONCLUSIVE,\n"
			    "2 ERROR (no boot, no output, test never started, bad arguments)."),
		OPT_END(),
	};
	struct table t;
	struct console_sig sig;
	struct boot_result res;
	char *root, *cache, *log = NULL, *deflog = NULL;
	int ret;

	parse_options(argc, argv, options, boot_usage, PARSE_OPT_NO_ARGS);
	if (!req.kernel)
		usage_msg_opt(boot_usage, options, "--kernel is required");
	if (check_options(&req))
		return EXIT_ERROR;
	if (table_load_default(&t))
		return EXIT_ERROR;
	req.cfg = &t.boot;
	sig_of_table(&t, &sig);
	req.sig = &sig;
	req.pass_work = pass_work >= 0 ? pass_work : t.boot.pass_work;
	if (req.timeout <= 0)
		req.timeout = t.boot.timeout;
	root = xstrdup(t.root);
	cache = cache_dir();
	req.root = root;
	req.workdir = log = cache_manual_boot(cache);
	if (!req.log)
		req.log = deflog = path_join(log, "console.log");
	if (kernel_boot(&req, &res)) {
		err_msg("%s", res.error ? res.error : "boot failed");
		ret = EXIT_ERROR;
	} else {
		ret = boot_report(&res, req.kernel, json);
	}
	boot_result_free(&res);
	free(deflog);
	free(log);
	free(cache);
	free(root);
	table_free(&t);
	return ret;
}
