#!/bin/sh
# narration_smp.sh - narration.sh's check on more runs: the modern era
# where a kernel->kernel switch hands the borrow over, and the pinned
# scenarios on several CPUs (a borrow on another CPU, leave_mm, the
# stop IPIs at the end, smp_stress's many mm_structs per id).
runs_smp() {
	for s in kthread_borrow use_mm zombie_mm lecture; do
		echo "$s.modern $s --era modern"
	done
	echo "lecture.smp2 lecture --smp 2"
	echo "lecture.smp2.modern lecture --smp 2 --era modern"
	echo "cross_cpu_exit.modern cross_cpu_exit --smp 2 --era modern"
	echo "tlb_shootdown.smp4 tlb_shootdown --smp 4"
	echo "smp_stress.modern smp_stress --smp 4 --era modern --count 200"
}
NARRATION_RUNS=runs_smp
. "$(dirname "$0")/narration.sh"
