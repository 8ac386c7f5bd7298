/*
 * check_tlb.c - the rule stale_tlb: what a TLB shootdown must reach
 * (model/MODEL.md 3; kernel/tlb.c says what each era does).
 *
 *   2.6.32 sends the flush to every CPU in the mm's mm_cpumask: it
 *   leaves nobody out (no TLB_SKIP).
 *   In the modern era a flush that frees no page tables leaves lazy
 *   CPUs out (TLB_SKIP).  A CPU left out that goes from lazy mode back
 *   to a user of the mm (a SWITCH from a task without mm, SAME: no CR3
 *   write; or a kernel thread's USE_MM) owes a TLB_CATCHUP, which must
 *   come before its next SWITCH (or the thread's UNUSE_MM).  Only a
 *   switch that comes after the skip owes one: the flush records its
 *   skip before it decides whom it leaves out, so a task already
 *   running when the skip came may have left before the decision.
 *   In both eras a flush that frees page tables reaches every CPU: at
 *   EXIT_MMAP no CPU but the one that unmapped may still have the mm
 *   loaded (the others answered with leave_mm before the free).
 *
 * checker.c calls check_tlb before each record is applied.
 */
#include <inttypes.h>
#include "model/checker_int.h"

/* Did the catch-up cpu c owes come?  At its next SWITCH or UNUSE_MM. */
static void owed_paid(struct model *m, unsigned c)
{
	struct cpu *cp = &m->cpu[c];

	if (cp->ck.tlb_owed)
		check_simple(m, RULE_STALE_TLB, c, cp->ck.tlb_owed,
			     cp->ck.tlb_owed_pid,
			     "pid %u used mm %u on cpu %u from event %" PRIu64
			     " on, after a flush left the CPU out while it "
			     "was lazy (tlb_gen %u), and switch_mm never "
			     "caught up", cp->ck.tlb_owed_pid, cp->ck.tlb_owed,
			     c, cp->ck.tlb_owed_n, cp->stale_gen);
	cp->ck.tlb_owed = 0;
}

/* Lazy cpu c goes back to a user of mm id: a stale TLB must catch up. */
static void owe_catchup(struct model *m, unsigned c, unsigned id, unsigned pid)
{
	struct cpu *cp = &m->cpu[c];

	if (!id || cp->tlb_stale != id)
		return;
	cp->ck.tlb_owed = id;
	cp->ck.tlb_owed_pid = pid;
	cp->ck.tlb_owed_n = m->n;
}

/* EXIT_MMAP: every other CPU left the mm before its page tables went. */
static void freed_tables(struct model *m, unsigned c, unsigned id)
{
	unsigned i;

	for (i = 0; i < m->ncpu && i < MODEL_MAXCPU; i++)
		if (i != c && m->cpu[i].online && m->cpu[i].cr3 == id)
			check_simple(m, RULE_STALE_TLB, c, id,
				     m->cpu[i].current,
				     "exit_mmap freed the page tables of mm %u "
				     "while cpu %u still had it loaded: the "
				     "flush before must reach lazy CPUs too",
				     id, i);
}

void check_tlb(struct model *m, const struct mmt_event *ev)
{
	union {
		struct mmt_switch s;
		struct mmt_use_mm u;
		struct mmt_exit_mmap x;
		struct mmt_tlb_skip k;
		struct mmt_tlb_catchup t;
	} r;
	unsigned c = ev->cpu;

	decode_copy(ev, &r, sizeof r);
	switch (ev->type) {
	case MMT_SWITCH:
		owed_paid(m, c);
		if (!r.s.prev_mm && (r.s.flags & MMT_SW_SAME))
			owe_catchup(m, c, r.s.next_mm, r.s.next);
		break;
	case MMT_USE_MM:
		owe_catchup(m, c, r.u.mm, r.u.pid);
		break;
	case MMT_UNUSE_MM:
		owed_paid(m, c);
		break;
	case MMT_TLB_CATCHUP:
		if (m->cpu[c].ck.tlb_owed == r.t.mm)
			m->cpu[c].ck.tlb_owed = 0;
		break;
	case MMT_EXIT_MMAP:
		freed_tables(m, c, r.x.mm);
		break;
	case MMT_TLB_SKIP:
		if (m->era == MMT_ERA_2632)
			check_simple(m, RULE_STALE_TLB, c, r.k.mm, 0,
				     "a flush of mm %u left lazy CPU(s) 0x%x "
				     "out, but 2.6.32 sends it to every CPU in "
				     "mm_cpumask", r.k.mm, r.k.cpumask);
		break;
	}
}
