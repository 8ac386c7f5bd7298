#!/bin/sh
# smp.sh - the panels with several CPUs, on synthetic traces
# (build/tests/gentrace): a row per CPU for 4 and for 8 CPUs at 80x24,
# and the CPU panel scrolling at the minimum size; following one mm (m,
# then each step lands on an event of that mm); bookmarks (b, ');
# the kind n looks for, chosen with k; Tab; playback (space) moving the
# cursor by itself; and a wide terminal showing mm_structs and Tasks
# side by side.
. "$(dirname "$0")/lib.inc"
echo 1..10
GEN=$BUILD/tests/gentrace

"$GEN" -o "$T/g4.mmt" --events 4000 --cpus 4 --seed 7 2>/dev/null
"$GEN" -o "$T/g8.mmt" --events 4000 --cpus 8 --seed 8 --era modern 2>/dev/null

# cpu_rows: how many CPU rows the CPUs panel shows
cpu_rows() {
	screen | sed -n '2,/^mm /p' | grep -Ec '^ +[0-9]+ [a-z]'
}

start 80 24
type_line "$MMSCOPE replay $T/g4.mmt"
wait_for 'REPLAY'
keys g; type_line 2000
wait_for 'event 2000 of'
[ "$(cpu_rows)" = 4 ] && shows '^ +3 [a-z]'
ok $? "4 CPUs: a row for each of CPUs 0-3"

mm=$("$MMSCOPE" dump --json "$T/g4.mmt" 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e.get("n", 0) >= 2000 and e.get("type") == "mm_alloc":
        print(e["n"], e["mm"]); break')
set -- $mm
at=$1 mm=$2
keys g; type_line "$at"
wait_for "event $at of"
keys m
wait_for "following mm $mm"
keys Right
wait_for "event [0-9]+ of" && moved "$at"
next=$(cursor)
"$MMSCOPE" dump --json "$T/g4.mmt" 2>/dev/null | python3 -c '
import json, sys
at, mm, nxt = map(int, sys.argv[1:])
for l in sys.stdin:
    e = json.loads(l)
    if "diag" in e or e["n"] <= at:
        continue
    if mm in [v for k, v in e.items() if k in ("mm", "active_mm", "prev_mm",
              "prev_active", "next_mm", "next_active", "old_mm", "new_mm",
              "old_active")]:
        sys.exit(0 if e["n"] == nxt else 1)
sys.exit(1)' "$at" "$mm" "$next"
ok $? "m on event $at follows mm $mm; Right goes to its next event ($next)"
keys m
wait_for 'all events'

keys b; keys g; type_line 100; wait_for 'event 100 of'; keys "'"
wait_for "event $next of" && shows "^.\* +$next "
ok $? "b sets a bookmark ('*'), ' goes back to it from event 100"

keys K; type_line mmdrop; keys n
wait_for 'n/N: mmdrop' && moved "$next" &&
	line "^.. +$(cursor) +[0-9]+ mmdrop " >/dev/null &&
	[ "$(cursor)" -gt "$next" ]
ok $? "K mmdrop, n: the next mmdrop after the cursor"

keys Tab Tab Tab
wait_for '^pid +comm +state'
ok $? "Tab to the Tasks panel: it takes the middle of a narrow terminal"

keys Space
before=$(cursor)
wait_for ' 10/s ' && reaches $((before + 3))
ok $? "space plays at 10 events a second: the cursor moves by itself"
keys Space
wait_for 'PAUSED'

keys q
wait_for '^\$( |$)'
type_line "$MMSCOPE replay $T/g8.mmt"
wait_for 'REPLAY'
keys End
wait_for 'event [0-9]+ of'
[ "$(cpu_rows)" = 8 ] && shows '^ +7 [a-z]' &&
	[ "$(screen | grep -Ec '^ +[0-9]+ +[0-7] [a-z_]')" -ge 4 ]
ok $? "8 CPUs at 80x24: 8 CPU rows, and room for events"

resize 72 20
wait_for '[0-9] more CPUs' && [ "$(cpu_rows)" -lt 8 ] && shows 'F1Help'
ok $? "8 CPUs at 72x20: the CPU panel shows what fits and says how many more"
resize 80 24
wait_for 'REPLAY'

resize 160 40
wait_for '^mm +owner .*│pid +comm'
ok $? "at 160x40: mm_structs and Tasks side by side"

keys q
wait_for '^\$( |$)' 5 && [ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "q: the terminal is given back"
