/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results document, results/<branch>.json, as "backport verify"
 * writes it, and its one validating reader.
 *
 * Layout: the top level names the row (branch, decision, upstream,
 * expected, verdict, as_expected, runs_per_variant, optional), the tree,
 * the toolchain, the .config sha256 and the timings; port rows carry
 * "ab": {"a": V, "b": V or null (the base did not build)}, the other rows
 * "run": V, where V is one variant (its name under "variant") with its
 * build and its boots ("runs"); then "excerpt" and "finished".  A
 * variant's build lists the build-compatibility patches applied to its
 * copy in "compat" (commits; [] none, absent in documents written before
 * there were any).
 *
 * The document names no path of the machine that wrote it: the tree is
 * "source" (how verify found it, treesrc.h) and "dir" (its directory's
 * name), and each boot's "log" is its console excerpt, written beside
 * the document by results_write_excerpts() as
 * logs/<branch>/<variant>-<n>.txt, relative to the document's directory.
 * The full console logs, build logs and kernels stay in the cache
 * (cache.h), and verify prints where; an error text that names them says
 * "<cache>/..." (and "<tree>" for the tree), results_hide_path().
 *
 * What the reader refuses, with a message "FILE: FIELD: problem" (FIELD a
 * path such as "ab.b.runs[2].outcome", runs counted from 0), or
 * "FILE:LINE:COLUMN: problem" for JSON syntax:
 *  - a file that is missing, a directory or not a regular file;
 *  - text that is not JSON, duplicate keys, a top level that is no object;
 *  - a known key of the wrong type, a negative time or count;
 *  - a value outside what verify writes: decision, expected, verdict, the
 *    variants' expect and verdict, run outcome, kind, match and time_source,
 *    tree.fix_state; sha256 fields that are not 64 lowercase hex digits,
 *    an upstream or a build's "compat" entry that is not 40, a
 *    "finished" that is not YYYY-MM-DDTHH:MM:SSZ;
 *  - a control character (newline, tab, ...) in a field holding one line:
 *    names, verdicts, versions, paths, hashes; console lines (signature,
 *    detail, result_line, cmdline) may hold tabs; only the excerpts and
 *    the error texts may span lines;
 *  - a run's "log" that is empty, absolute (or starts with '~') or has a
 *    ".." component; a tree "dir" that is not one directory name;
 *  - a missing branch, decision or verdict, a port row without "ab" (or
 *    with "run"), another row without "run" (or with "ab"), a variant
 *    without its name or verdict, a run without an outcome, a runs_total
 *    that is not the number of runs.
 *
 * Unknown keys are allowed and ignored: files written by an older (or a
 * newer) verify stay readable as long as the keys this reader knows are
 * well formed.  Absent and null are the same, "not recorded": NULL
 * strings, RESULTS_NONE times, 0 counts, false booleans.
 */
#ifndef BACKPORT_RESULTS_H
#define BACKPORT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "console.h"
#include "json-read.h"
#include "table.h"
#include "work.h"

/* A time (seconds) that was not recorded. */
#define RESULTS_NONE	JR_NONE

/* One boot of a variant (an element of "runs"). */
struct results_run {
	int run;			/* 1-based; 0 not recorded */
	enum console_outcome outcome;	/* never CONSOLE_PENDING */
	enum console_kind kind;		/* KIND_NONE when not recorded */
	char *signature;
	int signature_line;
	double detect_seconds;
	char *time_source;		/* "kernel", "host", "test" */
	char *detail;
	char *result_line;
	char *log;			/* the excerpt: logs/<branch>/<v>-<n>.txt */
	double boot_seconds;
	bool timed_out;
	char *accel;
	char *excerpt;			/* numbered lines, multi-line */
	/*
	 * A FAIL judged against the bug's signature (signature.h):
	 * "match" bug or other, "match_reason", and "frames", the
	 * signature's frames its trace showed.  MATCH_NONE when not a FAIL
	 * or not recorded (documents written before); results_judge() then
	 * judges it from the excerpt and sets @match_derived.
	 */
	enum console_match match;
	char *match_reason;
	struct strvec frames;
	bool match_derived;
	bool as_expected;
	char *cmdline;
	char *error;			/* the boot could not be run */
	/*
	 * "host_wait_seconds", "host_wait_window_seconds": how long QEMU's
	 * threads waited for a host CPU over the boot and in the window
	 * before the signature (hostwait.h); RESULTS_NONE in older documents.
	 */
	double host_wait, host_wait_window;
	/* "work": the test's last work report (work.h); absent in older */
	struct work work;
	bool has_work;
};

