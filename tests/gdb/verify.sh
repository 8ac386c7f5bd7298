#!/bin/sh
# verify.sh - mmscope verify against real QEMU: it halts the whole
# machine at the events asked for (run to the next event, again and
# again), checks every CPU's CR3 and every live mm's counters in guest
# memory against the model at each halt, and lets the scenario run to
# its end (continue); --every halts by a Ctrl-C wherever the CPUs are.
# Right kernels verify at every halt; bug=trace_lie, whose trace lies
# about mm_count while memory is right, is caught, and --at mm_ref
# catches every one of its lies (a halt at each MM_REF); mmscope check
# catches it too, from the trace alone.  A halt that comes before the
# kernel has set up its trace rings is verified too (nothing to read).
. "$(dirname "$0")/lib.inc"
echo 1..19

verify kb kthread_borrow --at switch --halts 8
ok $([ $rc -eq 0 ] && [ "$(halts kb)" -eq 8 ]; echo $?) \
	"kthread_borrow: 8 halts at switch, every one verified, exit 0" "$(why kb)"
ok $(grep '^halt' "$T/kb.out" | grep -qv 'cpu 0 at switch'; [ $? -ne 0 ]; echo $?) \
	"kthread_borrow: every halt is at a switch" "$(grep '^halt' "$T/kb.out" | head -3)"
ok $(grep -q '^verified 8 halts of kthread_borrow: 0 mismatches' "$T/kb.out"; echo $?) \
	"kthread_borrow: the scenario ran to its end after the last halt" "$(why kb)"

verify um use_mm --at mm_ref --halts 12 -v
ok $([ $rc -eq 0 ] && [ "$(halts um)" -eq 12 ]; echo $?) \
	"use_mm: 12 halts at mm_ref, every counter matches memory" "$(why um)"
ok $(grep -q '^  mm [2-9]: mm_users [0-9]*, mm_count [0-9]*, pgd 0x[0-9a-f]*: ok' "$T/um.out"; echo $?) \
	"use_mm: a user mm's counters and pgd read from memory" "$(why um)"

verify cx cross_cpu_exit --smp 2 --at switch:cpu=1 --halts 6 -v
ok $([ $rc -eq 0 ] && [ "$(halts cx)" -eq 6 ]; echo $?) \
	"cross_cpu_exit, 2 CPUs: 6 halts at CPU 1's switches, verified" "$(why cx)"
ok $(grep '^halt' "$T/cx.out" | grep -qv 'cpu 1 at switch'; [ $? -ne 0 ]; echo $?) \
	"cross_cpu_exit: every halt is at a switch of CPU 1" "$(grep '^halt' "$T/cx.out" | head -3)"
ok $(grep -c '^  cpu [01]: cr3 0x' "$T/cx.out" | grep -qx 12; echo $?) \
	"cross_cpu_exit: both CPUs' CR3 read at each halt" "$(grep -c '^  cpu' "$T/cx.out")"

verify ts tlb_shootdown --smp 4 --at leave_mm --at cr3_load --halts 40 -v
ok $([ $rc -eq 0 ] && [ "$(halts ts)" -ge 10 ]; echo $?) \
	"tlb_shootdown, 4 CPUs: halts at leave_mm and cr3_load, all verified" "$(why ts)"
ok $(grep -q ' at leave_mm ' "$T/ts.out"; echo $?) \
	"tlb_shootdown: a halt at a lazy CPU's leave_mm" "$(grep '^halt' "$T/ts.out" | head -3)"
ok $(grep -q '^  cpu [0-9]: cr3 0x[0-9a-f]* swapper_pg_dir (trace: mm 1, [^)]*); pid [0-9]*, active_mm mm [2-9][0-9]* (pgd 0x[0-9a-f]*): ok' "$T/ts.out"; echo $?) \
	"tlb_shootdown: after leave_mm a CPU's real CR3 is swapper_pg_dir while its active_mm is the borrowed mm" \
	"$(grep swapper "$T/ts.out" | head -3)"

verify lie kthread_borrow --bug trace_lie --at switch --halts 10
ok $([ $rc -eq 1 ]; echo $?) "bug=trace_lie: verify exits 1" "$(why lie)"
ok $(grep -q '^  mm [0-9]*: mm_users [0-9]*, mm_count [0-9]*, pgd 0x[0-9a-f]*: MISMATCH: mm_count is \([0-9]*\) in memory, [0-9]* in the trace' "$T/lie.out"; echo $?) \
	"bug=trace_lie: the memory verification names the mm and both counts" "$(why lie)"

# The lies of a run, as the kernel counts them (STAT bug_fired): the
# scenario is deterministic on one CPU, so every run lies as often
"$MMSCOPE" record kthread_borrow --bug trace_lie -o "$T/lie.mmt" --kernel "$KERNEL" \
	2>/dev/null
lies=$("$MMSCOPE" dump --json "$T/lie.mmt" 2>/dev/null |
	sed -n 's/.*"type":"stat","value":\([0-9]*\),"name":"bug_fired".*/\1/p')
verify every kthread_borrow --bug trace_lie --at mm_ref --halts 1000
ok $([ $rc -eq 1 ] && [ "${lies:-0}" -gt 0 ] &&
	grep -q "^verified [0-9]* halts of kthread_borrow: $lies mismatches" "$T/every.out"
	echo $?) "bug=trace_lie: --at mm_ref halts at each of its $lies lies and finds each one" \
	"$(why every)"

"$MMSCOPE" check "$T/lie.mmt" >"$T/check.out" 2>&1
rc=$?
ok $([ $rc -eq 1 ] && grep -q '^violation counter_mismatch at event [0-9]*' "$T/check.out"
	echo $?) "bug=trace_lie: mmscope check catches it from the trace alone (counter_mismatch)" \
	"rc $rc; $(head -3 "$T/check.out" | tr '\n' ' ')"
ok $(grep -q '^violation count_balance at event [0-9]*' "$T/check.out"; echo $?) \
	"bug=trace_lie: and the lying mm_count does not add up to its holders (count_balance)" \
	"$(head -3 "$T/check.out" | tr '\n' ' ')"

verify ev smp_stress --smp 2 --count 300 --every 40 --halts 3
ok $([ $rc -eq 0 ] && [ "$(halts ev)" -eq 3 ]; echo $?) \
	"smp_stress, 2 CPUs: 3 halts by Ctrl-C, verified, then it runs to its end" "$(why ev)"
ok $(grep -c '^halt [0-9]*: every CPU stopped (not at an event): 0 mismatches' "$T/ev.out" | grep -qx 3; echo $?) \
	"a Ctrl-C halt stops every CPU wherever it is" "$(grep '^halt' "$T/ev.out" | head -3)"

# --every 1: the first halts come while the kernel still measures its
# clocks, before any CPU has a trace ring
verify early boot --every 1 --halts 3
ok $([ $rc -eq 0 ] && [ "$(halts early)" -eq 3 ]; echo $?) \
	"boot, --every 1: halts before the trace rings exist are verified, exit 0" "$(why early)"
