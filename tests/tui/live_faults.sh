#!/bin/sh
# live_faults.sh - `mmscope run` when the input goes wrong, with a
# stand-in for QEMU (tests/tui/fakeqemu, through $MMSCOPE_QEMU) that
# sends a recorded lecture's stream and then misbehaves on purpose:
# it dies of a signal half way (the status bar says so and that the
# trace ends early, what came stays browsable, and --record kept every
# byte of it); it sends garbage in the middle (the status bar counts the
# garbage bytes, the events after it still arrive); it fails at once
# with a message of its own (shown, and no events to browse).
. "$(dirname "$0")/lib.inc"
echo 1..8
FAKE=$(cd "$(dirname "$0")" && pwd)/fakeqemu

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
events() {
	"$MMSCOPE" dump --json "$1" 2>/dev/null | grep -vc '"diag"'
}

start 140 30 MMSCOPE_QEMU=$FAKE FAKE_TRACE=$T/lec.mmt FAKE_BYTES=3000 FAKE_SIGNAL=9
type_line "$MMSCOPE run lecture --kernel $KERNEL --record $T/crash.mmt"
wait_for 'QEMU was killed by signal 9' 10 && shows 'ends early \(no END\)'
ok $? "QEMU killed half way: the status bar says so, and that the trace ends early"
shown=$(cursor)
keys Home
wait_for 'PAUSED +event 0 of'
ok $? "what came is browsable: Home goes to event 0"
keys q
wait_for 'QEMU was killed by signal 9 \(Killed\)$' 5 &&
	[ "$(events "$T/crash.mmt")" = $((shown + 1)) ]
ok $? "q: mmscope says how QEMU died; --record kept all $((shown + 1)) events"

start 140 30 MMSCOPE_QEMU=$FAKE FAKE_TRACE=$T/lec.mmt FAKE_GARBAGE=3000:700
type_line "$MMSCOPE run lecture --kernel $KERNEL"
wait_for 'QEMU exited: the scenario passed' 10 && shows 'garbage [0-9]+ B'
ok $? "garbage in the stream: the status bar counts the bytes"
shows 'The scenario ends: ok' && shows ' lost [1-9]'
ok $? "the events after the garbage still arrive (END); the lost ones are counted"
keys q
wait_for '^\$( |$)' 5 && [ "$(alt_screen)" = 0 ]
ok $? "q: the terminal is given back"

start 140 30 MMSCOPE_QEMU=$FAKE "FAKE_SAY='qemu: could not load the kernel'" FAKE_EXIT=1
type_line "$MMSCOPE run lecture --kernel $KERNEL"
wait_for 'QEMU exited with status 1: qemu: could not load the kernel' 10 &&
	shows 'The trace has no events'
ok $? "QEMU failing at once: its own message in the status bar, no events"
keys q
wait_for 'mmscope: QEMU exited with status 1' 5 && [ "$(alt_screen)" = 0 ]
ok $? "q: mmscope repeats it on the terminal"
