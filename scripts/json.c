// SPDX-License-Identifier: GPL-2.0
/*
 * JSON and JUnit writers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_strvec(const struct strvec *sv)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

void json_print(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (s) {
		puts(s);
		free(s);
	}
}

int json_write_file(const char *path, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int ret;

	if (!s) {
		err_msg("%s: cannot encode JSON", path);
		return -1;
	}
	ret = write_file_atomic(path, s, strlen(s));
	if (!ret)
		ret = 0;
	free(s);
	if (ret)
		err_msg("%s: %s", path, strerror(errno));
	return ret;
}

char *xml_escape(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '<':
			sb_adds(&sb, "&lt;");
			break;
		case '>':
			sb_adds(&sb, "&gt;");
			break;
		case '&':
			sb_adds(&sb, "&amp;");
			break;
		case '"':
			sb_adds(&sb, "&quot;");
			break;
		case '\'':
			sb_adds(&sb, "&apos;");
			break;
		default:
			/* XML 1.0 forbids most control characters. */
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
				sb_addc(&sb, '?');
			else
				sb_addc(&sb, (char)c);
		}
	}
	return sb_detach(&sb);
}

int junit_write_file(const char *path, const char *suite,
		     const struct junit_case *cases, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, failures = 0, skipped = 0;
	double total = 0;
	char *e;
	int ret;

	for (i = 0; i < n; i++) {
		failures += cases[i].failure != NULL;
		skipped += cases[i].skipped != NULL;
		total += cases[i].seconds;
	}
	e = xml_escape(suite);
	sb_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(&sb, "<testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		e, n, failures, skipped, total);
	free(e);
	for (i = 0; i < n; i++) {
		const struct junit_case *c = &cases[i];
		char *cn = xml_escape(c->classname), *nm = xml_escape(c->name);

		sb_addf(&sb, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">\n",
			cn, nm, c->seconds);
		free(cn);
		free(nm);
		if (c->failure) {
			e = xml_escape(c->failure);
			sb_addf(&sb, "    <failure message=\"%s\"/>\n", e);
			free(e);
		}
		if (c->skipped) {
			e = xml_escape(c->skipped);
			sb_addf(&sb, "    <skipped message=\"%s\"/>\n", e);
			free(e);
		}
		if (c->output) {
			e = xml_escape(c->output);
			sb_addf(&sb, "    <system-out>%s</system-out>\n", e);
			free(e);
		}
		sb_adds(&sb, "  </testcase>\n");
	}
	sb_adds(&sb, "</testsuite>\n");
	ret = write_file_atomic(path, sb.buf, sb.len);
	if (ret)
		err_msg("%s: %s", path, strerror(errno));
	sb_release(&sb);
	return ret;
}