struct results_build {
	bool ok;
	char *tree_version;
	char *migrate_c_sha256;
	char *config_sha256;
	double seconds;
	double make_seconds;
	char *error;			/* may span lines */
	/*
	 * "reused_from": the row whose build of the same kernel (same
	 * inputs, kstore.h) this variant booted; NULL when built here (the
	 * field is then absent).
	 */
	char *reused_from;
	/*
	 * "compat": commits (40 hex) of the build-compatibility patches
	 * applied to the copy (compat.h); @has_compat false when the
	 * document has none (written before there were any).
	 */
	struct strvec compat;
	bool has_compat;
};

struct results_variant {
	char *name;			/* "base", "patched" */
	char *expect;			/* FAIL, PASS, SKIP|PASS, any */
	char *verdict;			/* PASS, FAIL, SKIP, ERROR, MIXED */
	int as_expected;		/* runs that matched @expect */
	int runs_total;
	struct results_build build;
	double boot_seconds;
	double detect_seconds;
	struct results_run *runs;
	size_t nruns;
};

struct results_tree {
	char *source;			/* "--tree", "debian linux-source-6.1" */
	char *dir;			/* the directory's name: "v5.10.44" */
	char *id;			/* its identity (treeid.h), 64 hex */
	char *version;
	char *fix_state;		/* fix_state_name() */
	char *file;
	char *file_sha256;
};

struct results_toolchain {
	char *cc;
	char *hostcc;
	char *cc_version;
	char *ld_version;		/* NULL in documents before it */
	/*
	 * "config": the .config's toolchain symbols, "CONFIG_X=v"
	 * (toolconf.h); @has_config false in documents before them.
	 */
	struct strvec config;
	bool has_config;
};

struct results_timings {
	double build, boot, detect, total;
};

struct results {
	char *branch;
	enum decision decision;
	char *upstream;			/* 40 hex */
	char *expected;
	char *verdict;
	bool as_expected;
	int runs_per_variant;
	char *optional;			/* label of an optional series */
	/* "experiment": the experimental series run instead of the port. */
	char *experiment;
	struct results_tree tree;
	struct results_toolchain toolchain;
	char *config_sha256;
	struct results_timings timings;
	bool ab;			/* "ab" (port rows), else "run" */
	/* [0] is "ab.a" or "run", [1] is "ab.b" when not null */
	struct results_variant variant[2];
	size_t nvariants;
	char *excerpt;
	char *finished;			/* YYYY-MM-DDTHH:MM:SSZ */
};

/*
 * Read and validate the results document at @path.  Returns 0, or -1 with
 * a message naming @path (and the field, or the line and column) in @msg
 * and @r left empty.  @r is to be released with results_free() either way.
 */
int results_read(const char *path, struct results *r, char *msg,
		 size_t msglen);
/* The same on @len bytes at @buf; @name stands for the file in messages. */
int results_parse(const char *buf, size_t len, const char *name,
		  struct results *r, char *msg, size_t msglen);
void results_free(struct results *r);

/*
 * Judge every FAIL run of @r that recorded no "match" (a document written
 * before the signature was) against @s, from its kind and the frames its
 * excerpt shows after the signature line; each gets match_derived.
 * Returns how many of them are "other" (e.g. an excerpt cut before the
 * trace reached the fault path).
 */
int results_judge(struct results *r, const struct console_sig *s);

/*
 * The document as JSON, in the layout results_read() reads (keys in the
 * order verify has always written them; results_read() then
 * results_write_json() gives the same bytes back).
 */
json_t *results_json(const struct results *r);
/* results_json() into @path (atomically); 0 or -1 with errno. */
int results_write_json(const struct results *r, const char *path);
/* The JUnit report of @r: one case per boot, one per failed build. */
int results_write_junit(const struct results *r, const char *path);

/*
 * The error texts of @r (builds' and boots') with every @path, a
 * directory of this machine (the cache, the tree), written @name instead
 * ("<cache>"): the document names no path of the machine.
 */
void results_hide_path(struct results *r, const char *path, const char *name);

/*
 * Where the excerpt of run @run (1-based) of @variant goes, relative to
 * the results directory: "logs/<branch>/<variant>-<run>.txt" (malloc'd).
 */
char *results_log_path(const char *branch, const char *variant, int run);
/*
 * Each run's console excerpt (runs[].excerpt, as it is) into
 * @dir/logs/<branch>/ at results_log_path(), atomically, and runs[].log
 * set to that path; a run without an excerpt gets neither.  Then the
 * .txt files of @dir/logs/<branch>/ that were not written now (an earlier
 * run's) are removed; nothing else there is touched.  Returns 0, or -1
 * with "PATH: reason" in @msg (what was written stays).
 */
int results_write_excerpts(struct results *r, const char *dir, char *msg,
			   size_t msglen);

#endif
