/*
 * scen_user.c - the scenarios that are user programs (samples/NAME.c):
 * init execs the program; the run ends when it has exited and every
 * task is gone.  samples/README.md says what to watch in each.
 */
#include "types.h"
#include "scenario.h"

SCENARIO_PROG("fork_exit", 1, ALL_ERAS, 0,
	      "fork a child that exits; reap it: dup_mm, exit_mm, the prev_mm drop");
SCENARIO_PROG("threads", 1, ALL_ERAS, 0,
	      "two CLONE_VM threads: three tasks share one mm (mm_users 3, mm_count 1)");
SCENARIO_PROG("vfork", 1, ALL_ERAS, 0,
	      "vfork: the child shares the mm until its exec releases the sleeping parent");
SCENARIO_PROG("exec", 1, ALL_ERAS, 0,
	      "a forked child execs: its copied mm is freed at once by exec_mmap's mmput");
SCENARIO_PROG("kthread_borrow", 1, ALL_ERAS, 0,
	      "a kernel thread borrows the user mm at each switch-in; kernel->kernel after idle");
SCENARIO_PROG("use_mm", 1, ALL_ERAS, 0,
	      "a kernel thread adopts a user mm with use_mm to write into it, then unuse_mm");
SCENARIO_PROG("zombie_mm", 1, ALL_ERAS, 0,
	      "a dying task's last switch goes to a kernel thread: mm_users 0, mm_count lives on");
SCENARIO_PROG("fault", 1, ALL_ERAS, 0,
	      "children killed by SIGSEGV (NULL) and SIGILL (ud2); bad pointers are -EFAULT");
SCENARIO_PROG("memory", 1, ALL_ERAS, 0,
	      "brk, mmap, munmap with a hole; fork copies pages; a clone with a bad stack fails");
SCENARIO_PROG("traps", 1, ALL_ERAS, 0,
	      "children killed by #GP, #DE, writes to text, kernel reads, int $32, a stack overflow");
SCENARIO_PROG("preempt", 1, ALL_ERAS, 0,
	      "two children spin in user mode past their timeslice: the timer preempts them");
SCENARIO_PROG("cross_cpu_exit", 2, ALL_ERAS, 0,
	      "A exits on cpu 0 while kthread B on cpu 1 borrows its mm: freed on cpu 1 later");
SCENARIO_PROG("tlb_shootdown", 3, ALL_ERAS, 0,
	      "munmap, threads on cpus 0 and 1, a lazy kthread on 2: leave_mm; modern: skip, catch up");
SCENARIO_PROG("smp_stress", 4, ALL_ERAS, 0,
	      "count= (5000) mm lifetimes on every cpu: fork, exec, threads, use_mm, exits");
SCENARIO_PROG("mm_crowd", 1, ALL_ERAS, 0,
	      "count= (50) mm_structs alive at once, each in a parked child; a debugger's workload");
SCENARIO_PROG("lecture", 1, ALL_ERAS, 0,
	      "fork, threads, vfork, exec, kthread, use_mm, zombie mm, then cross-cpu, narrated");
SCENARIO_PROG("bench_fork", 1, ALL_ERAS, 0,
	      "count= (2000) fork+exit+wait round trips: STAT fork_exit_wait_per_sec");
SCENARIO_PROG("chaos", 1, ALL_ERAS, 0,
	      "a random program from seed= (0), count= (60) ops: fork, threads, exec, kthreads, ...");
