// SPDX-License-Identifier: GPL-2.0
/*
 * The runs table of a branch's section of the report: one line per boot
 * with its outcome, when the detector fired (or the test ended), its last work
 * report ("—" for a run without one, e.g. results written before the
 * test reported its work).
 */
#include <stdio.h>

#include "report.h"
#include "work.h"

static void run_line(const struct results_variant *v,
		     const struct results_run *run, size_t j,
		     struct strbuf *sb)
{
	const struct work *w = &run->work;
	unsigned int i;

	sb_addf(sb, "| %s | %d | %s (%s) | ", v->name,
		run->run ? run->run : (int)j + 1,
		console_outcome_name(run->outcome),
		console_kind_name(run->kind));
	if (run->detect_seconds >= 0)
		sb_addf(sb, "%.1fs", run->detect_seconds);
	else
		sb_adds(sb, "—");
	if (!run->has_work) {
		sb_adds(sb, " | — |\n");
		return;
	}
	sb_addf(sb, " | t=%.1f", w->t);
	for (i = 0; i < WORK_NFIELDS; i++)
		sb_addf(sb, " %s=%lld", work_field_name(i), w->v[i]);
	sb_adds(sb, " |\n");
}

void report_runs_md(const struct report_row *r, struct strbuf *sb)
{
	const struct results *res = &r->ev.res;
	size_t i, j, n = 0;

	if (!r->ev.present)
		return;
	for (i = 0; i < res->nvariants; i++)
		n += res->variant[i].nruns;
	if (!n)
		return;
	sb_adds(sb, "Runs (time: from the test's start to the detector's line or the result; work: the test's last report):\n\n");
	sb_adds(sb, "| variant | run | outcome | time | work |\n");
	sb_adds(sb, "|---|---|---|---|---|\n");
	for (i = 0; i < res->nvariants; i++)
		for (j = 0; j < res->variant[i].nruns; j++)
			run_line(&res->variant[i], &res->variant[i].runs[j], j,
				 sb);
	sb_addc(sb, '\n');
}
