#!/bin/sh
# panels.sh - what the main screen's panels do with keys and clicks, at
# 80x24 and other sizes: PgDn and PgUp move a page of the Events panel
# (its rows less one, whatever the terminal gives it); in mm_structs,
# Down selects the next mm, Enter follows it and m follows the selected
# one; in Tasks, Down selects the next task and Enter goes to its next
# event, and a click selects a task without moving the cursor; the CPUs
# panel scrolls with Down and Up and stops at its last row.
. "$(dirname "$0")/lib.inc"
echo 1..9
GEN=$BUILD/tests/gentrace

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
"$GEN" -o "$T/g8.mmt" --events 2000 --cpus 8 --seed 8 2>/dev/null
free=$(event_of "$T/lec.mmt" type=mm_free)

# event_rows: the rows of the Events panel (from its header to the
# narration, which starts with a blank column)
event_rows() {
	screen | sed -n '/^ *n cpu event/,$p' | sed 1d |
		grep -Ec '^.. +[0-9]+ +[0-9]+ [a-z_(&>-]+'
}

# row_of REGEX: the 0-based screen row of the first line that matches
row_of() {
	screen | grep -En -m1 -- "$1" | cut -d: -f1 | awk '{ print $1 - 1 }'
}

# names_pid N PID: event N of lec.mmt names task PID, and no event
# between FROM (exclusive) and N does
names_pid() {
	"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | python3 -c '
import json, sys
frm, n, pid = map(int, sys.argv[1:])
for l in sys.stdin:
    e = json.loads(l)
    if "diag" in e or e["n"] <= frm:
        continue
    if pid in [v for k, v in e.items() if k in ("pid", "prev", "next")]:
        sys.exit(0 if e["n"] == n else 1)
sys.exit(1)' "$1" "$2" "$3"
}

start 80 24
type_line "$MMSCOPE replay $T/lec.mmt"
wait_for 'REPLAY +PAUSED +event 0 of'
rows=$(event_rows)
keys NPage
wait_for "event $((rows - 1)) of"
ok $? "PgDn at 80x24: a page of the Events panel's $rows rows, less one"
keys PPage
wait_for "event 0 of"
ok $? "PgUp: back by the same page"

resize 80 32
wait_for 'REPLAY' && [ "$(event_rows)" -gt "$rows" ]
big=$(event_rows)
keys NPage
wait_for "event $((big - 1)) of"
ok $? "PgDn at 80x32: the page follows the panel ($big rows)"
resize 80 24
wait_for 'REPLAY'

keys g; type_line "$free"
wait_for "event $free of"
keys Tab Tab			# Events -> CPUs -> mm_structs
second=$(screen | sed -n '/^mm  *owner/,/^ *n cpu event/p' |
	sed -n 3p | awk '{ print $1 }')
keys Down Enter
wait_for "following mm $second"
ok $? "mm_structs: Down selects the second mm ($second), Enter follows it"
keys m
wait_for 'all events'
keys m
wait_for "following mm $second"
ok $? "m with mm_structs focused follows the selected mm"
keys Escape
wait_for 'all events'

keys g; type_line "$free"
wait_for "event $free of"
keys Tab			# mm_structs -> Tasks
wait_for '^pid +comm +state'
third=$(screen | sed -n '/^pid  *comm/,/^ *n cpu event/p' |
	sed -n 4p | awk '{ print $1 }')
keys Down Down Enter
moved "$free" && names_pid "$free" "$(cursor)" "$third"
ok $? "Tasks: Down Down selects pid $third, Enter goes to its next event"

at=$(cursor)
y=$(row_of '^ +0 swapper/0 +(running|on cpu|sleeping) +idle')
click 3 "$y"
keys Enter
moved "$at" && names_pid "$at" "$(cursor)" 0
ok $? "a click on swapper/0's row selects it; Enter goes to its next event"

keys q
wait_for '^\$( |$)'
resize 72 20
type_line "$MMSCOPE replay $T/g8.mmt"
wait_for 'REPLAY'
keys End
wait_for '[0-9]+ more CPUs'
keys Tab			# Events -> CPUs
first=$(screen | sed -n 2p | awk '{ print $1 }')
keys Down Down Down Down Down Down Down Down Down Down Down Down
wait_for '^ +7 [a-z]'
last=$(screen | sed -n 2p | awk '{ print $1 }')
[ "$first" = 0 ] && [ "$last" -gt 0 ]
ok $? "CPUs at 72x20: Down scrolls until CPU 7 is shown (first row $last)"
keys Up
wait_for "^ +$((last - 1)) [a-z]" &&
	[ "$(screen | sed -n 2p | awk '{ print $1 }')" = $((last - 1)) ]
ok $? "one Up after the end: the rows move back by one"

keys q
