// SPDX-License-Identifier: GPL-2.0
/*
 * Running programs with posix_spawn, timeouts and output capture.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "stop.h"

extern char **environ;

static char **build_env(const char *const *extra)
{
	size_t n = 0, m = 0, i, j;
	char **env;

	while (environ[n])
		n++;
	while (extra && extra[m])
		m++;
	env = xcalloc(n + m + 1, sizeof(*env));
	for (i = 0, j = 0; i < n; i++) {
		const char *eq = strchr(environ[i], '=');
		size_t klen = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
		bool overridden = false;
		size_t k;

		for (k = 0; k < m; k++) {
			if (!strncmp(extra[k], environ[i], klen) &&
			    extra[k][klen] == '=') {
				overridden = true;
				break;
			}
		}
		if (!overridden)
			env[j++] = environ[i];
	}
	for (i = 0; i < m; i++)
		env[j++] = (char *)extra[i];
	env[j] = NULL;
	return env;
}

bool have_program(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	bool found = false;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if (!path)
		path = "/usr/bin:/bin";
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *full = path_join(dir, prog);

		found = access(full, X_OK) == 0 && !is_dir(full);
		free(full);
	}
	free(copy);
	return found;
}

static void emit(const struct run_opts *o, int logfd, struct strbuf *line,
		 const char *data, size_t len, bool *stop)
{
	size_t i, start = 0;

	if (logfd >= 0 && len) {
		const char *p = data;
		size_t left = len;

		while (left) {
			ssize_t n = write(logfd, p, left);

			if (n < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			p += n;
			left -= (size_t)n;
		}
	}
	if (o->capture)
		sb_add(o->capture, data, len);
	if (o->echo)
		fwrite(data, 1, len, stderr);
	if (!o->on_line)
		return;
	for (i = 0; i < len; i++) {
		if (data[i] != '\n')
			continue;
		sb_add(line, data + start, i - start);
		if (line->len && line->buf[line->len - 1] == '\r')
			line->buf[--line->len] = '\0';
		if (!*stop && o->on_line(sb_str(line), o->line_arg))
			*stop = true;
		sb_reset(line);
		start = i + 1;
	}
	if (start < len)
		sb_add(line, data + start, len - start);
	/* Bound a line without newline (binary junk on a console). */
	if (line->len > 65536)
		sb_reset(line);
}

/* A running child: its output pipe, where the output goes, its clock. */
struct child {
	const struct run_opts *o;
	struct run_result *res;
	struct strbuf line;	/* partial output line for on_line */
	int outfd;		/* read end of the output pipe */
	int logfd;		/* -1 when no log file */
	pid_t pid;
	double start;
	bool stop;		/* on_line asked to stop */
};

/* The output pipe and the log file.  Returns 0, or -1 (message printed). */
static int open_output(struct child *c, int pipefd[2])
{
	const struct run_opts *o = c->o;

	if (pipe2(pipefd, O_CLOEXEC)) {
		err_msg("pipe: %s", strerror(errno));
		return -1;
	}
	if (o->log_path) {
		c->logfd = open(o->log_path, O_WRONLY | O_CREAT | O_APPEND |
				O_CLOEXEC, 0644);
		if (c->logfd < 0) {
			err_msg("%s: %s", o->log_path, strerror(errno));
			close(pipefd[0]);
			close(pipefd[1]);
			return -1;
		}
	}
	return 0;
}

/*
 * Start argv[0] in its own process group, stdin from o->stdin_path,
 * stdout (and stderr) into @pipefd.  Returns 0, or -1 (message printed,
 * everything closed, res->spawn_failed set).
 */
static int spawn_child(struct child *c, const char *const *argv,
		       int pipefd[2])
{
	const struct run_opts *o = c->o;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t def;
	char **env;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, o->stdin_path ?
					 o->stdin_path : "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	if (!o->separate_stderr)
		posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	if (o->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, o->cwd);

	posix_spawnattr_init(&attr);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	sigaddset(&def, SIGHUP);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGDEF);

	env = build_env(o->env);
	c->start = now_seconds();
	rc = posix_spawnp(&c->pid, argv[0], &fa, &attr, (char *const *)argv,
			  env);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pipefd[1]);
	c->outfd = pipefd[0];
	if (!rc)
		stop_set_child(c->pid);
	if (!rc && o->child_pid)
		*o->child_pid = c->pid;
	if (rc) {
		err_msg("cannot run %s: %s", argv[0], strerror(rc));
		close(pipefd[0]);
		if (c->logfd >= 0)
			close(c->logfd);
		c->res->spawn_failed = true;
		return -1;
	}
	return 0;
}

/*
 * Read the child's output until end of file, the timeout, or on_line
 * asking to stop, printing progress lines on the way.  Returns true at
 * end of file.
 */
