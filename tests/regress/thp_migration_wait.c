// SPDX-License-Identifier: GPL-2.0
/*
 * Regression test for upstream commit ffc90cbb2970 ("mm, thp: use head
 * page in __migration_entry_wait()").
 *
 * split_huge_page() installs migration entries for every subpage of a THP
 * and, when the refcount cannot be frozen, rolls back through remap_page(),
 * which may cond_resched().  Before the fix __migration_entry_wait() did
 * get_page_unless_zero() on the *tail* page (refcount 0), gave up and let
 * the task fault again at once.  A task that faults on a tail page from
 * kernel mode (copy_to_user() in read(), fstat()) then spins in the fault
 * path with no resched point (CONFIG_PREEMPT_NONE); with one such task per
 * CPU the splitter never runs again: soft lockup, RCU stall, hung task.
 *
 * The test keeps one THP alive, lets "tail" threads fault on its tail pages
 * from kernel mode, "head" threads take short references on the head page
 * (so that splits roll back) and a splitter thread write "1" to
 * /sys/kernel/debug/split_huge_pages in a loop.  Two child processes share
 * the THP (fork()), so that installing the migration entries walks three
 * VMAs and may cond_resched() between them: successful splits open the
 * window too, not only rollbacks (-s 0 turns this off).  A fixed kernel survives
 * and the test prints "ok"; a vulnerable kernel livelocks and the kernel's
 * watchdog reports it (the test itself may never print again).
 *
 * At least once a second it prints its work on one line,
 *
 *   # BACKPORT-WORK t=3.0 split_attempts=N splits=N rollbacks=N tail_faults=N recreates=N
 *
 * (writes to split_huge_pages, the thp_split_page and thp_split_page_failed
 * deltas, tail-page operations of the tail threads, THPs made again).  With
 * -W UNIT:N it stops with a pass as soon as UNIT reaches N, and when the
 * time limit comes first it is INCONCLUSIVE ("not ok 1 # INCONCLUSIVE",
 * exit 3): too little was exercised to call it a pass.
 *
 * Exit status: 0 pass, 1 fail, 3 inconclusive, 4 skip (kselftest KSFT_SKIP).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define INCONCLUSIVE	3
#define KSFT_SKIP	4

#define PAGE_SZ		4096UL
#define HPAGE_SZ	(2UL << 20)
#define KPF_THP		22
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define PM_PRESENT	(1ULL << 63)

#define THP_ENABLED	"/sys/kernel/mm/transparent_hugepage/enabled"
#define DEBUGFS		"/sys/kernel/debug"
#define SPLIT_FILE	DEBUGFS "/split_huge_pages"

/* Head-toucher methods (bit mask for -m). */
#define HEAD_READ	0x1	/* read() from /dev/zero into the head page */
#define HEAD_FUTEX	0x2	/* FUTEX_WAKE (shared): GUP-fast ref on head */
#define HEAD_PVM	0x4	/* process_vm_readv(): GUP refs while copying */
#define HEAD_ALL	(HEAD_READ | HEAD_FUTEX | HEAD_PVM)

/* Tail-fault methods (bit mask for -f). */
#define TAIL_READ	0x1	/* read() from /dev/zero into a tail page */
#define TAIL_FSTAT	0x2	/* fstat() with struct stat in a tail page */
#define TAIL_SIGMASK	0x4	/* rt_sigprocmask() reads its set from a tail page */
#define TAIL_ALL	(TAIL_READ | TAIL_FSTAT | TAIL_SIGMASK)

struct opts {
	int seconds;
	int tail_threads;
	int head_threads;
	int head_mask;
	int tail_mask;
	int wakers;
	int sharers;
	int verbose;
	int work_unit;		/* index in work_names */
	unsigned long work_target;	/* 0: run for -t seconds */
};

/* The counts of a work line, in its order. */
static const char *const work_names[] = {
	"split_attempts", "splits", "rollbacks", "tail_faults", "recreates",
};

#define NWORK	5

