/*
 * checktlb.c - the rule stale_tlb: what a TLB shootdown must reach
 * (MODEL.md 3; kernel/tlb.c says what each era does).
 *
 *   2.6.32 sends the flush to every CPU in the mm's mm_cpumask: it
 *   leaves nobody out (no TLB_SKIP).
 *   In the modern era a flush that frees no page tables leaves lazy
 *   CPUs out (TLB_SKIP); such a CPU must catch up (TLB_CATCHUP, in
 *   switch_mm) before it uses the mm's user half again: checked when a
 *   task that ran on the mm is switched out of that CPU, and at the
 *   UNUSE_MM of a kernel thread that wrote into it.  (Not at the switch
 *   in: the SWITCH that ends lazy mode is stamped before switch_mm reads
 *   the tlb_gen, so it may come before the skip it catches up on; by the
 *   end of the use the skip and the catch-up are both in.)
 *   In both eras a flush that frees page tables reaches every CPU: at
 *   EXIT_MMAP no CPU but the one that unmapped may still have the mm
 *   loaded (the others answered with leave_mm before the free).
 *
 * check.c calls check_tlb before each record is applied.
 */
#include <inttypes.h>
#include "checker.h"

/* A task or use_mm thread ran on mm id on cpu c: was its TLB stale? */
static void used(struct model *m, unsigned c, unsigned id, unsigned pid,
		 const char *how)
{
	const struct cpu *cp = &m->cpu[c];

	if (!id || cp->tlb_stale != id)
		return;
	simple(m, R_STALE_TLB, c, id, pid, "pid %u %s mm %u on cpu %u, which "
	       "a flush left out while it was lazy (tlb_gen %u, event %"
	       PRIu64 ") and which never caught up", pid, how, id, c,
	       cp->stale_gen, cp->stale_n);
}

/* EXIT_MMAP: every other CPU must have left the mm before its page tables went. */
static void freed_tables(struct model *m, unsigned c, unsigned id)
{
	unsigned i;

	for (i = 0; i < m->ncpu && i < MODEL_MAXCPU; i++)
		if (i != c && m->cpu[i].online && m->cpu[i].cr3 == id)
			simple(m, R_STALE_TLB, c, id, m->cpu[i].current,
			       "exit_mmap freed the page tables of mm %u while "
			       "cpu %u still had it loaded: the flush before "
			       "must reach lazy CPUs too", id, i);
}

void check_tlb(struct model *m, const struct mmt_event *ev)
{
	union {
		struct mmt_switch s;
		struct mmt_use_mm u;
		struct mmt_exit_mmap x;
		struct mmt_tlb_skip k;
	} r;

	decode_copy(ev, &r, sizeof r);
	switch (ev->type) {
	case MMT_SWITCH:
		used(m, ev->cpu, r.s.prev_mm, r.s.prev, "ran on");
		break;
	case MMT_UNUSE_MM:
		used(m, ev->cpu, r.u.mm, r.u.pid, "wrote into (use_mm)");
		break;
	case MMT_EXIT_MMAP:
		freed_tables(m, ev->cpu, r.x.mm);
		break;
	case MMT_TLB_SKIP:
		if (m->era == MMT_ERA_2632)
			simple(m, R_STALE_TLB, ev->cpu, r.k.mm, 0, "a flush "
			       "of mm %u left lazy CPU(s) 0x%x out, but 2.6.32 "
			       "sends it to every CPU in mm_cpumask", r.k.mm,
			       r.k.cpumask);
		break;
	}
}
