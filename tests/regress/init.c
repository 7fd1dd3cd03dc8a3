// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the QEMU boot that runs the THP migration-wait regression test.
 *
 * Mounts proc, sysfs, debugfs and devtmpfs, enables THP, makes the lockup
 * detectors panic, runs /thp_migration_wait and prints one result line:
 *
 *   BACKPORT-TEST-START
 *   BACKPORT-RESULT: status=PASS|FAIL|SKIP|INCONCLUSIVE|ERROR exit=N elapsed_ms=N
 *
 * (INCONCLUSIVE: exit 3, the time limit came before the work target) then
 * powers the machine off.  Kernel command line parameters:
 *   thptest.timeout=SECONDS   passed as -t (default 60)
 *   thptest.work=UNIT:N       passed as -W: stop with PASS at N of UNIT
 *   thptest.args=A,B,C        extra arguments, comma separated
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TEST_BIN	"/thp_migration_wait"
#define MAX_ARGS	32

static void say(const char *s)
{
	/* console may be the only output: no stdio buffering surprises */
	if (write(1, s, strlen(s)) < 0)
		return;
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, val, strlen(val)) < 0)
		dprintf(1, "init: %s: %s\n", path, strerror(errno));
	close(fd);
}

static void do_mount(const char *src, const char *dst, const char *type)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, 0, NULL) && errno != EBUSY)
		dprintf(1, "init: mount %s: %s\n", dst, strerror(errno));
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Value of "key=" on the kernel command line, copied into @buf. */
static int cmdline_get(const char *key, char *buf, size_t len)
{
	char line[4096], *tok, *save;
	size_t klen = strlen(key);
	int fd = open("/proc/cmdline", O_RDONLY), found = -1;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	line[n] = 0;
	/* the last one wins, as for the kernel's own parameters */
	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		if (!strncmp(tok, key, klen) && tok[klen] == '=') {
			snprintf(buf, len, "%s", tok + klen + 1);
			found = 0;
		}
	}
	return found;
}

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

int main(void)
{
	static char timeout[32] = "60", work[64], extra[512], hung[16];
	char *argv[MAX_ARGS + 1], *tok, *save;
	const char *status;
	long long t0, elapsed;
	int argc = 0, wst, code;
	pid_t pid;

	do_mount("proc", "/proc", "proc");
	do_mount("sysfs", "/sys", "sysfs");
	do_mount("devtmpfs", "/dev", "devtmpfs");
	do_mount("debugfs", "/sys/kernel/debug", "debugfs");

	write_file("/sys/kernel/mm/transparent_hugepage/enabled", "always");
	write_file("/sys/kernel/mm/transparent_hugepage/defrag", "always");
	write_file("/proc/sys/kernel/softlockup_panic", "1");
	write_file("/proc/sys/kernel/hung_task_panic", "1");
	write_file("/proc/sys/kernel/panic_on_rcu_stall", "1");
	write_file("/proc/sys/kernel/panic_on_oops", "1");
	/*
	 * No boot parameter sets the hung-task timeout before 5.8
	 * (sysctl.*), so it comes from ours; the khungtaskd wakes on the
	 * write and uses it from then on.
	 */
	if (!cmdline_get("thptest.hung_task_timeout_secs", hung, sizeof(hung)))
		write_file("/proc/sys/kernel/hung_task_timeout_secs", hung);

	cmdline_get("thptest.timeout", timeout, sizeof(timeout));
	argv[argc++] = TEST_BIN;
	argv[argc++] = "-t";
	argv[argc++] = timeout;
	if (!cmdline_get("thptest.work", work, sizeof(work))) {
		argv[argc++] = "-W";
		argv[argc++] = work;
	}
	if (!cmdline_get("thptest.args", extra, sizeof(extra))) {
		for (tok = strtok_r(extra, ",", &save);
		     tok && argc < MAX_ARGS;
		     tok = strtok_r(NULL, ",", &save))
			argv[argc++] = tok;
	}
	argv[argc] = NULL;

	say("BACKPORT-TEST-START\n");
	t0 = now_ms();
	pid = fork();
	if (pid == 0) {
		execv(TEST_BIN, argv);
		dprintf(1, "init: exec %s: %s\n", TEST_BIN, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &wst, 0) != pid) {
		status = "ERROR";
		code = -1;
	} else if (!WIFEXITED(wst)) {
		status = "ERROR";
		code = WIFSIGNALED(wst) ? 128 + WTERMSIG(wst) : -1;
	} else {
		code = WEXITSTATUS(wst);
		status = code == 0 ? "PASS" : code == 1 ? "FAIL" :
			 code == 4 ? "SKIP" : code == 3 ? "INCONCLUSIVE" : "ERROR";
	}
	elapsed = now_ms() - t0;
	dprintf(1, "BACKPORT-RESULT: status=%s exit=%d elapsed_ms=%lld\n",
		status, code, elapsed);
	power_off();
	return 0;
}
