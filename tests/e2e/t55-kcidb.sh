#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# backport report --format kcidb on the committed results: one KCIDB v5.3
# document, valid against KernelCI's schema (Debian's python3-jsonschema;
# the schema from $BACKPORT_KCIDB_SCHEMA, else ../shared/reference/kcidb/
# next to the checkout, SKIP when neither is there), ids prefixed with the
# origin, one checkout per results file, one build per variant, one test
# per boot with its outcome as status.  Then broken copies of results/: a
# verdict holding a newline, a directory, text that is no JSON, a file of
# another branch make report (and mail) exit 2 naming the file; a missing
# file stays "not verified yet".
set -eu

. "$(dirname "$0")/lib.sh"
out=$tmp/kcidb.json

BACKPORT_ROOT=$here "$BACKPORT" report --format kcidb -o "$out" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "report --format kcidb exited $?"; }
[ ! -s "$tmp/err" ] || { cat "$tmp/err"; fail "report --format kcidb: messages on stderr"; }
ls "$tmp" | grep -q '\.tmp\.' && fail "a temporary file was left beside $out"

# 1. The schema.
py=/usr/bin/python3
[ -x $py ] || py=python3
if [ -n "${BACKPORT_KCIDB_SCHEMA:-}" ]; then
	schema=$BACKPORT_KCIDB_SCHEMA from=BACKPORT_KCIDB_SCHEMA
else
	schema=$here/../shared/reference/kcidb/v05_03.schema.json
	from="the default; set BACKPORT_KCIDB_SCHEMA"
fi
if [ ! -f "$schema" ]; then
	echo "SKIP: KCIDB schema validation only: $schema ($from) not found"
else
	$py -c 'import jsonschema' 2>/dev/null ||
		fail "$py cannot import jsonschema: apt-get install python3-jsonschema"
	$py - "$schema" "$out" <<'EOF' || fail "$out does not validate against $schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
EOF
	echo "ok: $(basename "$out") validates against $(basename "$schema")"
fi

# 2. What the document holds, against the committed results.
python3 - "$here/results" "$out" <<'EOF' || fail "the KCIDB document does not match results/"
import glob, json, os, sys
doc = json.load(open(sys.argv[2]))
assert doc["version"] == {"major": 5, "minor": 3}, doc["version"]
ids = {}
for kind in ("checkouts", "builds", "tests"):
    for o in doc[kind]:
        assert o["id"].startswith("backport:"), o["id"]
        assert o["origin"] == "backport", o
        assert o["id"] not in ids, "duplicate id " + o["id"]
        ids[o["id"]] = kind
for b in doc["builds"]:
    assert ids.get(b["checkout_id"]) == "checkouts", b["id"]
for t in doc["tests"]:
    assert ids.get(t["build_id"]) == "builds", t["id"]
    assert t["path"] == "thp.migration_entry_wait", t["path"]
files = [f for f in glob.glob(os.path.join(sys.argv[1], "*.json"))
         if not os.path.basename(f).startswith(("bench", "work-"))]
tests = {t["id"]: t for t in doc["tests"]}
builds = {b["id"]: b for b in doc["builds"]}
nvariants = nruns = 0
for f in files:
    r = json.load(open(f))
    cid = "backport:%s/%s" % (r["branch"], r["finished"])
    assert ids.get(cid) == "checkouts", cid
    vs = [r["ab"]["a"], r["ab"]["b"]] if "ab" in r else [r["run"]]
    for v in [v for v in vs if v]:
        nvariants += 1
        bid = "%s/%s" % (cid, v["variant"])
        assert builds[bid]["status"] == ("PASS" if v["build"]["ok"] else "FAIL")
        for run in v["runs"]:
            nruns += 1
            want = run["outcome"]
            if want == "ERROR" and run.get("error"):
                want = "MISS"
            t = tests["%s/%d" % (bid, run["run"])]
            assert t["status"] == want, (t["id"], t["status"], want)
