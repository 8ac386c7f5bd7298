/*
 * machine.h - the machine as it is at a halt, read through the gdbstub:
 * every CPU's registers and per-CPU data, every live mm_struct with its
 * counters and its page directory's physical address, and the trace
 * records still in the CPUs' rings that the host has not received.
 *
 *	mach_read(&m, g, k, from, done, arg);	// asynchronous
 *	... done(arg, err): m.cpu[], m.mm[], m.rec[] are filled in
 *
 * What is read, in as few round trips as the dependencies allow, every
 * request of a round sent at once:
 *	1. each thread's registers (g); cpus[]; mm_table[]
 *	2. each CPU's running task and its ring's records from from[cpu]
 *	   on; each mm_struct the table points to
 *	3. in QEMU's physical memory mode, the page directory entries (and
 *	   page table entries, for a 4 KiB mapping) that translate each
 *	   mm's pgd to a physical address, through the first CPU's CR3
 * A CPU's kernel number comes from its %gs base, which the kernel points
 * at its own struct cpu (cpu.c); a CPU whose %gs is not in cpus[] has
 * not entered the kernel yet (id -1).
 */
#ifndef MMSCOPE_TARGET_MACHINE_H
#define MMSCOPE_TARGET_MACHINE_H

#include <stddef.h>
#include <stdint.h>
#include "target/gdbstub.h"
#include "target/kimage.h"

#define MACH_MAXCPU	64

struct mach_cpu {		/* one CPU (gdb thread) at the halt */
	int tid;		/* gdb thread */
	int id;			/* kernel CPU number; -1: not in the kernel yet */
	uint32_t eip, eflags, cs, cr3;
	uint32_t eax, ecx, edx;	/* at the stop function: the event */
	int quiet;		/* no kernel path under way: user mode, or
				   interrupts on (which includes hlt) */
	uint32_t head;		/* records the CPU committed (ring head) */
	uint64_t open_tsc;	/* a record under way (trace_begin, not
				   trace_end yet) has this TSC; 0: none */
	uint32_t tail;		/* records moved to the line */
	uint32_t current;	/* its running task (struct task_struct) */
	int cur_pid;
	uint32_t cur_mm, cur_active;	/* that task's mm and active_mm */
	uint32_t loaded_mm, prev_mm;	/* struct mm_struct addresses */
};

struct mach_mm {		/* one mm_struct in guest memory */
	uint32_t addr;
	uint16_t id;
	int32_t users, count;
	uint32_t pgd;		/* kernel virtual */
	uint32_t pgd_pa;	/* physical; 0: not translated */
	int lock_cpu;		/* ref_trace_lock held by this CPU; -1: free */
};

struct mach_rec {		/* a record the host has not received */
	uint64_t tsc;		/* the slot's TSC */
	uint32_t seq;
	uint8_t cpu;
	uint8_t rec[MMT_REC_MAX];
};

struct mach_read;

struct mach {
	struct mach_cpu cpu[MACH_MAXCPU];	/* by gdb thread, in order */
	int ncpu;
	struct mach_mm *mm;			/* by address, as mm_table has them */
	size_t nmm;
	struct mach_rec *rec;			/* per CPU, in sequence order */
	size_t nrec;
	int stop_cpu;		/* kernel CPU at the stop function, or -1 */
	uint8_t stop_type;	/* its event: type and sequence number */
	uint32_t stop_seq;
	uint32_t swapper_pa;	/* swapper_pg_dir, physical */
	uint32_t init_mm;	/* &init_mm: in mm_table before it is traced */
	int table_lock_cpu;	/* mm_table_lock held by this CPU; -1:
				   free; -2: the kernel does not say */
	uint64_t packets;	/* packets this snapshot took */
	uint64_t ns;		/* and how long */
	char err[256];		/* why mach_read failed */
	struct mach_read *rd;	/* the read under way */
};

/*
 * Read the machine into m (its old contents are dropped).  from[c] is
 * the sequence number of CPU c's first record the host has not received
 * whole (the decoder's next_seq).  done(arg, err) when it is all there:
 * err 0, or a GDB_E* with m->err saying what could not be read.  The
 * target must be stopped.  m, g and k must live until done is called.
 */
void mach_read(struct mach *m, struct gdb *g, const struct kimage *k,
	       const uint32_t from[MACH_MAXCPU],
	       void (*done)(void *arg, int err), void *arg);

/*
 * The time up to which the halt knows every record of every CPU: just
 * before the oldest record still under way on some CPU (it will be
 * committed, and sent, with that earlier stamp), else the newest of
 * latest (the stream's, as the caller has it) and the rings' records.
 * In TSC cycles, on the stream's time grid (multiples of 2^shift).
 */
uint64_t mach_complete(const struct mach *m, uint64_t latest, unsigned shift);

/* The CPU with kernel number id, or NULL. */
const struct mach_cpu *mach_cpu(const struct mach *m, int id);

/* The mm_struct at addr / with trace id id, or NULL. */
const struct mach_mm *mach_mm_at(const struct mach *m, uint32_t addr);
const struct mach_mm *mach_mm_id(const struct mach *m, unsigned id);

void mach_free(struct mach *m);

#endif /* MMSCOPE_TARGET_MACHINE_H */
