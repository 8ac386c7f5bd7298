#!/bin/sh
# chapters.sh - a scenario's chapters in `mmscope replay` (the lecture on
# 2 CPUs: eight): the chapter bar before the first and in each one; ]
# lands on the next chapter's start, [ on this chapter's and then the
# previous one's (the recorded trace says where each starts); C lists
# them, the cursor's selected, and Enter goes to one; at 80x24 the bar
# is there too; a trace without chapters has no bar, and ] says why.
. "$(dirname "$0")/lib.inc"
echo 1..9

"$MMSCOPE" record lecture --smp 2 -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
"$MMSCOPE" record fork_exit -o "$T/fe.mmt" --kernel "$KERNEL" 2>/dev/null
for k in 1 2 3 4; do
	eval c$k=$(event_of "$T/lec.mmt" type=mark chapter=$k)
done

start 120 40
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for 'REPLAY' && shows '^ 0/8 before the first chapter +\[ \] chapters  C: list'
ok $? "before the first chapter the bar says 0/8, and which keys move"

keys ']'
wait_for "event $c1 of" && shows '^ 1/8 fork: the child gets its own copy of the mm'
ok $? "]: the first chapter's start (event ${c1:-?}), 1/8 fork in the bar"
keys ']' ']'
wait_for "event $c3 of" && shows '^ 3/8 vfork: the child uses our mm until it execs'
ok $? "] ]: chapter 3's start (event ${c3:-?}): 3/8 vfork"

keys Right Right '['
wait_for "event $c3 of"
ok $? "two events on, [: back to this chapter's start"
keys '['
wait_for "event $c2 of" && shows '^ 2/8 threads: '
ok $? "[ at a start: the previous chapter's (event ${c2:-?})"

keys C
wait_for '^ 8 chapters   Enter: go to its start' &&
	shows '^ +1/8 +event +'"$c1"' +fork: the child' &&
	shows '^ +8/8 +event +[0-9]+ +cross-CPU: A exits on cpu 0'
ok $? "C: the eight chapters, each with its start and title"
keys Down Down Enter
wait_for "event $c4 of" && shows '^ 4/8 exec: '
ok $? "Down Down Enter: from chapter 2 to chapter 4's start (event ${c4:-?})"

resize 80 24
shows '^ 4/8 exec: a new mm; the old one is freed at once'
ok $? "at 80x24 the chapter bar is there too"
keys q
wait_for '^\$( |$)'

type_line "$MMSCOPE replay $T/fe.mmt"
wait_for 'REPLAY'
keys ']'
shows 'this trace has no chapters' && ! screen | grep -q 'chapters  C: list'
ok $? "fork_exit has no chapters: no bar, and ] says so"
keys q
