#!/bin/sh
# habits.sh - the keys of less, htop and tig: / searches event text and
# tasks, n and N repeat it forward and back; j and k step, a count
# before them steps that many (5j), NG goes to event N, G to the last,
# gg to the first; K chooses the kind n and N look for; the mouse wheel
# scrolls; a key that does nothing says so; a note goes at the next key.
# The narration has the lines a long sentence needs at 72x20, beside a
# violation too.  The live status bar at 120 and 80 columns keeps its
# most important segments, each whole.
. "$(dirname "$0")/lib.inc"
echo 1..18

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>"$T/rec.err" ||
	echo "# record failed: $(tail -1 "$T/rec.err")"
"$MMSCOPE" record fork_exit --bug lazy_no_grab -o "$T/bug.mmt" \
	--kernel "$KERNEL" >/dev/null 2>&1
"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | grep -v '"diag"' >"$T/lec.json"
total=$(wc -l <"$T/lec.json")
# grabs: the events whose text has exit_grab, in order
grabs=$(sed -n 's/^{"n":\([0-9]*\),.*"reason":"exit_grab".*/\1/p' "$T/lec.json" | tr '\n' ' ')
set -- $grabs
g1=$1 g2=$2

start 80 24
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY +PAUSED +event 0 of $total"
keys /; type_line exit_grab
wait_for "event $g1 of"
ok $? "/exit_grab: event text, the first exit_grab mmgrab ($g1)"
keys n
wait_for "event $g2 of" && shows 'n/N: /exit_grab'
ok $? "n: the next one ($g2); the Events header says what n repeats"
keys N
wait_for "event $g1 of"
ok $? "N: back to the one before"

keys g g
wait_for "event 0 of"
ok $? "gg: the first event"
keys j j k
wait_for "event 1 of"
ok $? "j j k: one event on"
keys 5 j
wait_for "event 6 of"
ok $? "5j: five events on"
keys 1 2 0 G
wait_for "event 120 of"
ok $? "120G: event 120"
keys G
wait_for "event $((total - 1)) of"
ok $? "G: the last event"

keys /; type_line hello
# "hello" may be on the screen before the search moves: wait for its word.
shows 'search hit the end, went on from the start' && at=$(cursor) && line "^ +$at +0 " | grep -Eq 'hello|pid=[0-9]+' &&
	"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | sed -n "$((at + 1))p" |
	grep -Eq 'hello|"pid":[0-9]+|"prev":|"next":'
ok $? "/hello: round from the end to an event of the task named hello ($at)"
shows 'search hit the end, went on from the start'
ok $? "and it says the search went round"

keys K; type_line mm_free; keys g g n
wait_for 'n/N: mm_free' && line "^ +$(cursor) +[0-9]+ mm_free " >/dev/null
ok $? "K mm_free, n: the first mm_free"

keys g; type_line 100
wait_for "event 100 of"
click 40 20
keys -H 1b 5b 4d 61 28 30
wait_for "event 103 of"
ok $? "the wheel down over the Events panel: three events on"
keys -H 1b 5b 4d 60 28 30 1b 5b 4d 60 28 30
wait_for "event 97 of"
ok $? "the wheel up: three events back, twice"

keys x
wait_for "'x' does nothing here: \? lists every key" && keys Right &&
	wait_for "event 98 of" && ! screen | grep -q "does nothing here"
ok $? "x: a hint; the next key takes the note away"
keys q
wait_for '^\$( |$)' 5

long=$(sed -n 's/^{"n":\([0-9]*\),.*"type":"switch".*"flags":"lazy|prev_mm".*/\1/p' "$T/lec.json" | sed -n 3p)
start 72 20
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for "REPLAY"
keys g; type_line "$long"
wait_for "event $long of" && shows '^ CPU 0 switches from ' &&
	shows 'finish_task_switch to drop\.$'
ok $? "72x20: a long sentence (event $long) is whole, over the lines it needs"
keys q
wait_for '^\$( |$)' 5
type_line "$MMSCOPE replay $T/bug.mmt"
wait_for "REPLAY"
v=$("$MMSCOPE" dump --json "$T/bug.mmt" 2>/dev/null | grep '"violations"' | head -1 | sed 's/^{"n":\([0-9]*\),.*/\1/')
keys g; type_line "$v"
wait_for "event $v of" && shows '^ count_balance: ' &&
	shows 'finish_task_switch drops mm [0-9]+, the active_mm .* left in' &&
	shows 'rq->prev_mm: mm_count 1.0\.$'
ok $? "72x20: a violation and the whole sentence under it (event $v)"
keys q
wait_for '^\$( |$)' 5

resize 120 40
type_line "$MMSCOPE run lecture --kernel $KERNEL"
wait_for 'QEMU exited: the scenario passed' 30 &&
	line ' LIVE ' | grep -Eq 'event [0-9]+ of [0-9]+ .*QEMU exited: the scenario passed \(status 33\) era 2\.6\.32( lost 0)?$'
ok $? "120 columns: LIVE, the event, how QEMU ended and the era, each whole"
resize 80 24
wait_for ' LIVE ' && line ' LIVE ' | grep -Eq '^ LIVE .* event [0-9]+ of [0-9]+ ' &&
	! line ' LIVE ' | grep -Eq '(era [0-9.]*[0-9]$|era$)' &&
	line ' LIVE ' | grep -Eq '(era 2\.6\.32|violations|lost 0|\(status 33\))$'
ok $? "80 columns: LIVE and the event kept, nothing cut half way: $(line ' LIVE ')"
keys q
