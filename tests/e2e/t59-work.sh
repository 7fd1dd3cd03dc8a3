#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The test's work in the results and the report: the committed results
# (written before the test reported its work) still read and report, with
# "—" in the work column of the runs table; a run with "work" shows its
# counts, an INCONCLUSIVE run its outcome; a malformed "work" makes report
# exit 2 naming the field; a table whose pass_work, work_unit or heartbeat
# is no such value is refused (exit 2) naming it.
set -eu

. "$(dirname "$0")/lib.sh"

copy() {
	rm -rf "$tmp/r"
	mkdir -p "$tmp/r/configs"
	cp "$here/configs/branches.json" "$tmp/r/configs/"
	cp -r "$here/results" "$here/ports" "$here/series" "$here/upstream" \
		"$here/MAINTAINERS.txt" "$tmp/r/"
}

report() {
	BACKPORT_ROOT=$tmp/r "$BACKPORT" report -o "$tmp/report.md" 2>"$tmp/err"
}

# 1. Old results: every run row has "—" for its work (the committed
# documents as they were before runs recorded it).
copy
for f in "$tmp"/r/results/*.json; do
	jq -e '.branch' "$f" >/dev/null 2>&1 || continue
	jq 'walk(if type == "object" then del(.work) else . end)' "$f" >"$f.new" &&
		mv "$f.new" "$f"
done
report || { cat "$tmp/err"; fail "report on the committed results exited $?"; }
grep -q '^| variant | run | outcome | time | work |$' "$tmp/report.md" ||
	fail "no runs table in the report"
rows=$(grep -c '^| \(base\|patched\) | [0-9]* | ' "$tmp/report.md")
dash=$(grep -c '^| \(base\|patched\) | [0-9]* | .* | — |$' "$tmp/report.md")
[ "$rows" -gt 0 ] && [ "$rows" -eq "$dash" ] ||
	fail "old results: $dash of $rows run rows report no work as —"

# 2. A run with work, and an INCONCLUSIVE one.
copy
f=$tmp/r/results/5.10.y.json
jq '.ab.b.runs[0].work = {"t": 8.5, "split_attempts": 900, "splits": 400,
	"rollbacks": 12, "tail_faults": 5000000000, "recreates": 399}
    | .ab.b.runs[1].outcome = "INCONCLUSIVE"
    | .ab.b.runs[1].kind = "inconclusive"' "$f" >"$f.new" && mv "$f.new" "$f"
report || { cat "$tmp/err"; fail "report with work exited $?"; }
grep -q '^| patched | 1 | PASS (pass) | [0-9.]*s | t=8.5 split_attempts=900 splits=400 rollbacks=12 tail_faults=5000000000 recreates=399 |$' \
	"$tmp/report.md" || fail "the work of patched run 1 is not in the report"
grep -q '^| patched | 2 | INCONCLUSIVE (inconclusive) | ' "$tmp/report.md" ||
	fail "the INCONCLUSIVE run is not in the report"

# 3. Malformed work: exit 2, the field named, nothing written.
jq '.ab.b.runs[0].work.splits = "many"' "$f" >"$f.new" && mv "$f.new" "$f"
rm -f "$tmp/report.md"
rc=0
report || rc=$?
[ $rc -eq 2 ] || fail "report on a malformed work: exit $rc, want 2"
grep -q 'results/5.10.y.json: ab.b.runs\[0\].work.splits: a string, not an integer' "$tmp/err" ||
	{ cat "$tmp/err"; fail "the message does not name the field"; }
[ ! -e "$tmp/report.md" ] || fail "a report was written"

# 4. The table's work values.
bad() {
	copy
	jq "$1" "$here/configs/branches.json" >"$tmp/r/configs/branches.json"
	rc=0
	BACKPORT_ROOT=$tmp/r "$BACKPORT" matrix >/dev/null 2>"$tmp/err" || rc=$?
	[ $rc -eq 2 ] || fail "matrix with $1: exit $rc, want 2"
	grep -q "$2" "$tmp/err" || { cat "$tmp/err"; fail "matrix with $1: no '$2'"; }
}
bad '.boot.pass_work = 0' 'boot: "pass_work" must be a whole number'
bad '.boot.pass_work = "1000"' 'boot: "pass_work" must be a whole number'
bad '.boot.work_unit = "progress"' 'boot.work_unit: "progress" is not a count'
bad '.boot.heartbeat = -1' 'boot: "heartbeat" must be a number'
bad '.branches[6].pass_work = 2.5' 'branch 5.10.y: "pass_work" must be a whole number'
echo "t59-work: ok"
