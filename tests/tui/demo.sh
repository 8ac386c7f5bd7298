#!/bin/sh
# demo.sh - the lecture as `scons demo` gives it (`mmscope run lecture
# --smp 2 --pace S`, here at 0.1 s a step), from the first fork to the
# final mmdrop without a key: nothing is sent to the terminal until
# the scenario has ended and the cursor is on its last event.  Then the
# recorded trace and the latency log say what the class saw: every
# teaching event from init's exec to the last MM_FREE was on the screen,
# in order, the cursor never going back; the machine halted in every
# chapter, each halt verified against guest memory and on a teaching
# event; and the view holds every event of the stream.  No wait is for
# a time: each is for screen text, and the pace only sets how long the
# test takes.
. "$(dirname "$0")/lib.inc"
echo 1..5

start 120 40
type_line "$MMSCOPE run lecture --smp 2 --pace 0.1 --kernel $KERNEL --record $T/d.mmt --latency-log $T/lat; echo status=\$?"
# at_end: QEMU has ended and the cursor is on the last event (CURSOR
# COUNT in $pos)
at_end() {
	pos=$(screen | sed -n 's/.*event \([0-9]*\) of \([0-9]*\) .*/\1 \2/p')
	grep -q 'QEMU exited: the scenario passed' "$T/screen" &&
		[ -n "$pos" ] && [ "${pos% *}" = $((${pos#* } - 1)) ]
}
tries=3000			# 300 s at most, for a loaded host
until at_end || [ $tries -le 0 ]; do
	sleep 0.1
	tries=$((tries - 1))
done
at_end
ok $? "no key pressed: the scenario ends and the pace brings the cursor to its last event (${pos:-?})"
shows "^ +${pos% *} +[0-9]+ end +status=ok"
ok $? "...the END record"
keys q
wait_for '^status=0$' 10

"$MMSCOPE" dump --json "$T/d.mmt" 2>/dev/null >"$T/d.json"
python3 - "$T/d.json" "$T/lat" "${pos#* }" >"$T/verdict" <<'EOF'
import json, sys
steps = {"mm_ref", "switch", "mm_alloc", "mm_free", "exec", "task_new",
         "task_exit", "prev_mm", "enter_lazy", "leave_mm", "cr3_load"}
ev = [e for e in map(json.loads, open(sys.argv[1])) if "diag" not in e]
start = next(e["n"] for e in ev if e["type"] == "exec" and e["pid"] == 1)
is_step = lambda e: e["type"] in steps or (e["type"] == "mark" and
                                           e.get("chapter"))
want = [e["n"] for e in ev if e["n"] >= start and is_step(e)]
last_free = max(e["n"] for e in ev if e["type"] == "mm_free")
chapters = [e["n"] for e in ev if e["type"] == "mark" and e.get("chapter")]
frames, landed = [], []
for l in open(sys.argv[2]):
    f = l.split()
    if f[0] == "frame":
        frames.append(int(f[2]))
    elif f[0] == "landed":
        landed.append((int(f[2]), f[3]))
seen = frames[frames.index(start):] if start in frames else []
missing = sorted(set(want) - set(seen))
back = [(a, b) for a, b in zip(seen, seen[1:]) if b < a]
print("1" if not missing and last_free in seen and seen else "0",
      "missing", missing[:10], "of", len(want), "last_free", last_free)
print("1" if not back else "0", "backwards", back[:5])
bad = [x for x in landed if x[1] != "verified" or x[0] not in set(want)]
per = [sum(1 for n, _ in landed if a <= n < b)
       for a, b in zip(chapters, chapters[1:] + [1 << 62])]
print("1" if landed and not bad and all(per) else "0", "halts", len(landed),
      "per chapter", per, "not verified or not a step", bad[:5])
print("1" if len(ev) == int(sys.argv[3]) else "0", "events", len(ev),
      "in the stream,", sys.argv[3], "in the view")
EOF
verdict() {	# verdict N: line N of the analysis, as a status and a note
	v=$(sed -n "${1}p" "$T/verdict")
	[ "${v%% *}" = 1 ]
}
verdict 1
ok $? "every teaching event from init's exec to the last mm_free was on the screen: $(sed -n 1p "$T/verdict" | cut -d' ' -f2-)"
verdict 2
ok $? "in order, the cursor never went back ($(sed -n 2p "$T/verdict" | cut -d' ' -f2-))"
verdict 3 && verdict 4
ok $? "the machine halted in every chapter, each halt verified and on a teaching event ($(sed -n 3p "$T/verdict" | cut -d' ' -f2-)); $(sed -n 4p "$T/verdict" | cut -d' ' -f2-)"
