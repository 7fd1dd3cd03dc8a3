// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of vcpu.c (QEMU register dumps, System.map) and qmp.c (the
 * QMP client, against a QMP server played by a thread of this test).
 * The dumps and maps are made here in the shape QEMU and kbuild write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "qmp.h"
#include "util.h"
#include "vcpu.h"

/* Two vCPUs as "info registers -a" prints them (shortened rows). */
#define DUMP \
	"\r\nCPU#0\r\n" \
	"RAX=0000000000000000 RBX=ffff88800639c000 RCX=0000000000000000\r\n" \
	"RIP=ffffffff81045a29 RFL=00000246 [---Z-P-] CPL=0 II=0 A20=1 SMM=0 HLT=0\r\n" \
	"ES =0000 0000000000000000 00000000 00000000\r\n" \
	"\r\nCPU#1\r\n" \
	"RAX=0000000000000001 RBX=0000000000000000 RCX=0000000000000000\r\n" \
	"RIP=00007f0a12345678 RFL=00000202 [-------] CPL=3 II=0 A20=1 SMM=0 HLT=0\r\n"

static void test_rips(void **state)
{
	uint64_t rip[VCPU_MAX];

	(void)state;
	assert_int_equal(vcpu_rips(DUMP, rip), 2);
	assert_true(rip[0] == 0xffffffff81045a29ULL);
	assert_true(rip[1] == 0x00007f0a12345678ULL);
	/* a block without a RIP ends the list: rip[i] stays CPU i's */
	assert_int_equal(vcpu_rips("CPU#0\nRAX=0\nCPU#1\nRIP=ffffffff81000000 X\n",
				   rip), 0);
	/* a RIP that is not 16 hex digits ends it too */
	assert_int_equal(vcpu_rips("CPU#0\nRIP=ffffffff81045a2\n", rip), 0);
	assert_int_equal(vcpu_rips("CPU#0\nRIP=ffffffff81045a299\n", rip), 0);
	assert_int_equal(vcpu_rips("", rip), 0);
	assert_int_equal(vcpu_rips("RIP=ffffffff81045a29\n", rip), 0);
}

#define MAP \
	"0000000000000000 A __per_cpu_start\n" \
	"ffffffff81000000 T _text\n" \
	"ffffffff81000000 T startup_64\n" \
	"ffffffff81045a00 T copy_user_generic_string\n" \
	"ffffffff81045a60 t copy_user_tail\n" \
	"ffffffff81045b00 W some_weak\n" \
	"ffffffff81200000 D some_data\n" \
	"ffffffff81300000 T _etext"

static void test_sysmap(void **state)
{
	struct sysmap m;
	char err[128], name[96];

	(void)state;
	assert_int_equal(sysmap_parse(MAP, strlen(MAP), &m, err, sizeof(err)), 0);
	assert_int_equal(m.name.n, 6);
	sysmap_name(&m, 0xffffffff81045a29ULL, name, sizeof(name));
	assert_string_equal(name, "copy_user_generic_string+0x29");
	sysmap_name(&m, 0xffffffff81045a60ULL, name, sizeof(name));
	assert_string_equal(name, "copy_user_tail+0x0");
	/* data symbols are not text: the text symbol below names it */
	sysmap_name(&m, 0xffffffff81200010ULL, name, sizeof(name));
	assert_string_equal(name, "some_weak+0x1ba510");
	/* user space, below every text symbol: the address */
	sysmap_name(&m, 0x7f0a12345678ULL, name, sizeof(name));
	assert_string_equal(name, "0x7f0a12345678");
	sysmap_free(&m);
	assert_int_equal(m.name.n, 0);
}

static void refused(const char *map, const char *why)
{
	struct sysmap m;
	char err[128];

	assert_int_equal(sysmap_parse(map, strlen(map), &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, why));
	assert_int_equal(m.name.n, 0);
	assert_null(m.addr);
}

