#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Untrusted input (issue 11).  Each row below is one hostile input: a
# setup that breaks a fresh copy of the project ($r, BACKPORT_ROOT) or
# makes a bad file, the command, the exit status it must give (1 or 2)
# and an extended regex its stderr+stdout must match (naming the file,
# field or option).  Around every command the whole scratch directory
# ($tmp: the project copy, the kernel-tree fixture $k, the cache, HOME)
# is listed with checksums: nothing may be written, created or removed
# anywhere, and /tmp/INJ must not appear.
#
# Row syntax, one per line:   RC :: REGEX :: SETUP :: ARGS
# SETUP and ARGS are shell (eval'd, in $r); ":" is an empty setup.
# Helpers for SETUP: jset FILTER (jq on configs/branches.json), rset F
# FILTER (jq on results/F), envset NAME=VALUE (for the command), mbox
# (the upstream mbox), fx (the import fixture), PORT (the 5.10.y port),
# NEXT (what importing fx names it), SHA (a commit id), k (the tree).
set -eu

. "$(dirname "$0")/lib.sh"
private_home 1625000000
export BACKPORT_CACHE="$tmp/cache"
for v in $(env | sed -n 's/^\(BACKPORT_TREE_[A-Z0-9_]*\)=.*/\1/p'); do
	unset "$v"
done
unset BACKPORT_CHECKPATCH

# The project as checked out (tracked and new files, not build products).
clean=$tmp/clean
mkdir -p "$clean" "$tmp/log"
(cd "$here" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 tar -cf - 2>/dev/null) | tar -C "$clean" -xf -
[ -f "$clean/configs/branches.json" ] || fail "no project copy"
r=$tmp/root
k=$tmp/k
mktree "$k" 0
export BACKPORT_ROOT="$r"

# A refused input starts nothing slow: these programs are stubs that
# note their name and fail, so a row that gets as far as a tree copy, an
# unpack, a build, an install or a boot fails at once instead of running.
mkdir -p "$tmp/bin"
for p in make rsync tar xz apt-get qemu-system-x86_64 ccache; do
	printf '#!/bin/sh\necho %s >>"%s/log/started"\nexit 127\n' "$p" "$tmp" \
		>"$tmp/bin/$p"
	chmod +x "$tmp/bin/$p"
done
PATH=$tmp/bin:$PATH

mbox=upstream/ffc90cbb2970.mbox
fx=$here/tests/fixtures/import/next-fix.mbox
PORT=ports/5.10.y/mm-thp-use-head-page-in-__migration_entry_wait.patch
NEXT=mm-fixture-reword-the-page_count-comment.patch
SHA=1234567890abcdef1234567890abcdef12345678

jset() {
	jq "$1" configs/branches.json >"$tmp/log/j" && mv "$tmp/log/j" configs/branches.json
}
# envset NAME=VALUE: exported for the command of the row only.
envset() {
	printf 'export %s\n' "$1" >>"$tmp/log/env"
}
rset() {
	jq "$2" "results/$1" >"$tmp/log/j" && mv "$tmp/log/j" "results/$1"
}

# Every path under $tmp but the logs, with the checksum of each file.
snapshot() {
	(cd "$tmp" && find . -path ./log -prune -o -print | LC_ALL=C sort &&
		find . -path ./log -prune -o -type f -print0 |
		xargs -0 sha256sum | LC_ALL=C sort)
}

