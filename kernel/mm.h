/*
 * mm.h - struct mm_struct, an address space, and its user regions.
 *
 * Two counters keep an mm alive (Documentation/mm/active_mm.rst):
 * mm_users counts the tasks (and get_task_mm pins) that use its user
 * mappings; mm_count counts the references to the struct itself: one
 * for all the users together, one for each lazy borrower (a kernel
 * thread's active_mm), one for a pending rq->prev_mm.  mmput at
 * mm_users 0 tears the user mappings down (exit_mmap) and drops the
 * users' count; mmdrop at mm_count 0 frees the page directory and the
 * struct (__mmdrop).  init_mm is static and never freed.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include "types.h"
#include "param.h"
#include "atomic.h"
#include "list.h"
#include "spinlock.h"

struct task_struct;

/* vm_area_struct.vm_flags (Linux's values) */
#define VM_READ		0x0001
#define VM_WRITE	0x0002
#define VM_EXEC		0x0004
#define VM_GROWSDOWN	0x0100	/* the stack */

/* A user region [vm_start, vm_end), every page mapped (no demand paging). */
struct vm_area_struct {
	uint vm_start;			/* first address, page-aligned */
	uint vm_end;			/* first address after it */
	uint vm_flags;			/* VM_* */
	struct mm_struct *vm_mm;	/* owner */
	struct vm_area_struct *vm_next;	/* next region up, sorted */
};

struct mm_struct {
	/* set by mm_init, then read-only: */
	pde_t *pgd;			/* page directory; kernel half = swapper_pg_dir's */
	ushort id;			/* trace id (MMT_MM_*), 1 = init_mm */

	/* mmap_lock (Linux's mmap_sem) must be held when using these: */
	struct spinlock mmap_lock;
	struct vm_area_struct *mmap;	/* regions, sorted by address */
	int map_count;			/* how many */
	uint start_brk;			/* heap start: end of the program's data */
	uint brk;			/* heap end */

	/*
	 * Changed only by mmget/mmput/mmgrab/mmdrop (mm.c), each under
	 * ref_trace_lock so that an mm's MM_REF records are in the order of
	 * its operations (Linux has no such lock; see mm.c).
	 */
	atomic_t mm_users;		/* users of the user mappings */
	atomic_t mm_count;		/* references to this struct */
	struct spinlock ref_trace_lock;

	/* atomic operations: */
	volatile uint cpu_vm_mask;	/* mm_cpumask: CPUs with this pgd loaded */
	volatile uint tlb_gen;		/* flushes so far (5.10's context.tlb_gen; tlb.c) */
};

extern struct mm_struct init_mm;
extern struct mm_struct *mm_table[MM_ID_MAX];
extern struct kmem_cache *mm_cachep, *vm_area_cachep;

#endif /* KERNEL_MM_H */
