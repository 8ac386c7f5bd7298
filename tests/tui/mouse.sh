#!/bin/sh
# mouse.sh - clicks, as a terminal sends them (X10 mouse protocol): on
# an event row (the cursor goes there), on an mm row (selects it; a
# second click follows that mm), on a function key of the bottom bar
# (F1: help), in the violations list (selects, again: goes there).
. "$(dirname "$0")/lib.inc"
echo 1..5

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
"$MMSCOPE" record kthread_borrow --bug lazy_no_grab -o "$T/bug.mmt" \
	--kernel "$KERNEL" >/dev/null 2>&1
grab=$(event_of "$T/lec.mmt" type=mm_ref reason=exit_grab)

# row_of REGEX: the 0-based screen row of the first line that matches
row_of() {
	screen | grep -En -m1 -- "$1" | cut -d: -f1 | awk '{ print $1 - 1 }'
}

start 80 24
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for 'REPLAY'
keys g; type_line "$grab"
wait_for "event $grab of"
click 10 "$(row_of "^ +$((grab - 3)) +0 ")"
wait_for "event $((grab - 3)) of"
ok $? "a click on the row of event $((grab - 3)): the cursor goes there"

keys g; type_line "$grab"
wait_for "event $grab of"
y=$(row_of '^ +3 lecture\[')
click 2 "$y"
keys '?'			# keys come in order: once help is up, the
wait_for 'mmscope: keys'	# click is done
keys q
wait_for 'REPLAY' && ! screen | grep -q 'following mm'
ok $? "a click on mm 3's row selects it, nothing more"
click 2 "$y"
wait_for 'following mm 3' 30
ok $? "a second click on it follows mm 3"

click 1 23
wait_for 'mmscope: keys'
ok $? "a click on F1 in the bottom bar: the help screen"
keys q q

type_line "$MMSCOPE replay $T/bug.mmt"
wait_for 'REPLAY'
keys v
wait_for 'found by the checker'
click 5 2
click 5 2
wait_for 'PAUSED +event [0-9]+ of' && shows '^! '
ok $? "violations list: a click selects the second, again goes to its event"
keys q
