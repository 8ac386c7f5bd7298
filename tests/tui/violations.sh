#!/bin/sh
# violations.sh - a kernel with a fault (bug=lazy_no_grab: a kernel
# thread borrows an mm without mmgrab) recorded here and replayed: the
# status bar counts the checker's violations, v lists them, Enter goes
# to the first one's event and the narration says which rule broke and
# why; c goes to its cause; the trace that ends in a panic says so.
. "$(dirname "$0")/lib.inc"
echo 1..6

"$MMSCOPE" record kthread_borrow --bug lazy_no_grab -o "$T/bug.mmt" \
	--kernel "$KERNEL" >/dev/null 2>&1
"$MMSCOPE" check "$T/bug.mmt" >"$T/check.out" 2>&1
nv=$(sed -n 's/^FAIL .* \([0-9]*\) rule violations*$/\1/p' "$T/check.out")
first=$(sed -n 's/^violation \([a-z_]*\) at event \([0-9]*\).*/\1 \2/p' "$T/check.out" | head -1)
cause=$(sed -n 's/^  cause: event \([0-9]*\).*/\1/p' "$T/check.out" | head -1)
set -- $first
rule=$1 at=$2

start 80 24
type_line "$MMSCOPE replay $T/bug.mmt"
wait_for "REPLAY"
wait_for " $nv violations? " && shows 'PANIC at'
ok $? "the status bar: $nv violations (as mmscope check counts), and the PANIC"

keys v
wait_for "$nv violations? found by the checker" &&
	line '^ event ' | grep -Eq "^ event +$at +cpu 0 +$rule "
ok $? "v lists them: the first is $rule at event $at"
shows "^ +cause: event $cause "
ok $? "the selected one in full below, with its cause (event $cause)"

keys Enter
wait_for "PAUSED +event $at of" && shows "^ $rule: " &&
	shows "^! +$at "
ok $? "Enter: event $at, '!' on its row, the narration names $rule"

keys v c
wait_for "event $cause of" && shows 'switches from .* to the kernel thread'
ok $? "c in the list: the cause, event $cause, the switch that borrowed"

keys q
wait_for '^\$( |$)' 5 && [ "$(alt_screen)" = 0 ]
ok $? "q: the terminal is given back"
