#!/bin/sh
# focus.sh - the projector view (f, --focus) at 100x30: the mm the
# cursor's event names in large block digits, read back from the screen
# and compared with the recorded trace's counters; who holds them by
# task name and CPU; m follows an mm and -> steps through its events, the
# digits with them; at exit_mm's mmput the reference the kernel has
# not settled yet is said; f gives the panels back.  Live, `run --focus
# --halt-at exec` halted at the scenario's exec shows the new mm's
# digits.
. "$(dirname "$0")/lib.inc"
echo 1..7

# digits: the two large numbers on the screen, "USERS COUNT" (? for a
# hidden one), read from the five rows under the mm_users label
digits() {
	screen >/dev/null
	python3 - "$T/screen" <<'EOF'
import sys
font = {
    "0": ["####", "#  #", "#  #", "#  #", "####"],
    "1": ["  # ", " ## ", "  # ", "  # ", " ###"],
    "2": ["####", "   #", "####", "#   ", "####"],
    "3": ["####", "   #", " ###", "   #", "####"],
    "4": ["#  #", "#  #", "####", "   #", "   #"],
    "5": ["####", "#   ", "####", "   #", "####"],
    "6": ["####", "#   ", "####", "#  #", "####"],
    "7": ["####", "   #", "  # ", " #  ", " #  "],
    "8": ["####", "#  #", "####", "#  #", "####"],
    "9": ["####", "#  #", "####", "   #", "####"],
    "?": ["####", "   #", "  ##", "    ", "  # "],
}
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
top = next(i for i, l in enumerate(lines) if "mm_users" in l and "mm_count" in l)
rows = [l.ljust(100) for l in lines[top + 1:top + 6]]
def number(x0, x1):
    s, x = "", x0
    while x < x1:
        cells = ["".join("#" if r[x + 2 * i] != " " else " " for i in range(4))
                 for r in rows]
        if all(c == "    " for c in cells):
            break
        s += next((d for d, g in font.items() if g == cells), "!")
        x += 10
    return s
half = lines[top].index("mm_count") - 4
print(number(lines[top].index("mm_users"), half), number(half + 4, 100))
EOF
}

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e.get("reason") == "lazy_borrow" and e.get("mm", 0) > 1:
        print(e["n"], e["mm"], e["users"], e["count"])
        break' >"$T/lazy"
read -r ev mm users count <"$T/lazy"

start 100 30
type_line "$MMSCOPE replay $T/lec.mmt --focus"
wait_for 'REPLAY'
keys g; type_line "$ev"
wait_for "event $ev of" && shows "^ mm $mm  \(lecture\[1\]\)" &&
	[ "$(digits)" = "$users $count" ]
ok $? "--focus at a lazy borrow (event $ev): mm $mm in large digits, $users and $count (read: $(digits))"
shows "^  mm_count $count: the users together \(1\), lazy [a-z]+\[[0-9]+\] on cpu 0"
ok $? "who holds mm_count: the users together, and the borrower by name and CPU"

keys m
wait_for "followed: m lets go"
before=$(digits)
i=0
while [ $i -lt 30 ] && [ "$(digits)" = "$before" ]; do
	prev=$(cursor)
	keys Right
	moved "$prev" || break
	i=$((i + 1))
done
after=$(digits) && at=$(cursor) && [ "$after" != "$before" ] &&
	"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | python3 -c '
import json, sys
n, mm, after = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for l in sys.stdin:
    e = json.loads(l)
    if e.get("type") == "mm_ref" and e.get("mm") == mm and e["n"] <= n:
        last = "%d %d" % (e["users"], e["count"])
sys.exit(0 if last == after else 1)' "$at" "$mm" "$after"
ok $? "m, then Right until they change: mm $mm's event $at, its digits follow ($before, then $after)"

# exit_mm's mmput: mm_users 0, and the users' reference to mm_count
# still there until mmput's own mmdrop, the next event
put=$(event_of "$T/lec.mmt" type=mm_ref reason=exit_mm)
keys m
wait_for "all events"
keys g; type_line "$put"
wait_for "event $put of" &&
	shows '^  mm_count 2: lazy [a-z]+\[[0-9]+\] on cpu 0, 1 not settled yet'
ok $? "at exit_mm's mmput (event ${put:-?}): mm_users 0, and the one reference no holder has yet is said"

keys f
wait_for '^CPU +task'
ok $? "f: every panel again"
keys q
wait_for '^\$( |$)'

type_line "$MMSCOPE run lecture --focus --halt-at exec --kernel $KERNEL; echo status=\$?"
wait_for ' HALTED  #1 cpu 0 at exec' 30 &&
	shows '^ mm 2  \(lecture\[1\]\)' && [ "$(digits)" = "1 1" ]
ok $? "live, --focus --halt-at exec: halted at the exec, the new mm 2 in digits: 1 1 ($(digits))"
keys q
wait_for '^status=' 10 && prompt_ok
ok $? "q: QEMU is stopped, the terminal given back"
