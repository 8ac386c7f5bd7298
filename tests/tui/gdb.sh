#!/bin/sh
# gdb.sh - the machine under QEMU's gdbstub in the live TUI (`mmscope
# run`).  kthread_borrow started halted at its first switch
# (--halt-at): the status bar says HALTED, the CPU row has a real
# CR3, every event up to the halt is in the log (those still in the
# kernel's rings too) and the cursor is on the switch it stopped at; l
# runs to the next event (the events at the halt grow by one,
# and after m to the next event of the followed mm); c lets the run end
# normally, and the recorded trace confirms where each halt was.  A
# long flood run halted and continued with h and c.  tlb_shootdown on 4
# CPUs: a lazy CPU after leave_mm has real CR3 swapper_pg_dir while its
# active_mm is the borrowed mm.  bug=trace_lie: a halt shows the
# counter mismatch in red.  A QEMU whose gdbstub hangs up: the trace
# still shows and the status bar says why; replay: the keys say they
# need a live run.  Every wait is for screen text, never for a time.
. "$(dirname "$0")/lib.inc"
echo 1..18
FAKE=$(cd "$(dirname "$0")" && pwd)/fakeqemu

# halt_events: the events the last halt counted, from the status bar
halt_events() {
	screen | sed -n 's/.* HALTED  #[0-9]*[^,]*, \([0-9]*\) events,.*/\1/p'
}

# halt N [SECONDS]: wait for the Nth halt to be on the status bar
halt() {
	wait_for " HALTED  #$1[ ,]" "${2:-10}"
}

start 140 30
type_line "$MMSCOPE run kthread_borrow --halt-at switch --kernel $KERNEL --record $T/kb.mmt; echo status=\$?"
halt 1 30 && shows 'HALTED  #1 cpu 0 at switch, [0-9]+ events' &&
	shows '^CPU .* cr3 +real cr3 ' &&
	shows '^ +0 [a-z].* (0x[0-9a-f]+|swapper_pg_dir) +([-0-9]|init_mm)'
ok $? "--halt-at switch: HALTED at cpu 0's first switch, the CPU row has a real CR3"
e1=$(halt_events)
# every event up to the halt is in the log, and the cursor (so the
# narration too) is on the last: the switch it stopped at
[ -n "$e1" ] && shows "event $((e1 - 1)) of $e1 " &&
	shows "^ +$((e1 - 1)) +0 switch " && shows '^ CPU 0 switches from' &&
	! screen | grep -Eq '^ +halt +[0-9]+ '
ok $? "halted: every event up to the halt is in the log, the cursor and the narration on the switch it stopped at"

keys l
halt 2 && e2=$(halt_events) && [ "$e2" -eq $((e1 + 1)) ]
ok $? "l: halted again at the next event ($e1 events, then ${e2:-?})"

keys Tab Tab
wait_for '^mm +owner .*memory'
keys m
wait_for 'following mm [0-9]+' && mm=$(screen | sed -n 's/.*following mm \([0-9]*\).*/\1/p' | head -1)
keys l
halt 3 && e3=$(halt_events) && [ "$e3" -gt "$e2" ]
ok $? "m, then l: halted at the next event of mm $mm (event $((e3 - 1)))"
keys m
wait_for 'all events'

keys c
wait_for 'QEMU exited: the scenario passed' 30 && ! screen | grep -q HALTED
ok $? "c: the machine runs on and the scenario ends normally"
keys q
wait_for '^status=0$' 10
ok $? "q: exit 0"

# The halts' events, as the trace recorded them (1 CPU: in order).
"$MMSCOPE" dump --json "$T/kb.mmt" 2>/dev/null | python3 -c '
import json, sys
e1, e2, e3, mm = map(int, sys.argv[1:])
ev = {}
for l in sys.stdin:
    e = json.loads(l)
    if "diag" not in e:
        ev[e["n"]] = e
names = lambda e: mm in [v for k, v in e.items() if k in ("mm", "active_mm",
    "prev_mm", "prev_active", "next_mm", "next_active", "old_mm", "new_mm",
    "old_active")]
