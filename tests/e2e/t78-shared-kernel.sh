#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The same kernel is built once and shared between rows (kstore.h):
# 4.19.y and 4.19.y-optional's base are made of the same tree, no series,
# the same fragments and toolchain, so the second row takes the first's
# bzImage ("reusing ..., nothing copied or built"; --json "reused_from").
# The fixture is no kernel: a 4.19.72 tree whose Makefile and
# merge_config.sh do what kbuild does to the files the tool looks at
# (.config from the fragments, a bzImage made of .config and
# mm/migrate.c), so the builds run to the end in a second.  Checked too:
# the row itself rebuilds its own kernel; another tree or fragment is
# built, not taken.
set -eu

. "$(dirname "$0")/lib.sh"
export BACKPORT_CACHE=$tmp/cache
unset BACKPORT_TREE_4_19

fixture() {
	mktree "$1" 0
	sed -i 's/^PATCHLEVEL = 10$/PATCHLEVEL = 19/; s/^VERSION = 5$/VERSION = 4/; s/^SUBLEVEL = 40$/SUBLEVEL = 72/' "$1/Makefile"
	cat >>"$1/Makefile" <<'MK'
tinyconfig:
	mkdir -p $(O) && echo CONFIG_FIXTURE=y >$(O)/.config
olddefconfig:
	@:
bzImage:
	mkdir -p $(O)/arch/x86/boot $(O)/usr
	cat $(O)/.config mm/migrate.c >$(O)/arch/x86/boot/bzImage
	printf '#!/bin/sh\n' >$(O)/usr/gen_init_cpio && chmod +x $(O)/usr/gen_init_cpio
	echo 'ffffffff81000000 T _text' >$(O)/System.map
MK
	mkdir -p "$1/scripts/kconfig"
	printf '#!/bin/sh\n# -m -O DIR BASE FRAGMENT...\nbase=$4\nshift 4\ncat "$@" >>"$base"\n' \
		>"$1/scripts/kconfig/merge_config.sh"
	chmod +x "$1/scripts/kconfig/merge_config.sh"
}
build() {
	rc=0
	"$BACKPORT" build --tree "$t" --json "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc -eq 0 ] || { cat "$tmp/err"; fail "build $*: exit $rc"; }
}
field() { jq -r ".$1" "$tmp/out"; }

t=$tmp/tree
fixture "$t"
build --branch 4.19.y
[ "$(field reused_from)" = null ] || fail "first build: reused_from $(field reused_from)"
key=$(field kernel_key)
first=$(field bzimage)
grep -q 'CONFIG_TRANSPARENT_HUGEPAGE=y' "$first" || fail "the fixture's bzImage has no fragment in it"

build --branch 4.19.y-optional
grep -q "^backport build: 4.19.y-optional: base kernel: the same inputs (kernel key $(echo "$key" | cut -c1-12)) were built for 4.19.y: reusing .*, nothing copied or built\$" "$tmp/err" ||
	{ cat "$tmp/err"; fail "4.19.y-optional base did not say it reuses 4.19.y's kernel"; }
[ "$(field reused_from)" = 4.19.y ] || fail "--json reused_from: $(field reused_from)"
[ "$(field kernel_key)" = "$key" ] || fail "the two rows' kernels have different keys"
# its System.map is kept beside the bzImage, for a silent boot's vCPU samples
[ "$(cat "$BACKPORT_CACHE/kernels/$key/System.map")" = "ffffffff81000000 T _text" ] ||
	fail "System.map not kept with the shared kernel"
cmp -s "$(field bzimage)" "$first" || fail "the reused bzImage is not the one 4.19.y built"
[ ! -e "$BACKPORT_CACHE/work/4.19.y-optional/base/src" ] || fail "the reusing row copied the tree anyway"
[ "$(field make_seconds)" = 0 ] || fail "the reusing row ran make"

# The row's own kernel again: built in its own (warm) directory, not "reused".
build --branch 4.19.y
[ "$(field reused_from)" = null ] || fail "4.19.y took its own kernel from the store"
grep -q reusing "$tmp/err" && fail "4.19.y: reusing line"

# Other inputs, other kernels: another tree, another fragment (the
# variant and the series are in the key through workdir_key(): unit test).
echo '/* other */' >>"$t/mm/migrate.c"
rm -rf "$BACKPORT_CACHE/work/4.19.y-optional"
build --branch 4.19.y-optional
[ "$(field reused_from)" = null ] || fail "another tree reused the kernel of the first"
r=$tmp/root
mkdir -p "$r"
cp -r "$here/configs" "$here/ports" "$here/series" "$here/upstream" "$here/tests" "$r/"
build --branch 4.19.y
echo 'CONFIG_FIXTURE_OTHER=y' >>"$r/configs/fragments/detectors.config"
BACKPORT_ROOT=$r build --branch 4.19.y-optional
[ "$(field reused_from)" = null ] || fail "another fragment reused the kernel"
echo "t78: 4.19.y-optional base took 4.19.y's kernel (key $(echo "$key" | cut -c1-12)); other inputs built"
