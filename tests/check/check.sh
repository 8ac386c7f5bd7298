#!/bin/sh
# check.sh - `mmscope check` on synthetic traces from build/tests/gentrace
# and on the real kernel's boot scenario: a correct trace passes (exit 0)
# with and without an expect file; each injected rule violation fails
# (exit 1) naming the rule at the event gentrace broke it; lost events
# suspend rules instead of failing; a failed assertion names file:line;
# an expect file with an error, a missing or garbage trace, and a trace of
# another era exit 2; --run records the boot scenario and keeps the trace
# of a failed check; dump --json carries the model's counters.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, BUILD,
# TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/check.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
D=$(dirname "$0")
GEN=$BUILD/tests/gentrace
. "$(dirname "$0")/../tap.inc"
# is WANT CMD...: run CMD, 0 if its exit status is WANT
is() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq "$want" ] || { echo "# exit $rc, not $want:"; sed 's/^/#  /' "$T/out" "$T/err" | head -20; }
	[ $rc -eq "$want" ]
}
RULES="counter_mismatch negative_counter count_without_users users_balance
count_balance user_active_mm kthread_has_mm switched_out_active_mm
free_with_count free_while_active init_mm_freed init_mm_as_mm
use_after_free leak_at_end"
echo 1..$((12 + 14))

"$GEN" -o "$T/clean.mmt" --events 30000 --cpus 4 --seed 2 2>/dev/null
is 0 "$MMSCOPE" check "$T/clean.mmt" && grep -q "^PASS .*clean.mmt: [0-9]* events, 0 rule violations" "$T/out"
ok $? "a correct 4-CPU trace passes the rules: exit 0, PASS and the counts"

is 0 "$MMSCOPE" check "$T/clean.mmt" --expect "$D/gentrace.expect" && grep -q "^PASS .*15 assertions (0 failed" "$T/out"
ok $? "and the assertions of gentrace.expect"

"$GEN" -o "$T/modern.mmt" --events 20000 --cpus 2 --era modern --seed 5 2>/dev/null
is 0 "$MMSCOPE" check "$T/modern.mmt" --expect "$D/gentrace.expect" --era modern --smp 2
ok $? "era modern, 2 CPUs: --era and --smp name what the trace must be"

is 2 "$MMSCOPE" check "$T/modern.mmt" --era 2.6.32 && grep -q "recorded in era modern, not 2.6.32" "$T/err"
ok $? "a trace of another era than --era: exit 2"

for r in $RULES; do
	"$GEN" -o "$T/$r.mmt" --events 5000 --cpus 2 --seed 3 --inject $r@2000 2>"$T/gen.err"
	at=$(sed -n 's/.*injected [a-z_]* at event \([0-9]*\).*/\1/p' "$T/gen.err")
	is 1 "$MMSCOPE" check "$T/$r.mmt"
	first=$(grep -m1 "^violation" "$T/out")
	case $r in
	users_balance|count_balance|leak_at_end)	# found later; cause named
		echo "$first" | grep -q "^violation $r at event" &&
		{ [ $r = leak_at_end ] || grep -q "cause: event $at " "$T/out"; } ;;
	*)	echo "$first" | grep -q "^violation $r at event $at " ;;
	esac
	ok $? "injected $r (event $at): exit 1, the checker names it first"
done

"$GEN" -o "$T/gap.mmt" --events 20000 --cpus 3 --seed 4 --gap 6000:50 --lost 12000:20 2>/dev/null
is 0 "$MMSCOPE" check -v "$T/gap.mmt" && grep -q "rules suspended for mm" "$T/out" && grep -q "70 events lost" "$T/out"
ok $? "lost events (a gap and a LOST record): rules suspended, no violation"

printf 'expect exec pid=1 new_mm=$A\nstate mm $A users=3\n' >"$T/bad.expect"
is 1 "$MMSCOPE" check "$T/clean.mmt" --expect "$T/bad.expect" && grep -q "^FAIL $T/bad.expect:2: state mm \$A users=3" "$T/out" && grep -q "users is 1" "$T/out"
ok $? "a failed assertion: exit 1, FAIL file:line, the state there"

printf 'final mms 0\nexpect mm_ref mm=$A op=grab\n' >"$T/syntax.expect"
is 2 "$MMSCOPE" check "$T/clean.mmt" --expect "$T/syntax.expect" && grep -q "syntax.expect:2:24: expected one of mmget, mmput, mmgrab, mmdrop for op, not 'grab'" "$T/err"
ok $? "an expect file with an error: exit 2, file:line and what was expected"

is 2 "$MMSCOPE" check "$T/missing.mmt" && grep -q "missing.mmt" "$T/err"
ok $? "a missing trace: exit 2, named"

head -c 3000 /dev/urandom >"$T/noise.mmt"
is 2 "$MMSCOPE" check "$T/noise.mmt" && grep -q "not an mmscope trace" "$T/err"
ok $? "a file that is not a trace: exit 2"

"$MMSCOPE" dump --json "$T/count_balance.mmt" >"$T/dump.json" 2>/dev/null
python3 - "$T/dump.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
refs = [r for r in rows if r.get("type") == "mm_ref"]
bad = [r for r in rows if "violations" in r]
sys.exit(0 if refs and all("model" in r for r in refs) and
         all(r["model"] is None or r["model"]["users_after"] == r["users"]
             for r in refs[:50]) and bad and
         bad[0]["violations"][0]["rule"] == "count_balance" else 1)
PY
ok $? "dump --json: each MM_REF has the model's counters, violations at their event"

if [ -f "$KERNEL" ]; then
	TMPDIR=$T is 0 "$MMSCOPE" check --run boot --expect "$D/boot.expect" --kernel "$KERNEL" && grep -q "^PASS" "$T/out" && ! ls "$T"/mmscope-check-* 2>/dev/null | grep -q .
	ok $? "--run boot: recorded, checked, PASS, the temporary trace removed"
	printf 'scenario boot\nfinal end status=fail\n' >"$T/boot_fail.expect"
	TMPDIR=$T is 1 "$MMSCOPE" check --run boot --expect "$T/boot_fail.expect" --kernel "$KERNEL"
	kept=$(sed -n 's/.*the trace is kept in \([^ ]*\) .*/\1/p' "$T/err")
	[ $? -eq 0 ] && [ -s "$kept" ]
	ok $? "--run with a failing expectation: exit 1, the trace kept ($kept)"
else
	ok 0 "# SKIP no kernel at $KERNEL"
	ok 0 "# SKIP no kernel at $KERNEL"
fi
