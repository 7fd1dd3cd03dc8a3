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

int run_argv(const char *const *argv, const struct run_opts *opts,
	     struct run_result *res)
{
	static const struct run_opts defaults;
	const struct run_opts *o = opts ? opts : &defaults;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct strbuf line = STRBUF_INIT;
	int pipefd[2], logfd = -1, status = 0, rc;
	char **env;
	pid_t pid;
	double start, next_progress;
	bool stop = false, eof = false, killed = false;
	sigset_t def;

	memset(res, 0, sizeof(*res));
	res->exit_code = -1;
	if (pipe2(pipefd, O_CLOEXEC)) {
		err_msg("pipe: %s", strerror(errno));
		return -1;
	}
	if (o->log_path) {
		logfd = open(o->log_path, O_WRONLY | O_CREAT | O_APPEND |
			     O_CLOEXEC, 0644);
		if (logfd < 0) {
			err_msg("%s: %s", o->log_path, strerror(errno));
			close(pipefd[0]);
			close(pipefd[1]);
			return -1;
		}
	}

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
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGDEF);

	env = build_env(o->env);
	start = now_seconds();
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, (char *const *)argv, env);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pipefd[1]);
	if (rc) {
		err_msg("cannot run %s: %s", argv[0], strerror(rc));
		close(pipefd[0]);
		if (logfd >= 0)
			close(logfd);
		res->spawn_failed = true;
		return -1;
	}

	next_progress = start + (o->progress_every > 0 ? o->progress_every : 0);
	while (!eof) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		double now = now_seconds();
		int wait_ms = 1000;
		char buf[16384];
		ssize_t n;

		if (o->timeout > 0 && now - start >= o->timeout) {
			res->timed_out = true;
			break;
		}
		if (stop) {
			res->stopped_early = true;
			break;
		}
		if (o->progress_label && o->progress_every > 0 &&
		    now >= next_progress) {
			info_msg("%s: %.0fs elapsed", o->progress_label,
				 now - start);
			next_progress = now + o->progress_every;
		}
		if (poll(&pfd, 1, wait_ms) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(pipefd[0], buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			break;
		}
		if (n == 0) {
			eof = true;
			break;
		}
		emit(o, logfd, &line, buf, (size_t)n, &stop);
	}
	if (!eof) {
		kill(-pid, SIGKILL);
		killed = true;
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* Grandchildren that kept the pipe open are gone with the group. */
	if (!killed)
		kill(-pid, SIGKILL);
	if (line.len && o->on_line && !stop)
		o->on_line(sb_str(&line), o->line_arg);
	sb_release(&line);
	if (logfd >= 0)
		close(logfd);
	res->elapsed = now_seconds() - start;
	if (WIFEXITED(status)) {
		res->exit_code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		res->term_signal = WTERMSIG(status);
		res->exit_code = -1;
	}
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
	else if (res->stopped_early)
		snprintf(buf, len, "stopped after %.0fs", res->elapsed);
	else if (res->term_signal)
		snprintf(buf, len, "killed by signal %d", res->term_signal);
	else
		snprintf(buf, len, "exit status %d", res->exit_code);
	return buf;
}
