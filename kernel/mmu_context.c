/*
 * mmu_context.c - which page directory a CPU runs on: switch_mm,
 * enter_lazy_tlb and activate_mm (Linux's x86 asm/mmu_context.h), and
 * use_mm/unuse_mm (2.6.32 mm/mmu_context.c; 5.10 calls them
 * kthread_use_mm/kthread_unuse_mm, with the same counts).
 *
 * A CPU's loaded_mm is the mm whose pgd is in CR3, and the CPU is in
 * that mm's mm_cpumask.  A kernel thread has no mm: it runs on whatever
 * was loaded (lazy TLB mode), its active_mm.  Each CR3 write emits
 * CR3_LOAD, each change of a mask MM_CPUMASK.  Callers keep interrupts
 * off (a runqueue lock or task_lock), as Linux's do.
 */
#include "types.h"
#include "defs.h"
#include "memlayout.h"
#include "x86.h"
#include "atomic.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

static void load_cr3(struct mm_struct *mm, uint reason)
{
	struct cpu *c = mycpu();

	lcr3(V2P(mm->pgd));
	c->loaded_mm = mm;
	trace_cr3_load(mm->id, reason, V2P(mm->pgd));
}

/* Put this CPU in mm_cpumask(mm); 1 if it was not there. */
static int cpumask_enter(struct mm_struct *mm)
{
	if (test_and_set_bit(cpuid(), &mm->cpu_vm_mask))
		return 0;
	trace_mm_cpumask(mm->id, 1);
	return 1;
}

static void cpumask_leave(struct mm_struct *mm)
{
	if (test_and_clear_bit(cpuid(), &mm->cpu_vm_mask))
		trace_mm_cpumask(mm->id, 0);
}

/* Will switch_mm(prev, next) write CR3?  (SWITCH.flags LOAD or SAME) */
int switch_mm_loads(struct mm_struct *prev, struct mm_struct *next)
{
	return prev != next || !(next->cpu_vm_mask & (1u << cpuid()));
}

/*
 * Run on next's page directory.  If it is prev's, nothing to do, unless
 * leave_mm took this CPU out of the mask while it was lazy (issue 5):
 * then the pgd is reloaded, as 2.6.32 does.  reason: CR3_LOAD's.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next, uint reason)
{
	pushcli();
	mycpu()->tlbstate = TLBSTATE_OK;
	if (prev != next) {
		cpumask_leave(prev);
		cpumask_enter(next);
		load_cr3(next, reason);
	} else if (cpumask_enter(next)) {
		load_cr3(next, reason);
	}
	popcli();
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
