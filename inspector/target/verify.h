/*
 * verify.h - the model against the machine at a halt: every CPU's real
 * CR3, running task and loaded mm, every live mm_struct's counters and
 * page directory, as read from guest memory (machine.h), compared with
 * what the trace says.
 *
 * The model compared is the one at the halt: the timeline's tail, plus
 * the events the log holds back for the merge, plus the records still
 * in the CPUs' rings (read from guest memory: they happened, the host
 * has not received them yet), merged in the log's order.
 *
 * A difference is a mismatch (VFY_BAD) unless the machine is known to
 * be between a change and its record (VFY_BUSY): an mm's ref_trace_lock
 * or mm_table_lock held by a CPU other than the one at the stop, or a
 * CPU in the middle of a kernel path (interrupts off, not at the stop)
 * for what that CPU alone changes.
 */
#ifndef MMSCOPE_TARGET_VERIFY_H
#define MMSCOPE_TARGET_VERIFY_H

#include <stdio.h>
#include "target/machine.h"
#include "model/model.h"
#include "model/timeline.h"

#define VFY_OK		0
#define VFY_BUSY	1	/* differs, but a change is under way */
#define VFY_BAD		2	/* differs: the trace and memory disagree */

struct vfy_cpu {
	int id;				/* kernel CPU number */
	int state;			/* VFY_* */
	uint32_t cr3;			/* real, physical */
	unsigned cr3_mm;		/* model: mm whose pgd is loaded */
	uint32_t cr3_mm_pa;		/* model: that mm's pgd */
	int swapper;			/* the real CR3 is swapper_pg_dir */
	unsigned pid, active_mm;	/* model: current task, its active_mm */
	uint32_t active_pa;		/* model: pgd of that active_mm */
	char why[160];			/* what differs, if anything */
};

struct vfy_mm {
	unsigned id;
	int state;			/* VFY_* */
	int in_mem, in_model;		/* alive there */
	int32_t users, count;		/* memory */
	int32_t m_users, m_count;	/* model */
	uint32_t pa, m_pa;		/* pgd, physical: memory, model */
};

struct vfy_ev {			/* an event at the halt past the log's end */
	uint64_t ts;
	uint32_t seq;
	uint8_t cpu;
	uint8_t rec[MMT_REC_MAX];
};

struct vfy {
	uint64_t events;		/* events the model at the halt applied */
	uint64_t unsent;		/* of them, still in the rings */
	struct vfy_ev *pend;		/* the events the model applied past the
					   log's end (held back by the log for
					   order, or still in the rings), in
					   the log's order */
	size_t npend;
	struct vfy_cpu cpu[MACH_MAXCPU];
	int ncpu;
	struct vfy_mm *mm;		/* by id */
	size_t nmm;
	unsigned bad, busy;		/* CPUs and mms in each state */
};

/*
 * Compare the machine m (read at a halt) with the trace tl.  at (if not
 * NULL) becomes the model at the halt; it must be a model_new() one.
 * 0, or -1 when out of memory.
 */
int vfy_run(struct vfy *v, const struct timeline *tl, const struct mach *m,
	    struct model *at);

/* The result, one line per CPU and per mm, mismatches said in words. */
void vfy_print(FILE *f, const struct vfy *v, const struct mach *m);

void vfy_free(struct vfy *v);

#endif /* MMSCOPE_TARGET_VERIFY_H */
