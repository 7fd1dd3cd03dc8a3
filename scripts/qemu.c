// SPDX-License-Identifier: GPL-2.0
/*
 * Test boots in QEMU (see qemu.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "hostwait.h"
#include "initramfs.h"
#include "json.h"
#include "qemu.h"
#include "qmp.h"
#include "run.h"
#include "signature.h"
#include "stop.h"
#include "util.h"
#include "vcpu.h"
#include "work.h"

/* ---- boot ------------------------------------------------------------ */

/*
 * The command line is data (configs/branches.json "boot", measured in
 * tests/regress/NOTES.md): soft lockup after 2 * watchdog_thresh seconds,
 * RCU stall after rcu_cpu_stall_timeout, hung task after
 * hung_task_timeout_secs; all of them panic, and panic=-1 with -no-reboot
 * ends QEMU at once.
 */
char *boot_cmdline(const struct boot_cfg *cfg, const char *extra)
{
	return join_words(cfg->cmdline, extra);
}


struct boot_ctx {
	struct console *con;
	double start;
	double heartbeat;	/* s without a work line: silent; 0 off */
	bool echo;
	const char *stop_at;	/* probe: stop at this text */
	bool seen;
	/* QEMU's wait for a host CPU (hostwait.h), sampled as it runs */
	pid_t pid;
	struct hostwait hw;
	double last_sample;	/* host s since start, -1 none yet */
	double sig_host;	/* when the signature line came, -1 not yet */
	/* Where the vCPUs are when the boot goes silent (vcpu.h). */
	const struct boot_cfg *cfg;
	const char *kernel;
	char *qmp_path;		/* QEMU's QMP socket, NULL: none */
};

/* Four samples a second at most, and one when the signature comes. */
#define HOSTWAIT_EVERY	0.25

static void sample_wait(struct boot_ctx *b, double t, bool force)
{
	double w;

	if (b->pid <= 0 ||
	    (!force && b->last_sample >= 0 &&
	     t - b->last_sample < HOSTWAIT_EVERY))
		return;
	b->last_sample = t;
	if (!hostwait_read(b->pid, &w))
		hostwait_add(&b->hw, t, w);
}

static int boot_line(const char *line, void *arg)
{
	struct boot_ctx *b = arg;
	double t = now_seconds() - b->start;
	int stop;

	if (b->echo)
		fprintf(stderr, "%s\n", line);
	if (b->stop_at) {
		if (strstr(line, b->stop_at))
			b->seen = true;
		return b->seen;
	}
	stop = console_line(b->con, line, t);
	if (b->con->sig && b->sig_host < 0) {
		b->sig_host = t;
		sample_wait(b, t, true);
	}
	return stop;
}