static struct opts opt;
static char *thp;		/* 2 MiB aligned, stays mapped (MAP_FIXED) */
static int stop;
static int zero_fd = -1;
static unsigned long split_writes;
static unsigned long recreates;
static unsigned long tail_ops;
static unsigned long head_ops;
static unsigned long wakeups;
static int threads_done;
static long long run_ms;
static void print_usage(const char *prog, int code);

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void add(unsigned long *p, unsigned long v)
{
	__atomic_add_fetch(p, v, __ATOMIC_RELAXED);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static int finish(int code, const char *fmt, ...)
{
	va_list ap;

	if (code == KSFT_PASS)
		printf("ok 1 ");
	else if (code == KSFT_SKIP)
		printf("ok 1 # SKIP ");
	else if (code == INCONCLUSIVE)
		printf("not ok 1 # INCONCLUSIVE ");
	else
		printf("not ok 1 ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return code;
}

static unsigned long read_vmstat(const char *name)
{
	char key[64];
	unsigned long val, ret = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return 0;
	while (fscanf(f, "%63s %lu", key, &val) == 2) {
		if (!strcmp(key, name)) {
			ret = val;
			break;
		}
	}
	fclose(f);
	return ret;
}

/* 1: THP, 0: not THP, -1: cannot tell through pagemap/kpageflags. */
static int is_thp_kpageflags(void *addr)
{
	uint64_t ent, flags;
	int fd, ret = -1;

	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return -1;
	if (pread(fd, &ent, sizeof(ent),
		  (uintptr_t)addr / PAGE_SZ * sizeof(ent)) != sizeof(ent))
		goto out;
	if (!(ent & PM_PRESENT)) {
		ret = 0;
		goto out;
	}
	if (!(ent & PM_PFN_MASK))
		goto out;	/* PFN hidden: no CAP_SYS_ADMIN */
	close(fd);
	fd = open("/proc/kpageflags", O_RDONLY);
	if (fd < 0)
		return -1;
	if (pread(fd, &flags, sizeof(flags),
		  (ent & PM_PFN_MASK) * sizeof(flags)) != sizeof(flags))
		goto out;
	ret = !!(flags & (1ULL << KPF_THP));
out:
	close(fd);
	return ret;
}

/* Fallback: AnonHugePages of the VMA that starts at @addr in smaps. */
static int is_thp_smaps(void *addr)
{
	char line[256];
	unsigned long start, kb;
	int in = 0, ret = -1;
	FILE *f = fopen("/proc/self/smaps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-", &start) == 1 && strchr(line, '-') &&
		    !strchr(line, ':')) {
			in = start == (uintptr_t)addr;
			continue;
		}
		if (in && sscanf(line, "AnonHugePages: %lu kB", &kb) == 1) {
			ret = kb >= HPAGE_SZ / 1024;
			break;
		}
	}
	fclose(f);
	return ret;
}

static int is_thp(void *addr)
{
	int ret = is_thp_kpageflags(addr);

	return ret >= 0 ? ret : is_thp_smaps(addr);
}

/*
 * Replace the mapping at @thp by a fresh anonymous one and fault a THP in.
 * MAP_FIXED keeps the address valid for the other threads all the time.
 */
static int make_thp(void)
{
	void *p;
	int i;

	for (i = 0; i < 10; i++) {
		p = mmap(thp, HPAGE_SZ, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p != thp)
			return -1;
		madvise(thp, HPAGE_SZ, MADV_HUGEPAGE);
		thp[0] = 1;
		if (is_thp(thp) == 1)
			return 0;
		usleep(10000);
	}
	return -1;
}

