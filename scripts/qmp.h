/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A QMP client for QEMU's monitor socket (-qmp unix:PATH,server=on,
 * wait=off): the greeting, qmp_capabilities, then human monitor commands.
 * Every read and write has a time limit, so that a QEMU that stopped
 * answering never stops the boot's own time limit.
 */
#ifndef BACKPORT_QMP_H
#define BACKPORT_QMP_H

#include "util.h"

struct qmp {
	int fd;
	struct strbuf in;	/* read, not yet parsed */
};

/* Connect and negotiate: 0, or -1 with @err (and @q closed). */
int qmp_open(struct qmp *q, const char *path, double timeout, char *err,
	     size_t errlen);
/*
 * Run a human monitor command (e.g. "info registers -a") and put its
 * text in @out; 0, or -1 with @err.  Events on the way are skipped.
 */
int qmp_hmp(struct qmp *q, const char *cmdline, double timeout, struct strbuf *out,
	    char *err, size_t errlen);
void qmp_close(struct qmp *q);

#endif
