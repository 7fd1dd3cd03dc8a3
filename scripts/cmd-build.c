// SPDX-License-Identifier: GPL-2.0
/*
 * backport build: build a branch's kernel (base or with its series) in a
 * scratch copy of the tree with the project's THP/detector configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "json.h"
#include "build.h"
#include "options-common.h"
#include "toolchain.h"
#include "treesrc.h"
#include "table.h"
#include "util.h"

const char cmd_build_summary[] =
	"build a branch's kernel (base or patched) in a scratch copy";

static const char *const build_usage[] = {
	"usage: backport build --branch B [--tree DIR | --version X.Y.Z] [--patched]",
	"                      [-o OUTDIR] [--install-toolchain] [--json]",
	"",
	"Copies the tree (never modified) to the cache, applies there the\n"
	"build-compatibility patches of configs/compat.json that the tree's\n"
	"content asks for (patch -p1 --fuzz=0; \"compat: applied ...\"),\n"
	"optionally pushes the branch's quilt series (quilt --quiltrc=- push\n"
	"-a --fuzz=0), then make ARCH=x86_64 tinyconfig, the tree's\n"
	"merge_config.sh with the fragments of configs/branches.json,\n"
	"olddefconfig, a check that every requested option survived, and make\n"
	"bzImage with CC=\"ccache <cc>\".",
	NULL,
};

int cmd_build(int argc, char **argv)
{
	struct build_req req = { 0 };
	const char *branch = NULL, *tree = NULL, *version = NULL;
	bool json = false;
	const struct bp_option options[] = {
		OPT_BRANCH(&branch, "row of configs/branches.json (e.g. 5.10.y)"),
		OPT_TREE(&tree,
			 "kernel tree; default: $<tree_var> of the row, else\n"
			 "--version, else the row's Debian linux-source package"),
		OPT_VERSION(&version,
			    "without --tree or $<tree_var>: this kernel.org\n"
			    "release of the branch, fetched into the cache once"),
		OPT_BOOL("patched", &req.patched,
			 "apply series/<branch> (patches in ports/<branch>)"),
		OPT_STRING("output", "OUTDIR", &req.outdir,
			   "also copy bzImage and .config (as config) there"),
		OPT_ALIAS('o', "output"),
		OPT_INSTALL_TOOLCHAIN(&req.install),
		OPT_JSON(&json),
		OPT_TRAILER("Cache: ${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport};\n"
			    "scratch copy, O= directory and build.log in work/<branch>/<variant>/."),
		OPT_TRAILER("Exit status: 0 built, 1 build failed, 2 usage, tree, toolchain or\n"
			    "configuration error."),
		OPT_END(),
	};
	struct build_result res;
	struct table t;
	char *dir;
	int ret;

	parse_options(argc, argv, options, build_usage, PARSE_OPT_NO_ARGS);
	if (!branch)
		usage_msg_opt(build_usage, options, "--branch is required");
	req.b = table_load_branch(&t, branch, false);
	if (!req.b)
		return EXIT_ERROR;
	req.t = &t;
	dir = resolve_tree(&t, req.b, tree, version,
			   install_wanted(req.install), NULL);
	if (!dir) {
		table_free(&t);
		return EXIT_ERROR;
	}
	req.tree = dir;
	ret = kernel_build(&req, &res);
	if (json) {
		json_t *j = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*, s:s*, s:f, s:f, s:s*}",
				      "branch", branch,
				      "variant", req.patched ? "patched" : "base",
				      "tree", dir,
				      "tree_version", res.ti.version,
				      "bzimage", res.bzimage,
				      "config_sha256", res.config_sha256,
				      "cc", res.cc_version,
				      "log", res.log,
				      "migrate_c_sha256", res.ti.file_sha256,
				      "seconds", res.seconds,
				      "make_seconds", res.make_seconds,
				      "error", res.error);
		json_object_set_new(j, "compat", json_strvec(&res.compat));
		json_object_set_new(j, "kernel_key",
				    res.kernel_key ? json_string(res.kernel_key) :
				    json_null());
		json_object_set_new(j, "reused_from",
				    res.reused_from ? json_string(res.reused_from) :
				    json_null());
		json_print(j);
		json_decref(j);
	}
	if (ret == EXIT_PASS && res.reused_from)
		info_msg("%s %s: %s, built for %s (reused)", branch,
			 req.patched ? "patched" : "base", res.bzimage,
			 res.reused_from);
	else if (ret == EXIT_PASS)
		info_msg("%s %s: built %s in %.0fs (make %.0fs)", branch,
			 req.patched ? "patched" : "base", res.bzimage,
			 res.seconds, res.make_seconds);
	else
		err_msg("%s %s: %s", branch, req.patched ? "patched" : "base",
			res.error ? res.error : "build failed");
	build_result_free(&res);
	free(dir);
	table_free(&t);
	return ret;
}