assert len(doc["checkouts"]) == len(files), (len(doc["checkouts"]), len(files))
assert len(doc["builds"]) == nvariants, (len(doc["builds"]), nvariants)
assert len(doc["tests"]) == nruns, (len(doc["tests"]), nruns)
print("ok: %d checkouts, %d builds, %d tests (one per boot)"
      % (len(files), nvariants, nruns))
EOF

# 3. Broken copies of results/.
copy() {
	rm -rf "$tmp/r"
	mkdir -p "$tmp/r/configs"
	cp "$here/configs/branches.json" "$tmp/r/configs/"
	cp -r "$here/results" "$here/ports" "$here/series" "$here/upstream" \
		"$here/MAINTAINERS.txt" "$tmp/r/"
}

# expect2 FILE WHAT ARGS...: exit 2, "FILE: WHAT" named (WHAT a regex;
# FILE:LINE:COLUMN for "FILE:[0-9]..."), nothing written.
expect2() {
	file=$1 what=$2
	shift 2
	rm -rf "$tmp/w"
	rc=0
	BACKPORT_ROOT=$tmp/r "$BACKPORT" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc -eq 2 ] || { cat "$tmp/out" "$tmp/err"; fail "$* on a broken $file: exit $rc, want 2"; }
	case $what in
	:*) at="results/$file$what" ;;
	*) at="results/$file: $what" ;;
	esac
	grep -q "error: .*$at" "$tmp/err" ||
		{ cat "$tmp/err"; fail "$* on a broken $file: message does not name '$at'"; }
	[ ! -e "$tmp/w" ] || fail "$* on a broken $file: output written"
}

copy
jq '.verdict = "fix-verified\nPASS"' "$here/results/5.10.y.json" >"$tmp/r/results/5.10.y.json"
expect2 5.10.y.json 'verdict: holds a newline' report --format kcidb -o "$tmp/w"
expect2 5.10.y.json 'verdict: holds a newline' report -o "$tmp/w"
expect2 5.10.y.json 'verdict: holds a newline' mail --branch 5.10.y -o "$tmp/w"

copy
rm "$tmp/r/results/4.4.y.json"
mkdir "$tmp/r/results/4.4.y.json"
expect2 4.4.y.json 'a directory, not a results file' report --format kcidb -o "$tmp/w"

copy
head -c 300 "$here/results/6.1.y.json" >"$tmp/r/results/6.1.y.json"
expect2 6.1.y.json ':[0-9][0-9]*:[0-9][0-9]*: ' report --format kcidb -o "$tmp/w"

copy
jq '.ab.b.runs[0].outcome = "GREAT"' "$here/results/5.4.y.json" >"$tmp/r/results/5.4.y.json"
expect2 5.4.y.json 'ab.b.runs\[0\].outcome: "GREAT" is not one of' report --format json -o "$tmp/w"

copy
cp "$here/results/5.12.y.json" "$tmp/r/results/5.10.y.json"
expect2 5.10.y.json 'branch: "5.12.y", not 5.10.y' report --format kcidb -o "$tmp/w"

# A missing file is no error: the row is not verified yet.
copy
rm "$tmp/r/results/6.1.y.json"
BACKPORT_ROOT=$tmp/r "$BACKPORT" report --format kcidb -o "$tmp/k2.json" ||
	fail "report --format kcidb without results/6.1.y.json exited $?"
[ "$(jq '.checkouts | length' "$tmp/k2.json")" -eq 9 ] ||
	fail "without results/6.1.y.json: not 9 checkouts"
BACKPORT_ROOT=$tmp/r "$BACKPORT" report -o "$tmp/r.md" ||
	fail "report without results/6.1.y.json exited $?"
grep -q '^| 6.1.y | fixed-upstream | .* not verified yet |' "$tmp/r.md" ||
	fail "report: 6.1.y not shown as not verified yet"
echo "t55: report --format kcidb OK"
