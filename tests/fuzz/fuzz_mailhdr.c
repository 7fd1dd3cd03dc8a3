// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: mailhdr.c on its own and the Cc taken from a mail
 * (mail-port.c).  The input is read as headers and an in-body block
 * (mail_parse_headers(), mail_parse_inbody()), and, whole, as a commit
 * message whose trailers mail_parse_trailers() finds: each one names the
 * line of the message it starts on, which begins with its key and ':'.
 * When the input parses as a patch, its Cc list holds every person of
 * its trailers and its author that has an address, once per address,
 * never the addresses left out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "mail-port.h"
#include "mailhdr.h"
#include "maintainers.h"
#include "patch.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SKIP	"stable@vger.kernel.org"

/* Line @no (1-based) of @msg, or NULL. */
static const char *line_at(const char *msg, unsigned int no)
{
	while (msg && --no)
		msg = strchr(msg, '\n'), msg = msg ? msg + 1 : NULL;
	return msg;
}

static void check_trailers(char *buf)
{
	struct patch p = { .message = buf, .message_line = 1 };
	size_t i;

	mail_parse_trailers(&p);
	for (i = 0; i < p.ntrailers; i++) {
		const struct trailer *t = &p.trailers[i];
		const char *l = line_at(buf, t->line);
		size_t k = strlen(t->key);

		if (!k || !l || strncmp(l, t->key, k) || l[k] != ':' ||
		    strchr(t->value, '\n'))
			__builtin_trap();
		free(t->key);
		free(t->value);
	}
	free(p.trailers);
}

static void check_headers(const char *buf, size_t size)
{
	struct lines ls = { .buf = buf, .len = size, .no = 1 };
	struct parse_error err = { 0 };
	struct patch p = { 0 };
	size_t i;

	if (mail_parse_headers(&ls, &p, &err)) {
		if (!err.msg[0] || err.line > ls.no)
			__builtin_trap();
	} else {
		mail_parse_inbody(&ls, &p);
	}
	for (i = 0; i < p.nhdrs; i++)
		if (!p.hdrs[i].name[0] || strchr(p.hdrs[i].value, '\n') ||
		    p.hdrs[i].line >= ls.no)
			__builtin_trap();
	patch_free(&p);
}

/* Whether @who's address is that of one of @cc. */
static bool in_cc(const struct strvec *cc, const char *who)
{
	char *a = maint_address(who), *b;
	bool found = false;
	size_t i;

	for (i = 0; i < cc->n && !found; i++) {
		b = maint_address(cc->v[i]);
		found = !strcmp(a, b);
		free(b);
	}
	free(a);
	return found;
}

static void check_person(const struct strvec *cc, const char *who)
{
	char *a = maint_address(who);

	if (strchr(a, '@') && strcmp(a, SKIP) && !in_cc(cc, who))
		__builtin_trap();
	free(a);
}

static void check_cc(const char *buf, size_t size)
{
	struct strvec cc = STRVEC_INIT;
	struct parse_error err;
	struct patch p;
	size_t i, j;

	if (patch_parse(buf, size, &p, &err))
		return;
	mail_cc_trailers(&p, &cc, SKIP, NULL);
	for (i = 0; i < cc.n; i++) {
		char *a = maint_address(cc.v[i]);

		if (!strchr(a, '@') || !strcmp(a, SKIP))
			__builtin_trap();
		for (j = i + 1; j < cc.n; j++) {
			char *b = maint_address(cc.v[j]);

			if (!strcmp(a, b))
				__builtin_trap();
			free(b);
		}
		free(a);
	}
	for (i = 0; i < p.ntrailers; i++) {
		char *who = mail_cc_person(p.trailers[i].key,
					   p.trailers[i].value);

		if (who)
			check_person(&cc, who);
		free(who);
	}
	check_person(&cc, p.author);
	sv_clear(&cc);
	patch_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xstrndup((const char *)data, size);

	check_headers(buf, size);
	check_trailers(buf);
	check_cc(buf, size);
	free(buf);
	return 0;
}