static void *tail_thread(void *arg)
{
	unsigned int seed = (uintptr_t)arg * 2654435761U + 1;
	unsigned long n = 0;
	struct stat *st;
	size_t off;

	while (!load(&stop)) {
		/* a tail page, never the head page */
		off = (1 + rand_r(&seed) % (HPAGE_SZ / PAGE_SZ - 1)) * PAGE_SZ;
		if (opt.tail_mask & TAIL_SIGMASK) {
			/* copy_from_user() of the new set: a read only */
			syscall(SYS_rt_sigprocmask, SIG_SETMASK, thp + off,
				NULL, 8);
		} else if ((opt.tail_mask & TAIL_READ) &&
			   (!(opt.tail_mask & TAIL_FSTAT) || (n & 1))) {
			if (read(zero_fd, thp + off, 256) < 0 && errno != EFAULT)
				break;
		} else {
			st = (struct stat *)(thp + off + 512);
			fstat(zero_fd, st);
		}
		if (!(++n & 1023)) {
			add(&tail_ops, 1024);
			n = 0;
		}
	}
	add(&tail_ops, n);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *head_thread(void *arg)
{
	int methods[3], nm = 0, i = (uintptr_t)arg;
	static char sink[64 * 1024];
	struct iovec local, remote;
	unsigned long n = 0;

	if (opt.head_mask & HEAD_READ)
		methods[nm++] = HEAD_READ;
	if (opt.head_mask & HEAD_FUTEX)
		methods[nm++] = HEAD_FUTEX;
	if (opt.head_mask & HEAD_PVM)
		methods[nm++] = HEAD_PVM;

	while (!load(&stop)) {
		switch (methods[i++ % nm]) {
		case HEAD_READ:
			if (read(zero_fd, thp, PAGE_SZ) < 0 && errno != EFAULT)
				goto out;
			break;
		case HEAD_FUTEX:
			/* shared futex: get_futex_key() -> GUP ref on head */
			syscall(SYS_futex, (int *)thp, FUTEX_WAKE, 1,
				NULL, NULL, 0);
			break;
		case HEAD_PVM:
			local.iov_base = sink;
			local.iov_len = sizeof(sink);
			remote.iov_base = thp;
			remote.iov_len = sizeof(sink);
			process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
			break;
		}
		n++;
	}
out:
	add(&head_ops, n);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * Sleepers blocked in read() on a pipe each, and one kicker that writes to
 * the pipes in turn: a steady stream of wake-ups of tasks that slept, at
 * any time and on every CPU.  Such a wake-up preempts the running task
 * (sets need_resched), so the splitter often reschedules in the
 * cond_resched() of the rollback (remap_page()), with the migration
 * entries still installed.
 */
static int (*wake_pipes)[2];

static void *sleeper_thread(void *arg)
{
	int fd = wake_pipes[(uintptr_t)arg][0];
	char buf[64];
	unsigned long n = 0;

	while (!load(&stop)) {
		if (read(fd, buf, sizeof(buf)) <= 0)
			break;
		n++;
	}
	add(&wakeups, n);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *kicker_thread(void *arg)
{
	int i, nr = (intptr_t)arg;
	char c = 0;

	while (!load(&stop)) {
		for (i = 0; i < nr; i++)
			if (write(wake_pipes[i][1], &c, 1) < 0 && errno != EAGAIN)
				goto out;
	}
out:
	/* the sleepers see stop after this last byte (or EOF) */
	for (i = 0; i < nr; i++)
		close(wake_pipes[i][1]);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * Sharers: child processes that keep the THP mapped (fork() shares the
 * PMD read-only).  The rmap walk that installs the migration entries then
 * has one VMA per process and may cond_resched() between them, with the
 * entries of the first VMA already in place: a successful split opens the
 * same window as a rollback.  Everyone must then only read the THP, or a
 * write would COW it away.
 */
static pid_t *sharer_pids;

static void stop_sharers(void)
{
	int i;

	for (i = 0; i < opt.sharers; i++) {
		if (sharer_pids[i] <= 0)
			continue;
		kill(sharer_pids[i], SIGKILL);
		waitpid(sharer_pids[i], NULL, 0);
		sharer_pids[i] = 0;
	}
}

static void start_sharers(void)
{
	int i;

	for (i = 0; i < opt.sharers; i++) {
		sharer_pids[i] = fork();
		if (sharer_pids[i] == 0)
			for (;;)
				pause();
	}
}

static void *split_thread(void *arg)
{
	int fd = (intptr_t)arg;

	while (!load(&stop)) {
		/* debugfs attribute files are not seekable: plain write() */
		if (write(fd, "1", 1) != 1) {
			msg("write %s: %s\n", SPLIT_FILE, strerror(errno));
			break;
		}
		add(&split_writes, 1);
	}
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * thp_split_page and thp_split_page_failed of /proc/vmstat, with plain
 * system calls and a static buffer: the reporter must never wait for
 * mmap_lock (malloc, stdio, a first touch of new memory), which the
 * tail and head threads hold all the time.
 */
#define SPLIT_KEY	"\nthp_split_page "
#define FAIL_KEY	"\nthp_split_page_failed "

static void vmstat_splits(unsigned long *split, unsigned long *fail)
{
	static char buf[16384];
	ssize_t n = 0, r;
	char *p;
	int fd = open("/proc/vmstat", O_RDONLY);

	*split = *fail = 0;
	if (fd < 0)
		return;
	while (n < (ssize_t)sizeof(buf) - 1 &&
	       (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	p = strstr(buf, SPLIT_KEY);
	if (p)
		*split = strtoul(p + strlen(SPLIT_KEY), NULL, 10);
	p = strstr(buf, FAIL_KEY);
	if (p)
		*fail = strtoul(p + strlen(FAIL_KEY), NULL, 10);
}

/* The work so far, in the order of work_names. */
static void work_now(unsigned long split0, unsigned long fail0,
		     unsigned long w[NWORK])
{
	unsigned long split, fail;

	vmstat_splits(&split, &fail);
	w[0] = __atomic_load_n(&split_writes, __ATOMIC_RELAXED);
	w[1] = split - split0;
	w[2] = fail - fail0;
	w[3] = __atomic_load_n(&tail_ops, __ATOMIC_RELAXED);
	w[4] = __atomic_load_n(&recreates, __ATOMIC_RELAXED);
}

/* One work line (one write(), no stdio); true at the -W target. */
static int work_report(long long ms, unsigned long split0,
		       unsigned long fail0)
{
	unsigned long w[NWORK];
	char line[256];
	int n;

	work_now(split0, fail0, w);
	n = snprintf(line, sizeof(line),
		     "# BACKPORT-WORK t=%lld.%lld %s=%lu %s=%lu %s=%lu %s=%lu %s=%lu\n",
		     ms / 1000, ms % 1000 / 100, work_names[0], w[0],
		     work_names[1], w[1], work_names[2], w[2], work_names[3],
		     w[3], work_names[4], w[4]);
	if (n > 0 && write(1, line, n) < 0)
		return 0;
	return opt.work_target && w[opt.work_unit] >= opt.work_target;
}

/*
 * The reporter: a work line every 100 ms in the first 5 s (a vulnerable
 * kernel may livelock within a second), every second after.  Started
 * before the other threads and SCHED_FIFO above them, it allocates and
 * maps nothing: only a livelock (every CPU spinning in the kernel with
 * no resched point) silences it, not a busy run queue or mmap_lock.
 * Sets work_reached at the -W target.
 */
static long long report_start;
static unsigned long report_split0, report_fail0;
static int report_ready, report_stop, work_reached;

/* Fault in the stack and buffers the reports use, before the threads. */
static void report_prefault(void)
{
	char stack[32768];
	unsigned long w[NWORK];
	char line[256];

	memset(stack, 0, sizeof(stack));
	/* keep the stores: the pages must be touched now */
	__asm__ __volatile__("" : : "r"(stack) : "memory");
	work_now(0, 0, w);
	snprintf(line, sizeof(line), "%lu %lld", w[0], now_ms());
}

static void *report_thread(void *unused)
{
	struct sched_param sp = { .sched_priority = 1 };
	long long now, next;

	pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	report_prefault();
	__atomic_store_n(&report_ready, 1, __ATOMIC_RELEASE);
	next = report_start + 100;
	while (!load(&report_stop)) {
		now = now_ms();
		if (now < next) {
			usleep((next - now) * 1000);
			continue;
		}
		if (work_report(now - report_start, report_split0,
				report_fail0))
			__atomic_store_n(&work_reached, 1, __ATOMIC_RELEASE);
		next = now + (now - report_start < 5000 ? 100 : 1000);
	}
	return NULL;
}

/*
 * Keep a THP at @thp until the time limit or the work target.  Returns
 * true when the target was reached.
 */
static int run_loop(unsigned long split0, unsigned long fail0)
{
	long long start = report_start, end, last = 0;

	end = start + opt.seconds * 1000LL;
	while (now_ms() < end && !load(&work_reached)) {
		usleep(5000);
		if (is_thp(thp) != 1) {
			/* split went through: give the threads a new THP */
			stop_sharers();
			if (make_thp() == 0)
				add(&recreates, 1);
			start_sharers();
		}
		if (opt.verbose && now_ms() - last >= 1000) {
			last = now_ms();
			msg("t=%llds split_writes=%lu recreated=%lu thp_split_page=+%lu thp_split_page_failed=+%lu\n",
			    (last - start) / 1000, split_writes, recreates,
			    read_vmstat("thp_split_page") - split0,
			    read_vmstat("thp_split_page_failed") - fail0);
		}
	}
	run_ms = now_ms() - start;
	__atomic_store_n(&report_stop, 1, __ATOMIC_RELEASE);
	return load(&work_reached);
}

static void parse_work(const char *s, const char *prog)
{
	const char *colon = strchr(s, ':');
	unsigned long long v;
	char *end;
	int i;

	if (!colon)
		print_usage(prog, 2);
	for (i = 0; i < NWORK; i++)
		if (strlen(work_names[i]) == (size_t)(colon - s) &&
		    !strncmp(s, work_names[i], colon - s))
			break;
	errno = 0;
	v = strtoull(colon + 1, &end, 10);
	if (i == NWORK || errno || *end || end == colon + 1 || !v ||
	    colon[1] == '-')
		print_usage(prog, 2);
	opt.work_unit = i;
	opt.work_target = v;
}

static void print_usage(const char *prog, int code)
{
	fprintf(code ? stderr : stdout,
		"usage: %s [-t SECONDS] [-j TAIL_THREADS] [-H HEAD_THREADS]\n"
		"          [-f TAIL_MASK] [-m HEAD_MASK] [-w SLEEPERS] [-s SHARERS]\n"
		"          [-W UNIT:N] [-v] [-h]\n"
		"Regression test for ffc90cbb2970 (mm, thp: use head page in\n"
		"__migration_entry_wait()).  Needs root, THP and debugfs.\n"
		"  -t SECONDS  run time (default 60)\n"
		"  -j N        threads faulting on tail pages from kernel mode\n"
		"              (default 2 * ncpu + 2)\n"
		"  -H N        threads referencing the head page (default 3 * ncpu)\n"
		"  -f MASK     tail faults: 1 read() /dev/zero, 2 fstat(),\n"
		"              4 rt_sigprocmask() (default 4; 3 with -s 0)\n"
		"  -m MASK     head refs: 1 read(), 2 shared FUTEX_WAKE,\n"
		"              4 process_vm_readv() (default 7)\n"
		"  -w N        sleeper threads woken by a kicker (default 4 * ncpu)\n"
		"  -s N        child processes sharing the THP read-only (default\n"
		"              2; 0: none); with sharers the tail faults are\n"
		"              rt_sigprocmask() reads and head refs exclude read()\n"
		"  -W UNIT:N   stop with a pass once UNIT (split_attempts, splits,\n"
		"              rollbacks, tail_faults, recreates) reaches N; the\n"
		"              time limit first is inconclusive (exit 3)\n"
		"  -v          progress every second\n"
		"A fixed kernel prints \"ok 1\".  A vulnerable one livelocks;\n"
		"its watchdog (soft lockup, RCU stall, hung task) reports it.\n"
		"A work line (# BACKPORT-WORK t=... split_attempts=...) every second.\n"
		"Exit: 0 pass, 1 fail, 3 inconclusive, 4 skip.\n", prog);
	exit(code);
}

static int parse_int(const char *s, int min, const char *prog)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || end == s || v < min || v > 100000)
		print_usage(prog, 2);
	return v;
}

static void parse(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "time", required_argument, NULL, 't' },
		{ "tail-threads", required_argument, NULL, 'j' },
		{ "head-threads", required_argument, NULL, 'H' },
		{ "tail-mask", required_argument, NULL, 'f' },
		{ "head-mask", required_argument, NULL, 'm' },
		{ "wakers", required_argument, NULL, 'w' },
		{ "sharers", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "work", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int c, tail_set = 0;

	if (ncpu < 1)
		ncpu = 1;
	opt.seconds = 60;
	opt.tail_threads = 2 * ncpu + 2;
	opt.head_threads = 3 * ncpu;
	opt.head_mask = HEAD_ALL;
	opt.tail_mask = TAIL_READ | TAIL_FSTAT;
	opt.wakers = 4 * ncpu;
	opt.sharers = 2;

	while ((c = getopt_long(argc, argv, "ht:j:H:f:m:w:s:vW:", lopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_usage(argv[0], 0);
			break;
		case 't':
			opt.seconds = parse_int(optarg, 1, argv[0]);
			break;
		case 'j':
			opt.tail_threads = parse_int(optarg, 1, argv[0]);
			break;
		case 'H':
			opt.head_threads = parse_int(optarg, 0, argv[0]);
			break;
		case 'f':
			opt.tail_mask = parse_int(optarg, 1, argv[0]) & TAIL_ALL;
			tail_set = 1;
			break;
		case 'm':
			opt.head_mask = parse_int(optarg, 0, argv[0]) & HEAD_ALL;
			break;
		case 'w':
			opt.wakers = parse_int(optarg, 0, argv[0]);
			break;
		case 's':
			opt.sharers = parse_int(optarg, 0, argv[0]);
			break;
		case 'v':
			opt.verbose = 1;
			break;
		case 'W':
			parse_work(optarg, argv[0]);
			break;
		default:
			print_usage(argv[0], 2);
		}
	}
	if (opt.sharers) {
		/* only reads: a write would COW the THP out of the sharers */
		if (!tail_set)
			opt.tail_mask = TAIL_SIGMASK;
		opt.head_mask &= ~HEAD_READ;
	}
	if (optind != argc || !opt.tail_mask ||
	    (opt.sharers && (opt.tail_mask & ~TAIL_SIGMASK)))
		print_usage(argv[0], 2);
	if (!opt.head_mask)
		opt.head_threads = 0;
}

static int check_env(char *why, size_t len)
{
	unsigned int maj = 0, min = 0;
	struct utsname u;
	char buf[128];
	int fd;
	ssize_t n;

	/* split_huge_pages and PMD-split migration entries came in v4.5. */
	if (!uname(&u) && sscanf(u.release, "%u.%u", &maj, &min) == 2 &&
	    (maj < 4 || (maj == 4 && min < 5))) {
		snprintf(why, len,
			 "kernel %.40s predates v4.5: no PMD-split migration entries (ba98828088ad), not affected",
			 u.release);
		return -1;
	}
	if (geteuid()) {
		snprintf(why, len, "needs root");
		return -1;
	}
	fd = open(THP_ENABLED, O_RDONLY);
	if (fd < 0) {
		snprintf(why, len, "no THP (%s missing)", THP_ENABLED);
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	if (strstr(buf, "[never]")) {
		snprintf(why, len, "THP disabled ([never])");
		return -1;
	}
	if (access(SPLIT_FILE, W_OK))
		mount("debugfs", DEBUGFS, "debugfs", 0, NULL);
	if (access(SPLIT_FILE, W_OK)) {
		snprintf(why, len, "%s missing (CONFIG_DEBUG_FS?)", SPLIT_FILE);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long split0, fail0, split1, fail1, w[NWORK];
	int c, i, nthreads, split_fd, reached;
	pthread_t *tids, reporter;
	char why[160];
	char *area;

	parse(argc, argv);
	printf("TAP version 13\n1..1\n");
	fflush(stdout);

	if (check_env(why, sizeof(why)))
		return finish(KSFT_SKIP, "%s", why);

	zero_fd = open("/dev/zero", O_RDONLY);
	split_fd = open(SPLIT_FILE, O_WRONLY);
	if (zero_fd < 0 || split_fd < 0)
		return finish(KSFT_SKIP, "open /dev/zero or %s: %s",
			      SPLIT_FILE, strerror(errno));

	/* 2 MiB aligned slot with nothing else in its page table */
	area = mmap(NULL, 2 * HPAGE_SZ, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		return finish(KSFT_FAIL, "mmap: %s", strerror(errno));
	thp = (char *)(((uintptr_t)area + HPAGE_SZ - 1) & ~(HPAGE_SZ - 1));
	if (thp > area)
		munmap(area, thp - area);
	munmap(thp + HPAGE_SZ, area + 2 * HPAGE_SZ - (thp + HPAGE_SZ));

	if (make_thp())
		return finish(KSFT_SKIP, "could not get a THP at %p", thp);
	sharer_pids = calloc(opt.sharers + 1, sizeof(*sharer_pids));
	if (!sharer_pids)
		return finish(KSFT_FAIL, "calloc");
	start_sharers();

	msg("kernel-mode tail faults: %d threads (mask %d), head refs: %d threads (mask %d), sleepers: %d, sharers: %d, %d s\n",
	    opt.tail_threads, opt.tail_mask, opt.head_threads,
	    opt.head_mask, opt.wakers, opt.sharers, opt.seconds);

	split0 = read_vmstat("thp_split_page");
	fail0 = read_vmstat("thp_split_page_failed");

	/*
	 * The reporter first, ready before the others take mmap_lock: the
	 * run (and its time limit) starts with its first report, nothing
	 * done yet; making the threads is part of it.
	 */
	report_split0 = split0;
	report_fail0 = fail0;
	report_start = now_ms();
	if (pthread_create(&reporter, NULL, report_thread, NULL))
		return finish(KSFT_FAIL, "pthread_create");
	while (!load(&report_ready))
		usleep(1000);
	work_report(now_ms() - report_start, split0, fail0);
	nthreads = opt.tail_threads + opt.head_threads + 1;
	if (opt.wakers)
		nthreads += opt.wakers + 1;
	tids = calloc(nthreads, sizeof(*tids));
	wake_pipes = calloc(opt.wakers + 1, sizeof(*wake_pipes));
	if (!tids || !wake_pipes)
		return finish(KSFT_FAIL, "calloc");
	for (i = 0; i < opt.tail_threads; i++)
		if (pthread_create(&tids[i], NULL, tail_thread,
				   (void *)(uintptr_t)i))
			return finish(KSFT_FAIL, "pthread_create");
	for (; i < opt.tail_threads + opt.head_threads; i++)
		if (pthread_create(&tids[i], NULL, head_thread,
				   (void *)(uintptr_t)i))
			return finish(KSFT_FAIL, "pthread_create");
	for (c = 0; c < opt.wakers; c++, i++) {
		if (pipe2(wake_pipes[c], O_NONBLOCK))
			return finish(KSFT_FAIL, "pipe: %s", strerror(errno));
		/* the sleeper's end blocks */
		fcntl(wake_pipes[c][0], F_SETFL, 0);
		if (pthread_create(&tids[i], NULL, sleeper_thread,
				   (void *)(uintptr_t)c))
			return finish(KSFT_FAIL, "pthread_create");
	}
	if (opt.wakers &&
	    pthread_create(&tids[i++], NULL, kicker_thread,
			   (void *)(intptr_t)opt.wakers))
		return finish(KSFT_FAIL, "pthread_create");
	if (pthread_create(&tids[i], NULL, split_thread,
			   (void *)(intptr_t)split_fd))
		return finish(KSFT_FAIL, "pthread_create");

	reached = run_loop(split0, fail0);
	pthread_join(reporter, NULL);

	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	stop_sharers();
	for (i = 0; i < 100 && load(&threads_done) < nthreads; i++)
		usleep(100000);
	split1 = read_vmstat("thp_split_page");
	fail1 = read_vmstat("thp_split_page_failed");
	msg("split_writes=%lu recreated=%lu tail_ops=%lu head_ops=%lu wakeups=%lu\n",
	    split_writes, recreates, tail_ops, head_ops, wakeups);
	msg("thp_split_page=+%lu thp_split_page_failed=+%lu\n",
	    split1 - split0, fail1 - fail0);
	reached |= work_report(run_ms, split0, fail0);

	if (load(&threads_done) < nthreads)
		return finish(KSFT_FAIL, "%d of %d threads still stuck 10 s after the end",
			      nthreads - load(&threads_done), nthreads);
	for (i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);
	if (!split_writes)
		return finish(KSFT_FAIL, "no split was attempted");
	work_now(split0, fail0, w);
	if (opt.work_target && !reached)
		return finish(INCONCLUSIVE, "thp_migration_wait: %s=%lu of %lu in %d s: too little work to call it a pass",
			      work_names[opt.work_unit], w[opt.work_unit],
			      opt.work_target, opt.seconds);
	return finish(KSFT_PASS, "thp_migration_wait: survived %lld.%lld s of THP split/rollback with kernel-mode tail faults (%s=%lu)",
		      run_ms / 1000, run_ms % 1000 / 100,
		      work_names[opt.work_unit], w[opt.work_unit]);
}