static void test_sysmap_refused(void **state)
{
	char err[160];
	struct sysmap m;

	(void)state;
	refused("ffffffff81000000 T a\nffffffff80000000 T b\n",
		"line 2: address lower than the line before's");
	refused("ffffffff8100000g T a\n", "line 1: not 16 hex digits");
	refused("ffffffff81000000  T a\n", "line 1: not \"ADDRESS TYPE NAME\"");
	/* a tab where the name should be */
	refused("ffffffff81000000 T \tx\n", "line 1: no symbol name");
	refused("ffffffff81000000 T\n", "line 1: too short");
	refused("ffffffff81000000 T a b\n", "line 1: no symbol name, or one with blanks");
	refused("ffffffff81000000 D a\n", "no text symbols");
	refused("", "no text symbols");
	assert_int_equal(sysmap_load("/nonexistent/System.map", &m, err,
				     sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/System.map: No such file or directory");
}

/* ---- a QMP server, played by a thread over a socketpair ---------- */

struct fake {
	int fd;
	const char *const *say;	/* what to send after each line read */
};

static void *serve(void *arg)
{
	struct fake *f = arg;
	char buf[4096];
	size_t i;

	/* the greeting first, then one reply per line read */
	if (write(f->fd, f->say[0], strlen(f->say[0])) < 0)
		return NULL;
	for (i = 1; f->say[i]; i++) {
		ssize_t n;

		/* a whole command line */
		do {
			n = read(f->fd, buf, sizeof(buf));
		} while (n > 0 && buf[n - 1] != '\n');
		if (n <= 0)
			break;
		if (write(f->fd, f->say[i], strlen(f->say[i])) < 0)
			break;
	}
	/* then nothing more: wait for the client to hang up */
	while (read(f->fd, buf, sizeof(buf)) > 0)
		;
	return NULL;
}

/* A listening socket at a new path, served by @say; the path. */
static char *listen_at(int *lfd)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char *dir = xstrdup("/tmp/test_vcpu.XXXXXX"), *path;

	assert_non_null(mkdtemp(dir));
	path = path_join(dir, "q");
	free(dir);
	strcpy(a.sun_path, path);
	*lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(*lfd >= 0);
	assert_int_equal(bind(*lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(*lfd, 1), 0);
	return path;
}

struct accept_arg {
	int lfd;
	struct fake f;
};

static void *accept_serve(void *arg)
{
	struct accept_arg *a = arg;

	a->f.fd = accept(a->lfd, NULL, NULL);
	if (a->f.fd >= 0) {
		serve(&a->f);
		close(a->f.fd);
	}
	return NULL;
}

static int talk(const char *const *say, struct strbuf *out, char *err,
		size_t errlen)
{
	struct accept_arg a = { .f.say = say };
	pthread_t th;
	char *path = listen_at(&a.lfd), *dir;
	struct qmp q;
	int r;

	assert_int_equal(pthread_create(&th, NULL, accept_serve, &a), 0);
	r = qmp_open(&q, path, 2, err, errlen);
	if (!r) {
		r = qmp_hmp(&q, "info registers -a", 2, out, err, errlen);
		qmp_close(&q);
	}
	pthread_join(th, NULL);
	close(a.lfd);
	unlink(path);
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
	free(dir);
	free(path);
	return r;
}

#define GREET "{\"QMP\": {\"version\": {}, \"capabilities\": [\"oob\"]}}\r\n"

static void test_qmp(void **state)
{
	static const char *const good[] = {
		GREET, "{\"return\": {}}\r\n",
		/* an event on the way, then the reply in two lines' worth */
		"{\"timestamp\": {}, \"event\": \"RTC_CHANGE\"}\r\n"
		"{\"return\": \"CPU#0\\r\\nRIP=ffffffff81045a29 RFL=0\\r\\n\"}\r\n",
		NULL,
	};
	static const char *const error[] = {
		GREET, "{\"return\": {}}\r\n",
		"{\"error\": {\"class\": \"GenericError\", \"desc\": \"no such command\"}}\r\n",
		NULL,
	};
	static const char *const no_greeting[] = { "{\"hello\": 1}\r\n", NULL };
	static const char *const not_json[] = { "QEMU 7.2 monitor\r\n", NULL };
	static const char *const silent[] = { GREET, NULL };
	struct strbuf out = STRBUF_INIT;
	uint64_t rip[VCPU_MAX];
	char err[160];

	(void)state;
	if (talk(good, &out, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(vcpu_rips(sb_str(&out), rip), 1);
	assert_true(rip[0] == 0xffffffff81045a29ULL);
	sb_reset(&out);
	assert_int_equal(talk(error, &out, err, sizeof(err)), -1);
	assert_string_equal(err, "QMP: no such command");
	assert_int_equal(talk(no_greeting, &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ": no QMP greeting"));
	assert_int_equal(talk(not_json, &out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "QMP: not a JSON object"));
	/* a server that stops answering: its time limit, then closed */
	assert_int_equal(talk(silent, &out, err, sizeof(err)), -1);
	assert_string_equal(err, "QMP: no reply in time");
	sb_release(&out);
	{
		struct qmp q;

		assert_int_equal(qmp_open(&q, "/nonexistent/qmp.sock", 1, err,
					  sizeof(err)), -1);
		assert_string_equal(err, "/nonexistent/qmp.sock: No such file or directory");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rips),
		cmocka_unit_test(test_sysmap),
		cmocka_unit_test(test_sysmap_refused),
		cmocka_unit_test(test_qmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
