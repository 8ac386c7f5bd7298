#!/bin/sh
# quiz.sh - the quiz in `mmscope replay --quiz` of a recorded lecture:
# moving on stops before each counter change, the mm's new mm_users and
# mm_count hidden as ? (in the mm_structs panel, the event row, the
# holders) and the narration asks; a right answer and a wrong one are
# scored so (the recorded trace has the truth), Enter alone shows the
# numbers without a score; at the END the chapter list gives the tally
# per chapter and in total; Q turns it off.
. "$(dirname "$0")/lib.inc"
echo 1..8

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
c1=$(event_of "$T/lec.mmt" type=mark chapter=1)
# the counters after each MM_REF of the first chapter, in order
"$MMSCOPE" dump --json "$T/lec.mmt" 2>/dev/null | python3 -c '
import json, sys
c1 = int(sys.argv[1])
for l in sys.stdin:
    e = json.loads(l)
    if "diag" not in e and e["n"] > c1 and e["type"] == "mm_ref":
        print(e["n"], e.get("mm_name", str(e["mm"])).replace(".", "\u00b7"),
              e["users"], e["count"])' "$c1" >"$T/refs"
read -r q1 m1 u1 k1 <<EOF
$(sed -n 1p "$T/refs")
EOF
read -r q2 m2 u2 k2 <<EOF
$(sed -n 2p "$T/refs")
EOF
read -r q3 m3 u3 k3 <<EOF
$(sed -n 3p "$T/refs")
EOF

# next_question N: Right until the cursor is on event N (a question),
# one key at a time: a Right at an open question would answer it
next_question() {
	i=0
	while [ $i -lt 40 ] && [ "$(cursor)" != "$1" ]; do
		prev=$(cursor)
		keys Right
		moved "$prev" || break
		i=$((i + 1))
	done
	wait_for "event $1 of"
}

start 120 40
type_line "$MMSCOPE replay $T/lec.mmt --quiz"
wait_for 'QUIZ 0/0'
keys ']'
wait_for "event $c1 of"
next_question "$q1"
shows "^ +$m1 [a-z].* +\? +\? +\? \(the quiz\)" &&
	shows "^ +$q1 +0 [a-z_(&>)-]+ +mm $m1 (users|count) \?->\? " &&
	shows "What are mm $m1's mm_users and mm_count now\?"
ok $? "at a counter change (event $q1) mm $m1's counters and holders are ?, the narration asks"
screen | awk -v q="$q1" '
	$4 == "mm" && ($6 == "users" || $6 == "count") && $1 + 0 >= q {
		later++; if ($7 != "?->?") shown++ }
	END { exit !(later >= 2 && !shown) }'
ok $? "the counter changes after it are hidden too (they would tell)"

keys "$u1" Space "$k1" Enter
shows "Right! mm $m1: mm_users $u1, mm_count $k1\." && shows 'QUIZ 1/1'
ok $? "$u1 $k1 and Enter: right, QUIZ 1/1"

next_question "$q2"
keys "$((u2 + 1))" / "$k2" Enter
shows "Not quite: mm $m2: mm_users $u2, mm_count $k2\." && shows 'QUIZ 1/2'
ok $? "$((u2 + 1))/$k2 at event $q2 (the truth $u2/$k2): not quite, QUIZ 1/2"

next_question "$q3"
keys Enter
shows "Shown: mm $m3: mm_users $u3, mm_count $k3\." && shows 'QUIZ 1/2'
ok $? "Enter alone: shown, not scored"

keys End
wait_for '^ 8 chapters|^ 7 chapters' &&
	shows '^ +1/7 .*fork: the child .* quiz: 1 of 2 right' &&
	shows '^ quiz, all chapters: 1 of 2 right'
ok $? "at the END the chapter list has the tally: 1 of 2 in chapter 1, and in all"
keys q
wait_for 'REPLAY'
keys Q
wait_for 'quiz off' && ! screen | grep -q 'QUIZ '
ok $? "Q: the quiz off"
keys Home Right Right Right Right Right Right Right Right
! screen | grep -q '?->?'
ok $? "and moving on asks nothing"
keys q
