#!/bin/sh
# ci.sh - `mmscope check` for CI systems: --junit writes JUnit XML that
# python's XML parser reads, in the structure CI systems expect
# (testsuites / testsuite / testcase / failure, counts that add up:
# junit.py), a test case per assertion with the message check prints;
# --tap a test point per assertion; --all DIR runs every expect file at
# its eras and CPU counts, in parallel, with a summary table, and says
# which failed and why.  Bad options and unusable files exit 2.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, BUILD, TEST_TMPDIR.
set -u
: "${MMSCOPE:?}" "${KERNEL:?}" "${BUILD:?}" "${TEST_TMPDIR:?}"
T=$TEST_TMPDIR/ci.$$
mkdir -p "$T" || exit 1
trap 'rm -rf "$T"' EXIT
D=$(cd "$(dirname "$0")" && pwd)
S=$D/../../samples
JUNIT="python3 $D/junit.py"

. "$(dirname "$0")/../tap.inc"

# run CMD...: CMD's stdout in $T/out, stderr in $T/err, status in $rc
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

echo "1..18"
"$BUILD/tests/gentrace" -o "$T/clean.mmt" --events 20000 --cpus 2 --seed 2 2>/dev/null
"$BUILD/tests/gentrace" -o "$T/viol.mmt" --events 5000 --cpus 2 --seed 3 \
	--inject count_balance@2000 2>/dev/null
printf 'expect exec pid=1 new_mm=$A\nstate mm $A users=3\nfinal lost 0\n' >"$T/bad.expect"
printf 'final mms 0\nexpect mm_ref mm=$A op=grab\n' >"$T/syntax.expect"

# --- one trace, --junit and --tap ------------------------------------

run "$MMSCOPE" check "$T/clean.mmt" --expect "$D/gentrace.expect" --junit "$T/j1.xml"
asserts=$(sed -n 's/.* \([0-9]*\) assertions .*/\1/p' "$T/out")
sum=$($JUNIT "$T/j1.xml")
ok $([ $rc -eq 0 ] && [ "$sum" = "suites=1 tests=$((asserts + 1)) failures=0 errors=0 skipped=0" ]; echo $?) \
	"a passing check: exit 0, valid JUnit XML, a case per assertion ($asserts) and the rules: $sum" \
	"exit $rc; $sum"
ok $(grep -q "^PASS .*clean.mmt" "$T/out"; echo $?) \
	"--junit: check's own output is still printed"

run "$MMSCOPE" check "$T/clean.mmt" --expect "$T/bad.expect"
want=$(grep '^FAIL .*bad.expect:2:' "$T/out")
run "$MMSCOPE" check "$T/clean.mmt" --expect "$T/bad.expect" --junit "$T/j2.xml"
sum=$($JUNIT "$T/j2.xml")
ok $([ $rc -eq 1 ] && echo "$sum" | head -1 | grep -qx "suites=1 tests=4 failures=1 errors=0 skipped=0" &&
     echo "$sum" | grep -qxF "failure bad.expect: clean.mmt, era 2.6.32, 2 cpus | bad.expect:2: state mm \$A users=3 | $want"; echo $?) \
	"a failing assertion: exit 1, its case fails with the message check prints ($want)" \
	"exit $rc; $sum"

run "$MMSCOPE" check "$T/clean.mmt" --expect "$T/bad.expect" --tap
ok $([ $rc -eq 1 ] && [ "$(head -1 "$T/out")" = "1..4" ] &&
     [ "$(grep -c '^ok ' "$T/out")" -eq 3 ] &&
     grep -qx 'not ok 2 - bad.expect:2: state mm \$A users=3' "$T/out" &&
     grep -q "^# FAIL .*bad.expect:2:" "$T/out"; echo $?) \
	"--tap: a plan, a test point per assertion, the failure as diagnostics" \
	"$(cat "$T/out")"

run "$MMSCOPE" check "$T/viol.mmt" --junit "$T/j3.xml"
sum=$($JUNIT "$T/j3.xml")
ok $([ $rc -eq 1 ] && echo "$sum" | head -1 | grep -qx "suites=1 tests=1 failures=1 errors=0 skipped=0" &&
     echo "$sum" | grep -q "| violation count_balance at event"; echo $?) \
	"no expect file: one case, the rules; a violation fails it" "exit $rc; $sum"

run "$MMSCOPE" check "$T/clean.mmt" --expect "$T/syntax.expect" --junit "$T/j4.xml"
sum=$($JUNIT "$T/j4.xml")
ok $([ $rc -eq 2 ] && echo "$sum" | head -1 | grep -qx "suites=1 tests=1 failures=0 errors=1 skipped=0" &&
     echo "$sum" | grep -q "syntax.expect:2:24: expected one of"; echo $?) \
	"an expect file with an error: exit 2, an error case that says where" \
	"exit $rc; $sum"

# --- bad options --------------------------------------------------------