n=0
run_row() {
	want=$1 re=$2 setup=$3 args=$4
	n=$((n + 1))
	rm -rf "$r" /tmp/INJ
	: >"$tmp/log/env"
	rm -f "$tmp/log/started"
	cp -a "$clean" "$r"
	(cd "$r" && eval "$setup") </dev/null >"$tmp/log/setup" 2>&1 ||
		{ cat "$tmp/log/setup"; fail "row $n: setup failed: $setup"; }
	snapshot >"$tmp/log/before"
	rc=0
	(cd "$r" && . "$tmp/log/env" && eval "\"\$BACKPORT\" $args") \
		</dev/null >"$tmp/log/out" 2>&1 || rc=$?
	snapshot >"$tmp/log/after"
	ok=1
	[ "$rc" -eq "$want" ] || { echo "row $n: exit $rc, want $want"; ok=0; }
	grep -Eq -- "$re" "$tmp/log/out" || { echo "row $n: no match for /$re/"; ok=0; }
	if ! cmp -s "$tmp/log/before" "$tmp/log/after"; then
		echo "row $n: something was written:"
		diff "$tmp/log/before" "$tmp/log/after" | head -20
		ok=0
	fi
	[ ! -e /tmp/INJ ] || { echo "row $n: /tmp/INJ created"; ok=0; }
	[ ! -e "$tmp/log/started" ] ||
		{ echo "row $n: started $(tr '\n' ' ' <"$tmp/log/started")"; ok=0; }
	if [ $ok -eq 0 ]; then
		echo "  backport $args"
		sed 's/^/  | /' "$tmp/log/out" | head -20
		failed=$((failed + 1))
	fi
}

