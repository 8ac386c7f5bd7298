#!/bin/sh
# terminal.sh - what the TUI does to the terminal: colours by default
# and none with NO_COLOR (the screen still readable, highlights in
# reverse video); Ctrl-C gives the terminal back like q; without a
# terminal, or on one that cannot move the cursor (TERM=dumb, a TERM
# terminfo does not know), replay and run refuse with a clear message,
# exit 2, and do not hang.
. "$(dirname "$0")/lib.inc"
echo 1..13

"$MMSCOPE" record exec -o "$T/exec.mmt" --kernel "$KERNEL" 2>/dev/null

# colour: SGR foreground/background codes (30-37, 40-47, 256 colours)
colors() {
	$TM capture-pane -t t -p -e | grep -Eq '\[([0-9;]*;)?(3[0-7]|4[0-7]|[34]8;5)(;[0-9;]*)?m'
}
reverse() {
	$TM capture-pane -t t -p -e | grep -Eq '\[([0-9;]*;)?7(;[0-9;]*)?m'
}

start 80 24
type_line "$MMSCOPE replay $T/exec.mmt"
wait_for 'REPLAY'
colors
ok $? "by default the screen has colours"

start 80 24 NO_COLOR=1
type_line "$MMSCOPE replay $T/exec.mmt"
wait_for 'REPLAY +PAUSED'
! colors && reverse && shows '^CPU +task' &&
	shows 'F1Help'
ok $? "NO_COLOR=1: no colour at all, the panels there, highlights in reverse"

keys End
wait_for 'The scenario ends: ok'
ok $? "NO_COLOR=1: End goes to the last event and narrates it"

keys C-c
wait_for 'stopped by SIGINT' 5 && [ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "Ctrl-C: the terminal is given back and mmscope says why it stopped"

"$MMSCOPE" replay "$T/exec.mmt" </dev/null >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'needs a terminal.*use `mmscope record` for headless runs' "$T/out"
ok $? "replay without a terminal: exit 2 and why (got $rc: $(head -1 "$T/out"))"

"$MMSCOPE" run lecture --kernel "$KERNEL" </dev/null >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'run needs a terminal' "$T/out"
ok $? "run without a terminal: exit 2 before QEMU starts (got $rc)"

"$MMSCOPE" replay "$T/nosuch.mmt" </dev/null >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "nosuch.mmt" "$T/out"
ok $? "replay of a missing file: exit 2, the file named (got $rc: $(head -1 "$T/out"))"

"$MMSCOPE" run nosuch --kernel "$KERNEL" </dev/null >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q "unknown scenario 'nosuch'" "$T/out"
ok $? "run of an unknown scenario: exit 2, the known ones listed (got $rc)"

start 80 24 LANG=C
type_line "$MMSCOPE replay $T/exec.mmt"
wait_for 'REPLAY'
keys g; type_line 40
wait_for 'event 40 of' && shows '^ +[0-9]+ [a-z_]+\[[0-9]+\] +[0-9] #' &&
	! screen | LC_ALL=C grep -q "$(printf '\342')"
ok $? "LANG=C: bars of '#', nothing but ASCII on the screen"
keys q

# A terminal without cursor addressing: said, exit 2, the terminal as it was
start 250 24 TERM=dumb
type_line "$MMSCOPE replay $T/exec.mmt; echo rc=\$?"
wait_for '^rc=' 5 &&
	shows 'replay cannot draw on TERM=dumb: it cannot move the cursor' &&
	shows 'use .mmscope dump FILE.' && shows '^rc=2$' && [ "$(alt_screen)" = 0 ]
ok $? "TERM=dumb: replay says why it cannot draw, names dump instead, exit 2"
prompt_ok
ok $? "TERM=dumb: the shell is fine afterwards"

start 250 24 TERM=dumb
type_line "$MMSCOPE run exec --kernel $KERNEL; echo rc=\$?"
wait_for '^rc=' 5 && shows 'run cannot draw on TERM=dumb' &&
	shows 'use .mmscope record. and .mmscope dump.' && shows '^rc=2$'
ok $? "TERM=dumb: run refuses the same way, before QEMU starts"

start 250 24 TERM=nosuch-term
type_line "$MMSCOPE replay $T/exec.mmt; echo rc=\$?"
wait_for '^rc=' 5 && shows 'TERM=nosuch-term: terminfo has no entry for it' &&
	shows '^rc=2$'
ok $? "a TERM terminfo does not know: said, exit 2"