mkdir "$T/empty"
for args in "--all $T/empty" "--all $T/none" "--all $S -j 0" "--all $S -j 65" \
	    "$T/clean.mmt -j 2" "--all $S $T/clean.mmt" "--all $S --era 2.4" \
	    "$T/clean.mmt --junit"; do
	run "$MMSCOPE" check $args
	[ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && [ ! -s "$T/out" ] ||
		{ bad="check $args: exit $rc, $(cat "$T/err")"; break; }
	bad=
done
ok $([ -z "$bad" ]; echo $?) \
	"bad --all, -j, --era, --junit: exit 2, one line on stderr, nothing run" "$bad"
run "$MMSCOPE" check "$T/clean.mmt" --junit "$T/none/x.xml"
ok $([ $rc -eq 2 ] && grep -q "$T/none/x.xml: cannot write the JUnit report" "$T/err" &&
     grep -q "^PASS" "$T/out"; echo $?) \
	"a JUnit file that cannot be written: exit 2, named; the check still printed" \
	"exit $rc; $(cat "$T/err")"

# --- --all -------------------------------------------------------------

mkdir "$T/good" "$T/mixed"
cp "$S/boot.expect" "$S/threads.expect" "$T/good/"
TMPDIR=$T run "$MMSCOPE" check --all "$T/good" --smp 1 -j 2 --junit "$T/all.xml" \
	--kernel "$KERNEL" --timeout 120
ok $rc "--all, 2 files at one CPU, both eras, -j 2: exit 0" "$(cat "$T/out" "$T/err")"
ok $(grep -Eq '^boot\.expect +2 +2 +0 ' "$T/out" &&
     grep -Eq '^threads\.expect +2 +2 +0 ' "$T/out" &&
     grep -Eq '^total, 2 files +4 +4 +0 .*-j 2\)$' "$T/out" &&
     grep -q '^FILE  *RUNS  *PASS  *FAIL  *SECONDS$' "$T/out"; echo $?) \
	"the summary table: file, runs, pass, fail, seconds, and the totals" \
	"$(cat "$T/out")"
ok $([ "$(grep -c '^PASS ' "$T/out")" -eq 4 ]; echo $?) \
	"a PASS line per run" "$(cat "$T/out")"
sum=$($JUNIT "$T/all.xml")
ok $(echo "$sum" | grep -Eqx "suites=4 tests=[0-9]+ failures=0 errors=0 skipped=0"; echo $?) \
	"--all --junit: a test suite per run, valid: $sum" "$sum"
ok $(! ls "$T"/mmscope-check-* >/dev/null 2>&1; echo $?) \
	"the runs' temporary traces and outputs are removed when they pass" \
	"$(ls "$T"/mmscope-check-* 2>&1)"

printf 'scenario boot\nfinal end status=fail\n' >"$T/mixed/boot_fail.expect"
printf 'final mms 0\n' >"$T/mixed/noscen.expect"
cp "$T/syntax.expect" "$T/mixed/"
TMPDIR=$T run "$MMSCOPE" check --all "$T/mixed" --era modern --tap \
	--junit "$T/mixed.xml" --kernel "$KERNEL" --timeout 120
ok $([ $rc -eq 2 ] && [ "$(head -1 "$T/out")" = "1..3" ] &&
     [ "$(grep -c '^not ok [0-9]' "$T/out")" -eq 3 ] &&
     grep -q '^# Subtest: boot_fail.expect: boot, era modern, 1 cpu$' "$T/out" &&
     grep -q '^    not ok 1 - boot_fail.expect:2: final end status=fail$' "$T/out"; echo $?) \
	"--all --tap: a test point per run, its assertions as a subtest; exit 2 (a file could not be run)" \
	"exit $rc; $(cat "$T/out")"
ok $(grep -Eq '^# total, 3 files +3 +0 +3 ' "$T/out"; echo $?) \
	"--tap: the table as comments" "$(tail -5 "$T/out")"
sum=$($JUNIT "$T/mixed.xml")
ok $(echo "$sum" | head -1 | grep -Eqx "suites=3 tests=4 failures=1 errors=2 skipped=0" &&
     echo "$sum" | grep -q "^error noscen.expect | the check ran | mmscope: .*noscen.expect names no scenario" &&
     echo "$sum" | grep -q "^error syntax.expect | .*syntax.expect:2:24: expected one of"; echo $?) \
	"a failed run's cases fail, a file without a scenario or with an error is an error" \
	"$sum"
kept=$(sed -n 's/.*the trace is kept in \([^ ]*\) .*/\1/p' "$T/mixed.xml" | head -1)
ok $([ -n "$kept" ] && [ -s "$kept" ]; echo $?) \
	"the failed run's trace is kept, and the report says where ($kept)"
rm -f "$T"/mmscope-check-*

# --- --run with --junit -----------------------------------------------

TMPDIR=$T run "$MMSCOPE" check --run boot --expect "$S/boot.expect" \
	--junit "$T/run.xml" --kernel "$KERNEL" --timeout 120
sum=$($JUNIT "$T/run.xml")
ok $([ $rc -eq 0 ] && echo "$sum" | grep -Eqx "suites=1 tests=7 failures=0 errors=0 skipped=0" &&
     ! ls "$T"/mmscope-check-*.mmt >/dev/null 2>&1 && grep -q "^PASS" "$T/out"; echo $?) \
	"--run boot --junit: exit 0, 6 assertions and the rules, its trace removed: $sum" \
	"exit $rc; $sum; $(ls "$T"/mmscope-check-* 2>&1)"
