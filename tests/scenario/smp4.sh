#!/bin/sh
# smp4.sh - four CPUs: every scenario in era 2.6.32, and in era modern
# the pinned ones, those with kernel threads and smp_stress (count=1000:
# four workers at once, one per CPU); each ends with END ok, no task,
# mm or page left, no PANIC, no gap, no lost event, and every mm's
# MM_REFs follow from one another in the order the host merges the
# CPUs into.  The pinned scenarios give every mm the same history in a
# second run, and cross_cpu_exit shows its case in its order.
. "$(dirname "$0")/lib.inc"
MODERN="$PINNED threads kthread_borrow use_mm zombie_mm smp_stress"
echo "1..$(($(scenarios | wc -l) + $(echo $MODERN | wc -w) + 2 * $(echo $PINNED | wc -w) + 2))"
for s in $(scenarios); do
	smp_run "$s.2.6.32" "$s" 4 2.6.32
done
for s in $MODERN; do
	smp_run "$s.modern" "$s" 4 modern
done
for era in 2.6.32 modern; do
	for s in $PINNED; do
		smp_again "$s.$era" "$s" 4 "$era"
	done
	why=$($CHECK cross_cpu "$T/cross_cpu_exit.$era.json")
	ok $([ -z "$why" ]; echo $?) \
		"cross_cpu_exit, smp 4, era $era: mmput to 0 on cpu 0, switch away and free on cpu 1" \
		"$why"
done
