/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results of the rows as one KCIDB I/O document, schema version 5.3
 * (KernelCI's common report format; the schema's descriptions say what
 * each field means):
 *
 *   checkouts  one per results document (a row and its tree), id
 *              "ORIGIN:BRANCH/FINISHED"; start_time is "finished" less the
 *              total time; misc: decision, expected, verdict, tree, ...
 *   builds     one per variant, id "CHECKOUT/VARIANT" (base, patched);
 *              status PASS or FAIL (build.ok), duration, compiler,
 *              log_excerpt (the build error); misc: the variant's verdict
 *              and the build's hashes
 *   tests      one per boot, id "BUILD/RUN", path @test_path; status the
 *              boot's outcome (PASS, FAIL, SKIP, ERROR; MISS for a boot
 *              that could not be started), duration the QEMU time,
 *              log_excerpt the console excerpt; misc: kind, signature,
 *              detection time, "log" (the excerpt's file, relative to
 *              the results directory), ...
 *
 * No property is null (the schema allows none); values not recorded are
 * left out.  No path of the machine appears (the results hold none); the
 * excerpts' relative paths go into misc, not into the *_url fields,
 * which are for URLs one can download.
 */
#ifndef BACKPORT_KCIDB_H
#define BACKPORT_KCIDB_H

#include <stddef.h>

#include <jansson.h>

#include "results.h"

#define KCIDB_MAJOR	5
#define KCIDB_MINOR	3
/* log_excerpt's maxLength (characters; we cut at a UTF-8 boundary). */
#define KCIDB_EXCERPT_MAX	16384

struct kcidb_opts {
	const char *origin;	/* [a-z0-9_]+, e.g. "backport" */
	const char *arch;	/* the builds' architecture, e.g. "x86_64" */
	const char *test_path;	/* e.g. "thp.migration_entry_wait" */
};

/* The document for @n results (new reference). */
json_t *kcidb_document(const struct results *const *r, size_t n,
		       const struct kcidb_opts *o);

/*
 * @s as one node of a KCIDB test path: leading '_' dropped, characters
 * other than [A-Za-z0-9_-] made '_' ("__migration_entry_wait" gives
 * "migration_entry_wait"); malloc'd, never empty.
 */
char *kcidb_path_node(const char *s);

#endif
