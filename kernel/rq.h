/*
 * rq.h - struct rq, a CPU's runqueue (Linux's kernel/sched.c), embedded
 * in struct cpu.  Tasks that are runnable but not running wait on
 * queue, first in, first out; the running one is curr.  Other CPUs
 * take the lock too: to wake a task of this CPU, to place a new or
 * migrating task here, to look at it at the end of a run.  Two
 * runqueues are locked in the order of their CPU numbers
 * (double_rq_lock, migrate.c).
 */
#ifndef KERNEL_RQ_H
#define KERNEL_RQ_H

#include "types.h"
#include "list.h"
#include "spinlock.h"

struct task_struct;
struct mm_struct;

struct rq {
	struct spinlock lock;		/* held from schedule() to finish_task_switch() */
	int cpu;			/* whose runqueue: set once by idle_init */

	/* lock must be held when changing these: */
	struct list_head queue;		/* runnable tasks waiting for this CPU */
	volatile uint nr_running;	/* tasks on queue (others read it as a hint) */
	struct task_struct *curr;	/* running task; read lock-free as `current` */
	struct task_struct *idle;	/* this CPU's idle task (pid 0, swapper/N) */
	struct mm_struct *prev_mm;	/* set by context_switch, dropped by finish_task_switch */
	struct task_struct *push;	/* prev may not stay here: placed elsewhere once switched out */
	uint64 nr_switches;		/* context switches done */
	volatile int need_resched;	/* call schedule() at the next chance */
};

#endif /* KERNEL_RQ_H */
