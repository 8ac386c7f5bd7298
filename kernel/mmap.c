/*
 * mmap.c - user regions (VMAs) and their pages: the program's segments,
 * the heap (brk), the stack and mmap regions; dup_mmap for fork and
 * exit_mmap for the last mmput (Linux's mm/mmap.c, small).
 *
 * Every page of a region is mapped, zeroed, when the region is made: no
 * demand paging and no copy-on-write, so fork copies pages.  User page
 * tables stay until exit_mmap.  mm->mmap_lock protects an mm's regions,
 * brk and user page tables.
 *
 * Unmapping takes three steps, so that no CPU can reach a page that is
 * freed: the PTEs are made not present (the frame stays in the PTE),
 * every TLB that may hold them is flushed (flush_tlb_mm_range: this
 * CPU's and the other CPUs' in mm_cpumask, by TLB shootdown; page tables
 * stay, so the modern era leaves lazy CPUs out), then the frames are
 * freed and the PTEs cleared.  exit_mmap frees the page tables too: its
 * flush_tlb_mm reaches every CPU in the mask.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "memlayout.h"
#include "mmu.h"
#include "x86.h"
#include "mm.h"
#include "sched.h"
#include "slab.h"
#include "trace.h"

static uint vma_perm(uint flags)
{
	return PTE_U | (flags & VM_WRITE ? PTE_W : 0);
}

/* The first region that ends above addr, or 0; mmap_lock held. */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint addr)
{
	struct vm_area_struct *v;

	for (v = mm->mmap; v; v = v->vm_next)
		if (v->vm_end > addr)
			return v;
	return 0;
}

/* Is [start, end) free of regions?  mmap_lock held. */
static int range_free(struct mm_struct *mm, uint start, uint end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	return start < end && end <= KERNBASE && (!v || v->vm_start >= end);
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct **pp = &mm->mmap;

	while (*pp && (*pp)->vm_start < vma->vm_start)
		pp = &(*pp)->vm_next;
	vma->vm_next = *pp;
	*pp = vma;
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct **pp = &mm->mmap;

	while (*pp != vma)
		pp = &(*pp)->vm_next;
	*pp = vma->vm_next;
	mm->map_count--;
	kmem_cache_free(vm_area_cachep, vma);
}

/* Make the pages in [start, end) not present, frames kept; how many there were. */
static uint clear_ptes(struct mm_struct *mm, uint start, uint end)
{
	uint a, n = 0;
	pte_t *pte;

	for (a = start; a < end; a += PGSIZE) {
		if ((pte = walkpgdir(mm->pgd, a, 0)) == 0 || !(*pte & PTE_P))
			continue;
		*pte &= ~PTE_P;
		n++;
	}
	return n;
}

/* Free the frames clear_ptes left in [start, end), once no TLB holds them. */
static void free_cleared(struct mm_struct *mm, uint start, uint end)
{
	uint a;
	pte_t *pte;

	for (a = start; a < end; a += PGSIZE) {
		if ((pte = walkpgdir(mm->pgd, a, 0)) == 0 || *pte == 0)
			continue;
		if (*pte & PTE_P)
			panic("free_cleared: page 0x%x of mm %u is still present", a, mm->id);
		kfree(P2V(PTE_ADDR(*pte)));
		*pte = 0;
	}
}

/* Unmap and free the pages in [start, end): all three steps; how many there were. */
static uint unmap_pages(struct mm_struct *mm, uint start, uint end)
{
	uint n = clear_ptes(mm, start, end);

	if (n) {
		flush_tlb_mm_range(mm, 0);
		free_cleared(mm, start, end);
	}
	return n;
}

/* Map fresh zeroed pages over [start, end); on failure nothing stays mapped. */
static int map_pages(struct mm_struct *mm, uint start, uint end, uint perm)
{
	uint a;
	char *page;

	for (a = start; a < end; a += PGSIZE) {
		if ((page = kalloc()) == 0)
			goto fail;
		memset(page, 0, PGSIZE);
		if (mappages(mm->pgd, a, PGSIZE, V2P(page), perm) < 0) {
			kfree(page);
			goto fail;
		}
	}
	return 0;
fail:
	unmap_pages(mm, start, a);
	return -ENOMEM;
}

