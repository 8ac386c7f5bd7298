/*
 * cpu.h - per-CPU data, reached through %gs.
 *
 * Each CPU's GDT has a SEG_KCPU descriptor whose base is its own
 * struct cpu, loaded into %gs by seginit().  So mycpu() is one load from
 * %gs:0 and never needs to know which CPU it runs on.  A task that reads
 * per-CPU data must not move to another CPU meanwhile: hold pushcli().
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "types.h"
#include "param.h"
#include "mmu.h"
#include "tracering.h"
#include "rq.h"

struct mm_struct;

/* cpu.tlbstate, as 2.6.32's cpu_tlbstate.state (5.10: cpu_tlbstate.is_lazy) */
#define TLBSTATE_OK	1	/* current's own mm is loaded */
#define TLBSTATE_LAZY	2	/* a kernel thread runs on a borrowed active_mm */

struct cpu {
	struct cpu *self;		/* %gs:0, what mycpu() reads */
	int id;				/* logical CPU number, 0 = boot CPU */
	uchar apicid;			/* local APIC id (from the MADT) */
	volatile uint started;		/* has come online: smp_boot waits for it */
	segdesc_t gdt[NSEGS];		/* this CPU's GDT */
	struct taskstate ts;		/* esp0 for traps from ring 3 */

	/* other CPUs write these (smp.c), then interrupt this one: */
	volatile int resched_from;	/* sender of the last reschedule IPI */
	volatile uint stopped;		/* has stopped for good (end of run, panic) */

	/* pushcli/popcli (spinlock.c), only this CPU touches these: */
	int ncli;			/* depth of pushcli nesting */
	int intena;			/* were interrupts on before the first pushcli? */

	/* tracing (trace.c), only this CPU touches these, interrupts off: */
	struct trace_ring trace;

	/* the scheduler (sched.c): */
	struct rq rq;			/* runqueue: current, idle task, prev_mm */

	/*
	 * switch_mm (mmu_context.c), only this CPU writes these, interrupts
	 * off; other CPUs' TLB shootdowns read tlbstate (tlb.c):
	 */
	struct mm_struct *loaded_mm;	/* whose page directory is in CR3 */
	int tlbstate;			/* TLBSTATE_OK or TLBSTATE_LAZY (5.10's is_lazy) */
	uint tlb_gen;			/* loaded_mm's tlb_gen the TLB is flushed to */
};

extern struct cpu cpus[NCPU];
extern int ncpu;			/* CPUs the MADT lists as enabled */
extern volatile uint cpu_online_mask;	/* bit n: CPU n runs (smp.c) */

static inline struct cpu *mycpu(void)
{
	struct cpu *c;

	asm volatile("movl %%gs:0, %0" : "=r" (c));
	return c;
}

/* This CPU's logical number.  Interrupts off, or the answer may be stale. */
static inline int cpuid(void)
{
	int id;

	asm volatile("movl %%gs:%c1, %0" : "=r" (id) : "i" (offsetof(struct cpu, id)));
	return id;
}

#endif /* KERNEL_CPU_H */
