/*
 * mmu_context.c - which page directory a CPU runs on: switch_mm,
 * enter_lazy_tlb and activate_mm (Linux's x86 asm/mmu_context.h), and
 * use_mm/unuse_mm (2.6.32 mm/mmu_context.c; 5.10 calls them
 * kthread_use_mm/kthread_unuse_mm, with the same counts).
 *
 * A CPU's loaded_mm is the mm whose pgd is in CR3, and the CPU is in
 * that mm's mm_cpumask, and in no other.  A kernel thread has no mm: it
 * runs on whatever was loaded (lazy TLB mode), its active_mm, until a
 * TLB shootdown for that mm makes the CPU leave_mm (tlb.c): then
 * swapper_pg_dir (init_mm's) is loaded while the active_mm stays (in the
 * modern era only a flush that frees page tables does that; others
 * leave a lazy CPU out, and it catches up here when it uses the mm
 * again).  Each CR3 write emits CR3_LOAD, each change of a mask
 * MM_CPUMASK, each catch-up TLB_CATCHUP.  Callers
 * keep interrupts off (a runqueue lock or task_lock), as Linux's do.
 */
#include "types.h"
#include "defs.h"
#include "memlayout.h"
#include "x86.h"
#include "atomic.h"
#include "cmdline.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

/* Put this CPU in mm_cpumask(mm). */
static void cpumask_enter(struct mm_struct *mm)
{
	if (!test_and_set_bit(cpuid(), &mm->cpu_vm_mask))
		trace_mm_cpumask(mm->id, 1);
}

static void cpumask_leave(struct mm_struct *mm)
{
	if (test_and_clear_bit(cpuid(), &mm->cpu_vm_mask))
		trace_mm_cpumask(mm->id, 0);
}

/*
 * Load next's page directory: this CPU leaves the mask of the mm it had
 * loaded and enters next's first, so that a shootdown for next from
 * now on reaches it, and reads next's tlb_gen after that (5.10: "Start
 * remote flushes and then read tlb_gen"): a flush it missed bumped the
 * gen before.  (A shootdown for the old mm that misses it does no harm:
 * the CR3 write flushes its user TLB entries.)  reason: CR3_LOAD's.
 */
static void load_mm(struct mm_struct *next, uint reason)
{
	struct cpu *c = mycpu();

	cpumask_leave(c->loaded_mm);
	cpumask_enter(next);
	c->tlb_gen = next->tlb_gen;	/* after entering the mask: tlb.c */
	lcr3(V2P(next->pgd));
	c->loaded_mm = next;
	trace_cr3_load(next->id, reason, V2P(next->pgd));
}

/* Will switch_mm(prev, next) write CR3?  (SWITCH.flags LOAD or SAME) */
int switch_mm_loads(struct mm_struct *prev, struct mm_struct *next)
{
	(void) prev;
	return mycpu()->loaded_mm != next;
}

/*
 * 5.10's switch_mm_irqs_off when next is loaded already and the CPU was
 * lazy: a flush may have left it out meanwhile (tlb.c).  If next's
 * tlb_gen moved past the one this CPU's TLB was flushed to ("TLB
 * contents went out of date while we were in lazy mode"), flush now:
 * TLB_CATCHUP.  The barrier orders the end of lazy mode before the read
 * of tlb_gen, against the flush's bump before its read of is_lazy.
 */
static void tlb_catch_up(struct mm_struct *next)
{
	struct cpu *c = mycpu();
	uint gen;

	__sync_synchronize();
	gen = next->tlb_gen;
	if (gen == c->tlb_gen)
		return;
	trace_tlb_catchup(next->id, c->tlb_gen, gen);
	local_flush_tlb();
	c->tlb_gen = gen;
}

/*
 * Run on next's page directory.  If it is loaded already (prev is
 * next, and no leave_mm took this CPU off it while it was lazy; then
 * its pgd is reloaded, as 2.6.32 does) there is no CR3 write, but in
 * the modern era a CPU back from lazy mode may have a TLB to catch up
 * on.  reason: CR3_LOAD's.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next, uint reason)
{
	struct cpu *c;
	int was_lazy;

	(void) prev;
	pushcli();
	c = mycpu();
	was_lazy = c->tlbstate == TLBSTATE_LAZY;
	c->tlbstate = TLBSTATE_OK;
	if (c->loaded_mm != next)
		load_mm(next, reason);
	else if (was_lazy && cmdline.era == MMT_ERA_MODERN)
		tlb_catch_up(next);
	popcli();
}

/*
 * x86's leave_mm: this lazy CPU got a TLB shootdown for the mm it runs
 * on without using it.  It loads swapper_pg_dir (init_mm's) and so
 * leaves the mm's mask; its current task keeps the mm as active_mm,
 * and the reference with it, until its next switch.  Interrupts off.
 */
void leave_mm(void)
{
	struct cpu *c = mycpu();

	if (c->tlbstate != TLBSTATE_LAZY)
		panic("leave_mm: cpu %d is not lazy", c->id);
	trace_leave_mm(c->loaded_mm->id);
	load_mm(&init_mm, MMT_CR3_LEAVE);
}

/* Has leave_mm taken this CPU off current's active_mm?  (A lazy kthread asks.) */
int active_mm_left(void)
{
	int left;

	pushcli();
	left = mycpu()->loaded_mm != current->active_mm;
	popcli();
	return left;
}

/* tsk runs on mm without owning it: no CR3 change, just the TLB state. */
void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
	pushcli();
	if (mycpu()->tlbstate == TLBSTATE_OK)
		mycpu()->tlbstate = TLBSTATE_LAZY;
	trace_enter_lazy(tsk->pid, mm->id);
	popcli();
}

/* exec_mmap: the new mm goes live on this CPU. */
void activate_mm(struct mm_struct *prev, struct mm_struct *next)
{
	switch_mm(prev, next, MMT_CR3_EXEC);
}

/* The first CR3 of a CPU: swapper_pg_dir, init_mm's (trace_init). */
void mm_cpu_boot(void)
{
	struct cpu *c = mycpu();

	c->loaded_mm = &init_mm;
	c->tlbstate = TLBSTATE_LAZY;
	trace_cr3_load(MMT_MM_INIT, MMT_CR3_BOOT, rcr3());
	cpumask_enter(&init_mm);
}

/*
 * A kernel thread adopts mm: it becomes its mm and active_mm, with a
 * grab of mm_count; the active_mm it borrowed before is dropped.  The
 * caller holds an mm_users pin (get_task_mm) while it uses the mm.
 */
void use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *active_mm;

	task_lock(tsk);
	active_mm = tsk->active_mm;
	trace_use_mm(MMT_USE_MM, tsk->pid, mm->id, active_mm->id);
	if (active_mm != mm) {
		mmgrab(mm, MMT_WHY_USE_MM);
		tsk->active_mm = mm;
	}
	tsk->mm = mm;
	switch_mm(active_mm, mm, MMT_CR3_USE_MM);
	task_unlock(tsk);
	if (active_mm != mm)
		mmdrop(active_mm, MMT_WHY_USE_MM_DROP);
}

/* Give mm up again: it stays loaded as a lazy active_mm, reference included. */
void unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;

	task_lock(tsk);
	trace_use_mm(MMT_UNUSE_MM, tsk->pid, mm->id, tsk->active_mm->id);
	tsk->mm = 0;
	enter_lazy_tlb(mm, tsk);
	task_unlock(tsk);
}
