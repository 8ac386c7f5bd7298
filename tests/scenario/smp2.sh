#!/bin/sh
# smp2.sh - every scenario on two CPUs, in both eras: END ok, no task, mm
# or page left, no PANIC, no gap, and every mm's MM_REFs follow from one
# another in the order the host merges the CPUs into (timestamp, cpu,
# seq: the foundation of the host model).  The pinned scenarios give
# every mm the same history in a second run, and cross_cpu_exit shows
# its case in its order: A's mmput to mm_users 0 on CPU 0, then B's
# switch away on CPU 1 with mm_count 1, then the MM_FREE on CPU 1 by
# finish_task_switch.
. "$(dirname "$0")/lib.inc"
n_scen=$(scenarios | wc -l)
echo "1..$((2 * (n_scen + $(echo $PINNED | wc -w) + 1)))"
for era in 2.6.32 modern; do
	for s in $(scenarios); do
		smp_run "$s.$era" "$s" 2 "$era"
	done
	for s in $PINNED; do
		smp_again "$s.$era" "$s" 2 "$era"
	done
	why=$($CHECK cross_cpu "$T/cross_cpu_exit.$era.json")
	ok $([ -z "$why" ]; echo $?) \
		"cross_cpu_exit, smp 2, era $era: mmput to 0 on cpu 0, switch away and free on cpu 1" \
		"$why"
done
