// SPDX-License-Identifier: GPL-2.0
/*
 * backport boot: boot a kernel in QEMU with the regression test as init and
 * classify the console.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "console.h"
#include "json.h"
#include "cache.h"
#include "qemu.h"
#include "table.h"
#include "util.h"

const char cmd_boot_summary[] =
	"boot a kernel in QEMU with the regression test and classify the console";

static const char usage[] =
	"usage: backport boot --kernel BZIMAGE [--timeout S] [--log FILE] [--json]\n"
	"                     [--accel auto|tcg|kvm] [--append ARGS] [--smp N]\n"
	"                     [--mem MB] [--gen-init-cpio PATH] [--echo]\n"
	"\n"
	"Compiles tests/regress/*.c statically (init.c becomes /init), packs an\n"
	"initramfs with the kernel build's usr/gen_init_cpio (or cpio -H newc),\n"
	"and runs qemu-system-x86_64 -no-reboot with the serial console logged.\n"
	"The kernel command line sets printk.time=1 panic=-1 softlockup_panic=1\n"
	"and lowered detector thresholds.  QEMU is killed at the timeout, or as\n"
	"soon as the console classifier has a final verdict.\n"
	"\n"
	"  --kernel BZIMAGE   kernel image (e.g. from backport build)\n"
	"  --timeout S        host-side limit in seconds (default: boot.timeout\n"
	"                     of configs/branches.json)\n"
	"  --log FILE         console log (default <cache>/boot/manual/console.log)\n"
	"  --accel A          auto (default: KVM only if a 10 s probe boot\n"
	"                     reaches the test; result cached), tcg or kvm\n"
	"  --append ARGS      extra kernel command line\n"
	"  --smp N, --mem MB  guest CPUs and memory (default: boot.smp and\n"
	"                     boot.memory_mb of configs/branches.json)\n"
	"  --echo             copy the console to stderr\n"
	"  --json             machine-readable result on stdout\n"
	"  -h, --help         this text\n"
	"\n"
	"Exit status: 0 PASS (or SKIP), 1 FAIL (hang, crash, test failure or\n"
	"timeout after the test started), 2 ERROR (no boot, no output, test\n"
	"never started, bad arguments).\n";

int cmd_boot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "timeout", required_argument, NULL, 't' },
		{ "log", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "accel", required_argument, NULL, 'a' },
		{ "append", required_argument, NULL, 'A' },
		{ "smp", required_argument, NULL, 's' },
		{ "mem", required_argument, NULL, 'm' },
		{ "gen-init-cpio", required_argument, NULL, 'g' },
		{ "echo", no_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	struct boot_req req = { .accel = "auto" };
	struct table t;
	struct boot_result res;
	char *root, *cache, *log = NULL, *deflog = NULL;
	bool json = false;
	int c, ret;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			req.kernel = optarg;
			break;
		case 't':
			req.timeout = opt_seconds(usage, "--timeout", optarg);
			break;
		case 'l':
			req.log = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'a':
			if (strcmp(optarg, "auto") && strcmp(optarg, "tcg") &&
			    strcmp(optarg, "kvm"))
				usage_error(usage, "--accel: auto, tcg or kvm");
			req.accel = optarg;
			break;
		case 'A':
			req.extra_cmdline = optarg;
			break;
		case 's':
			req.smp = opt_int(usage, "--smp", optarg, 1, 64);
			break;
		case 'm':
			req.mem_mb = opt_int(usage, "--mem", optarg, 128, 65536);
			break;
		case 'g':
			req.gen_init_cpio = optarg;
			break;
		case 'e':
			req.echo = true;
			break;
		default:
			usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (!req.kernel)
		usage_error(usage, "--kernel is required");
	if (table_load_default(&t))
		return EXIT_ERROR;
	req.cfg = &t.boot;
	if (req.timeout <= 0)
		req.timeout = t.boot.timeout;
	root = xstrdup(t.root);
	cache = cache_dir();
	req.root = root;
	req.workdir = log = cache_manual_boot(cache);
	if (!req.log)
		req.log = deflog = path_join(log, "console.log");
	ret = kernel_boot(&req, &res);
	if (ret) {
		err_msg("%s", res.error ? res.error : "boot failed");
		ret = EXIT_ERROR;
	} else {
		if (json) {
			json_t *j = boot_json(&res);

			json_print(j);
			json_decref(j);
		} else {
			boot_print(&res, req.kernel);
		}
		if (res.error)
			err_msg("%s", res.error);
		switch (res.con.outcome) {
		case CONSOLE_PASS:
		case CONSOLE_SKIP:
			ret = EXIT_PASS;
			break;
		case CONSOLE_FAIL:
			ret = EXIT_FINDING;
			break;
		default:
			ret = EXIT_ERROR;
		}
	}
	boot_result_free(&res);
	free(deflog);
	free(log);
	free(cache);
	free(root);
	table_free(&t);
	return ret;
}
