#!/bin/sh
# live.sh - `mmscope run`: QEMU and the TUI together.  The lecture
# scenario at 100x30 with --record: the cursor follows the newest event
# to the last one, the status bar says LIVE and how QEMU ended, and the
# trace stays browsable after QEMU is gone (Left pauses and steps back);
# q stops, the terminal comes back with how QEMU ended and where the
# trace is, and the trace recorded while it was shown is complete.  The
# lecture over virtio-serial ends with as many events.  Then a long
# flood run killed with SIGTERM in the middle: the terminal
# is restored, mmscope says why it stopped, and QEMU is gone too.
. "$(dirname "$0")/lib.inc"
echo 1..9

start 100 30
type_line "$MMSCOPE run lecture --kernel $KERNEL --record $T/live.mmt; echo status=\$?"
wait_for 'QEMU exited: the scenario passed' 30
ok $? "run lecture: the status bar says QEMU exited and the scenario passed"

last=$(screen | sed -n 's/.*event \([0-9]*\) of \([0-9]*\).*/\1 \2/p')
set -- $last
[ -n "$1" ] && [ "$1" -eq $(($2 - 1)) ] && shows ' LIVE ' &&
	shows '^ +0 swapper/0 ' &&
	shows 'The scenario ends: ok'
ok $? "LIVE, the cursor on the last event ($1 of $2), CPU 0's row, END narrated"
count=$2

keys Left
wait_for "PAUSED +event $((count - 2)) of $count"
ok $? "Left after QEMU is gone: paused, one event back"

keys q
wait_for '^status=' 10 && shows 'mmscope: QEMU exited: the scenario passed \(status 33\)' &&
	shows "the trace is in $T/live.mmt" && shows '^status=0$'
ok $? "q: mmscope says how QEMU ended and where the trace is, exit 0"
[ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "the terminal is given back"

"$MMSCOPE" dump --json "$T/live.mmt" >"$T/live.json" 2>/dev/null
[ "$(grep -vc '"diag"' "$T/live.json")" = "$count" ] &&
	tail -1 "$T/live.json" | grep -q '"type":"end","status":"ok"'
ok $? "--record saved all $count events shown, END ok last"

# The same lecture over virtio-serial: the same events, the same end.
type_line "clear; $MMSCOPE run lecture --transport virtio --kernel $KERNEL; echo status=\$?"
wait_for 'QEMU exited: the scenario passed' 30 &&
	shows "event $((count - 1)) of $count" && shows 'The scenario ends: ok'
ok $? "run --transport virtio: the lecture's $count events, END narrated"
keys q
wait_for '^status=' 10

# A run that would go on for minutes, stopped by SIGTERM.
type_line "sh -c 'echo \$\$ >$T/pid; exec $MMSCOPE run flood --count 5000000 --kernel $KERNEL'; echo status=\$?"
wait_for 'event [1-9][0-9]{3,} of' 30
pid=$(cat "$T/pid" 2>/dev/null)
qemu=$(pgrep -P "$pid" 2>/dev/null | head -1)
[ -n "$pid" ] && [ -n "$qemu" ] && kill -TERM "$pid"
wait_for '^status=' 10 && shows 'mmscope: stopped by SIGTERM' &&
	[ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "SIGTERM during a live run: the terminal is restored, mmscope says why"
[ -n "$qemu" ] && ! kill -0 "$qemu" 2>/dev/null
ok $? "and QEMU (pid $qemu) was stopped with it"
