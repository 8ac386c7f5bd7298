#!/bin/sh
# identity.sh - each mm_struct has its own name in the TUI (model/lives.h):
# in the lecture the kernel gives mm id 3 out again and again.  Replay at
# 120x40: at an event of the second mm_struct with id 3 the mm panel, the
# CPUs panel, the event rows and the narration all say 3·2; m follows that
# mm_struct only (the Events header names it, Right stops at its MM_FREE
# instead of running into the next mm 3, Left stops at its MM_ALLOC); } and
# { jump to its MM_FREE and MM_ALLOC.  Then live: `mmscope run lecture`
# shows the same names once QEMU is done.
. "$(dirname "$0")/lib.inc"
echo 1..9

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>"$T/rec.err" ||
	echo "# record failed: $(tail -1 "$T/rec.err")"
alloc=$(event_of "$T/lec.mmt" type=mm_alloc mm_name=3.2)
free=$(event_of "$T/lec.mmt" type=mm_free mm_name=3.2)
grab=$(event_of "$T/lec.mmt" type=mm_ref mm_name=3.2 reason=exit_grab)
total=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | grep -vc '"diag"')
echo "# mm 3.2: MM_ALLOC $alloc, exit_grab $grab, MM_FREE $free"

start 120 40
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY +PAUSED +event 0 of"
keys g; type_line "$grab"
wait_for "event $grab of $total" &&
	line '^ +3·2 [a-z]+\[[0-9]+\] ' | grep -Eq '^ +3·2 [a-z]+\[[0-9]+\] +1 [^0-9]* +2 '
ok $? "g $grab: the mm panel's row is 3·2, mm_users 1, mm_count 2"

shows '^ +0 [a-z]+\[[0-9]+\] +user +3·2 +3·2 +loaded +3·2 0x' &&
	shows "^ +$grab +0 [^ ]+ +mm 3·2 count 1->2 " &&
	shows 'grabs mm 3·2 to keep running'
ok $? "the CPUs panel, the event row and the narration say 3·2 too"

keys m
wait_for 'following mm 3·2$' && shows 'following mm 3·2: only its events'
ok $? "m: following mm 3·2, the Events header says so"

keys '}'
wait_for "event $free of $total" && shows "^ +$free +0 mm_free +mm=3·2 "
ok $? "}: to its MM_FREE, event $free"

keys Right
wait_for 'no later event of the followed mm' && shows "event $free of $total"
ok $? "Right at its MM_FREE: no later event (the next mm 3 is another mm_struct)"

keys '{'
wait_for "event $alloc of $total" && shows "^ +$alloc +0 mm_alloc +mm=3·2 "
ok $? "{: to its MM_ALLOC, event $alloc"

keys Left
wait_for 'no earlier event of the followed mm' && shows "event $alloc of $total"
ok $? "Left at its MM_ALLOC: no earlier event of it"
keys q
wait_for '^\$( |$)' 5

type_line "$MMSCOPE run lecture --kernel $KERNEL"
wait_for 'QEMU exited: the scenario passed' 30
keys g; type_line "$grab"
wait_for "event $grab of" &&
	line '^ +3·2 [a-z]+\[[0-9]+\] ' | grep -Eq '^ +3·2 [a-z]+\[[0-9]+\] +1 [^0-9]* +2 '
ok $? "live: the same event names the same mm_struct 3·2"
keys m '}'
wait_for "event $free of" && shows 'following mm 3·2$'
ok $? "live: m and } follow it to its MM_FREE"
keys q
