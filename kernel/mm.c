/*
 * mm.c - the lifetime of an mm_struct: init_mm, mm_alloc, and the four
 * reference operations with Linux's names, mmget/mmput on mm_users and
 * mmgrab/mmdrop on mm_count (2.6.32 spells the gets atomic_inc), and
 * __mmdrop, which frees the page directory and the struct.
 *
 * Each operation emits MM_REF: the operation, the reason, both counters
 * after it and the caller (__builtin_return_address: kernel/SConscript
 * turns off sibling calls so that it is the real caller).  For SMP the
 * atomic op, the read of both counters and the emit happen under the
 * mm's ref_trace_lock, so that the MM_REF records of one mm, ordered by
 * timestamp, are in the order of the operations and every reported pair
 * of values follows from the one before.  Linux has no such lock: it
 * exists only so that the trace can be re-derived.
 *
 * mm_table_lock protects mm_table, every live mm by its trace id: the
 * end-of-run leak check walks it, and so can a debugger (the symbol
 * mm_table; cpus[] has each CPU's current task and loaded_mm).  MM_ALLOC
 * and MM_FREE are emitted under it, so that on any CPU the MM_FREE of
 * an id comes before the MM_ALLOC that gives it out again.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "cmdline.h"
#include "mm.h"
#include "scenario.h"
#include "sched.h"
#include "slab.h"
#include "trace.h"

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.id = MMT_MM_INIT,
	.mm_users = ATOMIC_INIT(2),	/* INIT_MM: Linux's static values */
	.mm_count = ATOMIC_INIT(1),
};

struct kmem_cache *mm_cachep, *vm_area_cachep;
atomic_t nr_mms;			/* mm_structs allocated, init_mm not counted */

static struct spinlock mm_table_lock;
struct mm_struct *mm_table[MM_ID_MAX] = {	/* by id; 0 is NULL */
	[MMT_MM_INIT] = &init_mm,
};

/* Caches and locks, before the first trace record. */
void mm_cache_init(void)
{
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct));
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct));
	initlock(&mm_table_lock, "mm_table");
	initlock(&init_mm.mmap_lock, "init_mm.mmap_lock");
	initlock(&init_mm.ref_trace_lock, "init_mm.ref_trace_lock");
}

/* MM_ALLOC for init_mm: the trace's first word on it (trace_init). */
void init_mm_announce(void)
{
	trace_mm_alloc(&init_mm, 0, MMT_ALLOC_INIT);
}

/* Give mm the lowest free id, or 0 if none is left; MM_ALLOC.  mm_table_lock held. */
static uint mm_id_alloc(struct mm_struct *mm, struct task_struct *p, uint reason)
{
	uint id;

	for (id = MMT_MM_INIT + 1; id < MM_ID_MAX; id++) {
		if (!mm_table[id]) {
			mm_table[id] = mm;
			mm->id = id;
			trace_mm_alloc(mm, p->pid, reason);
			return id;
		}
	}
	return 0;
}

/* mm_init: a new mm for task p, users 1, count 1, its own pgd; MM_ALLOC. */
static struct mm_struct *mm_init(struct mm_struct *mm, struct task_struct *p, uint reason)
{
	uint id;

	initlock(&mm->mmap_lock, "mmap_lock");
	initlock(&mm->ref_trace_lock, "ref_trace_lock");
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	if ((mm->pgd = pgd_alloc()) == 0)
		return 0;
	acquire(&mm_table_lock);
	id = mm_id_alloc(mm, p, reason);
	release(&mm_table_lock);
	if (id == 0) {
		pgd_free(mm->pgd);
		return 0;
	}
	atomic_inc(&nr_mms);
	return mm;
}

/*
 * A new, empty address space for task p (reason MMT_ALLOC_FORK for
 * dup_mm, MMT_ALLOC_EXEC for exec), or 0 when memory or ids run out.
 */
struct mm_struct *mm_alloc(struct task_struct *p, uint reason)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep);

	if (mm && !mm_init(mm, p, reason)) {
		kmem_cache_free(mm_cachep, mm);
		mm = 0;
	}
	return mm;
}

/*
 * bug=trace_lie: the MM_REF of a lazy borrow reports mm_count one lower
 * than it is.  Memory stays right: a debugger that reads the mm (mmscope
 * verify) sees the trace differ from the truth, and a checker of the
 * trace alone sees the lie contradict the counts before it.
 */
static int trace_lie(uint why)
{
	return why == MMT_WHY_LAZY_BORROW && bug_injected(MMT_BUG_TRACE_LIE);
}

/*
 * One reference operation under ref_trace_lock (see the top of the
 * file): the atomic op, MM_REF with both counters after it.  Returns 1
 * if a decrement reached 0.  A poisoned id means the mm was freed: a
 * use after free, caught before the lock (poison too) hangs us.
 */
