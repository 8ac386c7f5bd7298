#!/bin/sh
# replay.sh - `mmscope replay` on a trace recorded here (lecture) at
# 80x24: the status and CPU rows; the counters at a known event (g N:
# exit_mm's mmgrab of the first child's mm: mm_users 1, mm_count 2);
# stepping back shows the earlier values again, forward the later;
# n goes to the next event of the cursor's kind; the help screen lists
# the keys; a search by name; the too-small screen at 60x15 and back on
# resize; q gives the terminal back (no alternate screen, a prompt that
# answers).
. "$(dirname "$0")/lib.inc"
echo 1..12

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>"$T/rec.err" ||
	{ echo "# record failed: $(tail -1 "$T/rec.err")"; }
total=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | grep -vc '"diag"')
grab=$(event_of "$T/lec.mmt" type=mm_ref reason=exit_grab)
mm=$("$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null |
	sed -n "s/^{\"n\":$grab,.*\"mm\":\([0-9]*\),.*/\1/p")

start 80 24
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY +PAUSED +event 0 of $total"
ok $? "replay starts paused at event 0 of $total, REPLAY in the status bar"

shows '^CPU +task +kind +mm +active_mm +tlb +cr3 +prev_mm' &&
	shows '^ +0 swapper/0 +idle'
ok $? "the CPUs panel: its header and a row for CPU 0 (swapper/0, idle)"

keys g; type_line "$grab"
wait_for "event $grab of $total" &&
	line "^ +$mm lecture\[[0-9]+\] " | grep -Eq "^ +$mm lecture\[[0-9]+\] +1 [^0-9]* +2 "
ok $? "g $grab: exit_mm's mmgrab; mm $mm shows mm_users 1, mm_count 2"

shows 'exit_mm: lecture\[[0-9]+\] grabs mm '"$mm"' .*' &&
	shows "^ +$grab +0 (mmgrab|atomic_inc\(&mm->mm_count\)) +mm $mm count 1->2"
ok $? "the narration says it in words; the event row names the operation"

keys Left
wait_for "event $((grab - 1)) of $total" &&
	line "^ +$mm lecture\[[0-9]+\] " | grep -Eq "^ +$mm lecture\[[0-9]+\] +1 [^0-9]* +1 "
ok $? "Left: event $((grab - 1)), mm $mm back to mm_count 1"

keys Right Right
wait_for "event $((grab + 1)) of $total" &&
	line "^ +0 lecture\[[0-9]+\] " | grep -Eq "^ +0 lecture\[[0-9]+\] +user +- +$mm +lazy"
ok $? "Right Right: exit_mm set mm = NULL: CPU 0 runs lazily on active_mm $mm"

keys n
moved $((grab + 1)) && wait_for "^ +$(cursor) +0 enter_lazy "
ok $? "n: the next event of the cursor's kind (enter_lazy)"

keys '?'
wait_for 'mmscope: keys' &&
	shows 'Right Left' && shows 'go to event N' &&
	shows 'follow one mm'
ok $? "? shows the help screen with the keys"
keys q
wait_for "REPLAY"

at=$(cursor)
keys /; type_line hello
moved "$at" && wait_for '(execs hello|hello\[[0-9]+\])'
ok $? "/ hello: the next event of a task named hello"

resize 60 15
wait_for 'terminal too small \(need 72x20\)'
ok $? "at 60x15: the too-small screen"
resize 80 24
wait_for "REPLAY" && shows '^CPU +task'
ok $? "resized to 80x24: the main screen again"

keys q
wait_for '^\$( |$)' 5 && [ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "q: the terminal is given back (no alternate screen, the prompt answers)"