static void sleep_for(double s)
{
	struct timespec ts = { .tv_sec = (time_t)s,
			       .tv_nsec = (long)((s - (double)(time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts) && !stop_requested())
		;
}

/* A file of the kernel's build directory (O=), from its bzImage path. */
static char *build_file(const char *kernel, const char *rel)
{
	char *k = xstrdup(kernel), *s, *f = NULL;

	/* bzImage is O/arch/x86/boot/bzImage */
	s = strstr(k, "/arch/x86/boot/");
	if (s) {
		*s = '\0';
		f = path_join(k, rel);
		if (!path_exists(f)) {
			free(f);
			f = NULL;
		}
	}
	free(k);
	return f;
}

/*
 * The kernel's System.map: in its build directory, or beside it (a
 * kernel kept for other rows, kstore.h); NULL if neither has one.
 */
static char *system_map_of(const char *kernel)
{
	char *map = build_file(kernel, "System.map"), *dir, *slash;

	if (map)
		return map;
	dir = xstrdup(kernel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		map = path_join(dir, "System.map");
	} else {
		map = xstrdup("System.map");
	}
	free(dir);
	if (path_exists(map))
		return map;
	free(map);
	return NULL;
}

/* One sample: "sample 2/10: cpu0 page_fault+0x0, cpu1 ..." or why not. */
static int sample_line(struct qmp *q, const struct sysmap *m, int i, int n,
		       struct strvec *lines)
{
	struct strbuf regs = STRBUF_INIT, l = STRBUF_INIT;
	uint64_t rip[VCPU_MAX];
	char err[256], name[192];
	size_t k, ncpu;
	int ret = 0;

	sb_addf(&l, "sample %d/%d:", i + 1, n);
	if (qmp_hmp(q, "info registers -a", 5, &regs, err, sizeof(err))) {
		sb_addf(&l, " %s", err);
		ret = -1;
		goto out;
	}
	ncpu = vcpu_rips(sb_str(&regs), rip);
	for (k = 0; k < ncpu; k++) {
		sysmap_name(m, rip[k], name, sizeof(name));
		sb_addf(&l, "%s cpu%zu %s", k ? "," : "", k, name);
	}
	if (!ncpu)
		sb_adds(&l, " no RIP in QEMU's register dump");
out:
	sv_push(lines, sb_str(&l));
	sb_release(&l);
	sb_release(&regs);
	return ret;
}

/*
 * The boot went silent: where are its vCPUs?  cfg->silent_samples
 * register dumps over QMP, named by the build's System.map, go into the
 * console (console_samples()) before QEMU is stopped.
 */
static void sample_vcpus(struct boot_ctx *b)
{
	const struct boot_cfg *cfg = b->cfg;
	struct strvec lines = STRVEC_INIT;
	struct sysmap m = SYSMAP_INIT;
	char *map = system_map_of(b->kernel);
	char err[320];
	struct qmp q;
	int i;

	if (!map) {
		sv_pushf(&lines, "no samples: no System.map in the build directory of %s or beside it",
			 b->kernel);
	} else if (sysmap_load(map, &m, err, sizeof(err))) {
		sv_pushf(&lines, "no samples: %s", err);
	} else if (qmp_open(&q, b->qmp_path, 5, err, sizeof(err))) {
		sv_pushf(&lines, "no samples: %s", err);
	} else {
		for (i = 0; i < cfg->silent_samples && !stop_requested(); i++) {
			if (i)
				sleep_for(cfg->silent_sample_every);
			if (sample_line(&q, &m, i, cfg->silent_samples, &lines))
				break;
		}
		qmp_close(&q);
	}
	console_samples(b->con, &lines);
	sysmap_free(&m);
	sv_clear(&lines);
	free(map);
}

/*
 * The heartbeat: once the test started, a work line at least every
 * b->heartbeat seconds, else the boot ends as "silent" (console.h),
 * after its vCPUs were sampled when the table asks for it.
 */
static int boot_tick(void *arg)
{
	struct boot_ctx *b = arg;
	struct console *c = b->con;
	double last;

	if (c)
		sample_wait(b, now_seconds() - b->start, false);
	if (!c || b->heartbeat <= 0 || !c->started || c->final ||
	    c->outcome != CONSOLE_PENDING || c->start_host < 0)
		return 0;
	last = c->work_host >= 0 ? c->work_host : c->start_host;
	if (now_seconds() - b->start - last < b->heartbeat)
		return 0;
	console_silent(c, b->heartbeat);
	if (b->qmp_path)
		sample_vcpus(b);
	return 1;
}

/* -qmp's value for a socket at @path: QEMU's option commas doubled. */
static void push_qmp(struct strvec *av, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	sb_adds(&sb, "unix:");
	for (p = path; *p; p++) {
		sb_addc(&sb, *p);
		if (*p == ',')
			sb_addc(&sb, ',');
	}
	sb_adds(&sb, ",server=on,wait=off");
	sv_pushl(av, "-qmp", sb_str(&sb), NULL);
	sb_release(&sb);
}

static void qemu_argv(struct strvec *av, const struct boot_req *req,
		      const char *accel, const char *initrd,
		      const char *cmdline, const char *qmp)
{
	sv_pushl(av, "qemu-system-x86_64", "-nodefaults", "-display", "none",
		 "-no-reboot", "-serial", "stdio", "-m", NULL);
	const char *cpu = !strcmp(accel, "kvm") ? req->cfg->cpu_kvm :
		req->cfg->cpu_tcg;

	sv_pushf(av, "%d", req->mem_mb > 0 ? req->mem_mb :
		 req->cfg->memory_mb);
	sv_push(av, "-smp");
	sv_pushf(av, "%d", req->smp > 0 ? req->smp : req->cfg->smp);
	sv_pushl(av, "-kernel", req->kernel, "-initrd", initrd, "-append",
		 cmdline, "-accel", accel, NULL);
	if (cpu)
		sv_pushl(av, "-cpu", cpu, NULL);
	if (qmp)
		push_qmp(av, qmp);
}

/*
 * Where QEMU's QMP socket goes: the boot's directory when the path fits
 * a socket address, else a directory of its own under $TMPDIR (*@dir,
 * removed after the boot).  NULL when the boot is not sampled.
 */
static char *qmp_socket(const struct boot_req *req, char **dir)
{
	struct sockaddr_un a;
	const char *tmp = getenv("TMPDIR");
	char *path = path_join(req->workdir, "qmp.sock");

	*dir = NULL;
	if (req->cfg->silent_samples <= 0 || req->cfg->heartbeat <= 0) {
		free(path);
		return NULL;
	}
	if (strlen(path) < sizeof(a.sun_path)) {
		unlink(path);
		return path;
	}
	free(path);
	*dir = path_join(tmp && *tmp ? tmp : "/tmp", "backport-qmp.XXXXXX");
	if (!mkdtemp(*dir)) {
		warn_msg("%s: %s: the boot's vCPUs will not be sampled", *dir,
			 strerror(errno));
		free(*dir);
		*dir = NULL;
		return NULL;
	}
	stop_cleanup_add(*dir);
	path = path_join(*dir, "qmp.sock");
	if (strlen(path) >= sizeof(a.sun_path)) {
		warn_msg("%s: too long for a socket: the boot's vCPUs will not be sampled",
			 path);
		free(path);
		return NULL;
	}
	return path;
}

/* Record what the probe (or a boot after it) showed. */
static void kvm_probe_save(const char *accel)
{
	char *cache = cache_dir(), *stamp = cache_kvm_probe(cache);

	mkdir_p(cache, 0755);
	if (write_file_atomic(stamp, accel, strlen(accel)))
		warn_msg("%s: cannot write: %s", stamp, strerror(errno));
	free(stamp);
	free(cache);
}

/*
 * Does KVM boot this kernel?  Cached in the cache dir: "kvm" as soon as
 * a probe boot reaches the test; "tcg" only once a kernel that did not
 * under KVM reached it under TCG (*@tcg_pending), so that a broken
 * kernel never decides it for the next ones.
 */
static const char *pick_accel(const struct boot_req *req, const char *initrd,
			      bool *tcg_pending)
{
	char *cache = cache_dir(), *stamp = cache_kvm_probe(cache);
	struct strbuf sb = STRBUF_INIT;
	const char *accel = "tcg";
	struct strvec av = STRVEC_INIT;
	struct boot_ctx ctx = { .stop_at = "BACKPORT-TEST-START" };
	struct run_opts o = { .timeout = 10, .on_line = boot_line,
			      .line_arg = &ctx };
	struct run_result r;
	char *cmd;

	*tcg_pending = false;
	if (req->accel && strcmp(req->accel, "auto")) {
		accel = !strcmp(req->accel, "kvm") ? "kvm" : "tcg";
		goto out;
	}
	if (access("/dev/kvm", R_OK | W_OK))
		goto out;
	if (!read_file(stamp, &sb)) {
		accel = starts_with(sb_str(&sb), "kvm") ? "kvm" : "tcg";
		goto out;
	}
	cmd = boot_cmdline(req->cfg, "backport.probe=1");
	qemu_argv(&av, req, "kvm", initrd, cmd, NULL);
	ctx.start = now_seconds();
	run_argv((const char *const *)av.v, &o, &r);
	accel = ctx.seen ? "kvm" : "tcg";
	info_msg("KVM probe: %s (%.1fs); using %s", ctx.seen ?
		 "boots" : "no test start within 10s", r.elapsed, accel);
	if (ctx.seen)
		kvm_probe_save(accel);
	else
		*tcg_pending = true;
	sv_clear(&av);
	free(cmd);
out:
	sb_release(&sb);
	free(stamp);
	free(cache);
	return accel;
}

/* The tree's gen_init_cpio: given, or next to the kernel; NULL if none. */
static char *find_gen_init_cpio(const struct boot_req *req)
{
	if (req->gen_init_cpio)
		return xstrdup(req->gen_init_cpio);
	return build_file(req->kernel, "usr/gen_init_cpio");
}

char *kernel_image_check(const char *path)
{
	struct stat st;
	char magic[4];
	ssize_t n;
	int fd;

	if (stat(path, &st))
		return xasprintf("%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return xasprintf("%s: %s, not a kernel image", path,
				 S_ISDIR(st.st_mode) ? "a directory" :
				 "not a regular file");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xasprintf("%s: %s", path, strerror(errno));
	n = pread(fd, magic, sizeof(magic), 0x202);
	close(fd);
	if (n != (ssize_t)sizeof(magic) || memcmp(magic, "HdrS", 4))
		return xasprintf("%s: not a bzImage (no \"HdrS\" boot header at offset 0x202)",
				 path);
	return NULL;
}

/* The table's command line, the work target, then --append. */
static char *boot_cmdline_work(const struct boot_req *req)
{
	char *extra, *cmd;

	if (req->pass_work <= 0)
		return boot_cmdline(req->cfg, req->extra_cmdline);
	extra = xasprintf("thptest.work=%s:%lld%s%s",
			  work_field_name(req->cfg->work_unit),
			  req->pass_work, req->extra_cmdline ? " " : "",
			  req->extra_cmdline ? req->extra_cmdline : "");
	cmd = boot_cmdline(req->cfg, extra);
	free(extra);
	return cmd;
}

/*
 * QEMU's wait over the boot, and in the window before the signature (or
 * the end): a FAIL in a starved window is no evidence (hostwait.h).
 */
static void host_starvation(const struct boot_cfg *cfg, struct boot_ctx *b,
			    struct boot_result *res)
{
	double end = b->sig_host >= 0 ? b->sig_host :
		(b->hw.n ? b->hw.s[b->hw.n - 1].t : 0);

	res->host_wait = hostwait_total(&b->hw);
	res->host_wait_window = cfg->starved_window > 0 ?
		hostwait_window(&b->hw, end, cfg->starved_window) : -1;
	if (res->host_wait_window >= 0)
		console_starved(&res->con, res->host_wait_window,
				cfg->starved_window, cfg->starved_wait);
}

int kernel_boot(const struct boot_req *req, struct boot_result *res)
{
	char *gen = NULL, *initrd = NULL, *err = NULL, *qmp_dir = NULL;
	struct strvec av = STRVEC_INIT;
	struct boot_ctx ctx = { .last_sample = -1, .sig_host = -1,
				.hw = HOSTWAIT_INIT };
	struct run_opts o = { 0 };
	struct run_result r;
	bool tcg_pending = false;
	char how[96];

	memset(res, 0, sizeof(*res));
	res->host_wait = -1;
	res->host_wait_window = -1;
	console_init(&res->con);
	if (req->sig) {
		res->sig = *req->sig;
		console_set_sig(&res->con, &res->sig);
	}
	res->status = EXIT_ERROR;
	res->error = kernel_image_check(req->kernel);
	if (res->error)
		return res->status;
	if (!have_program("qemu-system-x86_64")) {
		res->error = xasprintf("qemu-system-x86_64 missing: apt-get install qemu-system-x86");
		return res->status;
	}
	if (mkdir_p(req->workdir, 0755)) {
		res->error = xasprintf("%s: %s", req->workdir, strerror(errno));
		return res->status;
	}
	gen = find_gen_init_cpio(req);
	if (!gen && !have_program("cpio")) {
		res->error = xasprintf("neither usr/gen_init_cpio next to %s nor cpio: apt-get install cpio",
				       req->kernel);
		return res->status;
	}
	initrd = path_join(req->workdir, "initramfs.cpio");
	if (initramfs_make(req->root, req->workdir, gen, initrd, &err)) {
		res->error = err;
		goto out;
	}
	res->accel = xstrdup(pick_accel(req, initrd, &tcg_pending));
	res->cmdline = boot_cmdline_work(req);
	res->log = xstrdup(req->log);
	unlink(req->log);
	ctx.qmp_path = qmp_socket(req, &qmp_dir);
	qemu_argv(&av, req, res->accel, initrd, res->cmdline, ctx.qmp_path);

	res->con.pass_work = req->pass_work;
	res->con.work_unit = req->cfg->work_unit;
	ctx.con = &res->con;
	ctx.echo = req->echo;
	ctx.heartbeat = req->cfg->heartbeat;
	ctx.cfg = req->cfg;
	ctx.kernel = req->kernel;
	o.on_tick = boot_tick;
	o.log_path = req->log;
	o.timeout = req->timeout > 0 ? req->timeout : 300;
	o.on_line = boot_line;
	o.line_arg = &ctx;
	o.progress_label = "boot";
	o.progress_every = 30;
	o.child_pid = &ctx.pid;
	ctx.start = now_seconds();
	if (run_argv((const char *const *)av.v, &o, &r) < 0) {
		res->error = xasprintf("qemu-system-x86_64 could not be started");
		goto out;
	}
	res->seconds = r.elapsed;
	res->timed_out = r.timed_out;
	console_finish(&res->con, r.timed_out);
	host_starvation(req->cfg, &ctx, res);
	if (tcg_pending && res->con.started)
		kvm_probe_save("tcg");
	if (!r.stopped_early && !r.timed_out && r.exit_code != 0 &&
	    res->con.outcome == CONSOLE_ERROR)
		res->error = xasprintf("qemu-system-x86_64: %s",
				       run_describe(&r, how, sizeof(how)));
	res->status = 0;
out:
	if (ctx.qmp_path)
		unlink(ctx.qmp_path);
	if (qmp_dir) {
		stop_cleanup_remove(qmp_dir);
		if (remove_tree(qmp_dir))
			warn_msg("cannot remove %s", qmp_dir);
	}
	free(qmp_dir);
	free(ctx.qmp_path);
	hostwait_free(&ctx.hw);
	sv_clear(&av);
	free(initrd);
	free(gen);
	return res->status;
}

void boot_result_free(struct boot_result *res)
{
	console_free(&res->con);
	free(res->log);
	free(res->cmdline);
	free(res->accel);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

json_t *boot_json(const struct boot_result *r)
{
	const struct console *c = &r->con;
	json_t *j;

	j = json_pack("{s:s, s:s, s:s*, s:i, s:o, s:s*, s:s*, s:s*, s:s*, s:f, s:b, s:s*, s:s*}",
			 "outcome", console_outcome_name(c->outcome),
			 "kind", console_kind_name(c->kind),
			 "signature", c->sig,
			 "signature_line", (int)c->sig_lineno,
			 "detect_seconds", c->sig_time >= 0 ?
			 json_real(c->sig_time) : json_null(),
			 "time_source", c->time_source,
			 "detail", c->detail,
			 "result_line", c->result,
			 "log", r->log,
			 "boot_seconds", r->seconds,
			 "timed_out", r->timed_out,
			 "accel", r->accel,
			 "excerpt", c->excerpt);
	if (c->match != MATCH_NONE) {
		json_object_set_new(j, "match", json_string(console_match_name(c->match)));
		json_object_set_new(j, "match_reason",
				    json_str_or_null(c->match_reason));
		json_object_set_new(j, "frames", json_strvec(&c->frames));
	}
	if (j && c->have_work)
		json_object_set_new(j, "work", work_json(&c->work));
	if (j && r->host_wait >= 0)
		json_object_set_new(j, "host_wait_seconds",
				    json_real(r->host_wait));
	if (j && r->host_wait_window >= 0)
		json_object_set_new(j, "host_wait_window_seconds",
				    json_real(r->host_wait_window));
	return j;
}

void boot_print(const struct boot_result *r, const char *label)
{
	const struct console *c = &r->con;

	printf("%s: %s (%s)", label, console_outcome_name(c->outcome),
	       console_kind_name(c->kind));
	if (c->detail)
		printf(": %s", c->detail);
	printf("\n");
	if (c->sig)
		printf("  signature: line %u: %s\n", c->sig_lineno, c->sig);
	if (c->sig_time >= 0)
		printf("  detected:  %.1fs after test start (%s clock)\n",
		       c->sig_time, c->time_source);
	if (c->match != MATCH_NONE)
		printf("  the bug?   %s: %s\n", console_match_name(c->match),
		       c->match_reason);
	if (c->have_work)
		printf("  work:      t=%.1f split_attempts=%lld splits=%lld rollbacks=%lld tail_faults=%lld recreates=%lld (%u reports)\n",
		       c->work.t, c->work.v[WORK_SPLIT_ATTEMPTS],
		       c->work.v[WORK_SPLITS], c->work.v[WORK_ROLLBACKS],
		       c->work.v[WORK_TAIL_FAULTS], c->work.v[WORK_RECREATES],
		       c->work_lines);
	printf("  qemu:      %.1fs (%s)%s, log %s\n", r->seconds,
	       r->accel ? r->accel : "?", r->timed_out ? ", timed out" : "",
	       r->log ? r->log : "-");
	if (c->excerpt && *c->excerpt && c->outcome != CONSOLE_PASS)
		printf("  excerpt:\n%s", c->excerpt);
}
