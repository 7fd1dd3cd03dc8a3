/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the guest's CPUs are: the RIP of each vCPU in QEMU's
 * "info registers -a" text, and the kernel function holding it, from the
 * build's System.map.  A boot that goes silent (no work line, no
 * detector) is sampled this way before QEMU is stopped (qemu.c), so that
 * a hang no detector names still shows what the CPUs were doing.
 */
#ifndef BACKPORT_VCPU_H
#define BACKPORT_VCPU_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* vCPUs read from one register dump at most. */
#define VCPU_MAX	64

/*
 * The RIP of each "CPU#N" block of @text (info registers -a), in the
 * order of the blocks, into @rip (at most VCPU_MAX); the count.  A block
 * without a well-formed "RIP=" (16 hex digits) gets none and ends the
 * list there, so that rip[i] is always CPU i's.
 */
size_t vcpu_rips(const char *text, uint64_t *rip);

/* The text symbols of a System.map, by address. */
struct sysmap {
	uint64_t *addr;		/* name.n of them */
	struct strvec name;
};

#define SYSMAP_INIT	{ NULL, STRVEC_INIT }

/*
 * Parse a System.map ("ffffffff81000000 T _text" lines): its text
 * symbols (types t T w W), which must come in address order.  0, or -1
 * with @err ("line N: ...") and @m empty.
 */
int sysmap_parse(const char *buf, size_t len, struct sysmap *m,
		 char *err, size_t errlen);
/* sysmap_parse() of the file @path; the message names it. */
int sysmap_load(const char *path, struct sysmap *m, char *err,
		size_t errlen);
void sysmap_free(struct sysmap *m);

/*
 * "function+0xOFF" of @rip, into @buf; "0x..." (the address) when no
 * symbol at or below it is a kernel text symbol.
 */
void sysmap_name(const struct sysmap *m, uint64_t rip, char *buf,
		 size_t len);

#endif
