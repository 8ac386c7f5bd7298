/*
 * traps.h - interrupt and exception vectors.  Shared by C and assembly.
 */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

/* processor exceptions */
#define T_DIVIDE	0	/* divide error */
#define T_ILLOP		6	/* invalid opcode */
#define T_GPFLT		13	/* general protection */
#define T_PGFLT		14	/* page fault */

#define T_SYSCALL	0x80	/* int 0x80: system calls, reachable from ring 3 */

#define T_IRQ0		32	/* first interrupt vector after the exceptions */
#define IRQ_TIMER	0	/* LAPIC timer */
#define IRQ_ERROR	19	/* LAPIC error */
#define IRQ_SPURIOUS	31	/* LAPIC spurious */

/* inter-processor interrupts (smp.c, tlb.c) */
#define T_IPI_TLB	0xF0	/* TLB shootdown: answer the requests waiting for us */
#define T_IPI_RESCHED	0xF1	/* reschedule: a task waits for this (halted) CPU */
#define T_IPI_STOP	0xF2	/* stop for good: the end of a run, or a panic */

/* page fault error code bits */
#define PF_ERR_WRITE	0x2	/* the access was a write */
#define PF_ERR_USER	0x4	/* it came from ring 3 */

#endif /* KERNEL_TRAPS_H */
