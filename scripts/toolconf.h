/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The toolchain part of a kernel configuration.  Kconfig asks the host's
 * tools while it configures (CONFIG_CC_VERSION_TEXT, CONFIG_LD_VERSION,
 * CONFIG_PAHOLE_VERSION, CONFIG_RUST_IS_AVAILABLE, the CONFIG_CC_HAS_*
 * probes, ...), so the same tree and fragments give another .config on a
 * machine with other tools.  Which symbols these are is data: the
 * "toolchain_config" prefixes of configs/branches.json.  A build records
 * their values from its .config in the evidence, and a verify whose
 * .config differs from the committed evidence says which of them differ.
 */
#ifndef BACKPORT_TOOLCONF_H
#define BACKPORT_TOOLCONF_H

#include <stddef.h>

#include "util.h"

/*
 * The symbols of the .config text @text (@len bytes) whose names start
 * with one of @prefixes (NULL-terminated), appended to @out in file
 * order as "CONFIG_X=value" ("CONFIG_X=n" for "# CONFIG_X is not set").
 * Other lines, and lines holding a control character, are ignored; a symbol listed twice keeps its last value, as
 * Kconfig does.  Returns how many were appended.
 */
size_t toolconf_collect(const char *text, size_t len, char *const *prefixes,
			struct strvec *out);

/*
 * The differences between @here and @there (both toolconf_collect()
 * lists), one line each onto @sb: "CONFIG_X: A here, B there", with
 * "unset" for a symbol one side lacks.  Returns how many.
 */
size_t toolconf_diff(const struct strvec *here, const struct strvec *there,
		     struct strbuf *sb);

struct results;

/* What a build made, as toolconf_explain() compares it. */
struct toolconf_here {
	const char *tree_id, *tree_version;
	const char *config_sha256;
	const struct strvec *config;
	const char *cc_version, *ld_version;
};

/*
 * Why this build's .config is or is not the one of the committed
 * evidence @there (results/<branch>.json, named @name): lines for humans
 * onto @sb, nothing when the evidence is of another tree or records no
 * .config.  Returns 1 when both .config files are the same, 0 when they
 * differ, -1 when not comparable.
 */
int toolconf_explain(const struct toolconf_here *here,
		     const struct results *there, const char *name,
		     struct strbuf *sb);

#endif
