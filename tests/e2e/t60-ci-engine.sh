#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The generated GitLab file, run by a real implementation of GitLab's CI
# semantics: gitlab-ci-local (ci/engines, installed by "make deps"), shell
# executor, on a copy of the checkout.  Runs in "make check-boot" after
# verify unpacked Debian's 6.1 tree and warmed ccache:
#  - the 6.1.y job end to end: exit 0, its sections, and the JUnit report
#    gitlab-ci-local collected as the job's artifact;
#  - the 5.10.y job with no tree variable and a mirror that has nothing:
#    the job fails, naming the release, and gitlab-ci-local reports it.
set -eu

. "$(dirname "$0")/lib.sh"
gcl=$here/ci/engines/node_modules/.bin/gitlab-ci-local
[ -x "$gcl" ] || fail "$gcl missing: run make deps"
cache=${BACKPORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backport}
[ -f "$cache/src/linux-source-6.1/Makefile" ] ||
	fail "run backport verify --branch 6.1.y first (warm cache)"
ccache_dir=$(ccache -k cache_dir)

# The checkout as the runner would clone it (tracked and new files).
repo=$tmp/repo
mkdir -p "$repo"
(cd "$here" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 cp --parents -t "$repo")
private_home 1782864000
(cd "$repo" && git init -q && git add -A && git commit -qm checkout)
(cd "$repo" && "$BACKPORT" ci --gitlab-shell .gitlab-ci.yml >/dev/null)
grep -q '^  image:' "$repo/.gitlab-ci.yml" && fail "shell variant has an image"
cmp -s "$here/.gitlab-ci.yml" "$repo/.gitlab-ci.yml" &&
	fail "shell variant is the committed file"

# gcl JOB LOG VAR=VALUE...: run one job of the shell variant.
gcl() {
	job=$1 log=$2
	shift 2
	set -- --shell-executor-no-image --file .gitlab-ci.yml \
		--home "$tmp/home" --no-color \
		--variable "CCACHE_DIR=$ccache_dir" "$@" "$job"
	(cd "$repo" && "$gcl" "$@") >"$log" 2>&1
}

echo "t60: gitlab-ci-local $("$gcl" --version), job 6.1.y"
gcl 6.1.y "$tmp/61.log" "BACKPORT_CACHE=$cache" ||
	{ tail -40 "$tmp/61.log"; fail "job 6.1.y failed under gitlab-ci-local"; }
grep -q 'PASS  *6.1.y' "$tmp/61.log" || fail "no PASS for 6.1.y"
for s in build_base verify; do
	grep -q "section_start:[0-9]*:$s" "$tmp/61.log" ||
		fail "no section $s in the job log"
	grep -q "section_end:[0-9]*:$s" "$tmp/61.log" ||
		fail "section $s not closed"
done
grep -q '6.1.y: CI job passed' "$tmp/61.log" || fail "no job summary"
junit=$(find "$repo/.gitlab-ci-local/artifacts" -path '*/ci-results/6.1.y.junit.xml')
[ -n "$junit" ] || fail "gitlab-ci-local collected no JUnit report"
python3 - "$junit" <<'PY' || fail "JUnit report: not a passing 6.1.y suite"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
cases = [c for s in suites for c in s.findall("testcase")]
bad = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
assert cases and not bad, (len(cases), len(bad))
assert any("6.1.y" in (s.get("name") or "") for s in suites)
print("t60: JUnit %s: %d test cases, none failed" % (sys.argv[1].split("/.gitlab-ci-local/")[1], len(cases)))
PY

echo "t60: job 5.10.y without a tree"
if gcl 5.10.y "$tmp/510.log" "BACKPORT_CACHE=$tmp/cache" \
	"BACKPORT_MIRROR=file://$tmp/no-mirror"; then
	fail "job 5.10.y passed without a tree"
fi
grep -q 'FAIL  *5.10.y' "$tmp/510.log" || { tail -20 "$tmp/510.log"; fail "gitlab-ci-local did not report 5.10.y failed"; }
grep -q 'linux-5.10.46' "$tmp/510.log" || fail "the failure does not name linux-5.10.46"
echo "t60: gitlab-ci-local ran the generated file: 6.1.y passed, 5.10.y failed as it must"
