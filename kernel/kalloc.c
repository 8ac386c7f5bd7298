/*
 * kalloc.c - physical page allocator: 4 KiB pages.
 *
 * Free memory is the RAM the multiboot memory map calls available, above
 * the kernel's end and below phystop.  A freed page goes on a free list
 * that keeps its link in the page itself (xv6); pages never used yet stay
 * in a few untouched ranges that kalloc() carves from when the list is
 * empty.  So boot touches no free page: under QEMU, writing a link into
 * each of 32768 pages costs 12 ms or more of host page faults before the
 * first trace byte.  Reached through the direct map (P2V).
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "mmu.h"
#include "multiboot.h"
#include "spinlock.h"

#define POISON_FREE	0x01	/* freed pages are filled with this (xv6's junk) */
#define NRANGES		8	/* untouched free ranges kept from the memory map */

extern char end[];		/* first address after the kernel (kernel.ld) */

struct run {
	struct run *next;
};

struct range {
	uint start;		/* next unused page (physical) */
	uint end;		/* end of the range */
};

static struct {
	struct spinlock lock;
	/* lock held: */
	struct run *freelist;	/* freed pages */
	struct range ranges[NRANGES];	/* never used pages */
	uint nranges;
	uint nfree;		/* pages on freelist and in ranges */
} kmem;

uint phystop;			/* end of the direct map (memlayout.h) */
uint totalram_pages;		/* pages under management */

/* Add physical [start, end), clipped to [floor, phystop), as untouched pages. */
static void add_range(uint64 start, uint64 end, uint floor)
{
	uint npages;

	start = PGROUNDUP(MAX(start, (uint64) floor));
	end = PGROUNDDOWN(MIN(end, (uint64) phystop));
	if (start >= end)
		return;
	if (kmem.nranges == NRANGES) {
		cprintf("kinit: more than %d free regions, 0x%x-0x%x unused\n", NRANGES,
			(uint) start, (uint) end);
		return;
	}
	kmem.ranges[kmem.nranges++] = (struct range) { start, end };
	npages = (end - start) / PGSIZE;
	kmem.nfree += npages;
	totalram_pages += npages;
}

/* phystop: the end of the highest available region, capped at PHYSTOP_MAX. */
static void find_phystop(struct multiboot_info *mbi)
{
	struct multiboot_mmap *m;
	uint64 top = EXTMEM + (uint64) mbi->mem_upper * 1024;
	uint off;

	if (mbi->flags & MB_INFO_MMAP) {
		top = 0;
		for (off = 0; off < mbi->mmap_length; off += m->size + 4) {
			m = P2V(mbi->mmap_addr + off);
			if (m->type == MB_MEM_AVAILABLE && m->addr + m->len > top)
				top = m->addr + m->len;
		}
	}
	if (top > PHYSTOP_MAX)
		cprintf("kinit: %u MiB of RAM, only the first %u MiB are used\n",
			(uint) (top >> 20), PHYSTOP_MAX >> 20);
	phystop = PGROUNDDOWN(MIN(top, (uint64) PHYSTOP_MAX));
}

/*
 * Take the free memory from the multiboot memory map (mem_upper if there
 * is none).  Runs on entrypgdir, which maps all of [0, PHYSTOP_MAX).
 */
void kinit(struct multiboot_info *mbi)
{
	struct multiboot_mmap *m;
	uint floor = V2P(end), off;

	initlock(&kmem.lock, "kmem");
	if (!(mbi->flags & (MB_INFO_MMAP | MB_INFO_MEMORY)))
		panic("kinit: the boot loader gave no memory information");
	find_phystop(mbi);
	acquire(&kmem.lock);
	if (!(mbi->flags & MB_INFO_MMAP)) {
		add_range(EXTMEM, phystop, floor);
	} else {
		for (off = 0; off < mbi->mmap_length; off += m->size + 4) {
			m = P2V(mbi->mmap_addr + off);
			if (m->type == MB_MEM_AVAILABLE)
				add_range(m->addr, m->addr + m->len, floor);
		}
	}
	release(&kmem.lock);
	cprintf("kinit: phystop 0x%x, %u free pages (%u KiB) above 0x%x\n",
		phystop, kmem.nfree, kmem.nfree * (PGSIZE / 1024), floor);
}

/* Free the page at kernel virtual address v, which kalloc() returned. */
void kfree(void *v)
{
	struct run *r = v;

	if ((uint) v % PGSIZE || (char *) v < end || V2P(v) >= phystop)
		panic("kfree: bad page 0x%x", (uint) v);
	memset(v, POISON_FREE, PGSIZE);	/* catch use after free */
	acquire(&kmem.lock);
	r->next = kmem.freelist;
	kmem.freelist = r;
	kmem.nfree++;
	release(&kmem.lock);
}

/* A page from the untouched ranges, or 0; kmem.lock held. */
static void *range_alloc(void)
{
	struct range *rg;
	uint i;

	for (i = 0; i < kmem.nranges; i++) {
		rg = &kmem.ranges[i];
		if (rg->start < rg->end) {
			rg->start += PGSIZE;
			return P2V(rg->start - PGSIZE);
		}
	}
	return 0;
}

/* A free 4 KiB page (kernel virtual address), or 0 if none is left. */
void *kalloc(void)
{
	void *v;

	acquire(&kmem.lock);
	if ((v = kmem.freelist) != 0)
		kmem.freelist = kmem.freelist->next;
	else
		v = range_alloc();
	if (v)
		kmem.nfree--;
	release(&kmem.lock);
	return v;
}

uint nr_free_pages(void)
{
	return kmem.nfree;
}