first_mm = next(n for n in sorted(ev) if n >= e2 and names(ev[n]))
ok = ev[e1 - 1]["type"] == "switch" and e3 - 1 == first_mm
if not ok:
    print("# events", e1 - 1, ev[e1 - 1]["type"], e3 - 1, first_mm)
sys.exit(0 if ok else 1)' "$e1" "$e2" "$e3" "${mm:-0}"
ok $? "the trace agrees: halt 1 was at a switch, halt 3 at mm $mm's next event"

type_line "$MMSCOPE run flood --count 5000000 --kernel $KERNEL; echo status=\$?"
wait_for 'machine running' 30 && wait_for 'event [0-9]{3,} of' 10
keys h
halt 1 && shows '^ +0 [a-z].* (0x[0-9a-f]+|swapper_pg_dir) '
ok $? "h on a running flood: HALTED, the CPU row has a real CR3"
keys c
wait_for 'machine running' && ! screen | grep -q HALTED
ok $? "c: running again"
keys q
wait_for '^status=' 10

type_line "$MMSCOPE run tlb_shootdown --smp 4 --halt-at leave_mm --kernel $KERNEL; echo status=\$?"
halt 1 30
at=$(screen | sed -n 's/.* HALTED  #1 cpu \([0-9]*\) at leave_mm,.*/\1/p')
c=$(cursor)
[ -n "$at" ] && [ -n "$c" ] && shows "^ +$c +$at leave_mm " &&
	shows "^ CPU $at .*leave_mm"
ok $? "4 CPUs: the cursor and the narration are on the leave_mm of cpu ${at:-?} the machine halted at (event ${c:-?})"
i=2
while [ $i -le 16 ] &&
	! screen | grep -Eq '^ +[0-9]+ [a-z].* - +[2-9][0-9]* +lazy.* swapper_pg_dir '; do
	keys l
	halt $i || break
	i=$((i + 1))
done
line '^ +[0-9]+ [a-z].* - +[2-9][0-9]* +lazy.* swapper_pg_dir ' >/dev/null
ok $? "tlb_shootdown, 4 CPUs: after leave_mm a lazy CPU's real CR3 is swapper_pg_dir, its active_mm the borrowed mm"
keys q
wait_for '^status=' 10

type_line "$MMSCOPE run kthread_borrow --bug trace_lie --halt-at mm_ref:mm=2 --kernel $KERNEL; echo status=\$?"
halt 1 30 && shows '^ +2 kthread_borr.* mem 1/2 ' &&
	shows ' 1 mismatch: mm 2 users/count: mem 1/2, trace 1/1'
ok $? "bug=trace_lie: the halt at the lazy borrow shows mm 2's counters in memory against the trace's"
$TM capture-pane -t t -p -e | grep -q "$(printf '\033\\[41mmem 1/2')"
ok $? "and in red"
keys q
wait_for '^status=' 10 && [ "$(alt_screen)" = 0 ] && prompt_ok
ok $? "q while halted: QEMU is stopped, the terminal is given back"

"$MMSCOPE" record lecture -o "$T/lec.mmt" --kernel "$KERNEL" 2>/dev/null
type_line "MMSCOPE_QEMU=$FAKE FAKE_TRACE=$T/lec.mmt FAKE_IDLE=30 $MMSCOPE run lecture --kernel $KERNEL; echo status=\$?"
wait_for 'The scenario ends: ok' 10 &&
	shows 'QEMU runs lecture no gdbstub: [a-z]'
ok $? "a gdbstub that hangs up: the trace is shown, the status bar says why"
keys h
shows '^ no gdbstub: [a-z]'
ok $? "h says the gdbstub is unavailable, and why"
keys q
wait_for '^status=' 10

type_line "$MMSCOPE replay $T/kb.mmt"
wait_for 'REPLAY'
keys l
shows 'needs a live run'
ok $? "replay: l says it needs a live run"
keys q

"$MMSCOPE" run kthread_borrow --halt-at nosuch --kernel "$KERNEL" </dev/null >"$T/out" 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'halt-at nosuch: not KIND\[:cpu=N\]\[:mm=M\]' "$T/out"
ok $? "--halt-at with an unknown kind: exit 2, the syntax named (got $rc)"