static int mm_ref(struct mm_struct *mm, uint op, uint why, void *caller)
{
	atomic_t *v = op <= MMT_OP_MMPUT ? &mm->mm_users : &mm->mm_count;	/* ops 1, 2: users */
	int zero = 0;

	if (mm->id == (POISON_FREE << 8 | POISON_FREE))
		panic("mm_ref: op %u on freed mm 0x%x", op, (uint) mm);
	acquire(&mm->ref_trace_lock);
	if (op == MMT_OP_MMGET || op == MMT_OP_MMGRAB)
		atomic_inc(v);
	else
		zero = atomic_dec_and_test(v);
	if (likely(tracing_on))
		trace_mm_ref(mm->id, op, why, atomic_read(&mm->mm_users),
			     atomic_read(&mm->mm_count) - trace_lie(why), (uint) caller);
	release(&mm->ref_trace_lock);
	return zero;
}

/* mm_users++: one more user of the mappings (2.6.32: atomic_inc(&mm->mm_users)). */
noinline void mmget(struct mm_struct *mm, uint why)
{
	mm_ref(mm, MMT_OP_MMGET, why, __builtin_return_address(0));
}

/* mm_count++: a reference to the struct (2.6.32: atomic_inc(&mm->mm_count)). */
noinline void mmgrab(struct mm_struct *mm, uint why)
{
	mm_ref(mm, MMT_OP_MMGRAB, why, __builtin_return_address(0));
}

/* mm_count--; at 0 free it. */
noinline void mmdrop(struct mm_struct *mm, uint why)
{
	void *caller = __builtin_return_address(0);

	if (mm_ref(mm, MMT_OP_MMDROP, why, caller))
		__mmdrop(mm, caller);
}

/*
 * mm_users--; the last user tears down the user mappings and drops the
 * count all the users held together.  bug=mmput_frees frees the mm
 * there and then, whatever mm_count says.
 */
noinline void mmput(struct mm_struct *mm, uint why)
{
	void *caller = __builtin_return_address(0);

	if (mm_ref(mm, MMT_OP_MMPUT, why, caller)) {
		exit_mmap(mm);
		if (bug_injected(MMT_BUG_MMPUT_FREES))
			__mmdrop(mm, caller);
		else
			mmdrop(mm, MMT_WHY_MMPUT_LAST);
	}
}

/*
 * A Linux BUG_ON made explicit: an mm being freed must not be loaded in
 * any CPU's CR3 nor be any task's mm or active_mm.  Panicking here keeps
 * the kernel alive long enough for the trace to show what went wrong
 * (the fault injections of bug= end here).
 */
static void mm_free_check(struct mm_struct *mm)
{
	struct task_struct *t;
	int i;

	for (i = 0; i < NCPU; i++) {
		t = cpus[i].rq.curr;
		if (cpus[i].loaded_mm == mm)
			panic("__mmdrop: mm %u in cr3 of cpu %d, pid %d", mm->id, i, t ? t->pid : -1);
		if (cpus[i].rq.idle && cpus[i].rq.idle->active_mm == mm)
			panic("__mmdrop: mm %u active_mm of idle, cpu %d", mm->id, i);
	}
	acquire(&tasklist_lock);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->mm == mm || t->active_mm == mm) {
			release(&tasklist_lock);
			panic("__mmdrop: mm %u %s of pid %d, cpu %d", mm->id,
			      t->mm == mm ? "mm" : "active_mm", t->pid, t->cpu);
		}
	}
	release(&tasklist_lock);
}

/*
 * Free mm and its page directory: MM_FREE, then the id may be reused.
 * MM_FREE goes out before mm_free_check: the kernel has decided to free,
 * and the trace must show that decision for the host's checker to name
 * the broken rule (free_while_active, free_with_count); the check then
 * stops the kernel before the memory is really given back.
 */
void __mmdrop(struct mm_struct *mm, void *caller)
{
	if (mm == &init_mm)
		panic("__mmdrop: init_mm freed");
	/* traced first, under the lock that orders id reuse, so a refused
	 * free is still seen by the host before the panic */
	acquire(&mm_table_lock);
	trace_mm_free(mm->id, V2P(mm->pgd), (uint) caller);
	mm_table[mm->id] = 0;
	release(&mm_table_lock);
	mm_free_check(mm);
	pgd_free(mm->pgd);
	atomic_dec(&nr_mms);
	kmem_cache_free(mm_cachep, mm);
}

/* Pin task's mm (mm_users) so it outlives the task's use of it; 0 if none. */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	task_lock(task);
	mm = task->mm;
	if (mm) {
		if (task->flags & PF_KTHREAD)
			mm = 0;		/* a kernel thread inside use_mm */
		else
			mmget(mm, MMT_WHY_GET_TASK_MM);
	}
	task_unlock(task);
	return mm;
}

/*
 * End of a run: a leaked mm is a kernel bug we can name.  It is not a
 * crash (Linux would leak it silently), so the run ends normally with
 * END FAIL naming the mm, and END.mms shows the leak to the checker.
 */
void mm_leak_check(void)
{
	struct mm_struct *mm;
	uint id;
	int users, count;

	acquire(&mm_table_lock);
	for (id = MMT_MM_INIT + 1; id < MM_ID_MAX; id++) {
		if ((mm = mm_table[id]) != 0) {
			users = atomic_read(&mm->mm_users);
			count = atomic_read(&mm->mm_count);
			release(&mm_table_lock);
			scenario_abort("leak: mm %u users %d count %d at end",
				       id, users, count);
		}
	}
	release(&mm_table_lock);
}
