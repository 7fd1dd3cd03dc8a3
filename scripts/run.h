/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running programs: argv only (posix_spawn, never a shell), own process
 * group, hard timeout that kills the whole group, every child reaped.
 */
#ifndef BACKPORT_RUN_H
#define BACKPORT_RUN_H

#include <stdbool.h>

#include <sys/types.h>

#include "util.h"

/*
 * Called for every complete output line (without the newline).  Return
 * nonzero to stop the child early (it is killed and reaped; the result has
 * stopped_early set).
 */
typedef int (*run_line_fn)(const char *line, void *arg);

struct run_opts {
	const char *cwd;		/* directory to run in, NULL = ours */
	const char *const *env;		/* extra "NAME=value" entries */
	const char *stdin_path;		/* NULL = /dev/null */
	const char *log_path;		/* output appended here, if set */
	struct strbuf *capture;		/* output collected here, if set */
	bool echo;			/* copy output to our stderr */
	bool separate_stderr;		/* stderr not captured/logged */
	double timeout;			/* seconds; 0 = none */
	const char *progress_label;	/* prints "label: Ns" lines */
	double progress_every;		/* seconds between progress lines */
	run_line_fn on_line;
	void *line_arg;
	/*
	 * Called with @line_arg after every line and at least once a second
	 * while the child runs; nonzero stops it early as on_line does.
	 */
	int (*on_tick)(void *arg);
	/*
	 * Where the child's pid goes once it is started (NULL: nowhere), so
	 * that on_line and on_tick can look at the process; it stays set
	 * after the child is reaped (the pid may be reused then).
	 */
	pid_t *child_pid;
};

struct run_result {
	int exit_code;		/* -1 when killed by a signal */
	int term_signal;	/* signal that ended it, 0 if none */
	bool timed_out;
	bool stopped_early;
	bool interrupted;	/* a signal asked the run to stop (stop.h) */
	bool spawn_failed;	/* program not found or not executable */
	double elapsed;
};

/*
 * Run argv[0] (searched in PATH).  Returns 0 when the program ran and
 * exited 0, 1 when it ran and failed (nonzero exit, signal, timeout),
 * and -1 when it could not be started (message printed).
 */
int run_argv(const char *const *argv, const struct run_opts *opts,
	     struct run_result *res);

/* Convenience: run and capture all output; returns as run_argv(). */
int run_capture(const char *const *argv, const char *cwd, struct strbuf *out);

/*
 * 0 when @prog may be started: always, except in the test builds, where a
 * program started by name must be listed in ci/packages.txt (run-listed.c;
 * -1 with a message otherwise).  run_argv() checks every program.
 */
int run_program_listed(const char *prog);

/*
 * Run this tool again as a child, "backport ARGS..." (/proc/self/exe),
 * its output echoed, and map how it ended to the tool's exit codes:
 * EXIT_PASS or EXIT_FINDING as it exited, EXIT_ERROR for an error exit,
 * any other status, a signal, an interruption or no start (then
 * @res->spawn_failed, the reason printed).
 */
int run_self(const char *const *args, struct run_result *res);
/* The same with @env ("NAME=value" entries, NULL: none) added. */
int run_self_env(const char *const *args, const char *const *env,
		 struct run_result *res);

/* Is @prog an executable in PATH (or an existing path)? */
bool have_program(const char *prog);

/* Human-readable description of how a run ended, for messages. */
const char *run_describe(const struct run_result *res, char *buf, size_t len);

#endif