/* A new region [start, end) with flags, its pages mapped; mmap_lock held. */
static struct vm_area_struct *vma_add(struct mm_struct *mm, uint start, uint end, uint flags)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep);

	if (!vma)
		return 0;
	if (map_pages(mm, start, end, vma_perm(flags)) < 0) {
		kmem_cache_free(vm_area_cachep, vma);
		return 0;
	}
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_mm = mm;
	vma_link(mm, vma);
	return vma;
}

/* exec: a region for a segment or the stack, in a new mm.  0 or -errno. */
int mm_add_region(struct mm_struct *mm, uint start, uint end, uint flags)
{
	int err = 0;

	acquire(&mm->mmap_lock);
	if (!range_free(mm, start, end))
		err = -EINVAL;
	else if (!vma_add(mm, start, end, flags))
		err = -ENOMEM;
	release(&mm->mmap_lock);
	return err;
}

/* mmap(len): an anonymous read-write region at the first gap from MMAP_BASE. */
long do_mmap(struct mm_struct *mm, uint len)
{
	struct vm_area_struct *v;
	uint addr = MMAP_BASE;

	len = PGROUNDUP(len);
	if (len == 0 || len > KERNBASE - MMAP_BASE)
		return -EINVAL;
	acquire(&mm->mmap_lock);
	for (v = find_vma(mm, addr); v && v->vm_start < addr + len; v = v->vm_next)
		addr = MAX(addr, v->vm_end);
	if (addr + len > KERNBASE || addr + len < addr || !vma_add(mm, addr, addr + len,
								   VM_READ | VM_WRITE)) {
		release(&mm->mmap_lock);
		return -ENOMEM;
	}
	trace_mm_map(mm->id, MMT_MAP_MMAP, addr, len);
	release(&mm->mmap_lock);
	return addr;
}

/*
 * Take [start, end) out of region v, whose pages there are cleared and
 * flushed; spare is for a split.  mmap_lock held.
 */
static void vma_unmap(struct mm_struct *mm, struct vm_area_struct *v, uint start, uint end,
		      struct vm_area_struct **spare)
{
	start = MAX(start, v->vm_start);
	end = MIN(end, v->vm_end);
	free_cleared(mm, start, end);
	if (start == v->vm_start && end == v->vm_end) {
		vma_unlink(mm, v);
	} else if (start == v->vm_start) {
		v->vm_start = end;
	} else if (end == v->vm_end) {
		v->vm_end = start;
	} else {		/* a hole in the middle: the top half is a new region */
		**spare = *v;
		(*spare)->vm_start = end;
		v->vm_end = start;
		vma_link(mm, *spare);
		*spare = 0;
	}
}

/* munmap(addr, len): remove every mapping in [addr, addr + len). */
long do_munmap(struct mm_struct *mm, uint addr, uint len)
{
	struct vm_area_struct *v, *next, *spare;
	uint end = addr + PGROUNDUP(len);

	if (addr % PGSIZE || len == 0 || end > KERNBASE || end <= addr)
		return -EINVAL;
	if ((spare = kmem_cache_alloc(vm_area_cachep)) == 0)
		return -ENOMEM;
	acquire(&mm->mmap_lock);
	if (clear_ptes(mm, addr, end))
		flush_tlb_mm_range(mm, 0);
	for (v = find_vma(mm, addr); v && v->vm_start < end; v = next) {
		next = v->vm_next;
		vma_unmap(mm, v, addr, end, &spare);
	}
	trace_mm_map(mm->id, MMT_MAP_MUNMAP, addr, end - addr);
	release(&mm->mmap_lock);
	if (spare)
		kmem_cache_free(vm_area_cachep, spare);
	return 0;
}

