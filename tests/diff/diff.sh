#!/bin/sh
# diff.sh - `mmscope diff` on recorded traces.  kthread_borrow in 2.6.32
# and in the modern era: what differs is exactly what Linux says, every
# kernel->kernel switch that 2.6.32 makes lazy|prev_mm with an mmgrab
# lazy_borrow and a prev_mm mmdrop is one lazy|handoff switch in the
# modern era, and the rest is the same (exit 1).  fork_exit with
# bug=exit_no_grab against a good kernel: the first difference is the
# missing exit_grab, and the bad kernel ends in a panic.  A trace against
# itself and against a second run: no difference (exit 0).  -U 0 and
# --all; bad arguments and a missing trace exit 2 naming the problem.
#
# Environment (set by tests/runtests.py): MMSCOPE, KERNEL, TEST_TMPDIR.
set -u
T=$TEST_TMPDIR/diff.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
n=0
ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; sed 's/^/#  /' "$T/out" | head -30
	fi
}
rec() {	# rec NAME SCENARIO OPTION...
	name=$1
	shift
	"$MMSCOPE" record "$@" -o "$T/$name.mmt" --kernel "$KERNEL" >/dev/null 2>&1
}
echo 1..8

rec kb kthread_borrow
rec kbm kthread_borrow --era modern
rec kb2 kthread_borrow
rec fe fork_exit
rec feb fork_exit --bug exit_no_grab

"$MMSCOPE" diff "$T/kb.mmt" "$T/kbm.mmt" >"$T/out"
rc=$?
head -2 "$T/out" | grep -q '^A: .*kthread_borrow, era 2\.6\.32, 1 cpu' &&
	head -2 "$T/out" | grep -q '^B: .*kthread_borrow, era modern, 1 cpu' && [ $rc -eq 1 ]
ok $? "2.6.32 against modern: both eras named, exit 1"

python3 - "$T/out" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
step = lambda l: re.sub(r"^[-+] +(A \d+ +)?(B \d+ +)?", "", l)
minus = [step(l) for l in lines if l.startswith("- ")]
plus = [step(l) for l in lines if l.startswith("+ ")]
bad = [l for l in plus if not re.fullmatch(r"switch \S+ -> \S+ lazy\|handoff", l)]
bad += [l for l in minus if not re.fullmatch(
    r"switch \S+ -> \S+ lazy\|prev_mm|mmgrab \S+( \S+)? lazy_borrow \d+/\d+|"
    r"mmdrop \S+( \S+)? prev_mm \d+/\d+", l)]
ok = not bad and plus and len(minus) == 3 * len(plus)
print("# %d only in 2.6.32, %d only in modern %s" % (len(minus), len(plus), bad[:3]))
sys.exit(0 if ok else 1)
PY
ok $? "every modern handoff is a 2.6.32 lazy|prev_mm switch with its lazy_borrow mmgrab and prev_mm mmdrop, nothing else differs"

"$MMSCOPE" diff "$T/fe.mmt" "$T/feb.mmt" >"$T/out"
rc=$?
[ $rc -eq 1 ] && grep -m1 '^[-+]' "$T/out" | grep -Eq '^- A [0-9]+ +mmgrab mm 3 exit_grab 1/2$' &&
	grep -Eq '^\+ +B [0-9]+ +panic "__mmdrop: mm 3 in cr3' "$T/out"
ok $? "a good fork_exit against bug=exit_no_grab: the missing exit_grab first, the panic at B's end"

"$MMSCOPE" diff "$T/kb.mmt" "$T/kb.mmt" >"$T/out" &&
	tail -1 "$T/out" | grep -q '^0 steps only in A, 0 only in B, [0-9]* the same; 4 marks in both$' &&
	! grep -q '^@@' "$T/out"
ok $? "a trace against itself: no hunk, exit 0"
"$MMSCOPE" diff "$T/kb.mmt" "$T/kb2.mmt" >"$T/out"
ok $? "against a second run of the same kernel: the same steps, exit 0"

"$MMSCOPE" diff -U 0 "$T/kb.mmt" "$T/kbm.mmt" >"$T/out"
! sed -n '3,$p' "$T/out" | grep -v '^[-+@]' | grep -vq 'steps only in A'
ok $? "-U 0: only the differing steps and the hunks' heads"
"$MMSCOPE" diff --all "$T/kb.mmt" "$T/kbm.mmt" >"$T/out"
rows=$(grep -c '^[-+ ] ' "$T/out")
sum=$(tail -1 "$T/out" | awk '{ print $1 + $6 + $10 }')
[ "$rows" = "$sum" ]
ok $? "--all: every step, $rows rows"

"$MMSCOPE" diff "$T/kb.mmt" "$T/none.mmt" >"$T/out" 2>&1; r1=$?
"$MMSCOPE" diff "$T/kb.mmt" >>"$T/out" 2>&1; r2=$?
"$MMSCOPE" diff -U x "$T/kb.mmt" "$T/kbm.mmt" >>"$T/out" 2>&1; r3=$?
[ $r1 = 2 ] && [ $r2 = 2 ] && [ $r3 = 2 ] &&
	grep -q "none.mmt: No such file" "$T/out" &&
	grep -q "two traces, please" "$T/out" && grep -q -- "-U x: a number of steps" "$T/out"
ok $? "a missing trace, one trace, a bad -U: exit 2, saying which"
