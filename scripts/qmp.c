// SPDX-License-Identifier: GPL-2.0
/*
 * QMP client (see qmp.h).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <jansson.h>

#include "qmp.h"

/* One reply line of QMP at most; info registers -a of 64 vCPUs fits. */
#define QMP_LINE_MAX	(1024 * 1024)

static int wait_fd(int fd, short ev, double until)
{
	for (;;) {
		double left = until - now_seconds();
		struct pollfd p = { .fd = fd, .events = ev };
		int r;

		if (left <= 0)
			return -1;
		r = poll(&p, 1, (int)(left * 1000) + 1);
		if (r > 0)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

/* The next JSON object QEMU sent, or NULL with @err. */
static json_t *read_msg(struct qmp *q, double until, char *err,
			size_t errlen)
{
	for (;;) {
		char *nl = q->in.len ? memchr(q->in.buf, '\n', q->in.len) :
			NULL;
		char chunk[4096];
		ssize_t n;

		if (nl) {
			size_t l = (size_t)(nl - q->in.buf);
			json_error_t je;
			json_t *j = json_loadb(q->in.buf, l, 0, &je);

			memmove(q->in.buf, nl + 1, q->in.len - l - 1);
			q->in.len -= l + 1;
			q->in.buf[q->in.len] = '\0';
			if (!json_is_object(j)) {
				json_decref(j);
				snprintf(err, errlen, "QMP: not a JSON object: %s",
					 je.text);
				return NULL;
			}
			return j;
		}
		if (q->in.len > QMP_LINE_MAX) {
			snprintf(err, errlen, "QMP: a reply longer than %d bytes",
				 QMP_LINE_MAX);
			return NULL;
		}
		if (wait_fd(q->fd, POLLIN, until)) {
			snprintf(err, errlen, "QMP: no reply in time");
			return NULL;
		}
		n = read(q->fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "QMP: %s", n ? strerror(errno) :
				 "QEMU closed the socket");
			return NULL;
		}
		sb_add(&q->in, chunk, (size_t)n);
	}
}

static int send_all(int fd, const char *s, double until, char *err,
		    size_t errlen)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t n;

		if (wait_fd(fd, POLLOUT, until)) {
			snprintf(err, errlen, "QMP: cannot send in time");
			return -1;
		}
		n = send(fd, s + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "QMP: %s", strerror(errno));
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Send @cmd, return its "return" member (new reference) or NULL. */
static json_t *execute(struct qmp *q, json_t *cmd, double until,
		       char *err, size_t errlen)
{
	char *s = json_dumps(cmd, JSON_COMPACT), *line;
	json_t *ret = NULL;
	int r;

	if (!s) {
		snprintf(err, errlen, "QMP: cannot encode the command");
		return NULL;
	}
	/* one write: the command and its line end */
	line = xasprintf("%s\n", s);
	free(s);
	r = send_all(q->fd, line, until, err, errlen);
	free(line);
	while (!r && !ret) {
		json_t *m = read_msg(q, until, err, errlen);

		if (!m)
			break;
		if (json_object_get(m, "return")) {
			ret = json_incref(json_object_get(m, "return"));
		} else if (json_object_get(m, "error")) {
			const char *d = json_string_value(
				json_object_get(json_object_get(m, "error"),
						"desc"));

			snprintf(err, errlen, "QMP: %s", d ? d : "error");
			json_decref(m);
			break;
		}
		json_decref(m);	/* an event: on */
	}
	return ret;
}

int qmp_open(struct qmp *q, const char *path, double timeout, char *err,
	     size_t errlen)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	double until = now_seconds() + timeout;
	json_t *greet, *cmd, *ret;

	q->fd = -1;
	q->in = (struct strbuf)STRBUF_INIT;
	if (strlen(path) >= sizeof(a.sun_path)) {
		snprintf(err, errlen, "%s: path too long for a socket", path);
		return -1;
	}
	memcpy(a.sun_path, path, strlen(path) + 1);
	q->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (q->fd < 0 || connect(q->fd, (struct sockaddr *)&a, sizeof(a))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	greet = read_msg(q, until, err, errlen);
	if (!greet || !json_object_get(greet, "QMP")) {
		if (greet)
			snprintf(err, errlen, "%s: no QMP greeting", path);
		json_decref(greet);
		goto fail;
	}
	json_decref(greet);
	cmd = json_pack("{s:s}", "execute", "qmp_capabilities");
	ret = execute(q, cmd, until, err, errlen);
	json_decref(cmd);
	if (!ret)
		goto fail;
	json_decref(ret);
	return 0;
fail:
	qmp_close(q);
	return -1;
}

int qmp_hmp(struct qmp *q, const char *cmdline, double timeout, struct strbuf *out,
	    char *err, size_t errlen)
{
	json_t *cmd = json_pack("{s:s, s:{s:s}}", "execute",
				"human-monitor-command", "arguments",
				"command-line", cmdline);
	json_t *ret = execute(q, cmd, now_seconds() + timeout, err, errlen);

	json_decref(cmd);
	if (!ret)
		return -1;
	if (!json_is_string(ret)) {
		snprintf(err, errlen, "QMP: %s: the reply is not text",
			 cmdline);
		json_decref(ret);
		return -1;
	}
	sb_adds(out, json_string_value(ret));
	json_decref(ret);
	return 0;
}

void qmp_close(struct qmp *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
	sb_release(&q->in);
}