failed=0
grep -v '^#' <<'EOF' | grep -v '^$' >"$tmp/rows"
# 1. Table values that reach a shell, YAML, argv or a mail.
2 :: configs/branches\.json: branches\[3\]\.tree_var: "X;touch\$\{IFS\}/tmp/INJ" is not an environment variable name :: jset '.branches[3].tree_var = "X;touch${IFS}/tmp/INJ"' :: ci
2 :: configs/branches\.json: branches\[5\]\.toolchain\.cc: "gcc-11\\nBACKPORT_EVIL=1" is not a program name :: jset '.branches[5].toolchain.cc = "gcc-11\nBACKPORT_EVIL=1"' :: ci
2 :: configs/branches\.json: branches\[6\]\.toolchain\.hostcc: "\$\(shell id\)" is not a program name :: jset '.branches[6].toolchain.hostcc = "$(shell id)"' :: matrix
2 :: configs/branches\.json: branches\[6\]\.toolchain\.packages\[0\]: "-oAPT::Get::AllowUnauthenticated=1" is not a Debian package name :: jset '.branches[6].toolchain.packages[0] = "-oAPT::Get::AllowUnauthenticated=1"' :: doctor
2 :: configs/branches\.json: branches\[8\]\.debian_source: "linux-source-6\.1 evil" is not a Debian package name :: jset '.branches[8].debian_source = "linux-source-6.1 evil"' :: ci --check
2 :: configs/branches\.json: branches\[6\]\.config_ignore\[0\]: "CONFIG_X=y" is not a Kconfig symbol :: jset '.branches[6].config_ignore[0] = "CONFIG_X=y"' :: lint
2 :: configs/branches\.json: branches\[6\]\.reason: "r\\nFrom 1234.* is not one line of text :: jset '.branches[6].reason = "r\nFrom 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: configs/branches\.json: backporter: ".*\\nBcc: x@y\.example" is not a person :: jset '.backporter = "P <p@q.example>\nBcc: x@y.example"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: configs/branches\.json: branches\[6\]\.base_max: "5\.10\.46; rm -rf /" is not a version :: jset '.branches[6].base_max = "5.10.46; rm -rf /"' :: matrix
2 :: configs/branches\.json: branch 4\.19\.y-optional: antecedents\[0\] "xyz" must be a full 40-hex commit :: jset '.branches[4].antecedents[0] = "xyz"' :: lint
2 :: configs/branches\.json: boot\.cpu_kvm: "kvm64 -device x" is not a QEMU CPU model :: { head -c 514 /dev/zero; printf HdrS; } >"$tmp/bzImage"; jset '.boot.cpu_kvm = "kvm64 -device x"' :: boot --kernel "$tmp/bzImage"
2 :: configs/branches\.json: branches\[7\]\.branch: "\\n5\.12\.y" is not a branch name :: jset '.branches[7].branch = "\n5.12.y"' :: ci
# 2. Paths that leave the repository.
2 :: configs/branches\.json: branches\[6\]\.series: "\.\./outside/x" is not a relative path inside the repository: it has a "\.\." component :: jset '.branches[6].series = "../outside/x"' :: port
2 :: configs/branches\.json: branches\[6\]\.series: "/etc/passwd" is not a relative path inside the repository: it is absolute :: jset '.branches[6].series = "/etc/passwd"' :: port --check
2 :: configs/branches\.json: branches\[6\]\.series: ".*/abs-passwd" is not a relative path inside the repository: it is absolute :: echo x >"$tmp/abs-passwd"; jset ".branches[6].series = \"$tmp/abs-passwd\"" :: port
2 :: configs/branches\.json: branches\[6\]\.series: "\.git/hooks/pre-commit" is not a relative path inside the repository: a component starts with '\.' :: jset '.branches[6].series = ".git/hooks/pre-commit"' :: port
2 :: configs/branches\.json: branches\[6\]\.series: "series/5\.4\.y" is not series/5\.10\.y :: jset '.branches[6].series = "series/5.4.y"' :: port
2 :: configs/branches\.json: branches\[6\]\.branch: "5\.10\.y /\.\./\.\./\.\./x/y\.y" is not a branch name :: jset '.branches[6].branch = "5.10.y /../../../x/y.y"' :: import --commit $SHA --branch '5.10.y /../../../x/y.y' "$fx"
2 :: ports/5\.12\.y/mm-thp-use-head-page-in-__migration_entry_wait\.patch: .*/ports/5\.12\.y is a symbolic link out of the repository :: mv ports/5.12.y "$tmp/outside" && ln -s "$tmp/outside" ports/5.12.y && echo changed >>"$tmp/outside/mm-thp-use-head-page-in-__migration_entry_wait.patch" && echo changed >>$PORT :: port
2 :: configs/branches\.json: fixes\[0\]\.mbox: "/etc/passwd" is not a relative path :: jset '.fixes[0].mbox = "/etc/passwd"' :: port
2 :: configs/branches\.json: fixes\[0\]\.patch_name: "\.\./\.\./x\.patch" is not a plain file name :: jset '.fixes[0].patch_name = "../../x.patch"' :: port
2 :: configs/branches\.json: fragments\[1\]: "\.\./\.\./etc/x\.config" is not a relative path :: jset '.fragments[1] = "../../etc/x.config"' :: build --branch 5.10.y --tree "$k"
2 :: configs/branches\.json: a directory, not the branch table :: rm configs/branches.json; mkdir configs/branches.json :: matrix
2 :: configs/branches\.json:[0-9]+: .*expected :: echo '{ "fixes": [' >configs/branches.json :: matrix
# 3. A bad mbox becomes no port.
2 :: upstream/ffc90cbb2970\.mbox:63: "From ffc90cbb2970.*" starts another message \(git mailsplit splits here\) :: cat $mbox $mbox >"$tmp/log/x" && mv "$tmp/log/x" $mbox :: port
2 :: upstream/ffc90cbb2970\.mbox:55: truncated hunk :: head -n 58 $mbox >"$tmp/log/x" && mv "$tmp/log/x" $mbox :: port
2 :: upstream/ffc90cbb2970\.mbox:[0-9]+: no diff found :: sed -i '/^diff --git/,$d' $mbox :: port
2 :: upstream/ffc90cbb2970\.mbox: empty file: no mail in it :: : >$mbox :: port --check
2 :: upstream/ffc90cbb2970\.mbox: No such file or directory :: rm $mbox :: port --check
2 :: upstream/ffc90cbb2970\.mbox: a directory, not an mbox :: rm $mbox && mkdir $mbox :: port
2 :: glued\.mbox: 2 messages \(as git mailsplit splits it\) :: { cat "$fx"; sed "1s/.*/From $SHA Mon Sep 17 00:00:00 2001/" "$fx"; } >"$tmp/glued.mbox" :: import --commit $SHA "$tmp/glued.mbox"
2 :: bare\.mbox:31: "From 1234.*" starts another message :: { sed 1d "$fx"; sed "1s/.*/From $SHA Mon Sep 17 00:00:00 2001/" "$fx"; } >"$tmp/bare.mbox" :: import --commit $SHA "$tmp/bare.mbox"
2 :: cut\.mbox:24: truncated hunk :: head -n 27 "$fx" >"$tmp/cut.mbox" :: import --commit $SHA "$tmp/cut.mbox"
2 :: nodiff\.mbox:[0-9]+: no diff found :: sed '/^diff --git/,$d' "$fx" >"$tmp/nodiff.mbox" :: import --commit $SHA "$tmp/nodiff.mbox"
2 :: next-fix\.mbox:1: no upstream commit id .*pass --commit SHA :: : :: import "$fx"
2 :: 5\.10\.y/mm-thp-use-head-page-in-__migration_entry_wait\.patch:[0-9]+: already a stable port :: : :: import --commit $SHA "$PORT"
# 4. import writes all or nothing, into port rows only.
2 :: no-such\.mbox: No such file or directory :: : :: import --commit $SHA "$tmp/no-such.mbox"
2 :: empty\.mbox: empty file: no mail in it :: : >"$tmp/empty.mbox" :: import --commit $SHA "$tmp/empty.mbox"
2 :: adir\.mbox: a directory, not an mbox :: mkdir "$tmp/adir.mbox" :: import --commit $SHA "$tmp/adir.mbox"
2 :: configs/branches\.json: branch 6\.1\.y is fixed-upstream, not a port row :: : :: import --commit $SHA --branch 6.1.y "$fx"
2 :: configs/branches\.json: branch 4\.4\.y is not-affected, not a port row :: : :: import --commit $SHA --branch 4.4.y "$fx"
2 :: 4\.19\.y-optional is an optional series :: : :: import --commit $SHA --branch 4.19.y-optional "$fx"
2 :: configs/branches\.json: no branch 5\.10\.y /\.\./\.\./\.\./x/y\.y :: : :: import --commit $SHA --branch '5.10.y /../../../x/y.y' "$fx"
2 :: ffc90cbb2970\.mbox:1: --commit 1234567890abcdef1234567890abcdef12345678 is not this mail's commit: its "From <sha>" line names ffc90cbb2970ab88b66ea51dd580469eede57b67 :: : :: import --commit $SHA $mbox
2 :: ports/5\.12\.y/mm-fixture-reword-the-page_count-comment\.patch: a directory, not a file :: mkdir -p ports/5.12.y/$NEXT :: import --commit $SHA "$fx"
2 :: ports/5\.4\.y/mm-fixture-reword-the-page_count-comment\.patch: already there with other contents; remove it to replace it :: "$BACKPORT" import --commit $SHA "$fx" >/dev/null :: import --commit 2234567890abcdef1234567890abcdef12345678 "$fx"
2 :: series/5\.12\.y:[0-9]+: patch path "\.\./x\.patch" contains "\.\." :: echo ../x.patch >>series/5.12.y :: import --commit $SHA "$fx"
# 5. Results text and port text on their way into a mail.
2 :: results/5\.10\.y\.json: verdict: holds a newline .* one line is expected :: rset 5.10.y.json '.verdict = "fix-verified\nFrom 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: results/5\.10\.y\.json: verdict: "maybe" is not one of :: rset 5.10.y.json '.verdict = "maybe"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: results/5\.10\.y\.json: tree\.version: holds a newline :: rset 5.10.y.json '.tree.version = "5.10.44\nFrom x"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: results/5\.10\.y\.json:[0-9]+:[0-9]+: :: head -c 300 results/5.10.y.json >"$tmp/log/x" && mv "$tmp/log/x" results/5.10.y.json :: mail --branch 5.10.y -o "$tmp/mail"
2 :: results/5\.10\.y\.json: branch: "5\.4\.y", not 5\.10\.y :: rset 5.10.y.json '.branch = "5.4.y"' :: mail --branch 5.10.y -o "$tmp/mail"
2 :: results/5\.10\.y\.json: a directory, not a results file :: rm results/5.10.y.json && mkdir results/5.10.y.json :: report -o "$tmp/R.md"
2 :: results/5\.4\.y\.json: ab\.a\.runs\[0\]\.outcome: "FAIL\\n" is not one of|results/5\.4\.y\.json: ab\.a\.runs\[0\]\.outcome: holds a newline :: rset 5.4.y.json '.ab.a.runs[0].outcome = "FAIL\n"' :: report -o "$tmp/R.md"
2 :: results/6\.1\.y\.json: finished: "yesterday" is not a time :: rset 6.1.y.json '.finished = "yesterday"' :: report --format kcidb -o "$tmp/k.json"
2 :: ports/5\.10\.y/mm-thp-use-head-page-in-__migration_entry_wait\.patch:[0-9]+: message line starts with "From " :: sed -i '42i From the report above:' $PORT :: mail --branch 5.10.y -o "$tmp/mail"
2 :: ports/5\.10\.y/mm-thp-use-head-page-in-__migration_entry_wait\.patch:53: "From 1234567890abcdef.*" starts another message :: sed -i "53i From $SHA Mon Sep 17 00:00:00 2001" $PORT :: mail --branch 5.10.y -o "$tmp/mail"
2 :: ports/5\.10\.y/mm-thp-use-head-page-in-__migration_entry_wait\.patch:43: not valid UTF-8 \(byte 0xfc at column 17\) :: sed -i '43s/^Signed-off-by: Xu Yu/Signed-off-by: J\xfcrgen/' $PORT :: mail --branch 5.10.y -o "$tmp/mail"
2 :: SOURCE_DATE_EPOCH=soon: not a number of seconds :: envset SOURCE_DATE_EPOCH=soon :: mail --branch 5.10.y -o "$tmp/mail"
2 :: MAINTAINERS\.txt:[0-9]+: not valid UTF-8 \(byte 0xe9 :: sed -i '22s/Seed/S\xe9ed/' MAINTAINERS.txt :: mail --branch 5.10.y -o "$tmp/mail"
# 6. boot checks the kernel image before anything is made or started.
2 :: --kernel .*/kdir: a directory, not a kernel image :: mkdir "$tmp/kdir" :: boot --kernel "$tmp/kdir"
2 :: --kernel .*/junk\.img: not a bzImage \(no "HdrS" boot header at offset 0x202\) :: echo junk >"$tmp/junk.img" :: boot --kernel "$tmp/junk.img" --accel auto
2 :: --kernel .*/no-such-bzImage: No such file or directory :: : :: boot --kernel "$tmp/no-such-bzImage"
2 :: --log .*/no/such/dir/console\.log: its directory does not exist :: { head -c 514 /dev/zero; printf HdrS; } >"$tmp/bzImage" :: boot --kernel "$tmp/bzImage" --log "$tmp/no/such/dir/console.log"
2 :: --gen-init-cpio .*/no-cpio: not an executable file :: { head -c 514 /dev/zero; printf HdrS; } >"$tmp/bzImage" :: boot --kernel "$tmp/bzImage" --gen-init-cpio "$tmp/no-cpio"
2 :: --smp: 1\.\.64 :: : :: boot --kernel "$tmp/no-such-bzImage" --smp 0
# 7. Options checked before the first slow step (tree copy, unpack, build).
2 :: --results .*/afile: not a directory :: echo x >"$tmp/afile" :: verify --branch 5.10.y --tree "$k" --results "$tmp/afile"
2 :: ports/5\.10\.y/missing\.patch: cannot read \(listed in series/5\.10\.y line 5\) :: echo missing.patch >>series/5.10.y :: verify --branch 5.10.y --tree "$k"
2 :: series/5\.10\.y:5: absolute patch path "/etc/passwd" :: echo /etc/passwd >>series/5.10.y :: verify --branch 5.10.y --tree "$k"
2 :: --defconfig-for 9\.9\.y: not one of the branches measured in this run :: : :: bench --defconfig-for 9.9.y
2 :: --defconfig-for 5\.4\.y: not one of the branches measured in this run :: : :: bench --branch 5.10.y --tree-for 5.10.y="$k" --defconfig-for 5.4.y
2 :: ports/5\.4\.y/missing\.patch: cannot read \(listed in series/5\.4\.y line 5\) :: echo missing.patch >>series/5.4.y :: bench --branch 5.4.y --tree-for 5.4.y="$k" --runs 1
2 :: --tree-for 5\.10\.y: want BRANCH=DIR of a known branch :: : :: bench --tree-for 5.10.y
2 :: option '--matrix' takes no argument :: : :: bench --matrix=yes
2 :: option '--matrix' given twice :: : :: bench --matrix --matrix
2 :: configs/branches\.json: no branch 9\.9\.y :: : :: verify --branch 9.9.y --tree "$k"
2 :: --runs: 1\.\.100 :: : :: verify --branch 5.10.y --tree "$k" --runs 0
2 :: --accel: auto, tcg or kvm :: : :: verify --branch 5.10.y --tree "$k" --accel qemu
2 :: series/5\.10\.y:5: patch path "\.\./\.\./x\.patch" contains "\.\." :: echo ../../x.patch >>series/5.10.y :: apply --branch 5.10.y --tree "$k" --check
# 8. Messages that say which file and what is wrong with it.
2 :: --tree .*/passwd-copy: not a directory :: cp /etc/passwd "$tmp/passwd-copy" :: verify --branch 5.10.y --tree "$tmp/passwd-copy"
2 :: --tree .*/empty-tree: not a kernel tree \(no Makefile in it\) :: mkdir "$tmp/empty-tree" :: build --branch 5.10.y --tree "$tmp/empty-tree"
2 :: --tree .*/odd-tree/Makefile: not a regular file :: mkdir -p "$tmp/odd-tree/Makefile" :: verify --branch 6.1.y --tree "$tmp/odd-tree"
2 :: .*/no-tree: No such file or directory \(from \$BACKPORT_TREE_5_10\) :: envset BACKPORT_TREE_5_10="$tmp/no-tree" :: verify --branch 5.10.y
2 :: .*/no-tree: No such file or directory :: : :: matrix --tree "$tmp/no-tree"
2 :: .*/passwd-copy: not a directory :: cp /etc/passwd "$tmp/passwd-copy" :: apply --branch 5.10.y --tree "$tmp/passwd-copy"
2 :: /no/such/path: no such file or directory \(PATH is a file of the project :: : :: maintainers /no/such/path
2 :: MAINTAINERS\.txt: No such file or directory|MAINTAINERS\.txt: .*No such file :: rm MAINTAINERS.txt :: maintainers series/5.10.y
# 9. Outputs where they are asked for only; an option once; UTF-8 names.
2 :: --output .*/nonexistent/sub/R\.md: no directory .*/nonexistent/sub \(it is not created\) :: : :: report -o "$tmp/nonexistent/sub/R.md"
2 :: --output .*/rdir: a directory, not a file :: mkdir "$tmp/rdir" :: report --format json -o "$tmp/rdir"
2 :: --output .*/nonexistent/sub: no directory .*/nonexistent \(only .* itself is created\) :: : :: mail --branch 5.10.y -o "$tmp/nonexistent/sub"
2 :: --results .*/nonexistent/sub: no directory :: : :: bench --results "$tmp/nonexistent/sub"
2 :: --results .*/nonexistent/sub: no directory :: : :: verify --branch 5.10.y --tree "$k" --results "$tmp/nonexistent/sub"
2 :: option '--tree' given twice :: : :: matrix --tree "$k" --tree "$tmp"
2 :: option '--output' given twice :: : :: mail --branch 5.10.y -o "$tmp/a" --output "$tmp/b"
2 :: option '--commit' given twice :: : :: import --commit $SHA -c ffc90cbb2970ab88b66ea51dd580469eede57b67 $mbox
2 :: options '--checkpatch' and '--tree' exclude each other :: : :: report --checkpatch /bin/true --tree "$k"
2 :: option '--branch' given twice :: : :: verify --branch 5.10.y --branch 5.4.y --tree "$k"
2 :: option '--check' given twice :: : :: ci --check -c
2 :: option '--kernel' given twice :: : :: boot --kernel "$tmp/a" --kernel "$tmp/b"
# 10. fetch: --version and BACKPORT_MIRROR refused before anything is
# written; a mirror without a usable sha256sums.asc leaves the cache alone.
2 :: --version "5\.10\.46;x" is not a kernel\.org release number :: : :: fetch --branch 5.10.y --version '5.10.46;x'
2 :: --version "\.\./5\.10\.46" is not a kernel\.org release number :: : :: fetch --branch 5.10.y --version ../5.10.46
2 :: --version "" is not a kernel\.org release number :: : :: fetch --branch 5.10.y --version ''
2 :: --version 5\.4\.128 is not a 5\.10\.y release :: : :: fetch --branch 5.10.y --version 5.4.128
2 :: BACKPORT_MIRROR=ftp://example\.invalid/pub: not a file:///PATH or https:// URL :: envset BACKPORT_MIRROR=ftp://example.invalid/pub :: fetch --branch 5.10.y
2 :: BACKPORT_MIRROR=http://example\.invalid/linux: not a file:///PATH or https:// URL :: envset BACKPORT_MIRROR=http://example.invalid/linux :: fetch --branch 5.10.y
2 :: BACKPORT_MIRROR=file:///[^:]*/mirror/\.\./\.\./etc: the path has a "\." or "\.\." segment :: envset BACKPORT_MIRROR="file://$tmp/mirror/../../etc" :: fetch --branch 5.10.y
2 :: BACKPORT_MIRROR=https://x\.invalid@evil\.invalid/k: want https://HOST\[:PORT\]/PATH :: envset BACKPORT_MIRROR=https://x.invalid@evil.invalid/k :: fetch --branch 5.10.y
2 :: file:///.*/mirror/v5\.x/sha256sums\.asc: not a clear-signed message :: rm -rf "$tmp/mirror" && mkdir -p "$tmp/mirror/v5.x" && echo garbage >"$tmp/mirror/v5.x/sha256sums.asc" && envset BACKPORT_MIRROR="file://$tmp/mirror" :: fetch --branch 5.10.y
2 :: no sha256 for linux-5\.10\.46\.tar\.xz in file:///.*/mirror/v5\.x/sha256sums\.asc :: rm -rf "$tmp/mirror" && mkdir -p "$tmp/mirror/v5.x" && printf -- '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n%064d  linux-5.10.45.tar.xz\n-----BEGIN PGP SIGNATURE-----\n\nx\n-----END PGP SIGNATURE-----\n' 1 >"$tmp/mirror/v5.x/sha256sums.asc" && envset BACKPORT_MIRROR="file://$tmp/mirror" :: fetch --branch 5.10.y
2 :: cannot download file:///.*/mirror/v5\.x/sha256sums\.asc :: rm -rf "$tmp/mirror" && mkdir -p "$tmp/mirror/v5.x" && envset BACKPORT_MIRROR="file://$tmp/mirror" :: fetch --branch 5.10.y
EOF
while IFS= read -r line; do
	rc=${line%% :: *}
	rest=${line#* :: }
	re=${rest%% :: *}
	rest=${rest#* :: }
	setup=${rest%% :: *}
	args=${rest#* :: }
	run_row "$rc" "$re" "$setup" "$args"
done <"$tmp/rows"
[ "$failed" -eq 0 ] || fail "$failed of $n hostile inputs not refused cleanly"
echo "t80: $n hostile inputs refused, nothing written"