static bool read_output(struct child *c)
{
	const struct run_opts *o = c->o;
	double next_progress;

	next_progress = c->start + (o->progress_every > 0 ?
				    o->progress_every : 0);
	for (;;) {
		struct pollfd pfd = { .fd = c->outfd, .events = POLLIN };
		double now = now_seconds();
		int wait_ms = 1000;
		char buf[16384];
		ssize_t n;

		if (stop_requested()) {
			c->res->interrupted = true;
			return false;
		}
		if (o->timeout > 0 && now - c->start >= o->timeout) {
			c->res->timed_out = true;
			return false;
		}
		if (!c->stop && o->on_tick && o->on_tick(o->line_arg))
			c->stop = true;
		if (c->stop) {
			c->res->stopped_early = true;
			return false;
		}
		if (o->progress_label && o->progress_every > 0 &&
		    now >= next_progress) {
			info_msg("%s: %.0fs elapsed", o->progress_label,
				 now - c->start);
			next_progress = now + o->progress_every;
		}
		if (poll(&pfd, 1, wait_ms) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(c->outfd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return false;
		}
		if (n == 0)
			return true;
		emit(o, c->logfd, &c->line, buf, (size_t)n, &c->stop);
	}
}

/*
 * Kill the group unless the output ended, reap the child, kill what is
 * left of the group, flush the last partial line, fill in the result.
 */
/*
 * Asked to stop: SIGTERM to the group (make deletes the targets it was
 * writing, QEMU exits), then SIGKILL after STOP_GRACE seconds.
 */
#define STOP_GRACE	5.0

static void stop_group(struct child *c, int *status)
{
	double until = now_seconds() + STOP_GRACE;

	kill(-c->pid, SIGTERM);
	while (now_seconds() < until) {
		pid_t r = waitpid(c->pid, status, WNOHANG);

		if (r == c->pid)
			return;
		if (r < 0 && errno != EINTR)
			return;
		usleep(20000);
	}
	kill(-c->pid, SIGKILL);
	while (waitpid(c->pid, status, 0) < 0 && errno == EINTR)
		;
}

static void reap_child(struct child *c, bool eof)
{
	const struct run_opts *o = c->o;
	struct run_result *res = c->res;
	bool killed = false;
	int status = 0;

	if (!eof && res->interrupted) {
		close(c->outfd);
		stop_group(c, &status);
		goto reaped;
	}
	if (!eof) {
		kill(-c->pid, SIGKILL);
		killed = true;
	}
	close(c->outfd);
	while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
		;
reaped:
	/* Grandchildren that kept the pipe open are gone with the group. */
	if (!killed)
		kill(-c->pid, SIGKILL);
	if (c->line.len && o->on_line && !c->stop)
		o->on_line(sb_str(&c->line), o->line_arg);
	sb_release(&c->line);
	if (c->logfd >= 0)
		close(c->logfd);
	res->elapsed = now_seconds() - c->start;
	if (WIFEXITED(status)) {
		res->exit_code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		res->term_signal = WTERMSIG(status);
		res->exit_code = -1;
	}
}

int run_argv(const char *const *argv, const struct run_opts *opts,
	     struct run_result *res)
{
	static const struct run_opts defaults;
	struct child c = {
		.o = opts ? opts : &defaults,
		.res = res,
		.line = STRBUF_INIT,
		.logfd = -1,
	};
	int pipefd[2];

	stop_if_requested();
	memset(res, 0, sizeof(*res));
	res->exit_code = -1;
	if (run_program_listed(argv[0])) {
		res->spawn_failed = true;
		return -1;
	}
	if (open_output(&c, pipefd))
		return -1;
	if (spawn_child(&c, argv, pipefd))
		return -1;
	reap_child(&c, read_output(&c));
	stop_set_child(0);
	stop_if_requested();
	if (res->exit_code == 127 && !path_exists(argv[0]) &&
	    !have_program(argv[0]))
		res->spawn_failed = true;
	if (res->timed_out || res->stopped_early)
		return 1;
	return res->exit_code == 0 ? 0 : 1;
}

int run_capture(const char *const *argv, const char *cwd, struct strbuf *out)
{
	struct run_opts o = { .cwd = cwd, .capture = out };
	struct run_result r;

	return run_argv(argv, &o, &r);
}

const char *run_describe(const struct run_result *res, char *buf, size_t len)
{
	if (res->spawn_failed)
		snprintf(buf, len, "could not be started");
	else if (res->timed_out)
		snprintf(buf, len, "timed out after %.0fs (killed)",
			 res->elapsed);
	else if (res->interrupted)
		snprintf(buf, len, "stopped by a signal");
	else if (res->stopped_early)
		snprintf(buf, len, "stopped after %.0fs", res->elapsed);
	else if (res->term_signal)
		snprintf(buf, len, "killed by signal %d", res->term_signal);
	else
		snprintf(buf, len, "exit status %d", res->exit_code);
	return buf;
}

int run_self(const char *const *args, struct run_result *res)
{
	return run_self_env(args, NULL, res);
}

int run_self_env(const char *const *args, const char *const *env,
		 struct run_result *res)
{
	struct strvec av = STRVEC_INIT;
	struct run_opts o = { .echo = true, .env = env };
	size_t i;
	int r;

	sv_push(&av, "/proc/self/exe");
	for (i = 0; args[i]; i++)
		sv_push(&av, args[i]);
	fflush(stdout);
	r = run_argv((const char *const *)av.v, &o, res);
	sv_clear(&av);
	if (r < 0)
		res->spawn_failed = true;	/* not started: said why */
	if (r < 0 || res->interrupted || res->exit_code < 0 ||
	    res->exit_code > EXIT_ERROR)
		return EXIT_ERROR;
	return res->exit_code;
}
