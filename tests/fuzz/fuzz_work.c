// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the work-line parser (work.h) on arbitrary lines, and
 * the console classifier with a pass_work requirement and the heartbeat.
 * A line it accepts must print back to a line it accepts with the same
 * counts, and no verdict may be a PASS short of pass_work.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "work.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_line(const char *line)
{
	struct work w, back;
	char out[512];

	if (!work_parse(line, &w))
		return;
	snprintf(out, sizeof(out),
		 "# BACKPORT-WORK t=%lld split_attempts=%lld splits=%lld rollbacks=%lld tail_faults=%lld recreates=%lld",
		 (long long)w.t, w.v[0], w.v[1], w.v[2], w.v[3], w.v[4]);
	if (!work_parse(out, &back) ||
	    memcmp(back.v, w.v, sizeof(w.v)) || w.t < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *p, *nl;
	struct console c;
	double t = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	console_init(&c);
	c.pass_work = size ? data[0] : 0;
	for (p = copy; p; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		check_line(p);
		t += 0.5;
		if (console_line(&c, p, t))
			break;
	}
	if (size & 1)
		console_silent(&c, 30);
	console_finish(&c, false);
	if (c.outcome == CONSOLE_PASS && c.pass_work &&
	    (!c.have_work || c.work.v[c.work_unit] < c.pass_work))
		abort();
	if (c.kind == KIND_SILENT && c.outcome != CONSOLE_FAIL)
		abort();
	console_free(&c);
	free(copy);
	return 0;
}
