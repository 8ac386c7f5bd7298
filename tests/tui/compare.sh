#!/bin/sh
# compare.sh - `mmscope replay A --compare B`: kthread_borrow recorded in
# era 2.6.32 (A) and in the modern era (B), side by side at 140x40.  Each
# side names its trace and era, and has its CPUs and mm_structs; the
# steps are aligned as mmscope diff aligns them (the same counts in the
# status line); n goes to the first difference, where A's kernel->kernel
# switch stands alone and B's handoff follows; each side narrates its own
# event; Enter opens A in the main screen at that event, d comes back.
# Without --compare, d says what it is for; a missing FILE2 is an error
# before the terminal changes hands.
. "$(dirname "$0")/lib.inc"
echo 1..7

"$MMSCOPE" record kthread_borrow -o "$T/a.mmt" --kernel "$KERNEL" >/dev/null 2>&1
"$MMSCOPE" record kthread_borrow --era modern -o "$T/b.mmt" --kernel "$KERNEL" >/dev/null 2>&1
"$MMSCOPE" diff "$T/a.mmt" "$T/b.mmt" >"$T/diff"
counts=$(tail -1 "$T/diff" | sed -n 's/^\([0-9]*\) steps only in A, \([0-9]*\) only in B.*/\1 only in A, \2 only in B/p')
first=$(grep -m1 '^- ' "$T/diff" | awk '{ print $3 }')
echo "# diff: $counts; the first step of A only: event $first"

start 140 40
type_line "$MMSCOPE replay $T/a.mmt --compare $T/b.mmt"
wait_for 'COMPARE +row 1 of' &&
	shows "^ A: .*a\.mmt, era 2\.6\.32, [0-9]+ events +B: .*b\.mmt, era modern, [0-9]+ events" &&
	shows "COMPARE +row 1 of [0-9]+ +$counts"
ok $? "both traces named with their eras; the counts of mmscope diff ($counts)"
shows '^CPU task .*│CPU task' && shows '^mm +owner .*│mm +owner'
ok $? "each side has its CPUs and mm_structs"

keys n
wait_for "^- +$first switch [a-z_]+ -> [a-z_]+ lazy\|prev_mm" &&
	shows '^\+ +│ +[0-9]+ switch [a-z_]+ -> [a-z_]+ lazy\|handoff'
ok $? "n: the first difference, A's lazy|prev_mm switch alone, B's handoff after it"
shows '^ CPU 0 switches from .*│' 
ok $? "A's side narrates A's event"

keys Enter
wait_for "REPLAY +PAUSED +event $first of"
ok $? "Enter: A in the main screen at that event ($first)"
keys d
wait_for 'COMPARE +row [0-9]+ of'
ok $? "d: back to the two traces"
keys q
wait_for '^\$( |$)' 5

type_line "$MMSCOPE replay $T/a.mmt --compare $T/none.mmt; echo status=\$?"
wait_for '^status=2$' 5 && shows 'none\.mmt: No such file'
ok $? "a missing FILE2: said, exit 2"
