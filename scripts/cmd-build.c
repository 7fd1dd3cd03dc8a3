// SPDX-License-Identifier: GPL-2.0
/*
 * backport build: build a branch's kernel (base or with its series) in a
 * scratch copy of the tree with the project's THP/detector configuration.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "builtin.h"
#include "json.h"
#include "build.h"
#include "toolchain.h"
#include "treesrc.h"
#include "table.h"
#include "util.h"

const char cmd_build_summary[] =
	"build a branch's kernel (base or patched) in a scratch copy";

static const char usage[] =
	"usage: backport build --branch B [--tree DIR] [--patched] [-o OUTDIR]\n"
	"                      [--install-toolchain] [--json]\n"
	"\n"
	"Copies the tree (never modified) to the cache, optionally pushes the\n"
	"branch's quilt series there (quilt --quiltrc=- push -a --fuzz=0), then\n"
	"make ARCH=x86_64 tinyconfig, the tree's merge_config.sh with the\n"
	"fragments of configs/branches.json, olddefconfig, a check that every\n"
	"requested option survived, and make bzImage with CC=\"ccache <cc>\".\n"
	"\n"
	"  --branch B           row of configs/branches.json (e.g. 5.10.y)\n"
	"  --tree DIR           kernel tree; default: $<tree_var> of the row, or\n"
	"                       the row's Debian linux-source package\n"
	"  --patched            apply series/<branch> (patches in ports/<branch>)\n"
	"  -o, --output OUTDIR  also copy bzImage and .config (as config) there\n"
	"  --install-toolchain  apt-get install a missing toolchain (root; also\n"
	"                       BACKPORT_INSTALL=1)\n"
	"  --json               machine-readable summary on stdout\n"
	"  -h, --help           this text\n"
	"\n"
	"Cache: ${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport};\n"
	"scratch copy, O= directory and build.log in work/<branch>/<variant>/.\n"
	"\n"
	"Exit status: 0 built, 1 build failed, 2 usage, tree, toolchain or\n"
	"configuration error.\n";

int cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "branch", required_argument, NULL, 'b' },
		{ "tree", required_argument, NULL, 't' },
		{ "patched", no_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "install-toolchain", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct build_req req = { 0 };
	struct build_result res;
	const char *branch = NULL, *tree = NULL;
	struct table t;
	bool json = false;
	char *dir;
	int c, ret;

	usage_if_help(argc, argv, usage);
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			branch = optarg;
			break;
		case 't':
			tree = optarg;
			break;
		case 'p':
			req.patched = true;
			break;
		case 'o':
			req.outdir = optarg;
			break;
		case 'i':
			req.install = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (!branch)
		usage_error(usage, "--branch is required");
	req.b = table_load_branch(&t, branch, false);
	if (!req.b)
		return EXIT_ERROR;
	req.t = &t;
	dir = resolve_tree(req.b, tree, install_wanted(req.install));
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

		json_print(j);
		json_decref(j);
	}
	if (ret == EXIT_PASS)
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
