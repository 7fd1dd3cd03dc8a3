// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: bench_goals_parse() (configs/bench.json) on arbitrary
 * bytes.  A refusal names the file; what it accepts is in range.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench-goals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bench_goals g;
	char msg[512];

	msg[0] = 0;
	if (bench_goals_parse((const char *)data, size, "fuzz.json", &g, msg,
			      sizeof(msg))) {
		if (strncmp(msg, "fuzz.json", 9))
			__builtin_trap();
		return 0;
	}
	if (!(g.cold_build > 0) || !(g.warm_reverify > 0) ||
	    !(g.to_start > 0) || !(g.detect_median > 0) ||
	    g.detect_median > g.detect_max ||
	    g.detect_max > g.detect_window || g.detect_window > 86400 ||
	    !(g.detect_rate > 0) || g.detect_rate > 1 ||
	    g.false_failures < 0 || g.pass_below_work < 0 ||
	    !(g.matrix_cold > 0) || g.matrix_cold > 86400 ||
	    !(g.matrix_warm > 0) || g.matrix_warm > 86400 ||
	    g.matrix_runs < 1 || g.matrix_runs > 100)
		__builtin_trap();
	return 0;
}