/* Move the heap's end from page oldend to newend (both page-aligned); mmap_lock held. */
static int heap_resize(struct mm_struct *mm, uint oldend, uint newend)
{
	struct vm_area_struct *heap = find_vma(mm, mm->start_brk);

	if (heap && heap->vm_start != mm->start_brk)
		heap = 0;
	if (newend > oldend) {
		if (!range_free(mm, oldend, newend))
			return -ENOMEM;
		if (!heap)
			return vma_add(mm, oldend, newend, VM_READ | VM_WRITE) ? 0 : -ENOMEM;
		if (map_pages(mm, oldend, newend, vma_perm(heap->vm_flags)) < 0)
			return -ENOMEM;
		heap->vm_end = newend;
	} else if (heap) {
		unmap_pages(mm, newend, oldend);
		if (newend == heap->vm_start)
			vma_unlink(mm, heap);
		else
			heap->vm_end = newend;
	}
	return 0;
}

/*
 * brk(addr): move the end of the heap to addr (Linux's sys_brk); the
 * heap is the region from start_brk, the end of the program's data.
 * Returns the end of the heap, unchanged if addr is 0 or impossible.
 * MM_MAP brk reports the heap as start_brk and its length.
 */
long do_brk(struct mm_struct *mm, uint addr)
{
	long brk;

	acquire(&mm->mmap_lock);
	if (addr >= mm->start_brk && addr < MMAP_BASE &&
	    heap_resize(mm, PGROUNDUP(mm->brk), PGROUNDUP(addr)) == 0) {
		mm->brk = addr;
		trace_mm_map(mm->id, MMT_MAP_BRK, mm->start_brk, addr - mm->start_brk);
	}
	brk = mm->brk;
	release(&mm->mmap_lock);
	return brk;
}

/* Copy region v of oldmm into mm: the region and every page's contents. */
static int dup_vma(struct mm_struct *mm, struct mm_struct *oldmm, struct vm_area_struct *v)
{
	pte_t *src, *dst;
	uint a;

	if (!vma_add(mm, v->vm_start, v->vm_end, v->vm_flags))
		return -ENOMEM;
	for (a = v->vm_start; a < v->vm_end; a += PGSIZE) {
		src = walkpgdir(oldmm->pgd, a, 0);
		dst = walkpgdir(mm->pgd, a, 0);
		if (!src || !(*src & PTE_P) || !dst)
			panic("dup_vma: page 0x%x of mm %u is not mapped", a, oldmm->id);
		memmove(P2V(PTE_ADDR(*dst)), P2V(PTE_ADDR(*src)), PGSIZE);
	}
	return 0;
}

/* fork: give the new mm a copy of oldmm's regions and pages (no COW). */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *v;
	int err = 0;

	acquire(&oldmm->mmap_lock);
	acquire(&mm->mmap_lock);
	for (v = oldmm->mmap; v && !err; v = v->vm_next)
		err = dup_vma(mm, oldmm, v);
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	release(&mm->mmap_lock);
	release(&oldmm->mmap_lock);
	return err;
}

/* Free the user half's page tables, TLBs flushed already; how many.  mmap_lock held. */
static uint free_pgtables(struct mm_struct *mm)
{
	uint i, n = 0;

	for (i = 0; i < KERN_PDE_FIRST; i++) {
		if (mm->pgd[i] & PTE_P) {
			kfree(P2V(PTE_ADDR(mm->pgd[i])));
			mm->pgd[i] = 0;
			n++;
		}
	}
	if (n && mycpu()->loaded_mm == mm)
		local_flush_tlb();
	return n;
}

/*
 * The last user is gone (mmput): remove every region, free every user
 * page and page table, report them (EXIT_MMAP).  The TLB shootdown
 * makes the CPUs that run on the mm lazily leave it (they keep it as
 * active_mm); the pgd stays until __mmdrop.
 */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *v;
	uint vmas = 0, pages = 0;

	acquire(&mm->mmap_lock);
	for (v = mm->mmap; v; v = v->vm_next)
		pages += clear_ptes(mm, v->vm_start, v->vm_end);
	flush_tlb_mm(mm);
	while ((v = mm->mmap) != 0) {
		free_cleared(mm, v->vm_start, v->vm_end);
		vma_unlink(mm, v);
		vmas++;
	}
	pages += free_pgtables(mm);
	mm->start_brk = mm->brk = 0;
	release(&mm->mmap_lock);
	trace_exit_mmap(mm->id, vmas, pages);
}
