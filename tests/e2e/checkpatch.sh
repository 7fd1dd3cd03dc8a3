#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the kernel's checkpatch.pl (--no-tree -f) over the project's own C.
# checkpatch.pl comes from $BACKPORT_CHECKPATCH or is taken, once, from
# Debian's linux-source-6.1 tarball into the cache.  Any warning fails.
set -eu
cache=${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport}
cp=${BACKPORT_CHECKPATCH:-$cache/checkpatch/scripts/checkpatch.pl}
if [ ! -x "$cp" ]; then
	tarball=/usr/src/linux-source-6.1.tar.xz
	if [ ! -f "$tarball" ]; then
		echo "checkpatch: $tarball missing (apt-get install linux-source-6.1) and BACKPORT_CHECKPATCH unset" >&2
		exit 2
	fi
	tmp=$(mktemp -d "$cache.cp.XXXXXX" 2>/dev/null || { mkdir -p "$cache"; mktemp -d "$cache/cp.XXXXXX"; })
	tar -xJf "$tarball" -C "$tmp" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	mkdir -p "$cache"
	rm -rf "$cache/checkpatch"
	mv "$tmp" "$cache/checkpatch"
	cp=$cache/checkpatch/scripts/checkpatch.pl
fi
files=$(find scripts tests -name '*.[ch]' -not -path 'tests/fixtures/*' | sort)
bad=0
for f in $files; do
	# util.h is where __printf/__noreturn are defined for userspace (the
	# kernel's compiler_attributes.h is not available): the definition
	# itself necessarily spells out the attribute.
	ign=
	[ "$f" = scripts/util.h ] && ign=--ignore=PREFER_DEFINED_ATTRIBUTE_MACRO
	out=$("$cp" --no-tree --quiet --terse --show-types $ign -f "$f" 2>&1 |
		grep -E ': (WARNING|ERROR|CHECK):' || true)
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
		bad=1
	fi
done
n=$(printf '%s\n' $files | wc -l)
if [ $bad -ne 0 ]; then
	echo "checkpatch: findings above ($n files checked)" >&2
	exit 1
fi
echo "checkpatch: $n files clean"
